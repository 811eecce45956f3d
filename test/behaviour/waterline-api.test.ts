/** The standalone Waterline surface: constructor, extend, registerModel, initialize/teardown, callbacks, deferreds, tooling. */
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import Waterline from '../../dist/index.js';
import type { LiveModel } from '../../dist/index.js';

const require = createRequire(import.meta.url);

function freshOrm(defs: Record<string, unknown>[], datastores: Record<string, unknown> = { default: { adapter: 'sqlite', filename: ':memory:' } }) {
  const orm = new Waterline();
  for (const def of defs) orm.registerModel(Waterline.Collection.extend(def));
  return { orm, init: () => orm.initialize({ adapters: {}, datastores: datastores as Record<string, { adapter: string }> }) };
}

describe('the Waterline standalone API', () => {
  it('require("mooring") returns the ORM constructor with the Waterline statics', () => {
    const out = execFileSync(process.execPath, ['-e', `
      const W = require(${JSON.stringify(require.resolve('../../dist/index.js'))});
      console.log(JSON.stringify([typeof W, typeof W.Collection.extend, W.Model.extend === W.Collection.extend,
        typeof W.start, typeof W.stop, typeof W.getModel, W() instanceof W, new W() instanceof W]));`]).toString();
    expect(JSON.parse(out)).toEqual(['function', 'function', true, 'function', 'function', 'function', true, true]);
  });

  it('extend refuses a second argument and an own constructor', () => {
    expect(() => Waterline.Model.extend({ identity: 'x' }, {} as never)).toThrow();
    expect(() => Waterline.Model.extend(Object.defineProperty({}, 'constructor', { value: 1, enumerable: true }))).toThrow(/constructor/);
  });

  it('initialize with a callback gives collections keyed by lower-cased identity, with Waterline properties', async () => {
    const { orm } = freshOrm([{ identity: 'Person', attributes: { fullName: { type: 'string', columnName: 'full_name' } }, greet() { return 'hi'; } }]);
    const ontology = await new Promise<{ collections: Record<string, LiveModel>; datastores: Record<string, { adapter: Record<string, unknown> }> }>((resolve, reject) =>
      orm.initialize({ datastores: { default: { adapter: 'sqlite', filename: ':memory:' } } }, (err, result) => (err ? reject(err) : resolve(result as never))),
    );
    const Person = ontology.collections.person!;
    expect(Person).toBe(orm.collections.person);
    expect(Person).toMatchObject({ identity: 'person', tableName: 'Person', datastore: 'default', primaryKey: 'id' });
    expect(Person.attributes.fullName).toMatchObject({ type: 'string', required: false });
    expect(Person.attributes.fullName).not.toHaveProperty('columnName');
    expect(Person.schema.fullName).toMatchObject({ columnName: 'full_name', autoMigrations: { columnType: '_string' } });
    expect(Person.attributes.id).toMatchObject({ type: 'number', autoMigrations: { autoIncrement: true } });
    expect((Person.greet as () => string)()).toBe('hi');
    const adapter = ontology.datastores.default!.adapter;
    expect(adapter).toMatchObject({ identity: 'sqlite', adapterApiVersion: 1 });
    expect(typeof adapter.find).toBe('function');
    await orm.teardown();
  });

  it('refuses to initialize twice', async () => {
    const { orm, init } = freshOrm([{ identity: 'thing', attributes: {} }]);
    await init();
    await expect(orm.initialize({})).rejects.toThrow(/more than once/);
    await orm.teardown();
  });

  it('runs every callback style: (criteria, cb), .exec(cb), meta after the cb', async () => {
    const { orm, init } = freshOrm([{ identity: 'item', attributes: { label: { type: 'string' } } }]);
    const { collections } = (await init())!;
    const Item = collections.item!;
    await new Promise<void>((resolve, reject) => Item.create({ label: 'a' }, (err) => (err ? reject(err) : resolve()), { fetch: true }));
    const viaCb = await new Promise<unknown[]>((resolve, reject) => Item.find({ label: 'a' }, (err, rows) => (err ? reject(err) : resolve(rows!))));
    expect(viaCb).toHaveLength(1);
    const viaExec = await new Promise<unknown>((resolve, reject) => Item.count().exec((err, n) => (err ? reject(err) : resolve(n))));
    expect(viaExec).toBe(1);
    const viaFindCb = await new Promise<unknown[]>((resolve, reject) => Item.find((err, rows) => (err ? reject(err) : resolve(rows!))));
    expect(viaFindCb).toHaveLength(1);
    const fetched = await new Promise<unknown>((resolve, reject) =>
      Item.create({ label: 'b' }, (err, rec) => (err ? reject(err) : resolve(rec)), { fetch: true }),
    );
    expect(fetched).toMatchObject({ label: 'b' });
    await expect(Item.find().toPromise()).resolves.toHaveLength(2);
    await expect(Item.find().then((rows) => rows.length)).resolves.toBe(2);
    await orm.teardown();
  });

  it('supports .intercept() and .tolerate()', async () => {
    const { orm, init } = freshOrm([{ identity: 'tag', attributes: { slug: { type: 'string', unique: true } } }]);
    const { collections } = (await init())!;
    const Tag = collections.tag!;
    await Tag.create({ slug: 'x' });
    await expect(Tag.create({ slug: 'x' }).intercept('E_UNIQUE', () => new Error('taken'))).rejects.toThrow('taken');
    await expect(Tag.create({ slug: 'x' }).tolerate('E_UNIQUE')).resolves.toBeUndefined();
    await expect(Tag.create({ slug: 'x' }).tolerate({ name: 'AdapterError' }, () => 'fallback')).resolves.toBe('fallback');
    await expect(Tag.create({ slug: 'y' }).intercept('E_UNIQUE', () => new Error('never'))).resolves.toBeUndefined();
    await orm.teardown();
  });

  it('Waterline.start / getModel / stop', async () => {
    const orm = await Waterline.start({
      datastores: { default: { adapter: 'sqlite', filename: ':memory:' } },
      models: { widget: { attributes: { size: { type: 'number' } } } },
    });
    const Widget = Waterline.getModel('widget', orm!);
    await Widget.create({ size: 3 });
    expect(await Widget.count({ size: 3 })).toBe(1);
    expect(() => Waterline.getModel('nope', orm!)).toThrow(/nope/);
    await Waterline.stop(orm!);
  });

  it('exposes adapters that waterline-utils auto-migrations drive unchanged', async () => {
    const { autoMigrations } = require('waterline-utils') as { autoMigrations: (s: string, o: unknown, cb: (e?: Error) => void) => void };
    const { orm, init } = freshOrm([{ identity: 'note', migrate: 'safe', attributes: { body: { type: 'string' } } }]);
    await init();
    await new Promise<void>((resolve, reject) => autoMigrations('drop', orm, (err) => (err ? reject(err) : resolve())));
    const Note = orm.collections.note!;
    await Note.create({ body: 'kept' });
    await new Promise<void>((resolve, reject) => autoMigrations('alter', orm, (err) => (err ? reject(err) : resolve())));
    expect((await Note.find()).map((n) => n.body)).toEqual(['kept']);
    await orm.teardown();
  });

  it('fails initialize once, naming model, attribute and problem, for invalid definitions', async () => {
    const { init } = freshOrm([
      { identity: 'pet', attributes: { name: { type: 'strang' }, owner: { model: 'nobody' } } },
      { identity: 'user', attributes: { age: { type: 'number', defaultsTo: 'old' } } },
    ]);
    const err = (await init()!.then(() => undefined, (e: unknown) => e)) as { name: string; code: string; message: string; problems: { model: string; attribute?: string }[] };
    expect(err).toMatchObject({ name: 'userError', code: 'E_INVALID_MODEL_DEF' });
    expect(err.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ model: 'pet', attribute: 'name' }),
        expect.objectContaining({ model: 'pet', attribute: 'owner' }),
        expect.objectContaining({ model: 'user', attribute: 'age' }),
      ]),
    );
    expect(err.message).toMatch(/pet.*name/s);
  });

  it('explains configuration mistakes: unknown adapter, unopenable database file', async () => {
    const unknown = freshOrm([{ identity: 'a', attributes: {} }], { default: { adapter: 'sails-nowhere' } });
    await expect(unknown.init()).rejects.toThrow(/sails-nowhere.*sqlite/s);
    const unreadable = freshOrm([{ identity: 'b', attributes: {} }], { default: { adapter: 'sqlite', filename: '/nonexistent-dir/x/db.sqlite' } });
    await expect(unreadable.init()).rejects.toThrow(/nonexistent-dir/);
  });
});
