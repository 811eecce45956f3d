// The seed's second pattern: a `model` attribute on each side, kept in sync by the app.
module.exports = {
  attributes: {
    name: {
      type: 'string'
    },
    color: {
      type: 'string'
    },
    owner: {
      model: 'user'
    }
  }
};
