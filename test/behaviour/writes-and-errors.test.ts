/** create / createEach / update / destroy and their …One forms, fetch semantics, types, rules and error shapes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

for (const datastore of testDatastores()) {
  describe(`writes and errors on ${datastore.name}`, () => {
    let orm: Lifted;
    let Account: LiveModel;
    beforeEach(async () => {
      orm = await lift(datastore, {
        account: {
          attributes: {
            email: { type: 'string', required: true, unique: true, isEmail: true },
            nickname: { type: 'string', maxLength: 8, allowNull: true },
            score: { type: 'number', defaultsTo: 10, min: 0, max: 100 },
            verified: { type: 'boolean' },
            profile: { type: 'json' },
            role: { type: 'string', isIn: ['admin', 'member'], defaultsTo: 'member' },
          },
        },
      });
      Account = orm.models.account!;
    });
    afterEach(() => orm.teardown());

    it('create fills defaults, base values and timestamps; returns nothing without fetch', async () => {
      expect(await Account.create({ email: 'a@x.io' })).toBeUndefined();
      const a = await Account.findOne({ email: 'a@x.io' });
      expect(a).toMatchObject({ email: 'a@x.io', nickname: null, score: 10, verified: false, profile: null, role: 'member' });
      expect(typeof a!.id).toBe('number');
      expect(typeof a!.createdAt).toBe('number');
      expect(a!.updatedAt).toBe(a!.createdAt);
    });

    it('coerces near-misses and round-trips every type', async () => {
      const b = await Account.create({ email: 'b@x.io', score: '42.5', verified: 'true', profile: { tags: ['x'], n: 1, nested: { ok: true } } }).fetch();
      expect(b).toMatchObject({ score: 42.5, verified: true, profile: { tags: ['x'], n: 1, nested: { ok: true } } });
      const again = await Account.findOne({ id: b.id });
      expect(again).toMatchObject({ score: 42.5, verified: true, profile: { tags: ['x'], n: 1, nested: { ok: true } } });
    });

    it('rejects a bad record with E_INVALID_NEW_RECORD listing every failing attribute and rule, writing nothing', async () => {
      const err = (await Account.create({ email: 'not-an-email', nickname: 'far too long', score: 101, verified: 'maybe', role: 'owner' }).then(
        () => undefined,
        (e: unknown) => e,
      )) as { name: string; code: string; details: string; modelIdentity: string };
      expect(err).toMatchObject({ name: 'UsageError', code: 'E_INVALID_NEW_RECORD', modelIdentity: 'account' });
      for (const fragment of ['account', 'email', 'isEmail', 'nickname', 'maxLength', 'score', 'max', 'verified', 'role', 'isIn']) {
        expect(err.details).toContain(fragment);
      }
      await expect(Account.create({})).rejects.toMatchObject({ code: 'E_INVALID_NEW_RECORD', details: expect.stringContaining('email') });
      await expect(Account.create([{ email: 'x@x.io' }])).rejects.toMatchObject({ code: 'E_INVALID_NEW_RECORD' });
      expect(await Account.count()).toBe(0);
    });

    it('createEach is all-or-nothing, for validation and for the database', async () => {
      await expect(Account.createEach([{ email: 'c@x.io' }, { email: 'bad' }])).rejects.toMatchObject({ code: 'E_INVALID_NEW_RECORDS' });
      expect(await Account.count()).toBe(0);
      await expect(Account.createEach([{ email: 'c@x.io' }, { email: 'd@x.io' }, { email: 'c@x.io' }])).rejects.toMatchObject({
        name: 'AdapterError',
        code: 'E_UNIQUE',
        attrNames: ['email'],
      });
      expect(await Account.count()).toBe(0);
      const created = await Account.createEach([{ email: 'c@x.io' }, { email: 'd@x.io' }]).fetch();
      expect(created.map((r) => r.email)).toEqual(['c@x.io', 'd@x.io']);
      expect(await Account.createEach([])).toBeUndefined();
    });

    it('update sets values, stamps updatedAt, and returns records only with fetch', async () => {
      await Account.createEach([{ email: 'e@x.io', score: 1 }, { email: 'f@x.io', score: 2 }]);
      expect(await Account.update({ score: { '<': 5 } }, { verified: true })).toBeUndefined();
      const updated = await Account.update({ email: 'e@x.io' }).set({ score: 50 }).fetch();
      expect(updated).toHaveLength(1);
      expect(updated[0]).toMatchObject({ email: 'e@x.io', score: 50, verified: true });
      expect(await Account.count({ verified: true })).toBe(2);
      await expect(Account.update({ email: 'e@x.io' }, { score: -1 })).rejects.toMatchObject({ code: 'E_INVALID_VALUES_TO_SET' });
      await expect(Account.update({ email: 'e@x.io' }, { email: null })).rejects.toMatchObject({ code: 'E_INVALID_VALUES_TO_SET' });
      await expect(Account.update(undefined, { score: 3 })).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
      await expect(Account.update({ id: undefined }, { score: 3 })).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
      await expect(Account.update({ email: 'e@x.io' }, { email: 'f@x.io' })).rejects.toMatchObject({ code: 'E_UNIQUE', attrNames: ['email'] });
      expect((await Account.findOne({ email: 'e@x.io' }))!.score).toBe(50);
    });

    it('updateOne and destroyOne act on exactly one record', async () => {
      await Account.createEach([{ email: 'g@x.io', score: 5 }, { email: 'h@x.io', score: 5 }]);
      expect(await Account.updateOne({ email: 'g@x.io' }, { score: 6 })).toMatchObject({ email: 'g@x.io', score: 6 });
      expect(await Account.updateOne({ email: 'zz@x.io' }, { score: 6 })).toBeUndefined();
      await expect(Account.updateOne({ score: { '>': 0 } }, { score: 7 })).rejects.toThrow(/too many \(2\)/);
      expect(await Account.count({ score: 7 })).toBe(0);
      await expect(Account.destroyOne({ score: { '>': 0 } })).rejects.toThrow(/too many/);
      expect(await Account.destroyOne({ email: 'h@x.io' })).toMatchObject({ email: 'h@x.io' });
      expect(await Account.count()).toBe(1);
      await expect(Account.updateOne({}, { score: 1 })).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
    });

    it('destroy removes matching rows and returns them with fetch', async () => {
      await Account.createEach([{ email: 'i@x.io' }, { email: 'j@x.io' }, { email: 'k@x.io' }]);
      const gone = await Account.destroy({ email: { in: ['i@x.io', 'j@x.io'] } }).fetch();
      expect(gone.map((r) => r.email).sort()).toEqual(['i@x.io', 'j@x.io']);
      expect(await Account.destroy({ email: 'nobody' })).toBeUndefined();
      await expect(Account.destroy()).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
      await expect(Account.destroy({ email: undefined })).rejects.toMatchObject({ code: 'E_INVALID_CRITERIA' });
      expect(await Account.count()).toBe(1);
      await Account.destroy({});
      expect(await Account.count()).toBe(0);
    });

    it('validate() coerces like update and throws plain errors with codes', () => {
      expect(Account.validate('score', '12')).toBe(12);
      expect(() => Account.validate('score', 500)).toThrow(expect.objectContaining({ code: 'E_VIOLATES_RULES' }));
      expect(() => Account.validate('verified', 'nope')).toThrow(expect.objectContaining({ code: 'E_TYPE' }));
      expect(Account.validate('nosuch', 1)).toBeUndefined();
    });
  });
}
