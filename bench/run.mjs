// `npm run bench`: Mooring vs raw drivers vs Waterline on the same data and machine. Each
// contestant runs in its own process (so peak RSS is its own), contestants alternate over
// several rounds, and medians are reported. See bench/RESULTS.md for the latest numbers.
//
// Env: MOORING_BENCH_PG_URL, BENCH_ROUNDS (5), BENCH_SUITES (pg,sqlite),
//      BENCH_PROFILE=<contestant> (writes --cpu-prof files to .tmp/bench/profiles).
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectPg, seedPg, seedSqlite, settlePg } from './lib/seed.mjs';
import { BENCH_DIR, PG_PREFIX, PG_URL, ROUNDS, SCRATCH_DIR, SIZES, SQLITE_FILE } from './lib/settings.mjs';
import { digestMismatches, markdownTable, summarize } from './lib/report.mjs';

const PG_WORKLOADS = [
  { key: 'insert', label: `createEach ${SIZES.insertPairs.toLocaleString('en-US')} users, then their ${SIZES.insertPairs.toLocaleString('en-US')} pets`, unit: 'pairs/s' },
  { key: 'p1UsersPet', label: 'pattern 1: 1,000 users .populate(pet) [collection]', unit: 'records/s' },
  { key: 'p1PetsOwner', label: 'pattern 1: 1,000 pets .populate(owner) [model]', unit: 'records/s' },
  { key: 'p2UsersPet', label: 'pattern 2: 1,000 users .populate(pet) [model]', unit: 'records/s' },
  { key: 'p2PetsOwner', label: 'pattern 2: 1,000 pets .populate(owner) [model]', unit: 'records/s' },
  { key: 'findOne', label: `${SIZES.findOneCount.toLocaleString('en-US')} sequential pet findOne({id}).populate(owner)`, unit: 'ops/s', latency: true },
  { key: 'posts', label: `${SIZES.postUsers} users × ${SIZES.postsPerUser} posts .populate(posts)`, unit: 'queries/s' },
];
const SQLITE_WORKLOADS = PG_WORKLOADS.filter((w) => w.key === 'p1UsersPet' || w.key === 'p1PetsOwner');

const ormOptions = (orm, datastore, prefix, sets) => ({ orm, datastore, prefix, sets });
const PG_CONTESTANTS = [
  { name: 'raw-pg', label: 'raw pg', file: 'raw-pg', options: { url: PG_URL, prefix: PG_PREFIX['raw-pg'] } },
  { name: 'mooring', label: 'Mooring', file: 'orm', options: ormOptions('mooring', { adapter: 'postgresql', url: PG_URL }, PG_PREFIX.mooring, ['p1', 'p2', 'ins']) },
  {
    name: 'waterline',
    label: 'Waterline',
    file: 'orm',
    options: ormOptions('waterline', { adapter: 'sails-postgresql', url: PG_URL }, PG_PREFIX.waterline, ['p1', 'p2', 'ins']),
    // Each of its iterations is long enough to time on its own; fewer keep the run short.
    sizes: { findWarmup: 5, findIterations: 10, postWarmup: 10, postIterations: 100 },
  },
];
const SQLITE_CONTESTANTS = [
  { name: 'raw-sqlite', label: 'raw better-sqlite3', file: 'raw-sqlite', options: { filename: SQLITE_FILE } },
  { name: 'mooring-sqlite', label: 'Mooring (sqlite)', file: 'orm', options: ormOptions('mooring', { adapter: 'sqlite', filename: SQLITE_FILE }, '', ['p1']) },
  {
    name: 'waterline-disk',
    label: 'Waterline + sails-disk',
    file: 'orm',
    options: { ...ormOptions('waterline', { adapter: 'sails-disk', inMemoryOnly: true }, '', ['p1']), seedThroughOrm: true },
    // One query per parent makes a 1,000-record page take seconds: fewer iterations keep the run short.
    sizes: { findWarmup: 1, findIterations: 1 },
  },
];

