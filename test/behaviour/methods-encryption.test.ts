/** At-rest encryption: stored format, round trips, base values, keys, and decryption failures. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveModel } from '../../dist/index.js';
import { testDatastores } from '../support/datastores.js';
import { lift, type Lifted } from '../support/lift.js';

type EA = (attrs: string[], options: { keys: Record<string, string>; keyId?: string }) => {
  encryptAttribute(obj: unknown, value: string): string;
  decryptAttribute(obj: unknown, value: string): string;
};
const encryptedAttr = createRequire(import.meta.url)('encrypted-attr') as EA;

const KEY = randomBytes(32).toString('base64');
const OLD_KEY = randomBytes(32).toString('base64');
/** Waterline's stored format: base64 AAD $ base64 12-byte IV $ base64 ciphertext $ 22-char tag. */
const STORED = /^YWVzLTI1Ni1nY20kJ[A-Za-z0-9+/=]*\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/]{22}$/;

function definitions(keys: Record<string, string>) {
  return {
    patient: {
      dataEncryptionKeys: keys,
      attributes: {
        name: { type: 'string' },
        ssn: { type: 'string', encrypt: true },
        score: { type: 'number', encrypt: true },
        flag: { type: 'boolean', encrypt: true },
        notes: { type: 'json', encrypt: true },
        doctor: { model: 'doctor' },
      },
    },
    doctor: { attributes: { name: { type: 'string' }, patients: { collection: 'patient', via: 'doctor' } } },
  };
}

for (const datastore of testDatastores()) {
  describe(`encryption on ${datastore.name}`, () => {
    let orm: Lifted;
    let Patient: LiveModel;
    beforeEach(async () => {
      orm = await lift(datastore, definitions({ default: KEY, old: OLD_KEY }));
      Patient = orm.models.patient!;
    });
    afterEach(() => orm.teardown());

    it('stores ciphertext in encrypted-attr format and returns it unless asked to decrypt', async () => {
      await Patient.create({ name: 'Ann', ssn: '123-45-6789', score: 42, flag: true, notes: { a: [1, 'two'] } });
      const [raw] = await Patient.find({ name: 'Ann' });
      for (const attr of ['ssn', 'score', 'flag', 'notes']) expect(raw![attr]).toMatch(STORED);
      expect(Buffer.from(String(raw!.ssn).split('$')[0]!, 'base64').toString()).toBe('aes-256-gcm$$default');
      // What Waterline (encrypted-attr) reads back from the same stored value.
      expect(JSON.parse(encryptedAttr(['ssn'], { keys: { default: KEY } }).decryptAttribute(undefined, String(raw!.ssn)))).toBe('123-45-6789');
      const [plain] = await Patient.find({ name: 'Ann' }).decrypt();
      expect(plain).toMatchObject({ ssn: '123-45-6789', score: 42, flag: true, notes: { a: [1, 'two'] } });
      const viaMeta = await Patient.findOne({ name: 'Ann' }).meta({ decrypt: true });
      expect(viaMeta).toMatchObject({ ssn: '123-45-6789', score: 42 });
    });

    it('decrypts values Waterline wrote, under any configured key', async () => {
      const ea = encryptedAttr(['ssn'], { keys: { default: KEY, old: OLD_KEY }, keyId: 'old' });
      const stored = ea.encryptAttribute(undefined, JSON.stringify('from waterline'));
      const created = (await Patient.create({ name: 'Wl' }).fetch())!;
      await Patient.update({ id: created.id }).set({ ssn: 'placeholder' }).meta({ skipEncryption: true });
      await Patient.update({ id: created.id }).set({ ssn: stored }).meta({ skipEncryption: true });
      expect((await Patient.findOne({ id: created.id }).decrypt())!.ssn).toBe('from waterline');
    });

    it('decrypts fetched writes and populated children with .decrypt()', async () => {
      const made = await Patient.create({ name: 'Bo', ssn: 'x' }).fetch().decrypt();
      expect(made!.ssn).toBe('x');
      const each = await Patient.createEach([{ name: 'Cy', score: 7 }]).fetch().decrypt();
      expect(each[0]!.score).toBe(7);
      const updated = await Patient.update({ name: 'Bo' }).set({ ssn: 'y' }).fetch().decrypt();
      expect(updated[0]!.ssn).toBe('y');
      expect((await Patient.updateOne({ name: 'Bo' }).set({ score: 3 }).decrypt())!.score).toBe(3);
      const doctor = (await orm.models.doctor!.create({ name: 'Dr' }).fetch())!;
      await Patient.update({ name: 'Bo' }).set({ doctor: doctor.id });
      const [withPatients] = await orm.models.doctor!.find().populate('patients').decrypt();
      expect((withPatients!.patients as Record<string, unknown>[])[0]).toMatchObject({ ssn: 'y', score: 3 });
      const destroyed = await Patient.destroy({ name: 'Bo' }).fetch().decrypt();
      expect(destroyed[0]!.ssn).toBe('y');
    });

    it("stores '', 0, false and null unencrypted and reads them back in their type", async () => {
      await Patient.create({ name: 'Base', ssn: '', score: 0, flag: false, notes: null });
      const [raw] = await Patient.find({ name: 'Base' });
      expect(raw).toMatchObject({ ssn: '', score: 0, flag: false, notes: null });
      const [plain] = await Patient.find({ name: 'Base' }).decrypt();
      expect(plain).toMatchObject({ ssn: '', score: 0, flag: false, notes: null });
    });

    it('encrypts with meta.encryptWith, refuses an unknown key id, and skips with skipEncryption', async () => {
      await Patient.create({ name: 'Old', ssn: 's' }).meta({ encryptWith: 'old' });
      const [raw] = await Patient.find({ name: 'Old' });
      expect(Buffer.from(String(raw!.ssn).split('$')[0]!, 'base64').toString()).toBe('aes-256-gcm$$old');
      expect((await Patient.findOne({ name: 'Old' }).decrypt())!.ssn).toBe('s');
      await expect(Patient.create({ name: 'X', ssn: 's' }).meta({ encryptWith: 'nope' })).rejects.toThrow(/nope/);
      await Patient.create({ name: 'Skip', ssn: 'visible' }).meta({ skipEncryption: true });
      expect((await Patient.findOne({ name: 'Skip' }))!.ssn).toBe('visible');
      expect(Patient.validate('ssn', 'abc')).toMatch(STORED);
    });

    it('fails to decrypt with a different key: "Decryption failed for `attr`"', async () => {
      await orm.teardown();
      // An in-memory SQLite database would not outlive the first ORM.
      const file = join(mkdtempSync(join(tmpdir(), 'mooring-enc-')), 'db.sqlite');
      const store = datastore.config.filename === ':memory:' ? { ...datastore, config: { ...datastore.config, filename: file } } : datastore;
      orm = await lift(store, definitions({ default: KEY }));
      await orm.models.patient!.create({ name: 'Key', ssn: 'secret' });
      await orm.teardown();
      const safe = (defs: Record<string, Record<string, unknown>>) => Object.fromEntries(Object.entries(defs).map(([id, def]) => [id, { ...def, migrate: 'safe' }]));
      orm = await lift(store, safe(definitions({ default: randomBytes(32).toString('base64') })));
      Patient = orm.models.patient!;
      await expect(Patient.find({ name: 'Key' }).decrypt()).rejects.toThrow(/Decryption failed for `ssn`/);
      expect((await Patient.find({ name: 'Key' }))[0]!.ssn).toMatch(STORED);
    });
  });
}
