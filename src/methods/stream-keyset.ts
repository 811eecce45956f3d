/**
 * How `stream()` pages (Mooring decision 6). By keyset whenever it can: each batch asks for
 * the rows after the last one seen in (sort…, primary key) order, so rows inserted or deleted
 * meanwhile never shift a page, and no row is visited twice or skipped. That needs every sort
 * key to be a non-null string or number; otherwise the stream falls back to skip/limit.
 */
import type { Attribute, ModelOntology } from '../schema/ontology.js';
import type { Criteria, RecordData, SortDirective, WhereClause } from '../query/shapes.js';

export interface SortKey {
  readonly attr: string;
  readonly direction: 'ASC' | 'DESC';
}

/** The user's sort, cut after the primary key (nothing after it matters), with the pk appended. */
export function totalOrder(model: ModelOntology, sort: readonly SortDirective[]): SortKey[] {
  const keys: SortKey[] = [];
  for (const directive of sort) {
    const [attr, direction] = Object.entries(directive)[0] ?? [];
    if (attr === undefined || direction === undefined) continue;
    keys.push({ attr, direction });
    if (attr === model.primaryKey) return keys;
  }
  keys.push({ attr: model.primaryKey, direction: 'ASC' });
  return keys;
}

export const toSort = (keys: readonly SortKey[]): SortDirective[] => keys.map((k) => ({ [k.attr]: k.direction }));

/** Keys whose values a `>`/`<` comparison orders the same way as the database's ORDER BY. */
function comparable(attr: Attribute | undefined): boolean {
  if (!attr || attr.kind === 'collection') return false;
  // Ciphertext sorts meaninglessly and cannot be compared against.
  if (attr.kind === 'scalar' && attr.encrypt) return false;
  return attr.type === 'string' || attr.type === 'number';
}

/** Sort keys (other than the pk) that may hold NULL, which keyset comparisons cannot step over. */
export function nullableKeys(model: ModelOntology, keys: readonly SortKey[]): string[] {
  return keys.filter((k) => k.attr !== model.primaryKey).map((k) => k.attr);
}

export function keysetPossible(model: ModelOntology, keys: readonly SortKey[]): boolean {
  return keys.every((k) => comparable(model.attributes[k.attr]));
}

/** `where` AND (the row comes after `last` in `keys` order), in stage-2 form. */
export function after(where: WhereClause, keys: readonly SortKey[], last: RecordData): WhereClause {
  const branches: WhereClause[] = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k): WhereClause => ({ [k.attr]: last[k.attr] }));
    const beyond: WhereClause = { [key.attr]: { [key.direction === 'ASC' ? '>' : '<']: last[key.attr] } };
    return equal.length === 0 ? beyond : { and: [...equal, beyond] };
  });
  const keyset: WhereClause = branches.length === 1 && branches[0] ? branches[0] : { or: branches };
  return Object.keys(where).length === 0 ? keyset : { and: [where, keyset] };
}

/** Any row matching `where` with a NULL in one of `attrs`. */
export function withNullIn(where: WhereClause, attrs: readonly string[]): WhereClause {
  const anyNull: WhereClause = attrs.length === 1 ? { [attrs[0] as string]: null } : { or: attrs.map((a) => ({ [a]: null })) };
  return Object.keys(where).length === 0 ? anyNull : { and: [where, anyNull] };
}

/**
 * The criteria a batch is fetched with: the sort keys must come back even when `select` or
 * `omit` leaves them out (they are removed again before the user sees the records).
 */
export function withKeysSelected(model: ModelOntology, criteria: Criteria, keys: readonly SortKey[]): { criteria: Criteria; hidden: string[] } {
  // The primary key always comes back.
  const names = keys.map((k) => k.attr).filter((name) => name !== model.primaryKey);
  const star = criteria.select.length === 1 && criteria.select[0] === '*';
  const hidden = star ? names.filter((n) => criteria.omit.includes(n)) : names.filter((n) => !criteria.select.includes(n));
  if (hidden.length === 0) return { criteria, hidden };
  return {
    criteria: star ? { ...criteria, omit: criteria.omit.filter((n) => !hidden.includes(n)) } : { ...criteria, select: [...criteria.select, ...hidden] },
    hidden,
  };
}
