/** The datastore hook `onStatement`: called once per statement sent, with its SQL. */
import { describe, expect, it } from 'vitest';
import { createSqliteAdapter } from '../../../src/adapters/sqlite/index.js';
import { definitions, DS, find, physicalModels, tableNames } from './fixtures/index.js';

const TABLES = definitions(tableNames(''), '_ref');

describe('SQLite adapter: onStatement', () => {
  it('sees every statement, just before it is sent', async () => {
    const sent: string[] = [];
    const adapter = createSqliteAdapter();
    await adapter.registerDatastore({ adapter: 'sqlite', identity: DS, filename: ':memory:', onStatement: (sql: string) => sent.push(sql) }, physicalModels(TABLES));
    await adapter.define(DS, 'tag', TABLES.tag!.definition);
    expect(sent).toEqual([expect.stringMatching(/^CREATE TABLE "tag"/)]);

    sent.length = 0;
    await adapter.createEach(DS, { method: 'createEach', using: 'tag', newRecords: [{ code: 'a', label: 'x' }, { code: 'b', label: 'y' }] });
    await adapter.find(DS, find('tag', { where: { code: 'a' } }));
    await adapter.transaction(DS, async (connection) => adapter.count(DS, { method: 'count', using: 'tag', criteria: { where: {} }, meta: { leasedConnection: connection } }));
    expect(sent.map((sql) => sql.split(' ')[0])).toEqual(['INSERT', 'INSERT', 'SELECT', 'BEGIN', 'SELECT', 'COMMIT']);
    await adapter.teardown(null);
  });

  it('must be a function', async () => {
    const adapter = createSqliteAdapter();
    const config = { adapter: 'sqlite', identity: DS, filename: ':memory:', onStatement: 'log' as unknown as (sql: string) => void };
    await expect(adapter.registerDatastore(config, {})).rejects.toMatchObject({
      code: 'E_INVALID_DATASTORE',
      message: expect.stringMatching(/`onStatement` must be a function/),
    });
  });
});
