/**
 * Four notifier processes on one PostgreSQL database over 20,000 due reminder mails, with 8
 * kill -9 at random moments among them: no mail twice, every row sent, uncertain or failed.
 * The mail server runs in its own process and logs the Message-ID of every mail it accepted.
 * Prints figures; it sets no pass mark (a duplicate is printed, and the exit code is 1).
 *
 *   npm run bench:notifier-processes [-- --bookings 20000 --processes 4 --kills 8]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDb } from '../src/db/client.js';
import { copyToPostgres } from '../src/db/copy-to-postgres.js';
import { migrate } from '../src/db/migrate.js';
import { migratePg } from '../src/db/migrate-pg.js';
import { atomically } from '../src/db/transaction.js';
import { createContact } from '../src/domain/contacts/index.js';
import type { ActingCtx } from '../src/domain/context.js';
import { createDeal } from '../src/domain/deals/index.js';
import { createDeparture } from '../src/domain/departures/departures.js';
import { createDatabase, startPostgres } from '../test/helpers/postgres.js';
import { smtpProcess } from '../test/helpers/smtp-process-client.js';
import { BENCH_AGENCY } from './agency.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BOOKINGS = arg('bookings', 20_000);
const PROCESSES = arg('processes', 4);
const KILLS = arg('kills', 8);
const SEATS = 50;
const DEPARTS = Date.parse('2030-10-29T04:30:00Z');
const T = new Date(DEPARTS - 24 * 3_600_000).toISOString();
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The agency, made on SQLite through the domain (fast), then copied into PostgreSQL as db:copy does. */
async function agencyOnPostgres(url: string, dir: string) {
  const file = join(dir, 'agency.sqlite');
  const database = openDb(file);
  migrate(database.sqlite);
  database.sqlite.prepare(`insert into users (email, name, role, password_hash, created_at, updated_at) values ('o@b.test', 'Operator', 'operator', 'x', 0, 0)`).run();
  const ctx: ActingCtx = { ...database, now: DEPARTS - 30 * 86_400_000, actor: { id: 1, email: 'o@b.test', name: 'Operator', role: 'operator', locale: null }, agency: BENCH_AGENCY };
  await atomically(ctx, async (ctx) => {
    for (let d = 0; d * SEATS < BOOKINGS; d++) {
      const departure = await createDeparture(ctx, { title: `Охрид ${d + 1}`, departsAt: new Date(DEPARTS).toISOString(), meetingPoint: 'София, НДК', seats: SEATS, priceMinor: 15000, depositMinor: 5000 });
      for (let i = 0; i < SEATS && d * SEATS + i < BOOKINGS; i++) {
        const n = d * SEATS + i;
        const contact = await createContact(ctx, { name: `Иван Петров ${n}`, email: `ivan${n}@bench.test`, locale: (['bg', 'ru', 'en'] as const)[n % 3] });
        await createDeal(ctx, { departureId: departure.id, contactId: contact.id, seats: 1 });
      }
    }
  });
  database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const source = new Database(file, { readonly: true });
  try {
    await migratePg(client);
    await copyToPostgres(source, client);
  } finally {
    source.close();
    await client.end();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-notifier-processes-'));
  const cluster = await startPostgres({ durable: true });
  const smtp = await smtpProcess(dir, '0-4');
  try {
    const url = await createDatabase(cluster.url, 'notifier');
    const seeded = performance.now();
    await agencyOnPostgres(url, dir);
    console.log(`notifier processes: ${BOOKINGS} bookings due a reminder at ${T}, made and copied into PostgreSQL in ${((performance.now() - seeded) / 1000).toFixed(0)} s`);
    const env = { ...process.env, DATABASE_URL: url, SMTP_URL: smtp.url, OUTBOX_DIR: join(dir, 'outbox'), AGENCY_TIMEZONE: 'Europe/Sofia' };

    // Each of PROCESSES loops runs `notify --now T` until a life ends by itself; meanwhile a
    // killer sends SIGKILL to a running one at random moments, KILLS times in all.
    const running = new Set<ChildProcess>();
    let kills = 0;
    let lives = 0;
    const started = performance.now();
    const loop = async () => {
      for (;;) {
        lives++;
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/notify.ts', '--now', T], { cwd: ROOT, env, stdio: 'ignore' });
        running.add(child);
        const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
        running.delete(child);
        if (code === 0 && child.signalCode === null) return;
      }
    };
    const killer = (async () => {
      while (kills < KILLS) {
        await new Promise((resolve) => setTimeout(resolve, 2_000 + Math.random() * 6_000));
        const alive = [...running];
        if (alive.length === 0) break;
        alive[Math.floor(Math.random() * alive.length)]!.kill('SIGKILL');
        kills++;
      }
    })();
    await Promise.all(Array.from({ length: PROCESSES }, loop));
    const seconds = (performance.now() - started) / 1000;
    await killer.catch(() => undefined);

    // One more pass settles what the killed senders left (their leases end at once).
    const last = spawn(process.execPath, ['--import', 'tsx', 'src/cli/notify.ts', '--now', T], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let lastOut = '';
    last.stdout!.on('data', (chunk: Buffer) => (lastOut += chunk.toString()));
    await new Promise((resolve) => last.once('exit', resolve));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM notifications GROUP BY status ORDER BY status`);
    await client.end();
    const byStatus = Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
    const accepted = smtp.accepted();
    const perNotice = new Map<string, number>();
    for (const id of accepted) {
      const notice = /<notification-(\d+)[.@]/.exec(id)?.[1] ?? id;
      perNotice.set(notice, (perNotice.get(notice) ?? 0) + 1);
    }
    const duplicates = [...perNotice.values()].reduce((sum, n) => sum + n - 1, 0);
    const settled = (byStatus.sent ?? 0) + (byStatus.uncertain ?? 0) + (byStatus.failed ?? 0);
    console.log(`${PROCESSES} processes, ${kills} kill -9 over ${lives} lives, ${seconds.toFixed(0)} s (${(accepted.length / seconds).toFixed(0)} mails/s)`);
    console.log(`mails accepted ${accepted.length}, duplicates ${duplicates}; rows ${JSON.stringify(byStatus)}; settled ${settled} of ${BOOKINGS}`);
    console.log(`last pass: ${lastOut.trim().split('\n').pop()}`);
    if (duplicates > 0 || settled !== BOOKINGS) process.exitCode = 1;
  } finally {
    smtp.stop();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
