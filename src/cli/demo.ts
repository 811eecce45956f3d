/**
 * `mooring demo`: runs the seed page's two one-to-one patterns on the embedded SQLite default,
 * with the seed's own model files, and prints what each side of each pattern returns.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import Waterline from '../index.js';
import type { LiveModel } from '../orm/live-model.js';

type Print = (line: string) => void;

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Loads a Sails app's `api/models` folder into a fresh ORM on the zero-configuration default. */
async function lift(pattern: string): Promise<{ User: LiveModel; Pet: LiveModel; stop: () => Promise<void> }> {
  const orm = new Waterline();
  await orm.loadModels(resolve(EXAMPLES, pattern, 'api/models'));
  const { collections } = (await orm.initialize())!;
  const User = collections.user;
  const Pet = collections.pet;
  if (!User || !Pet) throw new Error(`The ${pattern} models did not load.`);
  return { User, Pet, stop: async () => void (await orm.teardown()) };
}

function show(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (key === 'createdAt' || key === 'updatedAt' ? undefined : v));
}

async function collectionPattern(print: Print): Promise<void> {
  print('Pattern 1 — "Has one using a collection": Pet.owner {model, unique}, User.pet {collection, via}');
  const { User, Pet, stop } = await lift('seed/collection-pattern');
  try {
    await Pet.destroy({});
    await User.destroy({});
    const alice = await User.create({ name: 'Alice', age: 31 }).fetch();
    const bob = await User.create({ name: 'Bob', age: 27 }).fetch();
    await Pet.create({ name: 'Rex', color: 'brown', owner: alice.id });
    await Pet.create({ name: 'Tom', color: 'grey', owner: bob.id });
    print('  User.find().populate("pet")   — the owner\'s side is an array, as in Waterline:');
    for (const user of await User.find({}).populate('pet')) print(`    ${show(user)}`);
    print('  Pet.find().populate("owner")  — the pet\'s side is a record:');
    for (const pet of await Pet.find({}).populate('owner')) print(`    ${show(pet)}`);
    print('  A second pet for Alice is refused by the unique index on `owner`:');
    try {
      await Pet.create({ name: 'Fido', color: 'black', owner: alice.id });
      print('    (unexpectedly accepted)');
    } catch (err) {
      const e = err as { name?: string; code?: string; attrNames?: string[] };
      print(`    ${e.name} ${e.code} attrNames=${show(e.attrNames)}`);
    }
    print(`  Pets stored afterwards: ${await Pet.count({})} (nothing half-written)`);
  } finally {
    await stop();
  }
}

async function manualSyncPattern(print: Print): Promise<void> {
  print('Pattern 2 — "Has one manual sync": Pet.owner {model}, User.pet {model}');
  const { User, Pet, stop } = await lift('seed/manual-sync-pattern');
  try {
    await Pet.destroy({});
    await User.destroy({});
    const carol = await User.create({ name: 'Carol', age: 45 }).fetch();
    const whiskers = await Pet.create({ name: 'Whiskers', color: 'white', owner: carol.id }).fetch();
    await User.update({ id: carol.id }, { pet: whiskers.id });
    print('  User.find().populate("pet")   — a record on this side:');
    for (const user of await User.find({}).populate('pet')) print(`    ${show(user)}`);
    print('  Pet.find().populate("owner")  — and a record on the other:');
    for (const pet of await Pet.find({}).populate('owner')) print(`    ${show(pet)}`);
    await Pet.update({ id: whiskers.id }, { owner: null });
    const after = await User.find({ id: carol.id }).populate('pet');
    print('  The two sides are independent: after clearing Pet.owner, Carol still points at Whiskers:');
    print(`    ${show(after[0])}`);
    // The next pattern has no \`pet\` column on users; Mooring refuses to drop one that still holds links.
    await User.update({}, { pet: null });
  } finally {
    await stop();
  }
}

async function hasOnePattern(print: Print): Promise<void> {
  print('Pattern 3 — Mooring\'s has-one: Pet.owner {model, unique}, User.pet {model, via: "owner"}');
  const { User, Pet, stop } = await lift('has-one');
  try {
    await Pet.destroy({});
    await User.destroy({});
    const dana = await User.create({ name: 'Dana', age: 38 }).fetch();
    const eli = await User.create({ name: 'Eli', age: 22 }).fetch();
    const biscuit = await Pet.create({ name: 'Biscuit', color: 'gold', owner: dana.id }).fetch();
    print('  User.find().populate("pet")   — one record or null, never an array:');
    for (const user of await User.find({}).populate('pet').sort('name')) print(`    ${show(user)}`);
    await User.updateOne({ id: eli.id }).set({ pet: biscuit.id });
    print('  After User.updateOne(Eli).set({pet: Biscuit}) the one foreign key moved, in one transaction:');
    for (const user of await User.find({}).populate('pet').sort('name')) print(`    ${show(user)}`);
    for (const pet of await Pet.find({}).populate('owner')) print(`    ${show(pet)}`);
  } finally {
    await stop();
  }
}

export async function runDemo(print: Print = (line) => console.log(line)): Promise<void> {
  print(`Mooring demo — embedded SQLite database: ${resolve('mooring.sqlite')}\n`);
  await collectionPattern(print);
  print('');
  await manualSyncPattern(print);
  print('');
  await hasOnePattern(print);
}
