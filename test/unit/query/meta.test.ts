/** queries.md §9 (E_INVALID_META) and §8 (model settings folded into meta). */
import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../../src/query/shapes.js';
import { normalizeMeta } from '../../../src/query/stage2/normalize-meta.js';
import type { ModelOntology, Ontology } from '../../../src/schema/ontology.js';
import { expectUsageError } from './expect-error.js';
import { ontology, pet, user, withSettings } from './fixtures.js';

const meta = (value: unknown, method: MethodName = 'find', model: ModelOntology = user, models: Ontology = ontology) =>
  normalizeMeta(value, model, method, models);

describe('validation', () => {
  it('undefined stays undefined when no setting applies', () => {
    expect(meta(undefined)).toBeUndefined();
  });

  it.each(['x', 3, [], () => ({}), null, new Date(0)])('refuses %s as meta', (value) => {
    expectUsageError(() => meta(value), 'E_INVALID_META', '`user`', 'dictionary');
  });

  it.each(['fetch', 'mutateArgs', 'decrypt', 'skipEncryption'])('%s must be boolean', (key) => {
    expect(meta({ [key]: true }, 'update')).toEqual({ [key]: true });
    expectUsageError(() => meta({ [key]: 'yes' }, 'update'), 'E_INVALID_META', '`user`', `\`${key}\``, 'true` or `false');
  });

  it('fetch is refused by findOrCreate', () => {
    expectUsageError(() => meta({ fetch: true }, 'findOrCreate'), 'E_INVALID_META', '`findOrCreate`');
  });

  it('encryptWith must be a non-empty string', () => {
    expect(meta({ encryptWith: 'k1' }, 'create')).toEqual({ encryptWith: 'k1' });
    expectUsageError(() => meta({ encryptWith: '' }, 'create'), 'E_INVALID_META', '`encryptWith`');
    expectUsageError(() => meta({ encryptWith: 3 }, 'create'), 'E_INVALID_META', '`encryptWith`');
  });

  it('batchSize must be a positive safe integer, and only for stream', () => {
    expect(meta({ batchSize: 10 }, 'stream')).toEqual({ batchSize: 10 });
    for (const bad of [0, -1, 1.5, '10', Number.MAX_SAFE_INTEGER + 2]) {
      expectUsageError(() => meta({ batchSize: bad }, 'stream'), 'E_INVALID_META', '`batchSize`', 'positive safe integer');
    }
    expectUsageError(() => meta({ batchSize: 10 }, 'find'), 'E_INVALID_META', '`batchSize`', '`stream`', '`find`');
  });

  it('passes unknown keys through and copies rather than mutates', () => {
    const connection = { id: 1 };
    const input = { schemaName: 'app', leasedConnection: connection };
    const result = meta(input, 'update', withSettings(user, { fetchRecordsOnUpdate: true }));
    expect(result).toEqual({ schemaName: 'app', leasedConnection: connection, fetch: true });
    expect(result?.leasedConnection).toBe(connection);
    expect(input).toEqual({ schemaName: 'app', leasedConnection: connection });
  });
});

describe('model settings', () => {
  it.each([
    ['fetchRecordsOnCreate', 'create'],
    ['fetchRecordsOnCreateEach', 'createEach'],
    ['fetchRecordsOnUpdate', 'update'],
    ['fetchRecordsOnDestroy', 'destroy'],
  ] as const)('%s sets fetch for %s unless meta says otherwise', (setting, method) => {
    const model = withSettings(user, { [setting]: true });
    expect(meta(undefined, method, model)).toEqual({ fetch: true });
    expect(meta({ fetch: false }, method, model)).toEqual({ fetch: false });
    expect(meta(undefined, 'find', model)).toBeUndefined();
    expect(meta(undefined, method)).toBeUndefined();
  });

  it('cascadeOnDestroy sets cascade for destroy unless meta says otherwise', () => {
    const model = withSettings(user, { cascadeOnDestroy: true });
    expect(meta(undefined, 'destroy', model)).toEqual({ cascade: true });
    expect(meta({ cascade: false }, 'destroy', model)).toEqual({ cascade: false });
    expect(meta(undefined, 'update', model)).toBeUndefined();
  });

  it('dontUseObjectIds lists every opted-out model as modelsNotUsingObjectIds', () => {
    const models: Ontology = { ...ontology, user: withSettings(user, { dontUseObjectIds: true }), pet: withSettings(pet, { dontUseObjectIds: true }) };
    expect(meta(undefined, 'find', user, models)).toEqual({ modelsNotUsingObjectIds: ['user', 'pet'] });
    expect(meta({ decrypt: true }, 'find', user, models)).toEqual({ decrypt: true, modelsNotUsingObjectIds: ['user', 'pet'] });
  });
});
