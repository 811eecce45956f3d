/** The zero-configuration default (a SQLite file in the working directory), Sails model folders, and migrations. */
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Waterline from '../../dist/index.js';

const SEED = fileURLToPath(new URL('../../examples/seed/', import.meta.url));

describe('the embedded SQLite default', () => {
  let dir: string;
  let cwd: string;
  beforeEach(() => {
    cwd = process.cwd();
    dir = mkdtempSync(join(tmpdir(), 'mooring-'));
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('needs no configuration: the seed models load from api/models and persist in ./mooring.sqlite', async () => {
    const lift = async () => {
      const orm = new Waterline();
      expect((await orm.loadModels(join(SEED, 'collection-pattern/api/models'))).sort()).toEqual(['pet', 'user']);
      await orm.initialize();
      return orm;
    };
    const first = await lift();
    expect(Object.keys(first.collections).sort()).toEqual(['archive', 'pet', 'user']);
    const alice = await first.collections.user!.create({ name: 'Alice', age: 31 }).fetch();
    await first.collections.pet!.create({ name: 'Rex', color: 'brown', owner: alice.id });
    await first.teardown();
    expect(existsSync(join(dir, 'mooring.sqlite'))).toBe(true);

    const second = await lift();
    const [user] = await second.collections.user!.find().populate('pet');
    expect(user).toMatchObject({ name: 'Alice', pet: [expect.objectContaining({ name: 'Rex' })] });
    await second.teardown();
  });

  it('alter keeps existing rows when the definition changes; drop empties; safe leaves the table alone', async () => {
    const filename = join(dir, 'm.sqlite');
    const lift = async (migrate: string, attributes: Record<string, unknown>) => {
      const orm = new Waterline();
      orm.registerModel(Waterline.Model.extend({ identity: 'book', migrate, attributes }));
      await orm.initialize({ datastores: { default: { adapter: 'sqlite', filename } } });
      return orm;
    };
    let orm = await lift('alter', { title: { type: 'string' }, pages: { type: 'number' } });
    await orm.collections.book!.createEach([{ title: 'A', pages: 10 }, { title: 'B', pages: 20 }]);
    await orm.teardown();

    orm = await lift('alter', { title: { type: 'string' }, isbn: { type: 'string', allowNull: true } });
    const books = await orm.collections.book!.find().sort('title');
    expect(books.map((b) => [b.title, b.isbn])).toEqual([['A', null], ['B', null]]);
    expect(books[0]).not.toHaveProperty('pages');
    const next = await orm.collections.book!.create({ title: 'C' }).fetch();
    expect(next.id).toBe(3);
    await orm.teardown();

    orm = await lift('safe', { title: { type: 'string' }, isbn: { type: 'string', allowNull: true } });
    expect(await orm.collections.book!.count()).toBe(3);
    await orm.teardown();

    orm = await lift('drop', { title: { type: 'string' } });
    expect(await orm.collections.book!.count()).toBe(0);
    await orm.teardown();
  });
});
