/** sum and avg. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

for (const datastore of testDatastores()) {
  describe(`sum and avg on ${datastore.name}`, () => {
    let orm: Lifted;
    let Account: LiveModel;
    beforeEach(async () => {
      orm = await lift(datastore, {
        owner: { attributes: { name: { type: 'string' } } },
        account: { attributes: { balance: { type: 'number' }, label: { type: 'string' }, owner: { model: 'owner' }, data: { type: 'json' } } },
      });
      Account = orm.models.account!;
      await Account.createEach([
        { balance: 10, label: 'a' },
        { balance: 20.5, label: 'b' },
        { balance: -4, label: 'c' },
      ]);
    });
    afterEach(() => orm.teardown());

    it('adds up and averages the matching rows', async () => {
      expect(await Account.sum('balance')).toBeCloseTo(26.5);
      expect(await Account.avg('balance')).toBeCloseTo(26.5 / 3);
      expect(await Account.sum('balance', { label: ['a', 'b'] })).toBeCloseTo(30.5);
      expect(await Account.avg('balance').where({ balance: { '>': 0 } })).toBeCloseTo(15.25);
      expect(await new Promise((resolve, reject) => Account.sum('balance', { label: 'c' }, (err: Error | null, n?: number) => (err ? reject(err) : resolve(n))))).toBe(-4);
      expect(await new Promise((resolve, reject) => Account.avg('balance', (err, n) => (err ? reject(err) : resolve(n))))).toBeCloseTo(26.5 / 3);
    });

    it('returns 0 for an empty set, for sum and for avg', async () => {
      expect(await Account.sum('balance', { label: 'nope' })).toBe(0);
      expect(await Account.avg('balance', { label: 'nope' })).toBe(0);
      expect(await Account.sum('balance', { label: { in: [] } })).toBe(0);
    });

    it('reports an average of a criteria that can match nothing as UsageError E_NOOP', async () => {
      await expect(Account.avg('balance', { label: { in: [] } })).rejects.toMatchObject({ name: 'UsageError', code: 'E_NOOP' });
    });

    it('refuses anything but a number attribute with E_INVALID_NUMERIC_ATTR_NAME', async () => {
      for (const attr of [undefined, 7, 'nope', 'label', 'owner', 'data']) {
        await expect(Account.sum(attr as string)).rejects.toMatchObject({ name: 'UsageError', code: 'E_INVALID_NUMERIC_ATTR_NAME' });
      }
      await expect(Account.avg('label')).rejects.toMatchObject({ code: 'E_INVALID_NUMERIC_ATTR_NAME' });
    });

    it('refuses a non-function callback synchronously, and paging clauses', async () => {
      expect(() => (Account.sum as (...a: unknown[]) => unknown)('balance', {}, 'not a function')).toThrow(expect.objectContaining({ name: 'UsageError' }));
      await expect(Account.sum('balance', { where: {}, limit: 1 })).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
    });
  });
}
