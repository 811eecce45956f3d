#!/usr/bin/env node
/** The `mooring` command. */
import { runDemo } from './demo.js';

const USAGE = `Usage: mooring <command>

Commands:
  demo    Run the one-to-one example (User/Pet) on the embedded SQLite database`;

async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  if (command === 'demo') {
    await runDemo();
    return 0;
  }
  console.log(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
