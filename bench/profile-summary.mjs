// Summarises a `--cpu-prof` file: self time per function and per file, top entries first.
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [top=25] [filter]
import fs from 'node:fs';

const [file, topArg = '25', filter = ''] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top] [filter]');
  process.exit(1);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const top = Number(topArg);

// Samples are node ids; each sample's time is the next timestamp delta.
const selfUs = new Map();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '') || '(native)';
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
};
// Inclusive time: a node's self time plus its subtree's, each function counted once per stack.
const inclusive = new Map();
function walk(id, onStack) {
  const node = nodes.get(id);
  let us = selfUs.get(id) ?? 0;
  const name = label(node);
  const fresh = !onStack.has(name);
  if (fresh) onStack.add(name);
  for (const child of node.children ?? []) us += walk(child, onStack);
  if (fresh) {
    onStack.delete(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
  return us;
}
walk(profile.nodes[0].id, new Set());

const byFunction = new Map();
const byFile = new Map();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  const where = node.callFrame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '') || '(native)';
  const fn = label(node);
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  byFile.set(where, (byFile.get(where) ?? 0) + us);
}

const print = (title, map) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
  [...map]
    .filter(([name]) => name.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([name, us]) => console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`));
};
print('self time by file', byFile);
print('self time by function', byFunction);
print('inclusive time by function', inclusive);
