/**
 * Applies each model's migration strategy at initialize: `safe` leaves the table alone,
 * `drop` recreates it empty, `alter` brings it to the definition keeping existing rows.
 */
import type { Adapter, TableDefinition } from '../adapters/adapter.js';
import { ConfigurationError } from '../errors/index.js';
import type { ModelOntology } from '../schema/ontology.js';
import { primaryKeyOf } from '../schema/ontology.js';
import { tableDefinitionOf } from '../schema/table-definition.js';
import { checkHasOneColumns } from './has-one-columns.js';
import type { Runtime } from './runtime.js';

export type MigrationStrategy = 'safe' | 'alter' | 'drop';

/** Outside production Mooring keeps tables in step with models (`alter`); in production it never touches them unasked. */
export function defaultStrategy(): MigrationStrategy {
  return process.env.NODE_ENV === 'production' ? 'safe' : 'alter';
}

/**
 * `alter` for adapters without a native one (Waterline's recipe): back up the rows, recreate
 * the table, re-insert the rows that still fit. Mooring's own adapters do this atomically.
 */
async function alterByCopy(adapter: Adapter, ds: string, model: ModelOntology, definition: TableDefinition): Promise<void> {
  const pk = primaryKeyOf(model).columnName;
  let backup: Record<string, unknown>[] = [];
  try {
    backup = await adapter.find(ds, { method: 'find', using: model.tableName, criteria: { where: {}, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [{ [pk]: 'ASC' }] } });
  } catch {
    backup = []; // A missing table simply has nothing to keep.
  }
  await adapter.drop(ds, model.tableName);
  await adapter.define(ds, model.tableName, definition);
  if (backup.length === 0) return;
  const columns = Object.keys(definition);
  const rows = backup.map((row) => Object.fromEntries(columns.filter((c) => c in row).map((c) => [c, row[c]])));
  try {
    await adapter.createEach(ds, { method: 'createEach', using: model.tableName, newRecords: rows, meta: { fetch: false } });
  } catch (err) {
    throw new ConfigurationError(
      'E_FAILED_ALTER_STRATEGEM',
      `Could not put the ${rows.length} existing row(s) of \`${model.tableName}\` back after altering it. The rows were:\n${JSON.stringify(rows)}`,
      { cause: err },
    );
  }
  const last = rows[rows.length - 1]?.[pk];
  if (definition[pk]?.autoIncrement && typeof last === 'number' && adapter.setSequence) {
    await adapter.setSequence(ds, `${model.tableName}_${pk}_seq`, last);
  }
}

export async function autoMigrate(runtime: Runtime): Promise<void> {
  const unsafeAllowed = process.env.NODE_ENV !== 'production' || Boolean(process.env.ALLOW_UNSAFE_MIGRATIONS);
  for (const model of Object.values(runtime.ontology)) {
    const strategy = model.settings.migrate ?? defaultStrategy();
    if (strategy === 'safe') continue;
    if (!unsafeAllowed) {
      throw new ConfigurationError(
        'E_UNSAFE_MIGRATION',
        `Model \`${model.identity}\` asks for \`migrate: '${strategy}'\`, which is refused when NODE_ENV=production. ` +
          `Use \`migrate: 'safe'\`, or set ALLOW_UNSAFE_MIGRATIONS=true if you really mean it.`,
      );
    }
    const datastore = runtime.datastores[model.datastore];
    if (!datastore) continue;
    const { adapter, name } = datastore;
    const definition = tableDefinitionOf(model);
    if (strategy === 'drop') {
      await adapter.drop(name, model.tableName);
      await adapter.define(name, model.tableName, definition);
    } else {
      await checkHasOneColumns(adapter, name, model, runtime.ontology);
      if (adapter.alter) await adapter.alter(name, model.tableName, definition);
      else await alterByCopy(adapter, name, model, definition);
    }
  }
}
