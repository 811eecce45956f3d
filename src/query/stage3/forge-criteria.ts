/** Stage-2 criteria → the stage-3 criteria an adapter receives (columns, explicit select). */
import type { ModelOntology } from '../../schema/ontology.js';
import type { Criteria, Stage3Criteria } from '../shapes.js';
import { columnOf, sortToColumns, whereToColumns } from './column-names.js';

/**
 * The explicit column list for a find: every column attribute for `['*']` (minus `omit`), or
 * the selected ones; the primary key is always included. `undefined` means "all columns" and is
 * only used for schemaless models, where undeclared columns must come back too.
 */
export function selectColumns(model: ModelOntology, criteria: Criteria, extraAttrs: readonly string[] = []): string[] | undefined {
  const star = criteria.select.length === 1 && criteria.select[0] === '*';
  if (star && !model.hasSchema) return undefined;
  const attrNames = star
    ? Object.values(model.attributes)
        .filter((a) => a.kind !== 'collection' && !criteria.omit.includes(a.name))
        .map((a) => a.name)
    : criteria.select.filter((name) => model.attributes[name]?.kind !== 'collection');
  const columns = new Set<string>();
  columns.add(columnOf(model, model.primaryKey));
  for (const name of [...attrNames, ...extraAttrs]) columns.add(columnOf(model, name));
  return [...columns];
}

export function forgeCriteria(model: ModelOntology, criteria: Criteria, options: { select: boolean; extraSelect?: readonly string[] }): Stage3Criteria {
  const out: Stage3Criteria = {
    where: whereToColumns(model, criteria.where),
    limit: criteria.limit,
    skip: criteria.skip,
    sort: sortToColumns(model, criteria.sort),
  };
  if (options.select) {
    const select = selectColumns(model, criteria, options.extraSelect);
    if (select) out.select = select;
  }
  return out;
}
