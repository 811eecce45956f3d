/** The per-shape join layout is reused, and rebuilt when a table's definition (its codec) changes. */
import { describe, expect, it } from 'vitest';
import type { TableDefinition } from '../../../src/adapters/adapter.js';
import { postgresqlDialect } from '../../../src/adapters/postgresql/dialect.js';
import { tableCodec, type TableCodec } from '../../../src/adapters/sql/codec.js';
import { joinLayout, type JoinTables } from '../../../src/adapters/sql/join-layout.js';
import type { JoinInstruction } from '../../../src/query/shapes.js';

const USER: TableDefinition = { id: { columnType: 'integer', primaryKey: true }, name: { columnType: 'text' } };
const PET: TableDefinition = { id: { columnType: 'integer', primaryKey: true }, owner: { columnType: 'integer' } };

function tablesOf(definitions: Record<string, TableDefinition>): JoinTables & { redefine(table: string, definition: TableDefinition): void } {
  const codecs = new Map<string, TableCodec>();
  const redefine = (table: string, definition: TableDefinition): void => {
    definitions[table] = definition;
    codecs.set(table, tableCodec(definition, postgresqlDialect));
  };
  for (const [table, definition] of Object.entries(definitions)) redefine(table, definition);
  return {
    codec: (table) => codecs.get(table)!,
    columns: (table) => Object.keys(definitions[table] ?? {}),
    redefine,
  };
}

const owner = (): JoinInstruction => ({
  parentCollectionIdentity: 'pet',
  parent: 'pet',
  parentAlias: 'pet__owner',
  parentKey: 'owner',
  childCollectionIdentity: 'user',
  child: 'user',
  childAlias: 'owner__user',
  childKey: 'id',
  alias: 'owner',
  removeParentKey: false,
  model: true,
  collection: false,
  criteria: {},
});

describe('joinLayout', () => {
  it('reuses the layout of a shape built from shared (frozen) instructions', () => {
    const tables = tablesOf({ pet: PET, user: USER });
    const joins = [Object.freeze(owner())];
    const first = joinLayout('pet', ['id', 'owner'], joins, tables);
    expect(joinLayout('pet', ['id', 'owner'], [...joins], tables)).toBe(first);
    expect(joinLayout('pet', ['id'], joins, tables)).not.toBe(first);
    expect(first.singular[0]?.fetched).toEqual(['id', 'name']);
  });

  it('builds per query for instructions made per query', () => {
    const tables = tablesOf({ pet: PET, user: USER });
    expect(joinLayout('pet', ['id', 'owner'], [owner()], tables)).not.toBe(joinLayout('pet', ['id', 'owner'], [owner()], tables));
  });

  it('rebuilds when the parent or a joined table is redefined', () => {
    const tables = tablesOf({ pet: PET, user: USER });
    const joins = [Object.freeze(owner())];
    const before = joinLayout('pet', undefined, joins, tables);
    tables.redefine('pet', { ...PET, legs: { columnType: 'integer' } });
    const pet = joinLayout('pet', undefined, joins, tables);
    expect(pet.fetched).toEqual(['id', 'owner', 'legs']);
    tables.redefine('user', { ...USER, age: { columnType: 'integer' } });
    const user = joinLayout('pet', undefined, joins, tables);
    expect(user.singular[0]?.fetched).toEqual(['id', 'name', 'age']);
    expect(joinLayout('pet', undefined, joins, tables)).toBe(user);
    expect(before.fetched).toEqual(['id', 'owner']);
  });
});