/** Runs one contestant process to completion and resolves with its report (or `{error}`). */
function runChild(contestant, workloads) {
  // Reads first: the insert's garbage and the server's write-back would otherwise weigh on them.
  const order = [...workloads.filter((w) => w.key !== 'insert'), ...workloads.filter((w) => w.key === 'insert')];
  const options = { ...contestant.options, sizes: { ...SIZES, ...contestant.sizes }, workloads: order.map((w) => w.key) };
  const profiling = process.env.BENCH_PROFILE === contestant.name;
  const execArgv = profiling ? ['--cpu-prof', '--cpu-prof-dir', path.join(SCRATCH_DIR, 'profiles')] : [];
  return new Promise((resolve) => {
    let report;
    const child = fork(path.join(BENCH_DIR, 'child.mjs'), [contestant.file, JSON.stringify(options)], { execArgv });
    child.on('message', (message) => (report = message));
    child.on('exit', (code) => resolve(report ?? { error: `exited with code ${code} before reporting` }));
  });
}

async function runSuite(title, contestants, workloads, beforeChild) {
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order each round so no contestant always runs first (or last).
    const order = contestants.map((_, i) => contestants[(i + r) % contestants.length]);
    const round = {};
    for (const contestant of order) {
      await beforeChild?.(contestant);
      const report = await runChild(contestant, workloads);
      round[contestant.name] = report;
      const status = report.error ? `FAILED: ${firstLine(report.error)}` : `${report.maxRssMb.toFixed(0)} MB peak`;
      process.stderr.write(`  ${title} round ${r + 1}/${ROUNDS}: ${contestant.label} — ${status}\n`);
    }
    rounds.push(round);
  }
  return rounds;
}

const firstLine = (text) => String(text).split('\n').find((line) => line.trim() !== '') ?? String(text);

function section(title, rounds, contestants, workloads) {
  const floor = contestants[0];
  const lines = [`### ${title}`, '', markdownTable(summarize(rounds, contestants, workloads, floor.name), contestants, floor.label), ''];
  const failures = contestants.flatMap((c) => {
    const errors = rounds.map((round) => round[c.name]?.error).filter(Boolean);
    return errors.length ? [`- ${c.label} failed in ${errors.length}/${rounds.length} rounds: ${firstLine(errors[0])}`] : [];
  });
  const mismatches = digestMismatches(rounds, contestants, workloads);
  if (failures.length) lines.push(...failures, '');
  if (mismatches.length) lines.push('Contestants returned different data (digest mismatch):', '```', ...mismatches, '```', '');
  return { text: lines.join('\n'), ok: failures.length === 0 && mismatches.length === 0 };
}

async function main() {
  const suites = (process.env.BENCH_SUITES ?? 'pg,sqlite').split(',');
  fs.mkdirSync(SCRATCH_DIR, { recursive: true });
  const out = [
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${ROUNDS} rounds, medians.`,
    'Ratios are taken within each round against the first column, then the median is shown.',
    '',
  ];
  const raw = {};
  let ok = true;

  if (suites.includes('pg')) {
    let client;
    try {
      client = await connectPg(PG_URL);
    } catch (err) {
      console.error(`bench: ${err.message}`);
      process.exit(1);
    }
    try {
      process.stderr.write(`Seeding ${PG_URL} …\n`);
      for (const prefix of Object.values(PG_PREFIX)) await seedPg(client, prefix, SIZES);
      const server = (await client.query('SHOW server_version')).rows[0].server_version;
      const rounds = await runSuite('pg', PG_CONTESTANTS, PG_WORKLOADS, (c) => settlePg(client, PG_PREFIX[c.name]));
      raw.pg = rounds;
      const s = section(`PostgreSQL ${server.split(' ')[0]} (local), ${SIZES.pairs.toLocaleString('en-US')} users and pets per pattern`, rounds, PG_CONTESTANTS, PG_WORKLOADS);
      out.push(s.text);
      ok &&= s.ok;
    } finally {
      await client.end();
    }
  }

  if (suites.includes('sqlite')) {
    process.stderr.write(`Seeding ${SQLITE_FILE} …\n`);
    seedSqlite(SQLITE_FILE, SIZES);
    const rounds = await runSuite('sqlite', SQLITE_CONTESTANTS, SQLITE_WORKLOADS);
    raw.sqlite = rounds;
    const s = section('Embedded: SQLite file vs sails-disk (pattern 1)', rounds, SQLITE_CONTESTANTS, SQLITE_WORKLOADS);
    out.push(s.text);
    ok &&= s.ok;
  }

  fs.writeFileSync(path.join(SCRATCH_DIR, 'latest.json'), JSON.stringify(raw, null, 1));
  console.log(out.join('\n'));
  if (!ok) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`bench: ${err?.stack ?? err}`);
  process.exit(1);
});
