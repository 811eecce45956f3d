/**
 * A registered datastore as Sails 1.x exposes it (`Model.getDatastore()`, `orm.datastores[name]`):
 * `sendNativeQuery`, `transaction` and `leaseConnection`, each returning a deferred that can be
 * awaited or given a callback, plus the adapter in Waterline's callback form.
 */
import type { Connection, DatastoreConfig } from '../adapters/adapter.js';
import type { CallbackAdapter } from '../adapters/waterline/callback-adapter.js';
import { UsageError } from '../errors/index.js';
import { Deferred } from '../query/deferred.js';
import type { QueryMeta } from '../query/shapes.js';
import type { DatastoreEntry } from '../orm/runtime.js';

type Cb<T> = (err: Error | null, result?: T) => void;
type During<T> = ((db: Connection) => T | Promise<T>) | ((db: Connection, proceed: Cb<T>) => void);

/** A native query: chain `.usingConnection(db)` / `.meta({…})` before running it. */
export class NativeQuery<T> extends Deferred<T> {
  readonly #state: { meta: QueryMeta | undefined };
  constructor(run: (meta: QueryMeta | undefined) => Promise<T>, meta: QueryMeta | undefined) {
    const state = { meta };
    super(async () => ({ value: await run(state.meta) }));
    this.#state = state;
  }
  usingConnection(connection: unknown): this {
    this.#state.meta = { ...this.#state.meta, leasedConnection: connection };
    return this;
  }
  meta(meta: QueryMeta): this {
    this.#state.meta = { ...this.#state.meta, ...meta };
    return this;
  }
}

export interface DatastoreInstance {
  readonly name: string;
  readonly config: DatastoreConfig;
  readonly adapter: CallbackAdapter;
  readonly collections: string[];
  sendNativeQuery<T = unknown>(sql: string, valuesToEscape?: readonly unknown[], cb?: Cb<T>, meta?: QueryMeta): NativeQuery<T>;
  transaction<T>(during: (db: Connection) => T | Promise<T>, cb?: Cb<T>): Deferred<T>;
  transaction<T>(during: (db: Connection, proceed: Cb<T>) => void, cb?: Cb<T>): Deferred<T>;
  leaseConnection<T>(during: (db: Connection) => T | Promise<T>, cb?: Cb<T>): Deferred<T>;
  leaseConnection<T>(during: (db: Connection, proceed: Cb<T>) => void, cb?: Cb<T>): Deferred<T>;
}

function notSupported(name: string, what: string): Error {
  return Object.assign(new Error(`Datastore \`${name}\`: its adapter does not support \`${what}\`.`), { code: 'E_NOT_SUPPORTED' });
}

/** Runs `during` whether it is async/plain (`(db) => …`) or callback style (`(db, proceed) => …`). */
function callDuring<T>(during: During<T>, db: Connection): Promise<T> {
  if (during.length >= 2) {
    return new Promise<T>((resolve, reject) => {
      (during as (db: Connection, proceed: Cb<T>) => void)(db, (err, result) => (err ? reject(err) : resolve(result as T)));
    });
  }
  return Promise.resolve((during as (db: Connection) => T | Promise<T>)(db));
}

function maybeExec<T, D extends Deferred<T>>(deferred: D, cb: Cb<T> | undefined): D {
  if (cb) deferred.exec(cb);
  return deferred;
}

/** Sails reports native-query failures as `E_QUERY_FAILED` with the adapter's footprint. */
function queryFailed(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const footprint = (err as { footprint?: unknown } | undefined)?.footprint;
  return Object.assign(new Error(`Query failed: ${message}`, { cause: err }), { code: 'E_QUERY_FAILED', footprint, raw: { error: err } });
}

export function buildDatastoreInstance(entry: DatastoreEntry, adapter: CallbackAdapter): DatastoreInstance {
  const { name } = entry;
  const internal = entry.adapter;
  return {
    name,
    config: entry.config,
    adapter,
    collections: entry.collections,
    sendNativeQuery<T>(sql: string, valuesToEscape: readonly unknown[] = [], cb?: Cb<T>, meta?: QueryMeta) {
      const query = new NativeQuery<T>(async (m) => {
        if (typeof sql !== 'string' || sql.trim() === '') {
          throw new UsageError('E_USAGE', `Datastore \`${name}\`: \`sendNativeQuery()\` needs the SQL as a non-empty string.`);
        }
        if (!Array.isArray(valuesToEscape)) {
          throw new UsageError('E_USAGE', `Datastore \`${name}\`: \`sendNativeQuery()\` takes the values to bind as an array.`);
        }
        if (!internal.sendNativeQuery) throw notSupported(name, 'sendNativeQuery');
        try {
          return (await internal.sendNativeQuery(name, sql, valuesToEscape, m)) as T;
        } catch (err) {
          throw queryFailed(err);
        }
      }, meta);
      return maybeExec(query, cb);
    },
    transaction<T>(during: During<T>, cb?: Cb<T>) {
      const deferred = new Deferred<T>(async () => {
        if (!internal.transaction) throw notSupported(name, 'transaction');
        return { value: await internal.transaction(name, (db) => callDuring(during, db)) };
      });
      return maybeExec(deferred, cb);
    },
    leaseConnection<T>(during: During<T>, cb?: Cb<T>) {
      const deferred = new Deferred<T>(async () => {
        if (!internal.leaseConnection) throw notSupported(name, 'leaseConnection');
        return { value: await internal.leaseConnection(name, (db) => callDuring(during, db)) };
      });
      return maybeExec(deferred, cb);
    },
  };
}
