/**
 * The accountant's lists on the 1,000,000-deal agency of the worklists benchmark (about 1.6
 * million money rows): the ledger's first page of last month with the month's totals, the
 * month's cash book, and the month as XLSX, each next to a hand-written SQL doing the same
 * reads bare in the same process; then recording a payment (the receipt number's lookup
 * included) next to a bare insert. Prints p50/p99 and the ratios, and checks the figures agree.
 *
 *   npm run bench:ledger [-- --deals 1000000 --departures 10000 --runs 30]
 */
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { atomically } from '../src/db/transaction.js';
import { insertMoneyRow } from '../src/domain/deals/index.js';
import { cashbook, ledgerForSheet, listLedger } from '../src/domain/ledger/index.js';
import { ledgerTables } from '../src/documents/ledger-tables.js';
import { tablesXlsx } from '../src/documents/table-xlsx.js';
import { makeTr } from '../templates/tr.js';
import { BENCH_AGENCY } from './agency.js';
import { generateAgency } from './generate-agency.js';
import { timeRuns } from './timing.js';
import { recordFigures, type Figure } from './results.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DEALS = arg('deals', 1_000_000);
const DEPARTURES = arg('departures', 10_000);
const RUNS = arg('runs', 30);
const FILE = join('bench', '.data', `agency-v3-${DEPARTURES}-${DEALS}.sqlite`);

/** The ledger's page as one would write it by hand: the rows of the period in order, their names joined, and the totals. */
const BARE_PAGE = `
  SELECT p.id, p.receipt_number, p.deal_id, d.departure_id, dep.title, dep.departs_at, d.contact_id, c.name, p.kind, p.method,
    p.amount_minor, p.delta_minor, d.currency, p.received_at, p.created_at, p.created_by, u.name, p.note, p.reference, p.reverses_payment_id, r.receipt_number
  FROM payments p JOIN deals d ON d.id = p.deal_id JOIN departures dep ON dep.id = d.departure_id JOIN contacts c ON c.id = d.contact_id
  LEFT JOIN users u ON u.id = p.created_by LEFT JOIN payments r ON r.id = p.reverses_payment_id
  WHERE p.received_at >= ? AND p.received_at < ? ORDER BY p.received_at, p.id LIMIT 51`;
const BARE_TOTALS = `
  SELECT d.currency, count(*), sum(CASE WHEN p.kind = 'payment' OR (p.kind = 'reversal' AND p.delta_minor < 0) THEN p.delta_minor ELSE 0 END), sum(p.delta_minor)
  FROM payments p JOIN deals d ON d.id = p.deal_id WHERE p.received_at >= ? AND p.received_at < ? GROUP BY d.currency`;
/** The cash book by hand: the month's rows summed per local day and method (the zone's offset as a fixed shift, which a month in winter or summer has). */
const BARE_CASHBOOK = `
  SELECT date((p.received_at + ?) / 1000, 'unixepoch') AS day, p.method, d.currency, count(*),
    sum(CASE WHEN p.kind = 'payment' OR (p.kind = 'reversal' AND p.delta_minor < 0) THEN p.delta_minor ELSE 0 END) AS received, sum(p.delta_minor) AS net
  FROM payments p JOIN deals d ON d.id = p.deal_id WHERE p.received_at >= ? AND p.received_at < ? GROUP BY day, p.method, d.currency ORDER BY day, p.method`;

