/**
 * The chainable query returned by model methods: a Deferred plus Waterline's modifier methods,
 * each of which only edits the stage-1 query.
 */
import { Deferred, type Outcome } from './deferred.js';
import { setClause, type Stage1Query } from './stage1.js';
import type { MethodName, QueryMeta } from './shapes.js';

type Modifier =
  | 'where' | 'select' | 'omit' | 'limit' | 'skip' | 'sort' | 'paginate' | 'populate'
  | 'set' | 'members' | 'fetch' | 'decrypt' | 'eachRecord' | 'eachBatch';

const FIND_LIKE: readonly MethodName[] = ['find', 'findOne', 'stream'];
const WHERE_METHODS: readonly MethodName[] = [
  'find', 'findOne', 'stream', 'count', 'sum', 'avg', 'findOrCreate',
  'update', 'updateOne', 'destroy', 'destroyOne', 'archive', 'archiveOne',
];
const FETCH_METHODS: readonly MethodName[] = [
  'create', 'createEach', 'findOrCreate', 'update', 'updateOne', 'destroy', 'destroyOne', 'archive', 'archiveOne',
];

const ALWAYS_RETURNS_RECORD: readonly MethodName[] = ['findOrCreate', 'updateOne', 'destroyOne', 'archiveOne'];

const AVAILABLE: Record<Modifier, readonly MethodName[]> = {
  where: WHERE_METHODS,
  select: FIND_LIKE,
  omit: FIND_LIKE,
  limit: ['find', 'stream'],
  skip: ['find', 'stream'],
  sort: ['find', 'stream'],
  paginate: ['find', 'stream'],
  populate: FIND_LIKE,
  set: ['update', 'updateOne', 'create', 'createEach', 'findOrCreate'],
  members: ['addToCollection', 'removeFromCollection', 'replaceCollection'],
  fetch: FETCH_METHODS,
  decrypt: [...FIND_LIKE, ...FETCH_METHODS],
  eachRecord: ['stream'],
  eachBatch: ['stream'],
};

export class ModelQuery<T> extends Deferred<T> {
  readonly #query: Stage1Query;

  constructor(query: Stage1Query, run: (query: Stage1Query) => Promise<Outcome<T>>) {
    super(() => run(query));
    this.#query = query;
  }

  #allow(modifier: Modifier): Stage1Query {
    if (!AVAILABLE[modifier].includes(this.#query.method)) {
      throw new Error(`\`.${modifier}()\` cannot be used with \`.${this.#query.method}()\`.`);
    }
    return this.#query;
  }

  #setMeta(patch: QueryMeta): this {
    this.#query.meta = { ...this.#query.meta, ...patch };
    return this;
  }

  where(where: unknown): this {
    setClause(this.#allow('where'), 'where', where);
    return this;
  }
  select(attributes: unknown): this {
    setClause(this.#allow('select'), 'select', attributes);
    return this;
  }
  omit(attributes: unknown): this {
    setClause(this.#allow('omit'), 'omit', attributes);
    return this;
  }
  limit(limit: unknown): this {
    setClause(this.#allow('limit'), 'limit', limit);
    return this;
  }
  skip(skip: unknown): this {
    setClause(this.#allow('skip'), 'skip', skip);
    return this;
  }
  sort(sort: unknown): this {
    setClause(this.#allow('sort'), 'sort', sort);
    return this;
  }

  /** Zero-based page of `pageSize` records (default 30). */
  paginate(page?: unknown, pageSize?: unknown): this {
    const query = this.#allow('paginate');
    let p = page;
    let size = pageSize;
    if (typeof page === 'object' && page !== null) {
      const legacy = page as { page?: unknown; limit?: unknown };
      p = legacy.page;
      size = legacy.limit;
    }
    const pageNumber = typeof p === 'number' && Number.isSafeInteger(p) && p >= 0 ? p : 0;
    const perPage = typeof size === 'number' && size > 0 ? size : 30;
    if (perPage === Infinity) return this;
    setClause(query, 'skip', pageNumber * perPage);
    setClause(query, 'limit', perPage);
    return this;
  }

  populate(attribute: string | string[], subcriteria?: unknown): this {
    const query = this.#allow('populate');
    const names = Array.isArray(attribute) ? attribute : [attribute];
    query.populates = query.populates ?? {};
    for (const name of names) query.populates[name] = subcriteria === undefined ? true : subcriteria;
    return this;
  }

  set(values: unknown): this {
    const query = this.#allow('set');
    // findOrCreate: `.set()` gives the record to create (Mooring decision; Waterline drops it).
    if (query.method === 'create' || query.method === 'findOrCreate') query.newRecord = values;
    else if (query.method === 'createEach') query.newRecords = values;
    else query.valuesToSet = values;
    return this;
  }

  members(associatedIds: unknown): this {
    this.#allow('members').associatedIds = associatedIds;
    return this;
  }

  /** Asks for the affected records; the result is then never `undefined`. */
  fetch(...args: unknown[]): ModelQuery<NonNullable<T>> {
    if (args.length > 0) throw new Error('`.fetch()` takes no arguments; use `.meta({fetch: true})` to be explicit.');
    const { method } = this.#allow('fetch');
    if (ALWAYS_RETURNS_RECORD.includes(method)) {
      console.warn(`Mooring: \`.fetch()\` is unnecessary with \`.${method}()\`, which always returns the record.`);
      return this as unknown as ModelQuery<NonNullable<T>>;
    }
    return this.#setMeta({ fetch: true }) as unknown as ModelQuery<NonNullable<T>>;
  }

  decrypt(): this {
    this.#allow('decrypt');
    return this.#setMeta({ decrypt: true });
  }

  meta(meta: QueryMeta): this {
    if (typeof meta !== 'object' || meta === null) {
      // Kept for stage 2 to report as E_INVALID_META with the model's name.
      this.#query.meta = meta;
      return this;
    }
    return this.#setMeta(meta);
  }

  usingConnection(connection: unknown): this {
    return this.#setMeta({ leasedConnection: connection });
  }

  eachRecord(fn: unknown): this {
    this.#allow('eachRecord').eachRecordFn = fn;
    return this;
  }

  eachBatch(sizeOrFn: unknown, fn?: unknown, ...rest: unknown[]): this {
    if (rest.length > 0) throw new Error('`.eachBatch()` takes at most two arguments: an optional batch size, then the iteratee.');
    const query = this.#allow('eachBatch');
    if (fn === undefined) {
      query.eachBatchFn = sizeOrFn;
    } else {
      query.eachBatchFn = fn;
      this.#setMeta({ batchSize: sizeOrFn as number });
    }
    return this;
  }
}
