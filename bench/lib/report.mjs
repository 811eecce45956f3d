// Medians across rounds, ratios to the floor contestant, and the markdown tables.

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
// Small ratios keep two significant digits, so a 1,000× gap does not print as 0.00×.
const ratio = (r) => (Number.isFinite(r) ? `${r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×` : 'n/a');

/**
 * rounds: [{ [contestant]: { results: {workload: {value, p50?, p99?}}, maxRssMb } | {error} }].
 * Ratios are taken within each round (contestants alternate, so a round shares the machine's
 * state), then the median of those is reported.
 */
export function summarize(rounds, contestants, workloads, floor) {
  const pick = (round, name, get) => {
    const report = round[name];
    return report && !report.error ? get(report) : NaN;
  };
  const stat = (name, get) => median(rounds.map((round) => pick(round, name, get)));
  const ratioTo = (name, get) => median(rounds.map((round) => pick(round, name, get) / pick(round, floor, get)));
  const rows = [];
  for (const w of workloads) {
    const value = (r) => r.results[w.key]?.value;
    rows.push({ label: `${w.label} (${w.unit})`, cells: contestants.map((c) => ({ value: fmt(stat(c.name, value)), ratio: ratioTo(c.name, value) })) });
    if (w.latency) {
      for (const p of ['p50', 'p99']) {
        const get = (r) => r.results[w.key]?.[p];
        rows.push({ label: `  ${p} latency (ms, lower is better)`, cells: contestants.map((c) => ({ value: fmt(stat(c.name, get), 3), ratio: ratioTo(c.name, get) })) });
      }
    }
  }
  const rss = (r) => r.maxRssMb;
  rows.push({ label: 'peak RSS (MB, lower is better)', cells: contestants.map((c) => ({ value: fmt(stat(c.name, rss), 1), ratio: ratioTo(c.name, rss) })) });
  return rows;
}

/** The first contestant is the floor: it gets a value column only, the others a value and a ratio. */
export function markdownTable(rows, contestants, floorLabel) {
  const head = ['workload', ...contestants.flatMap((c, i) => (i === 0 ? [c.label] : [c.label, `÷ ${floorLabel}`]))];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) {
    lines.push(`| ${[row.label, ...row.cells.flatMap((c, i) => (i === 0 ? [c.value] : [c.value, ratio(c.ratio)]))].join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Workloads whose digests differ between contestants: they did not return the same data. */
export function digestMismatches(rounds, contestants, workloads) {
  const problems = [];
  for (const w of workloads) {
    const seen = new Map();
    for (const round of rounds) {
      for (const c of contestants) {
        const d = round[c.name]?.results?.[w.key]?.digest;
        if (d !== undefined && !seen.has(c.name)) seen.set(c.name, d);
      }
    }
    if (new Set(seen.values()).size > 1) {
      problems.push(`${w.label}:\n${[...seen].map(([name, d]) => `    ${name}: ${d}`).join('\n')}`);
    }
  }
  return problems;
}
