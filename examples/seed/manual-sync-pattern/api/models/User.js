module.exports = {
  attributes: {
    name: {
      type: 'string'
    },
    age: {
      type: 'number'
    },
    pet: {
      model: 'pet'
    }
  }
};
