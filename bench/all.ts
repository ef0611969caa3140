/**
 * The main benchmarks at sizes that run in a few minutes together, each in its own process
 * (as `npm run bench:<name>` runs it, with smaller arguments), then one table: every figure
 * with the bare baseline measured in the same run, and the ratio. Run it before and after a
 * change to see what the change did. The 1,000,000-deal agency of the worklists and reports
 * benches is generated once into bench/.data (a minute or two the first time).
 *
 *   npm run bench [-- --only worklists,reports]
 *
 * Every bench's own lines go to bench/.data/bench-all.log.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './results.js';

const BENCHES: { name: string; script: string; args: string[] }[] = [
  { name: 'worklists', script: 'bench/worklists.ts', args: ['--seconds', '3', '--rounds', '3', '--page-runs', '40'] },
  { name: 'reports', script: 'bench/reports.ts', args: ['--runs', '10'] },
  { name: 'bookings', script: 'bench/bookings.ts', args: ['--bookings', '1500'] },
  { name: 'notifier', script: 'bench/notifier.ts', args: ['--bookings', '2000'] },
  { name: 'vouchers', script: 'bench/vouchers.ts', args: ['--deals', '200'] },
  { name: 'ledger', script: 'bench/ledger.ts', args: ['--runs', '10'] },
];

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set(process.argv[onlyArg + 1]!.split(',')) : null;
const DATA = join('bench', '.data');
const RESULTS = join(DATA, 'bench-all.jsonl');
const LOG = join(DATA, 'bench-all.log');

function run(bench: (typeof BENCHES)[number], log: NodeJS.WritableStream): Promise<number> {
  return new Promise((resolve) => {
    log.write(`\n=== ${bench.name}: ${bench.script} ${bench.args.join(' ')}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', bench.script, ...bench.args], {
      env: { ...process.env, BENCH_RESULTS: RESULTS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const number = (value: number, unit: string) => {
  const digits = unit === 'ms' && value < 100 ? 2 : unit === 'KiB' || value >= 100 ? 0 : 2;
  return `${value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
};

function table(figures: Figure[]): string {
  const rows = [
    ['bench', 'figure', 'ours', 'bare', 'ratio', 'target'],
    ...figures.map((f) => [f.bench, f.figure, number(f.ours, f.unit), f.bare === null ? '—' : number(f.bare, f.unit), f.ratio === null ? '—' : `${f.ratio.toFixed(2)}x`, f.target ?? '']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const right = new Set([2, 3, 4]);
  const format = (row: string[]) => row.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [format(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(format)].join('\n');
}

async function main() {
  mkdirSync(DATA, { recursive: true });
  rmSync(RESULTS, { force: true });
  const log = createWriteStream(LOG);
  const failed: string[] = [];
  const started = performance.now();
  for (const bench of BENCHES) {
    if (only && !only.has(bench.name)) continue;
    const t0 = performance.now();
    process.stderr.write(`${bench.name}… `);
    const code = await run(bench, log);
    process.stderr.write(`${code === 0 ? '' : `FAILED (exit ${code}) `}${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    if (code !== 0) failed.push(bench.name);
  }
  log.end();
  const figures = readFileSync(RESULTS, { encoding: 'utf8', flag: 'a+' })
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Figure);
  console.log(`\nnpm run bench: ${new Date().toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s; each bench's own output in ${LOG}\n`);
  console.log(table(figures));
  if (failed.length) {
    console.log(`\nfailed: ${failed.join(', ')} (see ${LOG})`);
    process.exitCode = 1;
  }
}

void main();
