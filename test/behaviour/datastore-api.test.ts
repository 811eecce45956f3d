/** The Sails 1.x datastore API: sendNativeQuery, transaction, leaseConnection, usingConnection. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

const quote = (datastore: string, name: string) => (datastore === 'mysql' ? `\`${name}\`` : `"${name}"`);

for (const datastore of testDatastores()) {
  describe(`datastore API on ${datastore.name}`, () => {
    let orm: Lifted;
    let Ledger: LiveModel;
    beforeEach(async () => {
      orm = await lift(datastore, { ledger: { attributes: { label: { type: 'string', unique: true }, amount: { type: 'number' } } } });
      Ledger = orm.models.ledger!;
    });
    afterEach(() => orm.teardown());

    it('Model.getDatastore() is the datastore, with its config and callback-form adapter', () => {
      const ds = Ledger.getDatastore();
      expect(ds.name).toBe('default');
      expect(ds.config.adapter).toBe(datastore.config.adapter);
      expect(typeof ds.adapter.find).toBe('function');
      expect(() => (Ledger.getDatastore as (x: unknown) => unknown)('x')).toThrow();
    });

    it('sendNativeQuery binds values and returns rows', async () => {
      await Ledger.createEach([{ label: 'a', amount: 5 }, { label: 'b', amount: 7 }]);
      const table = quote(datastore.name, 'ledger');
      const result = (await Ledger.getDatastore().sendNativeQuery(`SELECT ${quote(datastore.name, 'label')} AS l FROM ${table} WHERE ${quote(datastore.name, 'amount')} > $1`, [6])) as { rows: { l: string }[] };
      expect(result.rows.map((r) => r.l)).toEqual(['b']);
      const failed = await Ledger.getDatastore().sendNativeQuery('SELECT * FROM no_such_table_here').then(() => undefined, (e: unknown) => e);
      expect(failed).toMatchObject({ code: 'E_QUERY_FAILED' });
      await expect(Ledger.getDatastore().sendNativeQuery('')).rejects.toMatchObject({ name: 'UsageError' });
    });

    it('transaction commits on success', async () => {
      const result = await Ledger.getDatastore().transaction(async (db) => {
        await Ledger.create({ label: 'in-tx', amount: 1 }).usingConnection(db);
        return Ledger.count({ label: 'in-tx' }).usingConnection(db);
      });
      expect(result).toBe(1);
      expect(await Ledger.count()).toBe(1);
    });

    it('a transaction that throws leaves no rows behind', async () => {
      await Ledger.create({ label: 'before', amount: 1 });
      const err = await Ledger.getDatastore()
        .transaction(async (db) => {
          await Ledger.create({ label: 'doomed-1', amount: 2 }).usingConnection(db);
          await Ledger.update({ label: 'before' }, { amount: 99 }).usingConnection(db);
          await Ledger.create({ label: 'doomed-2', amount: 3 }).usingConnection(db);
          throw new Error('changed my mind');
        })
        .then(() => undefined, (e: unknown) => e as Error);
      expect(err?.message).toBe('changed my mind');
      expect((await Ledger.find().sort('label')).map((r) => [r.label, r.amount])).toEqual([['before', 1]]);
    });

    it('a failing statement inside a transaction rolls back the earlier ones', async () => {
      await Ledger.create({ label: 'taken', amount: 1 });
      await expect(
        Ledger.getDatastore().transaction(async (db) => {
          await Ledger.create({ label: 'new', amount: 2 }).usingConnection(db);
          await Ledger.create({ label: 'taken', amount: 3 }).usingConnection(db);
        }),
      ).rejects.toMatchObject({ code: 'E_UNIQUE', attrNames: ['label'] });
      expect(await Ledger.count()).toBe(1);
    });

    it('transaction and leaseConnection accept callback-style functions and callbacks', async () => {
      const leased = await Ledger.getDatastore().leaseConnection(async (db) => {
        await Ledger.create({ label: 'leased', amount: 4 }).usingConnection(db);
        return 'done';
      });
      expect(leased).toBe('done');
      const viaProceed = await new Promise((resolve, reject) =>
        Ledger.getDatastore().transaction(
          (db: object, proceed: (err: Error | null, result?: unknown) => void) => {
            Ledger.count().usingConnection(db).exec((err, n) => proceed(err, n));
          },
          (err, result) => (err ? reject(err) : resolve(result)),
        ),
      );
      expect(viaProceed).toBe(1);
    });
  });
}
