/**
 * Criteria clauses that Waterline 0.13 removed. They raise a plain Error (not a UsageError),
 * as Waterline does, saying what to use instead.
 */

const REPLACEMENTS: ReadonlyArray<readonly [clause: string, instead: string]> = [
  // groupBy first: if it is combined with the others, their advice would not help.
  ['groupBy', 'run a native query (`datastore.sendNativeQuery()`) to group records'],
  ['sum', "use the `.sum()` model method, e.g. `Account.sum('balance').where({...})`"],
  ['average', "use the `.avg()` model method, e.g. `Account.avg('balance').where({...})`"],
  ['min', "use `.find()` with `sort: 'attr ASC'` and `limit: 1`"],
  ['max', "use `.find()` with `sort: 'attr DESC'` and `limit: 1`"],
];

export function removedAggregateError(criteria: Readonly<Record<string, unknown>>): Error | undefined {
  const found = REPLACEMENTS.find(([clause]) => criteria[clause] !== undefined);
  if (found === undefined) return undefined;
  const [clause, instead] = found;
  return new Error(
    `Consistency violation: the \`${clause}\` clause is no longer supported in criteria (removed in Sails v1 / Waterline 0.13). Instead, ${instead}. See https://sailsjs.com/docs/upgrading/to-v1.0`,
  );
}
