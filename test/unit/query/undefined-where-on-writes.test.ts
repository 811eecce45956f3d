/**
 * Mooring decision #4: `{id: undefined}` drops the key and would match every record. Reads keep
 * Waterline's behaviour; update/destroy/archive (and their One forms) refuse it, naming the
 * attribute, while a deliberate `{}` still matches all.
 */
import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../../src/query/shapes.js';
import { normalizeCriteria } from '../../../src/query/stage2/normalize-criteria.js';
import { expectUsageError } from './expect-error.js';
import { DEFAULTS, ontology, user } from './fixtures.js';

const normalize = (criteria: unknown, method: MethodName) => normalizeCriteria(criteria, user, ontology, method);

const WRITES = ['update', 'updateOne', 'destroy', 'destroyOne', 'archive', 'archiveOne'] as const;
const BULK_WRITES = ['update', 'destroy', 'archive'] as const;

describe('a where clause emptied only by undefined values', () => {
  it.each(WRITES)('is refused by %s, naming the attribute', (method) => {
    expectUsageError(() => normalize({ id: undefined }, method), 'E_INVALID_CRITERIA', '`user`', '`id`', '`undefined`', method);
    expectUsageError(() => normalize({ where: { id: undefined } }, method), 'E_INVALID_CRITERIA', '`id`');
    expectUsageError(() => normalize({ where: { id: undefined, name: undefined } }, method), 'E_INVALID_CRITERIA', '`id`, `name` are');
    expectUsageError(() => normalize({ and: [{ id: undefined }] }, method), 'E_INVALID_CRITERIA', '`id`');
    expectUsageError(() => normalize({ or: [{ id: undefined }, { name: 'a' }] }, method), 'E_INVALID_CRITERIA', '`id`');
    expectUsageError(() => normalize({ where: undefined }, method), 'E_INVALID_CRITERIA', '`where`');
  });

  it.each(BULK_WRITES)('a deliberate {} still matches all for %s', (method) => {
    expect(normalize({}, method)).toEqual(DEFAULTS);
    expect(normalize({ where: {} }, method)).toEqual(DEFAULTS);
    expect(normalize({ or: [{}, { id: undefined }] }, method)).toEqual(DEFAULTS);
  });

  it.each(WRITES)('defined keys beside undefined ones still filter for %s', (method) => {
    expect(normalize({ id: undefined, name: 'a' }, method).where).toEqual({ name: 'a' });
  });

  it.each(['find', 'count', 'sum', 'avg', 'stream'] as const)('keeps matching everything for %s, as Waterline does', (method) => {
    expect(normalize({ id: undefined }, method).where).toEqual({});
  });
});
