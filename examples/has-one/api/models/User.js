// …and User declares the inverse with `model` + `via`: no column, one record or null.
module.exports = {
  attributes: {
    name: { type: 'string' },
    age: { type: 'number' },
    pet: { model: 'pet', via: 'owner' }
  }
};
