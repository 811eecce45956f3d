// Sizes and locations shared by the orchestrator and the contestant processes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = path.dirname(BENCH_DIR);
// Scratch files live under .tmp/, which git ignores.
export const SCRATCH_DIR = path.join(REPO_DIR, '.tmp', 'bench');
export const SQLITE_FILE = path.join(SCRATCH_DIR, 'bench.sqlite');

export const PG_URL = process.env.MOORING_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/mooring_bench';

const int = (name, fallback) => {
  const raw = process.env[name];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
};

export const ROUNDS = int('BENCH_ROUNDS', 5);

/** Rows in each seeded table, and per-workload iteration counts (warm-up runs untimed). */
export const SIZES = Object.freeze({
  pairs: 10_000,
  page: 1_000,
  postUsers: 100,
  postsPerUser: 10,
  insertPairs: 10_000,
  insertWarmup: 2_000,
  insertRepeats: 3,
  findIterations: int('BENCH_FIND_ITERATIONS', 30),
  findWarmup: 10,
  findOneCount: 2_000,
  findOneWarmup: 200,
  postIterations: 300,
  postWarmup: 20,
});

/** Table-name prefix per PostgreSQL contestant, so each one reads and writes its own tables. */
export const PG_PREFIX = Object.freeze({ mooring: 'mo_', 'raw-pg': 'pg_', waterline: 'wl_' });
