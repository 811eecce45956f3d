const Waterline = require('waterline');
const pgAdapter = require('sails-postgresql');
const orm = new Waterline();
const user = require('../examples/seed/collection-pattern/api/models/User.js');
const pet = require('../examples/seed/collection-pattern/api/models/Pet.js');
const base = { id: { type: 'number', autoMigrations: { autoIncrement: true } },
   createdAt: { type: 'number', autoCreatedAt: true }, updatedAt: { type: 'number', autoUpdatedAt: true } };
const sailsify = (attrs) => Object.fromEntries(Object.entries(attrs).map(([k, a]) => { const { unique, autoIncrement, columnType, autoMigrations, ...rest } = a; const am = { ...(autoMigrations||{}) }; if (unique !== undefined) am.unique = unique; if (autoIncrement !== undefined) am.autoIncrement = autoIncrement; return [k, (rest.model || rest.collection) && !unique ? rest : { ...rest, autoMigrations: am }]; }));
const m = (identity, tableName, def) => Waterline.Model.extend({ identity, tableName, datastore: 'default', primaryKey: 'id', ...def, attributes: sailsify({ ...base, ...def.attributes }) });
orm.registerModel(m('user', 't_user', user));
orm.registerModel(m('pet', 't_pet', pet));
orm.initialize({ adapters: { pg: pgAdapter }, datastores: { default: { adapter: 'pg', url: 'postgres://postgres@127.0.0.1:5432/mooring_bench' } } }, async (err, o) => {
  if (err) throw err;
  const { user: User, pet: Pet } = o.collections;
  const us = await User.createEach([{ name: 'a', age: 3 }, { name: 'b', age: 4 }]).fetch();
  console.log(us);
  await Pet.createEach(us.map((u) => ({ name: 'p' + u.name, color: 'red', owner: u.id })));
  console.log(JSON.stringify(await User.find().populate('pet')));
  console.log(JSON.stringify(await Pet.find().populate('owner')));
  console.log(JSON.stringify(await Pet.findOne({id: 1}).populate('owner')));
  orm.teardown(() => {});
});
