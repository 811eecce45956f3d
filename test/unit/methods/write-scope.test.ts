/** The write scope: one transaction per datastore, inner metas, and reruns after a deadlock. */
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../../src/adapters/adapter.js';
import { inWriteScope, MAX_ATTEMPTS } from '../../../src/methods/write-scope.js';
import type { ModelContext } from '../../../src/orm/runtime.js';
import type { ModelOntology } from '../../../src/schema/ontology.js';

function contextOn(datastore: string, log: string[]): ModelContext {
  const adapter = {
    transaction: async <T>(name: string, during: (c: object) => Promise<T>): Promise<T> => {
      log.push(`begin ${name}`);
      try {
        const result = await during({ name });
        log.push(`commit ${name}`);
        return result;
      } catch (err) {
        log.push(`rollback ${name}`);
        throw err;
      }
    },
  } as unknown as Adapter;
  return {
    model: { identity: `m_${datastore}` } as ModelOntology,
    runtime: { ontology: {}, datastores: {}, models: {} } as unknown as ModelContext['runtime'],
    datastore: { name: datastore, config: { adapter: 'fake' }, adapter, collections: [] },
  };
}

const deadlock = (): Error => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('inWriteScope', () => {
  it('nests one transaction per datastore and gives each model its own connection', async () => {
    const log: string[] = [];
    const a = contextOn('a', log);
    const b = contextOn('b', log);
    const metas = await inWriteScope(a, [b, a], { fetch: true, cascade: true, custom: 1 }, async (scope) => [scope.meta, scope.innerMeta(a), scope.innerMeta(b)]);
    expect(log).toEqual(['begin a', 'begin b', 'commit b', 'commit a']);
    expect(metas[0]).toMatchObject({ fetch: true, leasedConnection: { name: 'a' } });
    expect(metas[1]).toEqual({ custom: 1, skipAllLifecycleCallbacks: true, leasedConnection: { name: 'a' } });
    expect(metas[2]).toEqual({ custom: 1, skipAllLifecycleCallbacks: true, leasedConnection: { name: 'b' } });
  });

  it('reruns the whole unit after a deadlock, up to MAX_ATTEMPTS', async () => {
    const log: string[] = [];
    let attempts = 0;
    const result = await inWriteScope(contextOn('a', log), [], undefined, async () => {
      attempts += 1;
      if (attempts < 3) throw deadlock();
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(log).toEqual(['begin a', 'rollback a', 'begin a', 'rollback a', 'begin a', 'commit a']);

    attempts = 0;
    await expect(inWriteScope(contextOn('a', []), [], undefined, async () => {
      attempts += 1;
      throw deadlock();
    })).rejects.toMatchObject({ code: '40P01' });
    expect(attempts).toBe(MAX_ATTEMPTS);
  });

  it("doesn't rerun inside the caller's transaction, or for other errors", async () => {
    let attempts = 0;
    const lease = { name: 'callers' };
    await expect(inWriteScope(contextOn('a', []), [], { leasedConnection: lease }, async (scope) => {
      attempts += 1;
      expect(scope.meta?.leasedConnection).toBe(lease);
      throw deadlock();
    })).rejects.toMatchObject({ code: '40P01' });
    expect(attempts).toBe(1);

    attempts = 0;
    await expect(inWriteScope(contextOn('a', []), [], undefined, async () => {
      attempts += 1;
      throw Object.assign(new Error('dup'), { code: 'E_UNIQUE' });
    })).rejects.toMatchObject({ code: 'E_UNIQUE' });
    expect(attempts).toBe(1);
  });
});
