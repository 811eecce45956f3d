/** archive / archiveOne: what lands in the archive, results, lifecycle, and all-or-nothing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { BUILTIN_ADAPTERS } from '../support/builtin-adapters.js';
import { testDatastores, type TestDatastore } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

const MODELS = {
  user: { attributes: { name: { type: 'string' }, age: { type: 'number' } } },
  note: { archiveModelIdentity: false, attributes: { text: { type: 'string' } } },
};

/** The datastore's adapter, made to fail every `destroy` while `failing.destroy` is set. */
function destroyFails(datastore: TestDatastore): { adapter: object; failing: { destroy: boolean } } {
  const inner = BUILTIN_ADAPTERS[String(datastore.config.adapter)]!() as unknown as Record<string, unknown>;
  const failing = { destroy: false };
  const adapter = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'mooringAdapter') return true;
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      if (prop !== 'destroy') return value.bind(target);
      return async (...args: unknown[]) => {
        if (failing.destroy) throw new Error('injected destroy failure');
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { adapter, failing };
}

for (const datastore of testDatastores()) {
  describe(`archive on ${datastore.name}`, () => {
    let orm: Lifted;
    let User: LiveModel;
    let Archive: LiveModel;
    beforeEach(async () => {
      orm = await lift(datastore, MODELS);
      User = orm.models.user!;
      Archive = orm.models.archive!;
      // The injected archive model migrates with `alter`, so a server database keeps its rows between tests.
      await Archive.destroy({});
      await User.createEach([{ name: 'Ann', age: 30 }, { name: 'Bob', age: 40 }, { name: 'Cy', age: 50 }]);
    });
    afterEach(() => orm.teardown());

    it('moves matching records into the archive model and returns them only with fetch', async () => {
      const [ann] = await User.find({ name: 'Ann' });
      expect(await User.archive({ name: 'Ann' })).toBeUndefined();
      expect(await User.count()).toBe(2);
      const archived = await Archive.find();
      expect(archived).toHaveLength(1);
      expect(archived[0]).toMatchObject({ fromModel: 'user', originalRecordId: ann!.id, originalRecord: { ...ann } });
      expect(typeof archived[0]!.createdAt).toBe('number');
      const fetched = await User.archive({ age: { '>': 35 } }).fetch();
      expect(fetched.map((r) => r.name).sort()).toEqual(['Bob', 'Cy']);
      expect(await User.count()).toBe(0);
      expect(await Archive.count()).toBe(3);
    });

    it('archiveOne returns the one record, refuses several, and returns undefined for none', async () => {
      expect(await User.archiveOne({ name: 'Bob' })).toMatchObject({ name: 'Bob', age: 40 });
      await expect(User.archiveOne({ age: { '>': 0 } })).rejects.toThrow(/too many \(2\)/);
      expect(await User.archiveOne({ name: 'nobody' })).toBeUndefined();
      expect(await User.count()).toBe(2);
      expect(await Archive.count()).toBe(1);
      await expect(User.archiveOne({})).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
    });

    it('refuses undefined criteria, paging clauses, and models without an archive', async () => {
      await expect(User.archive()).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
      await expect(User.archive({ id: undefined })).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
      await expect(User.archive({ where: {}, limit: 1 })).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
      await expect(orm.models.note!.archive({})).rejects.toMatchObject({ name: 'UsageError' });
      expect(await User.count()).toBe(3);
    });
  });

  describe(`archive atomicity on ${datastore.name}`, () => {
    it('rolls the archive rows back when the destroy fails', async () => {
      const { adapter, failing } = destroyFails(datastore);
      const orm = await lift({ ...datastore, config: { ...datastore.config, adapter: 'fails' } }, MODELS, { adapters: { fails: adapter } });
      try {
        const { user: User, archive: Archive } = orm.models;
        await Archive!.destroy({});
        await User!.createEach([{ name: 'Ann' }, { name: 'Bob' }]);
        failing.destroy = true;
        await expect(User!.archive({})).rejects.toThrow(/injected destroy failure/);
        await expect(User!.archiveOne({ name: 'Ann' })).rejects.toThrow(/injected destroy failure/);
        failing.destroy = false;
        expect(await Archive!.count()).toBe(0);
        expect(await User!.count()).toBe(2);
        await User!.archive({});
        expect(await Archive!.count()).toBe(2);
      } finally {
        await orm.teardown();
      }
    });
  });
}
