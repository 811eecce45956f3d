/** Which failures make Mooring rerun a transaction it opened. */
import { describe, expect, it } from 'vitest';
import { isTransientFailure } from '../../../src/adapters/transient-failure.js';
import { AdapterError } from '../../../src/errors/index.js';

const driverError = (props: Record<string, unknown>): Error => Object.assign(new Error('driver'), props);
const wrapped = (raw: unknown): AdapterError =>
  new AdapterError({ raw: Object.assign(new Error('adapter', { cause: raw }), { footprint: { identity: 'catchall' } }), modelIdentity: 'user', adapterMethodName: 'update' });

describe('isTransientFailure', () => {
  it('recognises deadlocks and serialization failures through AdapterError, raw and cause', () => {
    expect(isTransientFailure(wrapped(driverError({ code: '40P01' })))).toBe(true);
    expect(isTransientFailure(wrapped(driverError({ code: '40001' })))).toBe(true);
    expect(isTransientFailure(wrapped(driverError({ code: 'ER_LOCK_DEADLOCK', errno: 1213 })))).toBe(true);
    expect(isTransientFailure(driverError({ errno: 1205 }))).toBe(true);
    expect(isTransientFailure(driverError({ transient: true }))).toBe(true);
  });

  it('never retries unique violations or other failures', () => {
    expect(isTransientFailure(wrapped(driverError({ code: '23505' })))).toBe(false);
    expect(isTransientFailure(driverError({ code: 'ER_DUP_ENTRY', errno: 1062 }))).toBe(false);
    expect(isTransientFailure(new Error('plain'))).toBe(false);
    expect(isTransientFailure(undefined)).toBe(false);
    const loop: Record<string, unknown> = {};
    loop.cause = loop;
    expect(isTransientFailure(loop)).toBe(false);
  });
});
