/** findOrCreate: argument rules, `.set()`, the callback's `wasCreated`, and atomicity under concurrency. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { BUILTIN_ADAPTERS } from '../support/builtin-adapters.js';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

for (const datastore of testDatastores()) {
  describe(`findOrCreate on ${datastore.name}`, () => {
    let orm: Lifted;
    let User: LiveModel;
    beforeEach(async () => {
      orm = await lift(datastore, {
        user: { attributes: { email: { type: 'string', required: true, unique: true }, name: { type: 'string' }, age: { type: 'number' } } },
      });
      User = orm.models.user!;
    });
    afterEach(() => orm.teardown());

    it('creates when nothing matches and finds afterwards; the callback says which', async () => {
      const calls: unknown[][] = [];
      const run = () =>
        new Promise<void>((resolve, reject) =>
          User.findOrCreate({ email: 'a@x.io' }, { email: 'a@x.io', name: 'Ann' }, (err, record, wasCreated) => {
            if (err) return reject(err);
            calls.push([record!.email, wasCreated]);
            resolve();
          }),
        );
      await run();
      await run();
      expect(calls).toEqual([
        ['a@x.io', true],
        ['a@x.io', false],
      ]);
      expect(await User.count()).toBe(1);
      const viaExec = await new Promise<unknown[]>((resolve) => User.findOrCreate({ email: 'a@x.io' }, { email: 'a@x.io' }).exec((...args) => resolve(args)));
      expect(viaExec[0]).toBeNull();
      expect(viaExec[2]).toBe(false);
    });

    it('awaits to the record, found or created', async () => {
      const created = await User.findOrCreate({ email: 'b@x.io' }, { email: 'b@x.io', age: 3 });
      expect(created).toMatchObject({ email: 'b@x.io', age: 3 });
      const found = await User.findOrCreate({ email: 'b@x.io' }, { email: 'b@x.io', age: 99 });
      expect(found).toEqual(created);
    });

    it('takes the new record from .set() (a Mooring decision)', async () => {
      const record = await User.findOrCreate({ email: 'c@x.io' }).set({ email: 'c@x.io', name: 'Cy' });
      expect(record).toMatchObject({ email: 'c@x.io', name: 'Cy' });
    });

    it('validates the new record first, even when a match exists', async () => {
      await User.create({ email: 'd@x.io' });
      await expect(User.findOrCreate({ email: 'd@x.io' }, { name: 'no email' })).rejects.toMatchObject({ code: 'E_INVALID_NEW_RECORD' });
      await expect(User.findOrCreate({ email: 'd@x.io' }, [{ email: 'd@x.io' }])).rejects.toMatchObject({ code: 'E_INVALID_NEW_RECORD' });
    });

    it('refuses a criteria that is too broad or has projection/paging clauses, and several matches', async () => {
      await expect(User.findOrCreate({}, { email: 'e@x.io' })).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
      await expect(User.findOrCreate({ where: { email: 'e@x.io' }, limit: 1 }, { email: 'e@x.io' })).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
      await expect(User.findOrCreate({ where: { email: 'e@x.io' }, select: ['name'] }, { email: 'e@x.io' })).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
      await User.createEach([{ email: 'f@x.io', age: 1 }, { email: 'g@x.io', age: 1 }]);
      await expect(User.findOrCreate({ age: 1 }, { email: 'h@x.io' })).rejects.toThrow(/More than one matching record/);
      expect(await User.count()).toBe(2);
    });

    it('creates when the criteria can match nothing (E_NOOP)', async () => {
      const record = await User.findOrCreate({ email: { in: [] } }, { email: 'i@x.io' });
      expect(record).toMatchObject({ email: 'i@x.io' });
    });

    it('concurrent calls create exactly one record and all return it', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, () =>
          new Promise<[Record<string, unknown>, boolean]>((resolve, reject) =>
            User.findOrCreate({ email: 'race@x.io' }, { email: 'race@x.io' }, (err, record, wasCreated) => (err ? reject(err) : resolve([record!, wasCreated as boolean]))),
          ),
        ),
      );
      expect(await User.count({ email: 'race@x.io' })).toBe(1);
      expect(new Set(results.map(([r]) => r.id)).size).toBe(1);
      expect(results.filter(([, created]) => created)).toHaveLength(1);
    });

    it('still fails with E_UNIQUE when the colliding record does not match the criteria', async () => {
      await User.create({ email: 'j@x.io', name: 'first' });
      await expect(User.findOrCreate({ name: 'nobody' }, { email: 'j@x.io' })).rejects.toMatchObject({ code: 'E_UNIQUE' });
      expect(await User.count()).toBe(1);
    });
  });

  describe(`findOrCreate losing a race on ${datastore.name}`, () => {
    it('returns the record a concurrent creator committed between its find and its insert', async () => {
      // The transactional find is made to miss, as if the other creator committed just after it.
      const inner = BUILTIN_ADAPTERS[String(datastore.config.adapter)]!() as unknown as Record<string, unknown>;
      let blind = false;
      const adapter = new Proxy(inner, {
        get(target, prop) {
          if (prop === 'mooringAdapter') return true;
          const value = Reflect.get(target, prop) as unknown;
          if (typeof value !== 'function') return value;
          if (prop !== 'find' && prop !== 'join') return value.bind(target);
          return async (name: string, query: { meta?: { leasedConnection?: unknown } }) =>
            blind && query.meta?.leasedConnection !== undefined ? [] : (value as (n: string, q: unknown) => Promise<unknown>).call(target, name, query);
        },
      });
      const orm = await lift({ ...datastore, config: { ...datastore.config, adapter: 'racy' } }, { user: { attributes: { email: { type: 'string', unique: true } } } }, { adapters: { racy: adapter } });
      try {
        const User = orm.models.user!;
        const first = await User.create({ email: 'k@x.io' }).fetch();
        blind = true;
        const outcome = await new Promise<unknown[]>((resolve, reject) => User.findOrCreate({ email: 'k@x.io' }, { email: 'k@x.io' }, (err, ...rest) => (err ? reject(err) : resolve(rest))));
        blind = false;
        expect(outcome).toEqual([first, false]);
        expect(await User.count()).toBe(1);
      } finally {
        await orm.teardown();
      }
    });
  });
}
