import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { encryptRecord, encryptValue, isCiphertext, readEncrypted } from '../../../src/records/encryption.js';
import { model, scalar } from './fixtures.js';

type EA = (attrs: string[], options: { keys: Record<string, string>; keyId?: string }) => {
  encryptAttribute(obj: unknown, value: string): string;
  decryptAttribute(obj: unknown, value: string): string;
};
const encryptedAttr = createRequire(import.meta.url)('encrypted-attr') as EA;

const keys = { default: randomBytes(32).toString('base64'), k2: randomBytes(32).toString('base64') };
const patient = model('patient', [scalar('id', 'number'), scalar('ssn', 'string', { encrypt: true }), scalar('n', 'number', { encrypt: true }), scalar('ok', 'boolean', { encrypt: true }), scalar('name', 'string')], { dataEncryptionKeys: keys });

describe('encryption', () => {
  it('writes what encrypted-attr (Waterline) decrypts, and reads what it writes', () => {
    const mine = encryptValue(patient, { a: 1 }, 'k2') as string;
    expect(mine.split('$')).toHaveLength(4);
    expect(mine.split('$')[3]).toHaveLength(22);
    expect(JSON.parse(encryptedAttr(['x'], { keys }).decryptAttribute(undefined, mine))).toEqual({ a: 1 });
    const theirs = encryptedAttr(['x'], { keys, keyId: 'default' }).encryptAttribute(undefined, JSON.stringify('s3cret'));
    const record = { ssn: theirs };
    readEncrypted(patient, [record], true);
    expect(record.ssn).toBe('s3cret');
  });

  it('uses a fresh IV every time and keeps base values and omitted keys as they are', () => {
    expect(encryptValue(patient, 'x')).not.toBe(encryptValue(patient, 'x'));
    const out = encryptRecord(patient, { ssn: '', n: 0, ok: false, name: 'plain' }, undefined);
    expect(out).toEqual({ ssn: '', n: 0, ok: false, name: 'plain' });
    expect(encryptRecord(patient, { n: 5 }, { skipEncryption: true })).toEqual({ n: 5 });
    expect(isCiphertext(encryptRecord(patient, { n: 5 }, undefined).n)).toBe(true);
    expect(() => encryptRecord(patient, { n: 5 }, { encryptWith: 'missing' })).toThrow(/missing/);
  });

  it('restores base values a text column returns, and refuses tampered ciphertext', () => {
    const rows = [{ n: '0.0', ok: '0', ssn: '' }];
    readEncrypted(patient, rows, false);
    expect(rows[0]).toEqual({ n: 0, ok: false, ssn: '' });
    const stored = encryptValue(patient, 'x') as string;
    const parts = stored.split('$');
    parts[2] = Buffer.from('tampered').toString('base64');
    expect(() => readEncrypted(patient, [{ ssn: parts.join('$') }], true)).toThrow(/Decryption failed for `ssn`/);
    expect(() => readEncrypted(patient, [{ ssn: 'not json, not ciphertext' }], true)).toThrow(/Decryption failed for `ssn`/);
  });
});
