module.exports = {
  attributes: {
    name: {
      type: 'string'
    },
    age: {
      type: 'number'
    },
    pet: {
      collection: 'pet',
      via: 'owner'
    }
  }
};
