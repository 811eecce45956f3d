/**
 * Waterline's positional calling conventions, e.g. `find(criteria, populates, cb, meta)`,
 * `find(cb)`, `update(criteria, values, cb)`. Returns the stage-1 keys plus the callback.
 */
import { UsageError } from '../errors/index.js';
import type { MethodName, QueryMeta } from '../query/shapes.js';
import type { Stage1Query } from '../query/stage1.js';

export type Parsed = { query: Partial<Stage1Query>; cb?: (...args: unknown[]) => void };

const isFn = (v: unknown): v is (...args: unknown[]) => void => typeof v === 'function';
const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** After the named leading arguments: `(cb?, meta?)`. */
function tail(args: readonly unknown[], from: number, query: Partial<Stage1Query>): Parsed {
  const cb = args[from];
  const meta = args[from + 1];
  if (meta !== undefined) query.meta = meta as QueryMeta;
  if (cb === undefined) return { query };
  if (!isFn(cb)) throw new UsageError('E_USAGE', `Expected a callback function as argument #${from + 1}, but got ${typeof cb}.`);
  return { query, cb };
}

export function parseArguments(method: MethodName, args: readonly unknown[]): Parsed {
  switch (method) {
    case 'find':
    case 'findOne': {
      if (isFn(args[0])) return tail(args, 0, {});
      const query: Partial<Stage1Query> = { criteria: args[0] };
      if (isFn(args[1]) || args[1] === undefined) return tail(args, 1, query);
      if (isDict(args[1])) query.populates = { ...args[1] };
      return tail(args, 2, query);
    }
    case 'count':
    case 'destroy':
    case 'destroyOne':
    case 'archive':
    case 'archiveOne':
      return isFn(args[0]) ? tail(args, 0, {}) : tail(args, 1, { criteria: args[0] });
    case 'stream':
      // `stream(eachRecordFn, cb?)` or `stream(criteria, eachRecordFn?, cb?)`.
      if (isFn(args[0])) return tail(args, 1, { eachRecordFn: args[0] });
      return tail(args, 2, { criteria: args[0], ...(args[1] !== undefined ? { eachRecordFn: args[1] } : {}) });
    case 'sum':
    case 'avg':
      if (isFn(args[1])) return tail(args, 1, { numericAttrName: args[0] });
      return tail(args, 2, { numericAttrName: args[0], criteria: args[1] });
    case 'findOrCreate':
      return tail(args, 2, { criteria: args[0], newRecord: args[1] });
    case 'create':
      return tail(args, 1, { newRecord: args[0] });
    case 'createEach':
      return tail(args, 1, { newRecords: args[0] });
    case 'update':
    case 'updateOne':
      if (isFn(args[1])) return tail(args, 1, { criteria: args[0] });
      return tail(args, 2, { criteria: args[0], ...(args[1] !== undefined ? { valuesToSet: args[1] } : {}) });
    case 'addToCollection':
    case 'removeFromCollection':
    case 'replaceCollection': {
      // The third argument is the ids whenever it is not undefined (a function there is a bad id list).
      const query: Partial<Stage1Query> = { targetRecordIds: args[0], collectionAttrName: args[1] };
      if (args[2] !== undefined) query.associatedIds = args[2];
      return tail(args, 3, query);
    }
    default:
      return tail(args, 0, {});
  }
}