async function main() {
  await generateAgency(FILE, { departures: DEPARTURES, deals: DEALS, managers: 20, contacts: Math.max(1000, DEALS / 5) });
  const database = openDb(FILE);
  migrate(database.sqlite);
  database.sqlite.exec('ANALYZE');
  const director = database.sqlite.prepare(`SELECT id, name, email, role FROM users WHERE role = 'director' ORDER BY id LIMIT 1`).get() as { id: number; name: string; email: string; role: 'director' } | undefined;
  const actor = director ? { ...director, locale: 'en' as const } : { id: 0, name: 'Bench', email: 'bench@localhost', role: 'director' as const, locale: 'en' as const };
  const ctx = { ...database, now: Date.now(), actor, agency: BENCH_AGENCY };
  const month = DateTime.fromMillis(ctx.now, { zone: BENCH_AGENCY.timeZone }).minus({ months: 1 }).startOf('month');
  const from = month.toISODate()!;
  const to = month.endOf('month').toISODate()!;
  const range = [month.toMillis(), month.plus({ months: 1 }).toMillis()] as const;
  const figures: Figure[] = [];

  const page = await listLedger(ctx, { from, to, limit: 50 });
  const bareTotals = database.sqlite.prepare(BARE_TOTALS).raw().all(...range) as [string, number, number, number][];
  if (page.totals.length !== bareTotals.length || page.totals.some((t, i) => t.count !== bareTotals[i]![1] || t.netMinor !== bareTotals[i]![3])) throw new Error('the ledger and the hand-written totals disagree');
  const rowsInMonth = page.totals.reduce((sum, t) => sum + t.count, 0);
  console.log(`bench:ledger: ${from}..${to} of ${DEALS.toLocaleString('en')} deals: ${rowsInMonth.toLocaleString('en')} money rows in the month, ${RUNS} runs`);

  const barePage = database.sqlite.prepare(BARE_PAGE);
  const barePageTotals = database.sqlite.prepare(BARE_TOTALS);
  const ours = await timeRuns('ledger: first page + totals', RUNS, () => listLedger(ctx, { from, to, limit: 50 }));
  const bare = await timeRuns('hand-written SQL, bare', RUNS, () => (barePage.all(...range), barePageTotals.all(...range)));
  figures.push({ bench: 'ledger', figure: 'ledger page of a month, p50', ours: ours.p50, bare: bare.p50, unit: 'ms', ratio: ours.p50 / bare.p50, target: '<= 1.5x' });

  const book = await cashbook(ctx, { from, to });
  const offset = month.offset * 60_000;
  const bareBook = database.sqlite.prepare(BARE_CASHBOOK);
  const bareLines = bareBook.all(offset, ...range) as { net: number }[];
  if (bareLines.length !== book.days.length || bareLines.reduce((s, l) => s + l.net, 0) !== book.totals.reduce((s, t) => s + t.netMinor, 0)) throw new Error('the cash book and the hand-written one disagree');
  const oursBook = await timeRuns('cash book of a month', Math.ceil(RUNS / 3), () => cashbook(ctx, { from, to }));
  const bareBookTime = await timeRuns('hand-written SQL, bare', Math.ceil(RUNS / 3), () => bareBook.all(offset, ...range));
  figures.push({ bench: 'ledger', figure: 'cash book of a month, p50', ours: oursBook.p50, bare: bareBookTime.p50, unit: 'ms', ratio: oursBook.p50 / bareBookTime.p50, target: '<= 2x' });

  const tr = makeTr('bg', BENCH_AGENCY.timeZone);
  const sheet = await timeRuns(`XLSX of the month (${rowsInMonth.toLocaleString('en')} rows)`, 3, async () => await tablesXlsx(ledgerTables(await ledgerForSheet(ctx, { from, to }), tr), tr));
  figures.push({ bench: 'ledger', figure: `ledger XLSX of a month (${rowsInMonth} rows), p50`, ours: sheet.p50, bare: null, unit: 'ms', ratio: null, target: null });

  // Recording money: the receipt number's lookup under the write lock, next to a bare insert of the same row.
  const dealId = (database.sqlite.prepare(`SELECT id FROM deals WHERE cancelled_at IS NULL ORDER BY id DESC LIMIT 1`).get() as { id: number }).id;
  const values = { dealId, kind: 'payment' as const, amountMinor: 100, deltaMinor: 100, method: 'cash', receivedAt: ctx.now, note: null, createdBy: null, createdAt: ctx.now };
  const bareInsert = database.sqlite.prepare(`INSERT INTO payments (deal_id, kind, amount_minor, delta_minor, method, received_at, created_at) VALUES (?, 'payment', 100, 100, 'cash', ?, ?)`);
  const recorded = await timeRuns('record a money row (numbered)', RUNS * 10, () => atomically(ctx, async (tx) => await insertMoneyRow(tx, values)));
  const bareRecorded = await timeRuns('bare insert in a transaction', RUNS * 10, () => database.sqlite.transaction(() => bareInsert.run(dealId, ctx.now, ctx.now))());
  figures.push({ bench: 'ledger', figure: 'record a money row, p50', ours: recorded.p50, bare: bareRecorded.p50, unit: 'ms', ratio: recorded.p50 / bareRecorded.p50, target: null });
  // The bench's own rows go again: the generated agency stays as it was for the next run.
  database.sqlite.prepare(`DELETE FROM payments WHERE created_at = ? AND deal_id = ?`).run(ctx.now, dealId);

  recordFigures(figures);
  console.log(`RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
  database.close();
}

void main();
