/** Waterline's adapter API in both directions: Mooring's adapter under Waterline, sails-disk under Mooring. */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Mooring from '../../dist/index.js';

const require = createRequire(import.meta.url);
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mooring-bridge-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const MODELS = {
  pet: { attributes: { id: { type: 'number', autoMigrations: { autoIncrement: true } }, name: { type: 'string' }, owner: { model: 'user' } }, primaryKey: 'id' },
  user: { attributes: { id: { type: 'number', autoMigrations: { autoIncrement: true } }, name: { type: 'string' }, pets: { collection: 'pet', via: 'owner' } }, primaryKey: 'id' },
};

type WaterlineModel = Record<string, (...args: unknown[]) => PromiseLike<unknown> & { fetch(): PromiseLike<Record<string, unknown>>; populate(a: string): PromiseLike<Record<string, unknown>[]> }>;

describe("Mooring's SQLite adapter under Waterline 0.15", () => {
  it('runs create, find and populate through real Waterline', async () => {
    const Waterline = require('waterline') as {
      start(opts: unknown, cb: (err: Error | null, orm: unknown) => void): void;
      stop(orm: unknown, cb: (err?: Error) => void): void;
      getModel(identity: string, orm: unknown): WaterlineModel;
    };
    const adapter: Record<string, unknown> = { ...Mooring.adapters.sqlite(), identity: 'mooring-sqlite' };
    const filename = join(tempDir(), 'wl.sqlite');
    const orm = await new Promise<unknown>((resolve, reject) =>
      Waterline.start(
        {
          adapters: { 'mooring-sqlite': adapter },
          datastores: { default: { adapter: 'mooring-sqlite', filename } },
          models: MODELS,
          defaultModelSettings: { datastore: 'default', archiveModelIdentity: false },
        },
        (err, o) => (err ? reject(err) : resolve(o)),
      ),
    );
    // Standalone Waterline does not migrate; create the tables through the adapter's `define`.
    for (const [table, def] of [
      ['user', { id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true }, name: { columnType: '_string' } }],
      ['pet', { id: { columnType: '_numberkey', autoIncrement: true, primaryKey: true }, name: { columnType: '_string' }, owner: { columnType: '_numberkey' } }],
    ] as const) {
      await new Promise<void>((resolve, reject) => (adapter.define as (...a: unknown[]) => void)('default', table, def, (err?: Error) => (err ? reject(err) : resolve())));
    }
    const User = Waterline.getModel('user', orm);
    const Pet = Waterline.getModel('pet', orm);
    const ada = await User.create!({ name: 'Ada' }).fetch();
    await Pet.create!({ name: 'Rex', owner: ada.id }).fetch();
    await Pet.create!({ name: 'Tom', owner: ada.id }).fetch();
    const users = await User.find!({ name: 'Ada' }).populate('pets');
    expect(users).toHaveLength(1);
    expect((users[0]!.pets as { name: string }[]).map((p) => p.name).sort()).toEqual(['Rex', 'Tom']);
    const pets = await Pet.find!({ name: 'Rex' }).populate('owner');
    expect(pets[0]!.owner).toMatchObject({ name: 'Ada' });
    await new Promise<void>((resolve, reject) => Waterline.stop(orm, (err) => (err ? reject(err) : resolve())));
  });
});

describe('sails-disk under Mooring', () => {
  it('runs the seed pattern through the callback bridge, populate included', async () => {
    const orm = new Mooring();
    orm.registerModel(Mooring.Model.extend({ identity: 'pet', attributes: { name: { type: 'string' }, owner: { model: 'user' } } }));
    orm.registerModel(Mooring.Model.extend({ identity: 'user', attributes: { name: { type: 'string' }, pets: { collection: 'pet', via: 'owner' } } }));
    await orm.initialize({
      adapters: { 'sails-disk': require('sails-disk') as Record<string, unknown> },
      datastores: { default: { adapter: 'sails-disk', dir: tempDir() } },
    });
    const { user: User, pet: Pet } = orm.collections;
    const ada = await User!.create({ name: 'Ada' }).fetch();
    await Pet!.createEach([{ name: 'Rex', owner: ada.id }, { name: 'Tom', owner: ada.id }, { name: 'Stray' }]);
    const [user] = await User!.find({ name: 'Ada' }).populate('pets', { sort: 'name DESC' });
    expect((user!.pets as { name: string }[]).map((p) => p.name)).toEqual(['Tom', 'Rex']);
    const pets = await Pet!.find().populate('owner').sort('name');
    expect(pets.map((p) => [p.name, (p.owner as { name?: string } | null)?.name ?? null])).toEqual([['Rex', 'Ada'], ['Stray', null], ['Tom', 'Ada']]);
    expect(await Pet!.count({ name: { startsWith: 'T' } })).toBe(1);
    expect(orm.datastores.default!.adapter).toBe(require('sails-disk'));
    await orm.teardown();
  });
});
