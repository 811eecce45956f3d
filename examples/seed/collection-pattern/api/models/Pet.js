// The seed's first pattern: a unique foreign key on Pet, a collection on User.
module.exports = {
  attributes: {
    name: {
      type: 'string'
    },
    color: {
      type: 'string'
    },
    owner: {
      model: 'user',
      unique: true
    }
  }
};
