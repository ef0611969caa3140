/**
 * The director's departures report for one month of the 1,000,000-deal agency of the
 * worklists benchmark (about 140 departures and 14,000 deals), next to a hand-written SQL
 * aggregate computing the same figures, run bare in the same process. Prints both (p50,
 * p99 over repeated runs), the ratio, and checks that they agree.
 *
 *   npm run bench:reports [-- --deals 1000000 --departures 10000 --runs 30]
 */
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { openDb } from '../src/db/client.js';
import { DEAL_STATUSES } from '../src/db/schema/deals.js';
import { migrate } from '../src/db/migrate.js';
import { departuresReport } from '../src/domain/reports/departures-report.js';
import { BENCH_AGENCY } from './agency.js';
import { generateAgency } from './generate-agency.js';
import { timeRuns } from './timing.js';
import { recordFigures } from './results.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DEALS = arg('deals', 1_000_000);
const DEPARTURES = arg('departures', 10_000);
const RUNS = arg('runs', 30);
const FILE = join('bench', '.data', `agency-v3-${DEPARTURES}-${DEALS}.sqlite`);

/** What an analyst would write by hand for the same figures (deals per status included): one statement, sums straight from the indexes. */
const HAND_WRITTEN = `
  WITH deal AS (
    SELECT d.departure_id, d.status, d.seats, d.price_minor AS price,
      coalesce((SELECT sum(delta_minor) FROM payments WHERE deal_id = d.id), 0) AS paid,
      (SELECT count(*) FROM travellers t WHERE t.deal_id = d.id) AS named
    FROM departures dep CROSS JOIN deals d ON d.departure_id = dep.id
    WHERE dep.departs_at >= ? AND dep.departs_at < ?
  )
  SELECT departure_id AS id,
    sum(CASE WHEN status <> 'cancelled' THEN seats ELSE 0 END) AS seatsBooked,
    sum(CASE WHEN status <> 'cancelled' THEN price ELSE 0 END) AS contracted,
    sum(paid) AS collected,
    sum(CASE WHEN status <> 'cancelled' THEN max(price - paid, 0) ELSE 0 END) AS outstanding,
    sum(CASE WHEN status = 'cancelled' THEN max(paid, 0) ELSE 0 END) AS refundDue,
    sum(CASE WHEN status <> 'cancelled' THEN min(named, seats) ELSE 0 END) AS travellers,
    ${DEAL_STATUSES.map((status) => `sum(status = '${status}') AS "${status}"`).join(', ')}
  FROM deal GROUP BY departure_id`;

async function main() {
  await generateAgency(FILE, { departures: DEPARTURES, deals: DEALS, managers: 20, contacts: Math.max(1000, DEALS / 5) });
  const database = openDb(FILE);
  migrate(database.sqlite);
  database.sqlite.exec('ANALYZE');
  const ctx = { ...database, now: Date.now(), actor: null, agency: BENCH_AGENCY };
  const month = DateTime.fromMillis(ctx.now, { zone: BENCH_AGENCY.timeZone }).minus({ months: 1 }).startOf('month');
  const from = month.toISODate()!;
  const to = month.endOf('month').toISODate()!;
  const range = [month.toMillis(), month.plus({ months: 1 }).toMillis()];
  const report = await departuresReport(ctx, { from, to });
  const deals = report.items.reduce((s, d) => s + Object.values(d.dealsByStatus).reduce((a, b) => a + b, 0), 0);
  console.log(`bench:reports: ${from}..${to} of ${DEALS.toLocaleString('en')} deals: ${report.items.length} departures, ${deals} deals, ${RUNS} runs`);

  const bare = database.sqlite.prepare(HAND_WRITTEN);
  const rows = bare.all(...range) as { id: number; collected: number; outstanding: number; contracted: number; refundDue: number; travellers: number }[];
  const mismatch = rows.find((row) => {
    const mine = report.items.find((d) => d.departureId === row.id)!;
    const byStatus = DEAL_STATUSES.some((status) => (mine.dealsByStatus[status] ?? 0) !== ((row as unknown as Record<string, number>)[status] ?? 0));
    return byStatus || mine.collectedMinor !== (row.collected ?? 0) || mine.outstandingMinor !== (row.outstanding ?? 0) || mine.contractedMinor !== (row.contracted ?? 0) || mine.refundDueMinor !== (row.refundDue ?? 0) || mine.travellers !== (row.travellers ?? 0);
  });
  const withDeals = report.items.filter((d) => Object.keys(d.dealsByStatus).length > 0);
  if (mismatch || rows.length !== withDeals.length) throw new Error(`the report and the hand-written query disagree: ${JSON.stringify(mismatch)}`);

  const ours = await timeRuns('tourdesk departuresReport', RUNS, () => departuresReport(ctx, { from, to }));
  const hand = await timeRuns('hand-written SQL, bare', RUNS, () => bare.all(...range));
  console.log(`ratio (p50): ${(ours.p50 / hand.p50).toFixed(2)}x  (target <= 1.2x); both agree on every figure of every departure`);
  recordFigures([{ bench: 'reports', figure: 'departures report, one month, p50', ours: ours.p50, bare: hand.p50, unit: 'ms', ratio: ours.p50 / hand.p50, target: '<= 1.2x' }]);
  console.log(`RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
}

void main();
