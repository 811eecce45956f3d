// The workloads, written once against the contestant interface (see contestants/*.mjs):
// each returns its throughput, optional latencies, and a digest of what the contestant
// returned, so the orchestrator can check that every contestant did the same work.
import { performance } from 'node:perf_hooks';
import { newPairs } from './data.mjs';

/** Short, order-independent summary of populated records: counts, id sums and key sets. */
export function digest(records, alias) {
  let parentIds = 0;
  let children = 0;
  let childIds = 0;
  const shapes = new Set();
  for (const record of records) {
    parentIds += record.id;
    shapes.add(Object.keys(record).sort().join(','));
    const value = record[alias];
    const list = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
    shapes.add(`${alias}:${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`);
    for (const child of list) {
      children += 1;
      childIds += child.id;
      shapes.add(`${alias}{${Object.keys(child).sort().join(',')}}`);
    }
  }
  return `${records.length} records Σid=${parentIds}, ${children} ${alias} Σid=${childIds}; ${[...shapes].sort().join(' ')}`;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/** Windows of `page` records by id, so successive iterations read different rows. */
function findWorkload(method, set, alias, sizes) {
  return async (db) => {
    const windows = Math.max(1, Math.floor(sizes.pairs / sizes.page));
    const run = (i) => db[method](set, (i % windows) * sizes.page, sizes.page);
    const first = await run(0);
    for (let i = 1; i < sizes.findWarmup; i++) await run(i);
    const start = performance.now();
    for (let i = 0; i < sizes.findIterations; i++) await run(i);
    const ms = performance.now() - start;
    return { value: (sizes.findIterations * sizes.page * 1000) / ms, unit: 'records/s', digest: digest(first, alias) };
  };
}

export function workloads(sizes) {
  return {
    insert: async (db) => {
      // The warm-up batch lets the JIT see a large createEach before the timed ones.
      const warm = newPairs(sizes.insertWarmup, 0);
      await db.insertPairs(warm.users, warm.pets);
      const rates = [];
      let total = 0;
      for (let r = 0; r < sizes.insertRepeats; r++) {
        const { users, pets } = newPairs(sizes.insertPairs, sizes.insertWarmup + r * sizes.insertPairs);
        const start = performance.now();
        total += await db.insertPairs(users, pets);
        rates.push((sizes.insertPairs * 1000) / (performance.now() - start));
      }
      rates.sort((a, b) => a - b);
      return { value: rates[rates.length >> 1], unit: 'pairs/s', digest: `${total} pairs` };
    },
    p1UsersPet: findWorkload('usersWithPet', 'p1', 'pet', sizes),
    p1PetsOwner: findWorkload('petsWithOwner', 'p1', 'owner', sizes),
    p2UsersPet: findWorkload('usersWithPet', 'p2', 'pet', sizes),
    p2PetsOwner: findWorkload('petsWithOwner', 'p2', 'owner', sizes),
    findOne: async (db) => {
      // A fixed stride walks the table in a scattered order that is the same for everyone.
      const idAt = (i) => ((i * 7919) % sizes.pairs) + 1;
      const first = await db.petWithOwner(idAt(0));
      for (let i = 1; i < sizes.findOneWarmup; i++) await db.petWithOwner(idAt(i));
      const latencies = new Float64Array(sizes.findOneCount);
      const start = performance.now();
      for (let i = 0; i < sizes.findOneCount; i++) {
        const t = performance.now();
        await db.petWithOwner(idAt(i + sizes.findOneWarmup));
        latencies[i] = performance.now() - t;
      }
      const ms = performance.now() - start;
      latencies.sort();
      return {
        value: (sizes.findOneCount * 1000) / ms,
        unit: 'ops/s',
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        digest: digest(first ? [first] : [], 'owner'),
      };
    },
    posts: async (db) => {
      const first = await db.usersWithPosts(sizes.postUsers);
      for (let i = 1; i < sizes.postWarmup; i++) await db.usersWithPosts(sizes.postUsers);
      const start = performance.now();
      for (let i = 0; i < sizes.postIterations; i++) await db.usersWithPosts(sizes.postUsers);
      const ms = performance.now() - start;
      return { value: (sizes.postIterations * 1000) / ms, unit: 'queries/s', digest: digest(first, 'posts') };
    },
  };
}
