/**
 * Runs every example in README.md and docs/*.md: a ```js block whose first line is
 * `// example: <name>`. Each `console.log(...); // <text>` line must print exactly <text>,
 * in order. Examples run with `require('mooring')` resolving to this package.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRATCH = join(ROOT, '.tmp', 'examples');

interface Example {
  file: string;
  name: string;
  code: string;
  expected: string[];
}

function examplesIn(file: string): Example[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: Example[] = [];
  for (const match of text.matchAll(/```js\n\/\/ example: ([\w-]+)\n([\s\S]*?)```/g)) {
    const code = match[2]!;
    const expected = [...code.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((m) => m[1]!);
    out.push({ file, name: match[1]!, code, expected });
  }
  return out;
}

const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const examples = files.flatMap(examplesIn);

describe('documentation examples', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(examples.some((e) => e.file === 'README.md')).toBe(true);
  });

  for (const example of examples) {
    it(`${example.file}: ${example.name}`, () => {
      mkdirSync(SCRATCH, { recursive: true });
      const script = join(SCRATCH, `${example.name}.cjs`);
      writeFileSync(script, example.code);
      const cwd = mkdtempSync(join(tmpdir(), 'mooring-example-'));
      try {
        const stdout = execFileSync(process.execPath, [script], { cwd, encoding: 'utf8', timeout: 60_000 });
        const lines = stdout.split('\n').filter((l) => l !== '');
        expect(lines).toEqual(example.expected);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  }
});
