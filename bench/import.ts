/**
 * Importing a client base: a Windows-1251, `;`-separated export of ROWS clients (40 of them
 * twice) read, checked and written into an empty desk, then the same file again into the
 * desk that now has them all (every row a merge), and the same clients as XLSX. Next to
 * the bare baseline: csv-parse alone on the same text. Then a 20 MB workbook of 100,000
 * clients with long notes, and a zip bomb (300 MiB inflated). Files are read in the reading
 * worker, as the desk reads them. Each step once per run, the median and the worst of RUNS;
 * peak memory (the worker's included: it is a thread of this process). Prints figures; it
 * sets no pass mark.
 *
 *   npm run bench:import [-- --rows 50000]
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { Ctx } from '../src/domain/context.js';
import { applyImport, dryRun, readImportFile } from '../src/domain/imports/index.js';
import { decodeText } from '../src/domain/imports/table.js';
import { clientExport, exportCsv, windows1251 } from '../test/helpers/client-export.js';
import { bombXlsx, largeClientXlsx } from '../test/helpers/xlsx-files.js';
import { BENCH_AGENCY } from './agency.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 50_000);
const RUNS = 3;

const rssMiB = () => process.memoryUsage().rss / 1024 / 1024;
let peak = rssMiB();
const sample = setInterval(() => (peak = Math.max(peak, rssMiB())), 20);

async function timed(label: string, work: () => Promise<unknown> | unknown, describe: (result: any) => string = () => '') {
  const times: number[] = [];
  let result: unknown;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(44)} p50 ${p50.toFixed(0).padStart(6)} ms  worst ${times.at(-1)!.toFixed(0).padStart(6)} ms  ${(ROWS / (p50 / 1000)).toFixed(0).padStart(8)} rows/s  ${describe(result)}`);
  return p50;
}

function freshDesk(): Ctx {
  const database = openDb(':memory:');
  migrate(database.sqlite);
  return { db: database.db, sqlite: database.sqlite, now: Date.parse('2026-12-01T09:00:00Z'), actor: null, agency: BENCH_AGENCY };
}

const file = clientExport({ rows: ROWS, duplicates: 40 });
const bytes = windows1251(exportCsv(file, ';'));
console.log(`${ROWS} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MiB of Windows-1251 CSV, 40 people twice; node ${process.version}`);

const bare = await timed('bare: decode + csv-parse alone', () => parse(decodeText(bytes).text, { delimiter: ';', relax_column_count: true }), (r: unknown[]) => `${r.length} records`);
const read = await timed('read: decode, parse, check every value', () => readImportFile(freshDesk(), bytes), (r) => `${r.file.people.length} people`);
const { file: once } = await readImportFile(freshDesk(), bytes);
await timed('dry run into an empty desk', () => dryRun(freshDesk(), once), (p) => `${p.created} new, ${p.merged} merged`);
let full!: Ctx;
const apply = await timed(
  'import into an empty desk (one transaction)',
  async () => {
    full = freshDesk();
    return (await applyImport(full, once, { fileName: 'bench.csv', source: 'cli', managerId: null })).plan;
  },
  (p) => `${p.created} written`,
);
await timed('the same file again: every row a merge', async () => await applyImport(full, once, { fileName: 'bench.csv', source: 'cli', managerId: null }), (r) => `${r.plan.created} new, ${r.plan.merged} merged`);

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('Клиенты');
sheet.addRow(file.header);
for (const r of file.rows) sheet.addRow([r.name, r.phone, r.email, r.tags, r.birthDate, r.notes, r.consent]);
const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
console.log(`the same rows as XLSX: ${(xlsx.length / 1024 / 1024).toFixed(1)} MiB`);
const xlsxRead = await timed('read XLSX: unzip, parse, check every value', () => readImportFile(freshDesk(), xlsx), (r) => `${r.file.people.length} people`);

const large = largeClientXlsx(100_000, 420);
console.log(`a large workbook: ${(large.length / 1024 / 1024).toFixed(1)} MiB, 100,000 rows with long notes`);
const largeRead = await timed('read the 20 MB XLSX (100,000 rows), to check', () => readImportFile(freshDesk(), large, { checkOnly: true }), (r) => `${r.file.people.length} people`);
const bomb = await bombXlsx(300);
await timed('refuse a zip bomb (300 MiB inflated)', () => readImportFile(freshDesk(), bomb).then(() => 'read?!', (error: Error) => error.message), (m) => m);
const liar = await bombXlsx(300, { declaredSize: 4096 });
await timed('refuse a zip bomb that lies about its size', () => readImportFile(freshDesk(), liar).then(() => 'read?!', (error: Error) => error.message), (m) => m);

clearInterval(sample);
console.log(`\nCSV end to end (read + import): ${((read + apply) / 1000).toFixed(1)} s; ${((read + apply) / bare).toFixed(1)}x the bare parse. XLSX read: ${(xlsxRead / 1000).toFixed(1)} s; the 20 MB XLSX: ${(largeRead / 1000).toFixed(1)} s.`);
console.log(`peak RSS ${peak.toFixed(0)} MiB`);
