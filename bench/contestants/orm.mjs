// Mooring and Waterline run the very same model code: that is Mooring's promise. Only the
// constructor, the adapter wiring and the definition format (Sails' autoMigrations) differ.
import { createRequire } from 'node:module';
import { seedRows } from '../lib/data.mjs';
import { APP_DEFAULTS, forWaterline, modelsFor } from '../lib/models.mjs';

const require = createRequire(import.meta.url);

/**
 * options: { orm: 'mooring' | 'waterline', datastore: config (Waterline-style, minus the name),
 * prefix, sets: ['p1', 'p2', 'ins'], seedThroughOrm?: true (fill p1 untimed, for sails-disk) }
 */
export async function open(options) {
  // Each process loads only the ORM it measures, so peak RSS is that ORM's.
  const Waterline = options.orm === 'mooring' ? (await import('mooring')).default : require('waterline');
  const adapters = options.orm === 'waterline' ? { [options.datastore.adapter]: require(options.datastore.adapter) } : {};

  const lifted = {};
  for (const set of options.sets) {
    const orm = new Waterline();
    // Datastore names differ per set: a sails-* adapter keeps one registry per process.
    const datastore = `bench_${set}`;
    for (const [identity, def] of Object.entries(modelsFor(set, options.prefix))) {
      const full = { identity, datastore, ...def };
      orm.registerModel(Waterline.Model.extend(options.orm === 'waterline' ? forWaterline(full) : full));
    }
    const config = {
      adapters,
      datastores: { [datastore]: options.datastore },
      // The harness created the tables; neither ORM migrates (Waterline alone never does).
      ...(options.orm === 'mooring' ? { defaults: { ...APP_DEFAULTS, migrate: 'safe' } } : {}),
    };
    const ontology = await new Promise((resolve, reject) => {
      orm.initialize(config, (err, result) => (err ? reject(err) : resolve(result)));
    });
    lifted[set] = { orm, models: ontology.collections };
  }
  const models = (set) => lifted[set].models;

  if (options.seedThroughOrm) await seedP1(models('p1'), options.sizes);

  return {
    async insertPairs(users, pets) {
      const { user, pet } = models('ins');
      const created = await user.createEach(users).fetch();
      await pet.createEach(pets.map((p, i) => ({ ...p, owner: created[i].id })));
      return created.length;
    },
    usersWithPet: (set, after, limit) => models(set).user.find({ where: { id: { '>': after } }, sort: 'id ASC', limit }).populate('pet'),
    petsWithOwner: (set, after, limit) => models(set).pet.find({ where: { id: { '>': after } }, sort: 'id ASC', limit }).populate('owner'),
    petWithOwner: (id) => models('p1').pet.findOne({ id }).populate('owner'),
    usersWithPosts: (maxId) => models('p1').user.find({ where: { id: { '<=': maxId } }, sort: 'id ASC' }).populate('posts'),
    async close() {
      for (const { orm } of Object.values(lifted)) await new Promise((resolve) => orm.teardown(() => resolve()));
    },
  };
}

/** The seeded pattern-1 users and pets, written through the ORM (stores without SQL access). */
async function seedP1({ user, pet }, sizes) {
  const users = seedRows('p1_user', sizes).map(([, , name, age]) => ({ name, age }));
  const pets = seedRows('p1_pet', sizes).map(([, , name, color, owner]) => ({ name, color, owner }));
  await user.createEach(users);
  await pet.createEach(pets);
}
