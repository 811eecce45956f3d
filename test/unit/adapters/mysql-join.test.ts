import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MysqlAdapter } from '../../../src/adapters/mysql/index.js';
import type { JoinInstruction, RecordData, Stage3Criteria } from '../../../src/query/shapes.js';
import { cleanup, countStatements, DS, fetch, find, insertUsers, MYSQL_URL, open, setup, tableNames } from './mysql-fixtures.js';

const PREFIX = 'myt_j_';
const T = tableNames(PREFIX);
let adapter: MysqlAdapter | undefined;
const db = (): MysqlAdapter => adapter!;
const statements: string[] = [];

const PET_COLUMNS = ['id', 'name', 'owner', 'legs'];

function best(): JoinInstruction {
  return {
    parentCollectionIdentity: T.user, parent: T.user, parentAlias: 'user__best', parentKey: 'best_pet',
    childCollectionIdentity: T.pet, child: T.pet, childAlias: 'pet__best', childKey: 'id',
    alias: 'best', removeParentKey: true, model: true, collection: false,
    criteria: { select: PET_COLUMNS },
  };
}

function pets(criteria: Partial<Stage3Criteria> = {}): JoinInstruction {
  return {
    parentCollectionIdentity: T.user, parent: T.user, parentAlias: 'user__pets', parentKey: 'id',
    childCollectionIdentity: T.pet, child: T.pet, childAlias: 'pet__pets', childKey: 'owner',
    alias: 'pets', removeParentKey: false, model: false, collection: true,
    criteria: { where: {}, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [], select: PET_COLUMNS, ...criteria },
  };
}

function tags(criteria: Partial<Stage3Criteria> = {}): JoinInstruction[] {
  return [
    {
      parentCollectionIdentity: T.user, parent: T.user, parentAlias: 'user__tags', parentKey: 'id',
      childCollectionIdentity: T.junction, child: T.junction, childAlias: `${T.junction}__tags`, childKey: 'user_tags',
      alias: 'tags', removeParentKey: false, model: false, collection: true, select: false, criteria: {},
    },
    {
      parentCollectionIdentity: T.junction, parent: T.junction, parentAlias: `${T.junction}__tags`, parentKey: 'tag_users',
      childCollectionIdentity: T.tag, child: T.tag, childAlias: 'tag__tags', childKey: 'code',
      alias: 'tags', removeParentKey: false, model: false, collection: true, junctionTable: true,
      criteria: { where: {}, limit: Number.MAX_SAFE_INTEGER, skip: 0, sort: [], select: ['code', 'label'], ...criteria },
    },
  ];
}

async function insert(using: string, newRecords: RecordData[]): Promise<void> {
  await db().createEach(DS, { method: 'createEach', using, newRecords, meta: fetch });
}

beforeAll(async () => {
  if (!MYSQL_URL) return;
  adapter = await setup(PREFIX, { onStatement: (sql: string) => statements.push(sql) });
  await insertUsers(db(), T.user, [
    { name: 'ann', best_pet: 2 },
    { name: 'bob', best_pet: null },
    { name: 'cy', best_pet: 99 }, // dangling
    { name: 'dee', best_pet: 4 },
  ]);
  await insert(T.pet, [
    { id: null, name: 'rex', owner: 1, legs: 4 },
    { id: null, name: 'tom', owner: 1, legs: 4 },
    { id: null, name: 'ara', owner: 1, legs: 2 },
    { id: null, name: 'kit', owner: 2, legs: 4 },
    { id: null, name: 'zed', owner: 2, legs: 3 },
    { id: null, name: 'orphan', owner: null, legs: 0 },
  ]);
  await insert(T.tag, [
    { code: 'a', label: 'alpha' },
    { code: 'b', label: 'beta' },
    { code: 'c', label: 'gamma' },
  ]);
  await insert(T.junction, [
    { id: null, tag_users: 'a', user_tags: 1 },
    { id: null, tag_users: 'b', user_tags: 1 },
    { id: null, tag_users: 'b', user_tags: 1 }, // duplicate pair: child appears once
    { id: null, tag_users: 'c', user_tags: 1 },
    { id: null, tag_users: 'c', user_tags: 2 },
  ]);
});
afterAll(() => cleanup(adapter, PREFIX));

const userQuery = (joins: JoinInstruction[], criteria: Partial<Stage3Criteria> = {}) =>
  find(T.user, { where: {}, sort: [{ id: 'ASC' }], select: ['id', 'name', 'best_pet'], ...criteria }, { joins });

const petNames = (rows: RecordData[]): unknown[] => rows.map((u) => (u.pets as RecordData[]).map((p) => p.name));

