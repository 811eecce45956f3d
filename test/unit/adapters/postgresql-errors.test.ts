/** Error classification and configuration parsing of the PostgreSQL adapter; no server needed. */
import { describe, expect, it } from 'vitest';
import { poolSettings } from '../../../src/adapters/postgresql/config.js';
import { isConnectionFailure, keysFromDetail, postgresqlFootprint } from '../../../src/adapters/postgresql/errors.js';

describe('PostgreSQL error footprints', () => {
  it('reads the columns of a unique violation from its detail', () => {
    expect(keysFromDetail('Key (email)=(a@x.io) already exists.')).toEqual(['email']);
    expect(keysFromDetail('Key (team, "Email")=(7, A) already exists.')).toEqual(['team', 'Email']);
    expect(keysFromDetail('Key ("odd ""name"", really")=(1) already exists.')).toEqual(['odd "name", really']);
    // An expression index names no column.
    expect(keysFromDetail('Key (lower(email))=(a) already exists.')).toBeUndefined();
    expect(keysFromDetail('Failing row contains (1).')).toBeUndefined();
  });

  it('classifies SQLSTATEs, falling back to the constraint name for the columns', () => {
    expect(postgresqlFootprint({ code: '23505', detail: 'Key (email)=(x) already exists.' })).toEqual({ identity: 'notUnique', keys: ['email'] });
    expect(postgresqlFootprint({ code: '23505', constraint: 'user_email_key' }, 'user')).toEqual({ identity: 'notUnique', keys: ['email'] });
    expect(postgresqlFootprint({ code: '23505', constraint: 'user_pkey' }, 'user')).toEqual({ identity: 'notUnique', keys: [] });
    expect(postgresqlFootprint({ code: '42P01' })).toEqual({ identity: 'noSuchPhysicalModel' });
    expect(postgresqlFootprint({ code: '42703' })).toEqual({ identity: 'catchall' });
    expect(postgresqlFootprint(new Error('x'))).toEqual({ identity: 'catchall' });
  });

  it('recognises a server that cannot be reached or went away', () => {
    expect(isConnectionFailure({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isConnectionFailure({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true);
    expect(isConnectionFailure({ code: '08006' })).toBe(true);
    expect(isConnectionFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionFailure({ code: '23505' })).toBe(false);
  });
});

describe('PostgreSQL datastore settings', () => {
  const settings = (config: Record<string, unknown>) => poolSettings({ adapter: 'postgresql', identity: 'ds', ...config });

  it('takes a url, with explicit keys winning over its parts', () => {
    expect(settings({ url: 'postgres://bob@db.example:6543/app' })).toEqual({ pool: { connectionString: 'postgres://bob@db.example:6543/app' }, server: 'db.example:6543' });
    const mixed = settings({ url: 'postgresql://bob:x@db.example/app?sslmode=require', password: 'p@ss/w', database: 'other', port: '7000', max: 5 });
    expect(mixed.pool).toEqual({ connectionString: 'postgresql://bob:p%40ss%2Fw@db.example:7000/other?sslmode=require', max: 5 });
    expect(mixed.server).toBe('db.example:7000');
  });

  it('takes separate keys and pool settings', () => {
    expect(settings({ host: 'h', port: 5433, user: 'u', password: 'p', database: 'd', idleTimeoutMillis: 10, connectionTimeoutMillis: 20 })).toEqual({
      pool: { host: 'h', port: 5433, user: 'u', password: 'p', database: 'd', idleTimeoutMillis: 10, connectionTimeoutMillis: 20 },
      server: 'h:5433',
    });
  });

  it('refuses malformed settings, naming the datastore', () => {
    expect(() => settings({ url: 'mysql://x' })).toThrow(/^Datastore `ds`: `url` must start with `postgres:\/\/`/);
    expect(() => settings({ url: 'not a url' })).toThrow(/`url` is not a URL/);
    expect(() => settings({ max: -1 })).toThrow(/`max` must be a whole number/);
    expect(() => settings({ user: 7 })).toThrow(/`user` must be a string/);
  });
});
