/** `npm run demo` / `npx mooring demo`: the seed's patterns and the has-one, on the zero-configuration default. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDemo } from '../../dist/cli/demo.js';

describe('the demo', () => {
  let dir: string;
  let cwd: string;
  beforeEach(() => {
    cwd = process.cwd();
    dir = mkdtempSync(join(tmpdir(), 'mooring-demo-'));
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints both seed patterns populated from both sides, the E_UNIQUE rejection, and the has-one', async () => {
    const lines: string[] = [];
    await runDemo((line) => lines.push(line));
    const text = lines.join('\n');
    expect(text).toContain(join(dir, 'mooring.sqlite'));
    // Pattern 1: arrays on the user side, records on the pet side, the second pet refused.
    expect(text).toContain('{"id":1,"name":"Alice","age":31,"pet":[{"id":1,"name":"Rex","color":"brown","owner":1}]}');
    expect(text).toContain('{"id":1,"name":"Rex","color":"brown","owner":{"id":1,"name":"Alice","age":31}}');
    expect(text).toContain('AdapterError E_UNIQUE attrNames=["owner"]');
    expect(text).toContain('Pets stored afterwards: 2');
    // Pattern 2: a record on each side, and the sides drifting apart.
    expect(text).toMatch(/"name":"Carol","age":45,"pet":\{"id":\d+,"name":"Whiskers","color":"white","owner":\d+\}/);
    expect(text).toMatch(/"name":"Whiskers","color":"white","owner":\{"id":\d+,"name":"Carol","age":45,"pet":\d+\}/);
    expect(text).toMatch(/"name":"Carol".*"pet":\{.*"name":"Whiskers".*"owner":null\}/);
    // Pattern 3: the has-one moves its one foreign key; both sides agree.
    const hasOne = text.slice(text.indexOf('Pattern 3'));
    expect(hasOne).toMatch(/"name":"Dana","age":38,"pet":\{"id":\d+,"name":"Biscuit","color":"gold","owner":\d+\}/);
    expect(hasOne).toMatch(/"name":"Eli","age":22,"pet":null/);
    const after = hasOne.slice(hasOne.indexOf('After'));
    expect(after).toMatch(/"name":"Dana","age":38,"pet":null/);
    expect(after).toMatch(/"name":"Eli","age":22,"pet":\{"id":\d+,"name":"Biscuit"/);
    expect(after).toMatch(/"name":"Biscuit","color":"gold","owner":\{"id":\d+,"name":"Eli"/);
  });
});
