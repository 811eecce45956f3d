// Mooring's has-one: the one foreign key lives on Pet and is unique…
module.exports = {
  attributes: {
    name: { type: 'string' },
    color: { type: 'string' },
    owner: { model: 'user', unique: true }
  }
};
