// One contestant in its own process: open, run the requested workloads in order, report
// results and this process's peak RSS to the orchestrator over IPC.
import { workloads } from './lib/workloads.mjs';

const [file, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson);

async function main() {
  const { open } = await import(`./contestants/${file}.mjs`);
  const db = await open(options);
  const all = workloads(options.sizes);
  const results = {};
  try {
    for (const name of options.workloads) results[name] = await all[name](db);
  } finally {
    await db.close();
  }
  // maxRSS is in kilobytes.
  return { results, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

main().then(
  (report) => process.send(report, () => process.exit(0)),
  (err) => process.send({ error: err?.stack ?? String(err) }, () => process.exit(1)),
);
