/**
 * Payment reminders at agency scale: the scheduler's planning step over 1,000,000 deals on
 * 10,000 departures, for seven days in a row (each day's pass, then the same pass again,
 * which must plan nothing new), next to the bare baseline: the same candidate SELECTs run
 * with raw better-sqlite3 and nothing written. Works on a copy of the generated file.
 * Prints figures; it sets no pass mark.
 *
 *   npm run bench:reminders [-- --deals 1000000 --departures 10000]
 */
import { atomically } from '../src/db/transaction.js';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { Ctx } from '../src/domain/context.js';
import { owedPaymentReminders, PAYMENT_REMINDER_SQL, planPaymentReminders, queuePaymentReminders } from '../src/domain/notifications/payment-reminders.js';
import { BENCH_AGENCY } from './agency.js';
import { generateAgency } from './generate-agency.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DEALS = arg('deals', 1_000_000);
const DEPARTURES = arg('departures', 10_000);
const DAY = 86_400_000;
const FILE = join('bench', '.data', `agency-v3-${DEPARTURES}-${DEALS}.sqlite`);
const COPY = `${FILE}.reminders`;

const rssMiB = () => process.memoryUsage().rss / 1024 / 1024;
const timed = async <T>(work: () => T | Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

const now = Date.now();
await generateAgency(FILE, { departures: DEPARTURES, deals: DEALS, managers: 20, contacts: Math.max(1000, DEALS / 5) }, now);
rmSync(COPY, { force: true });
copyFileSync(FILE, COPY);
const database = openDb(COPY);
migrate(database.sqlite);
const ctxAt = (at: number): Ctx => ({ db: database.db, sqlite: database.sqlite, now: at, actor: null, agency: BENCH_AGENCY });
const deals = (await database.sqlite.prepare('SELECT count(*) AS n FROM deals').get() as { n: number }).n;
console.log(`${deals} deals on ${DEPARTURES} departures; reminders ${BENCH_AGENCY.paymentReminderDays ?? 2} days before a due date and the day after`);

for (let day = 0; day < 7; day++) {
  const at = now + day * DAY;
  const ctx = ctxAt(at);
  const reminderDays = ctx.agency.paymentReminderDays ?? 2;
  const window = { from: at - 4 * DAY, to: at + (reminderDays + 2) * DAY, now: at };
  const bare = await timed(() => {
    let rows = 0;
    for (const sql of Object.values(PAYMENT_REMINDER_SQL)) for (const _ of database.sqlite.prepare(sql).iterate(window)) rows++;
    return rows;
  });
  // The write lock is held only for the inserts: measured apart on the same day's reminders.
  const owed = await owedPaymentReminders(ctx);
  const locked = await timed(() => atomically(ctx, async (ctx) => (await queuePaymentReminders(ctx, owed)).length));
  await database.sqlite.prepare("DELETE FROM notifications WHERE kind = 'payment_reminder' AND created_at = ?").run(at);
  const first = await timed(async () => (await planPaymentReminders(ctx)).length);
  const again = await timed(async () => (await planPaymentReminders(ctx)).length);
  console.log(
    `day ${day + 1}: candidates ${String(bare.result).padStart(6)} (bare SELECTs ${bare.ms.toFixed(0).padStart(5)} ms)` +
      `   pass ${first.ms.toFixed(0).padStart(5)} ms, ${String(first.result).padStart(5)} planned (x${(first.ms / Math.max(1, bare.ms)).toFixed(1)} bare)` +
      `   write lock ${locked.ms.toFixed(1)} ms` +
      `   same pass again ${again.ms.toFixed(0).padStart(5)} ms, ${again.result} planned   rss ${rssMiB().toFixed(0)} MiB`,
  );
}
database.close();
rmSync(COPY, { force: true });
for (const suffix of ['-wal', '-shm']) rmSync(`${COPY}${suffix}`, { force: true });
