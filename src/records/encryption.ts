/**
 * At-rest encryption of `encrypt: true` attributes, in the stored format Waterline writes
 * (its encrypted-attr library), so databases written by Waterline decrypt here and back:
 *
 *   base64("aes-256-gcm$$<keyId>") $ base64(12-byte IV) $ base64(ciphertext) $ base64(16-byte tag)[0..22]
 *
 * AES-256-GCM with the first segment's text as additional authenticated data; the plaintext is
 * the value's JSON, so `2` and `'2'` stay distinct.
 */
import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UsageError } from '../errors/index.js';
import type { ModelOntology, Ontology, ScalarAttribute } from '../schema/ontology.js';
import type { NormalizedPopulate, QueryMeta, RecordData } from '../query/shapes.js';

const ALGORITHM = 'aes-256-gcm';
/** Every stored ciphertext starts with this (base64 of `aes-256-gcm$`: 12 bytes, so no padding). */
const PREFIX = Buffer.from(`${ALGORITHM}$`).toString('base64');

const encryptedAttrs = new WeakMap<ModelOntology, readonly ScalarAttribute[]>();

/** The model's encrypted attributes (cached; most models have none). */
export function encryptedAttributes(model: ModelOntology): readonly ScalarAttribute[] {
  let found = encryptedAttrs.get(model);
  if (!found) {
    found = Object.values(model.attributes).filter((a): a is ScalarAttribute => a.kind === 'scalar' && a.encrypt);
    encryptedAttrs.set(model, found);
  }
  return found;
}

export function isCiphertext(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** Base values carry nothing secret and are stored as they are, as Waterline does. */
function isBaseValue(value: unknown): boolean {
  return value === '' || value === 0 || value === false || value === null || value === undefined;
}

function keyOf(model: ModelOntology, keyId: string): Buffer {
  const key = model.dataEncryptionKeys?.[keyId];
  if (key === undefined) {
    throw new UsageError('E_INVALID_META', `Model \`${model.identity}\` has no data encryption key \`${keyId}\` (\`meta.encryptWith\`); its keys are: ${Object.keys(model.dataEncryptionKeys ?? {}).join(', ') || 'none'}.`, model.identity);
  }
  return Buffer.from(key, 'base64');
}

/** Encrypts one value as `JSON.stringify(value)` with key `keyId` of `model`. */
export function encryptValue(model: ModelOntology, value: unknown, keyId = 'default'): unknown {
  if (isBaseValue(value)) return value;
  const aad = Buffer.from(`${ALGORITHM}$$${keyId}`);
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, keyOf(model, keyId), iv).setAAD(aad);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [aad, iv, body].map((b) => b.toString('base64')).join('$') + '$' + cipher.getAuthTag().toString('base64').slice(0, 22);
}

/** Returns a copy of `record` with its encrypted attributes encrypted (unless `meta.skipEncryption`). */
export function encryptRecord(model: ModelOntology, record: RecordData, meta: QueryMeta | undefined): RecordData {
  const attrs = encryptedAttributes(model);
  if (attrs.length === 0 || meta?.skipEncryption === true) return record;
  const keyId = meta?.encryptWith ?? 'default';
  keyOf(model, keyId); // an unknown key id fails even when every value is a base value
  const out = { ...record };
  for (const attr of attrs) {
    if (Object.hasOwn(out, attr.name)) out[attr.name] = encryptValue(model, out[attr.name], keyId);
  }
  return out;
}

function decryptionFailed(model: ModelOntology, attr: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`Decryption failed for \`${attr}\` (in a \`${model.identity}\` record): ${reason}`, { cause });
}

function decipher(model: ModelOntology, stored: string): string {
  const [aad = '', iv = '', body = '', tag = ''] = stored.split('$');
  const aadBytes = Buffer.from(aad, 'base64');
  const keyId = aadBytes.toString('utf8').split('$')[2] ?? '';
  const key = model.dataEncryptionKeys?.[keyId];
  if (key === undefined) throw new Error(`the value was encrypted with key \`${keyId}\`, which the model does not have.`);
  const gcm = createDecipheriv(ALGORITHM, Buffer.from(key, 'base64'), Buffer.from(iv, 'base64'))
    .setAAD(aadBytes)
    .setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([gcm.update(Buffer.from(body, 'base64')), gcm.final()]).toString('utf8');
}

/**
 * A base value as a text column gives it back (`'0'` for 0 or false), restored to the
 * attribute's type; anything else unchanged.
 */
function restoreBaseValue(attr: ScalarAttribute, value: unknown): unknown {
  // A text column may spell a stored 0 as '0' or '0.0'.
  const zero = typeof value === 'string' && /^0(\.0*)?$/.test(value);
  if ((attr.type === 'number' || attr.type === 'json') && zero) return 0;
  if (attr.type === 'boolean' && (zero || value === 0 || value === 'false')) return false;
  return value;
}

function decryptValue(model: ModelOntology, attr: ScalarAttribute, stored: unknown): unknown {
  const value = restoreBaseValue(attr, stored);
  if (isBaseValue(value)) return value;
  try {
    // Plain JSON (written before the attribute was encrypted) reads as Waterline reads it.
    return JSON.parse(isCiphertext(value) ? decipher(model, value) : String(value));
  } catch (err) {
    throw decryptionFailed(model, attr.name, err);
  }
}

/**
 * Prepares records of `model` as read from the database, in place: base values come back in
 * their type, and with `decrypt` every encrypted attribute is decrypted. Throws "Decryption
 * failed for `attr`" when a value cannot be decrypted.
 */
export function readEncrypted(model: ModelOntology, records: readonly RecordData[], decrypt: boolean): void {
  const attrs = encryptedAttributes(model);
  if (attrs.length === 0) return;
  for (const record of records) {
    for (const attr of attrs) {
      if (!Object.hasOwn(record, attr.name)) continue;
      record[attr.name] = decrypt ? decryptValue(model, attr, record[attr.name]) : restoreBaseValue(attr, record[attr.name]);
    }
  }
}

/** `readEncrypted` for records and the children populated into them. */
export function readEncryptedDeep(
  model: ModelOntology,
  ontology: Ontology,
  records: readonly RecordData[],
  populates: Readonly<Record<string, NormalizedPopulate>>,
  meta: QueryMeta | undefined,
): void {
  const decrypt = meta?.decrypt === true;
  readEncrypted(model, records, decrypt);
  for (const alias of Object.keys(populates)) {
    const attr = model.attributes[alias];
    const target = attr && attr.kind !== 'scalar' ? ontology[attr.kind === 'model' ? attr.model : attr.collection] : undefined;
    if (!target || encryptedAttributes(target).length === 0) continue;
    for (const record of records) {
      const child = record[alias];
      const children = Array.isArray(child) ? (child as RecordData[]) : child !== null && typeof child === 'object' ? [child as RecordData] : [];
      readEncrypted(target, children, decrypt);
    }
  }
}