describe.skipIf(!MYSQL_URL)('MySQL adapter: join', () => {
  it('answers a singular populate with the child row in place of the key, or null', async () => {
    const rows = await db().join(DS, userQuery([best()]));
    expect(rows).toEqual([
      { id: 1, name: 'ann', best_pet: { id: 2, name: 'tom', owner: 1, legs: 4 } },
      { id: 2, name: 'bob', best_pet: null },
      { id: 3, name: 'cy', best_pet: null },
      { id: 4, name: 'dee', best_pet: { id: 4, name: 'kit', owner: 2, legs: 4 } },
    ]);
  });

  it('answers a plural populate with [] for parents without children', async () => {
    const rows = await db().join(DS, userQuery([pets({ sort: [{ id: 'ASC' }] })]));
    expect(petNames(rows)).toEqual([['rex', 'tom', 'ara'], ['kit', 'zed'], [], []]);
    expect((rows[0]?.pets as RecordData[])[0]).toEqual({ id: 1, name: 'rex', owner: 1, legs: 4 });
  });

  it('applies where/sort/skip/limit of the child criteria per parent', async () => {
    const sorted = await db().join(DS, userQuery([pets({ sort: [{ name: 'DESC' }], limit: 2 })]));
    expect(petNames(sorted)).toEqual([['tom', 'rex'], ['zed', 'kit'], [], []]);
    const skipped = await db().join(DS, userQuery([pets({ sort: [{ legs: 'ASC' }, { name: 'ASC' }], skip: 1, limit: 1 })]));
    expect(petNames(skipped)).toEqual([['rex'], ['kit'], [], []]);
    const filtered = await db().join(DS, userQuery([pets({ where: { legs: 4 }, sort: [{ name: 'ASC' }] })]));
    expect(petNames(filtered)).toEqual([['rex', 'tom'], ['kit'], [], []]);
    const onlySkip = await db().join(DS, userQuery([pets({ sort: [{ name: 'ASC' }], skip: 2 })]));
    expect(petNames(onlySkip)).toEqual([['tom'], [], [], []]);
  });

  it('sorts children by a column it does not select, and returns only selected columns', async () => {
    const rows = await db().join(DS, userQuery([pets({ select: ['id', 'owner'], sort: [{ name: 'ASC' }] })]));
    expect(rows[0]?.pets).toEqual([
      { id: 3, owner: 1 },
      { id: 1, owner: 1 },
      { id: 2, owner: 1 },
    ]);
  });

  it('keeps parent paging independent of children', async () => {
    const rows = await db().join(DS, userQuery([pets({ sort: [{ id: 'ASC' }] })], { limit: 1, skip: 1, where: { name: { '!=': 'zz' } } }));
    expect(rows.map((r) => r.name)).toEqual(['bob']);
    expect(petNames(rows)).toEqual([['kit', 'zed']]);
  });

  it('answers a many-to-many populate through the junction, each child once', async () => {
    const rows = await db().join(DS, userQuery(tags({ sort: [{ label: 'DESC' }] })));
    expect(rows.map((r) => (r.tags as RecordData[]).map((t) => t.code))).toEqual([['c', 'b', 'a'], ['c'], [], []]);
    expect(rows[0]).not.toHaveProperty('tag_users');
    const limited = await db().join(DS, userQuery(tags({ sort: [{ code: 'ASC' }], skip: 1, limit: 1 })));
    expect(limited.map((r) => (r.tags as RecordData[]).map((t) => t.code))).toEqual([['b'], [], [], []]);
  });

  it('uses one statement per populate level, never one per parent', async () => {
    const counter = countStatements();
    statements.length = 0;
    try {
      const rows = await db().join(DS, userQuery([best(), pets({ sort: [{ name: 'ASC' }], limit: 2 }), ...tags()]));
      // 1 statement: parents + LEFT JOIN for `best`; 1 for `pets` (windowed); 1 for `tags`.
      expect(counter.count).toBe(3);
      expect(statements).toHaveLength(3);
      expect(statements[0]).toMatch(/LEFT JOIN `myt_j_pet`/);
      expect(statements[1]).toMatch(/ROW_NUMBER\(\) OVER \(PARTITION BY/);
      expect(rows).toHaveLength(4);
      expect(rows[0]).toMatchObject({ name: 'ann', best_pet: { name: 'tom' } });
      expect(petNames(rows)).toEqual([['ara', 'rex'], ['kit', 'zed'], [], []]);
    } finally {
      counter.restore();
    }
  });

  it('issues no child statement when the page has no parents', async () => {
    const counter = countStatements();
    try {
      const rows = await db().join(DS, userQuery([pets()], { where: { name: 'nobody' } }));
      expect(rows).toEqual([]);
      expect(counter.count).toBe(1);
    } finally {
      counter.restore();
    }
  });

  it('reads every column when a criteria has no select, decoding them', async () => {
    const { select: _omitted, ...criteria } = pets().criteria;
    const rows = await db().join(DS, find(T.user, { where: { id: 2 } }, { joins: [{ ...pets(), criteria }] }));
    expect(rows[0]).toMatchObject({ id: 2, name: 'bob', active: null, pets: [{ name: 'kit' }, { name: 'zed' }] });
  });

  it('reads a table it has no definition for from the database', async () => {
    const bare = await open();
    try {
      const criteria = { where: {}, sort: [{ id: 'ASC' as const }] };
      const rows = await bare.join(DS, find(T.user, { where: { id: 2 }, select: ['id', 'name'] }, { joins: [{ ...pets(), criteria }] }));
      expect(rows).toEqual([{ id: 2, name: 'bob', pets: [{ id: 4, name: 'kit', owner: 2, legs: 4 }, { id: 5, name: 'zed', owner: 2, legs: 3 }] }]);
    } finally {
      await bare.teardown(null);
    }
  });
});
