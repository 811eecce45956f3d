/**
 * The read path shared by find, findOne and stream: stage-2 criteria and populates →
 * stage-3 query → one adapter `join` (or a `find` plus IN-list queries) → records.
 */
import type { Criteria, NormalizedPopulate, QueryMeta, RecordData, Stage3Query } from '../query/shapes.js';
import { forgeCriteria } from '../query/stage3/forge-criteria.js';
import { forgeJoins } from '../query/stage3/forge-joins.js';
import { joinInMemory } from '../query/populate/join-in-memory.js';
import { assembleRecords } from '../query/populate/assemble-records.js';
import type { ModelContext } from '../orm/runtime.js';
import { contextFor } from '../orm/runtime.js';
import { callAdapter } from './call-adapter.js';

export async function findRecords(
  ctx: ModelContext,
  criteria: Criteria,
  populates: Record<string, NormalizedPopulate>,
  meta: QueryMeta | undefined,
): Promise<RecordData[]> {
  const { model, runtime, datastore } = ctx;
  const singular = Object.keys(populates).filter((a) => model.attributes[a]?.kind === 'model');
  const query: Stage3Query = {
    method: 'find',
    using: model.tableName,
    criteria: forgeCriteria(model, criteria, { select: !meta?.skipExpandingDefaultSelectClause, extraSelect: singular }),
    joins: [],
    ...(meta ? { meta } : {}),
  };
  const joins = forgeJoins(model, runtime.ontology, populates);
  let rows: RecordData[];
  const sameDatastore = joins.every((j) => runtime.ontology[j.childCollectionIdentity]?.datastore === model.datastore);
  const { adapter } = datastore;
  if (joins.length > 0 && adapter.join && sameDatastore) {
    const join = adapter.join.bind(adapter);
    rows = await callAdapter(model, 'join', () => join(datastore.name, { ...query, joins }));
  } else {
    rows = await callAdapter(model, 'find', () => adapter.find(datastore.name, query));
    if (joins.length > 0) {
      await joinInMemory(rows, joins, (join, childQuery) => {
        const child = contextFor(runtime, join.childCollectionIdentity);
        return callAdapter(child.model, 'find', () =>
          child.datastore.adapter.find(child.datastore.name, { ...childQuery, ...(meta ? { meta } : {}) }),
        );
      });
    }
  }
  return assembleRecords(model, runtime.ontology, rows, populates);
}
