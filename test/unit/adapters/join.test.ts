/** Populates answered by the adapters' `join`: one statement per populate level, on every SQL adapter. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordData } from '../../../src/query/shapes.js';
import { cleanup, DIALECTS, DS, find, setup, tableNames, type SqlAdapter } from './fixtures/index.js';
import { joins, petNames, seedJoinRows } from './fixtures/joins.js';

const PREFIX = 'uj_';
const T = tableNames(PREFIX);
const { best, pets, tags, userQuery } = joins(T);
const tagCodes = (rows: RecordData[]): unknown[] => rows.map((r) => (r.tags as RecordData[]).map((t) => t.code));

for (const dialect of DIALECTS) {
  let adapter: SqlAdapter | undefined;
  const db = (): SqlAdapter => adapter!;
  const statements: string[] = [];

  describe.skipIf(!dialect.available)(`${dialect.label} adapter: join`, () => {
    beforeAll(async () => {
      adapter = await setup(dialect, PREFIX, { onStatement: (sql: string) => statements.push(sql) });
      await seedJoinRows(db(), T);
    });
    afterAll(() => cleanup(dialect, adapter, PREFIX));

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
      const liked = await db().join(DS, userQuery([pets({ where: { name: { like: 'r%' } } })]));
      expect(petNames(liked)).toEqual([['rex'], [], [], []]);
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
      expect(tagCodes(rows)).toEqual([['c', 'b', 'a'], ['c'], [], []]);
      expect(rows[0]).not.toHaveProperty('tag_users');
      const limited = await db().join(DS, userQuery(tags({ sort: [{ code: 'ASC' }], skip: 1, limit: 1 })));
      expect(tagCodes(limited)).toEqual([['b'], [], [], []]);
    });

    it('uses one statement per populate level, never one per parent', async () => {
      const counter = dialect.countStatements();
      statements.length = 0;
      try {
        const rows = await db().join(DS, userQuery([best(), pets({ sort: [{ name: 'ASC' }], limit: 2 }), ...tags()]));
        // 1 statement: parents + LEFT JOIN for `best`; 1 for `pets` (windowed); 1 for `tags`.
        expect(counter.count).toBe(3);
        expect(statements).toHaveLength(3);
        expect(statements[0]).toContain(`LEFT JOIN ${dialect.quote(T.pet)}`);
        expect(statements[1]).toMatch(/ROW_NUMBER\(\) OVER \(PARTITION BY/);
        // PostgreSQL binds the parent keys as one array.
        if (dialect.name === 'postgresql') expect(statements.slice(1).every((sql) => sql.includes('= ANY($1)'))).toBe(true);
        expect(rows).toHaveLength(4);
        expect(rows[0]).toMatchObject({ name: 'ann', best_pet: { name: 'tom' } });
        expect(petNames(rows)).toEqual([['ara', 'rex'], ['kit', 'zed'], [], []]);
      } finally {
        counter.restore();
      }
    });

    it('issues no child statement when the page has no parents', async () => {
      const counter = dialect.countStatements();
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
      const bare = await dialect.open();
      try {
        const criteria = { where: {}, sort: [{ id: 'ASC' as const }] };
        const rows = await bare.join(DS, find(T.user, { where: { id: 2 }, select: ['id', 'name'] }, { joins: [{ ...pets(), criteria }] }));
        expect(rows).toEqual([{ id: 2, name: 'bob', pets: [{ id: 4, name: 'kit', owner: 2, legs: 4 }, { id: 5, name: 'zed', owner: 2, legs: 3 }] }]);
      } finally {
        await bare.teardown(null);
      }
    });

    it('routes find with joins to the join path', async () => {
      const rows = await db().find(DS, userQuery([best()], { where: { id: 1 } }));
      expect(rows).toEqual([{ id: 1, name: 'ann', best_pet: { id: 2, name: 'tom', owner: 1, legs: 4 } }]);
    });
  });
}
