/**
 * One notifier pass over 10,000 bookings due a reminder, into a local SMTP server running
 * in its own process, next to bare pooled nodemailer sending the same 10,000 mails (already
 * composed) through the same pool settings with as many in flight. Prints mails/s, CPU per
 * mail, the ratio, and memory.
 *
 *   npm run bench:notifier [-- --bookings 10000]
 */
import { atomically } from '../src/db/transaction.js';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import nodemailer from 'nodemailer';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createContact } from '../src/domain/contacts/index.js';
import type { ActingCtx } from '../src/domain/context.js';
import { createDeal } from '../src/domain/deals/index.js';
import { createDeparture } from '../src/domain/departures/departures.js';
import { composeMail } from '../src/notifier/compose.js';
import { createMailer, MAIL_POOL, type MailMessage } from '../src/mail/mailer.js';
import { runNotifierPass } from '../src/notifier/pass.js';
import { IN_FLIGHT } from '../src/notifier/dispatch.js';
import { BENCH_AGENCY } from './agency.js';
import { recordFigures } from './results.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BOOKINGS = arg('bookings', 10_000);
const SEATS = 50;
const DEPARTS = Date.parse('2030-10-29T04:30:00Z');
const FROM = 'Bench Tours <office@bench.test>';

/** An agency file: BOOKINGS one-seat bookings on buses of 50, all leaving at one instant. */
async function agencyFile() {
  const file = join(mkdtempSync(join(tmpdir(), 'tourdesk-bench-notifier-')), 'agency.sqlite');
  const database = openDb(file);
  migrate(database.sqlite);
  await database.sqlite.prepare(`insert into users (email, name, role, password_hash, created_at, updated_at) values ('o@b.test', 'Operator', 'operator', 'x', 0, 0)`).run();
  const ctx: ActingCtx = { ...database, now: DEPARTS - 30 * 86_400_000, actor: { id: 1, email: 'o@b.test', name: 'Operator', role: 'operator', locale: null }, agency: BENCH_AGENCY };
  await atomically(ctx, async (ctx) => {
    for (let d = 0; d * SEATS < BOOKINGS; d++) {
      const departure = await createDeparture(ctx, { title: `Охрид ${d + 1}`, departsAt: new Date(DEPARTS).toISOString(), meetingPoint: 'София, НДК, паркинг', seats: SEATS, priceMinor: 15000, depositMinor: 5000 });
      for (let i = 0; i < SEATS && d * SEATS + i < BOOKINGS; i++) {
        const n = d * SEATS + i;
        const contact = await createContact(ctx, { name: `Иван Петров ${n}`, email: `ivan${n}@bench.test`, locale: (['bg', 'ru', 'en'] as const)[n % 3] });
        await createDeal(ctx, { departureId: departure.id, contactId: contact.id, seats: 1 });
      }
    }
  });
  return { file, database };
}

async function startSink() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'smtp-sink.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const port = Number((await next()).split(' ')[1]);
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: async () => {
      const answer = next();
      child.stdin!.write('count\n');
      return Number((await answer).split(' ')[1]);
    },
    stop: () => child.kill(),
  };
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function main() {
  console.log(`bench:notifier: ${BOOKINGS} bookings due a reminder, ${Math.ceil(BOOKINGS / SEATS)} departures`);
  const sink = await startSink();
  const t0 = performance.now();
  const { database } = await agencyFile();
  console.log(`agency written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const now = DEPARTS - 86_400_000;
  const ctxOf = () => ({ ...database, now: now + (performance.now() - start), actor: null, agency: BENCH_AGENCY });

  // tourdesk: plan, claim, compose, send, mark, all of it.
  const mailer = createMailer({ smtpUrl: sink.url, from: FROM, outboxDir: '/unused' });
  let start = performance.now();
  let cpu = process.cpuUsage();
  const report = await runNotifierPass(ctxOf, mailer);
  const ours = performance.now() - start;
  const oursCpu = cpuMs(process.cpuUsage(cpu));
  mailer.close();
  if (report.sent !== BOOKINGS) throw new Error(`expected ${BOOKINGS} sent, got ${JSON.stringify(report)}`);
  const rss = process.memoryUsage().rss;

  // Bare: the same mails, composed beforehand, into the same pool settings.
  const rows = await database.sqlite.prepare(`SELECT * FROM notifications ORDER BY id`).all() as any[];
  const camel = (row: any) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]));
  const messages: MailMessage[] = [];
  start = performance.now();
  for (const row of rows) messages.push(await composeMail(ctxOf(), camel(row) as never));
  const composeMs = performance.now() - start;
  const bare = nodemailer.createTransport({ url: sink.url, ...MAIL_POOL } as never, { from: FROM });
  start = performance.now();
  cpu = process.cpuUsage();
  // As many in flight as tourdesk allows itself: handing the pool all 10,000 at once measured slower.
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const { key, ...m } = messages[next++]!;
      await bare.sendMail({ ...m, messageId: `<${key}@bench.test>` });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const bareMs = performance.now() - start;
  const bareCpu = cpuMs(process.cpuUsage(cpu));
  bare.close();

  const accepted = await sink.accepted();
  sink.stop();
  const rate = (ms: number) => (BOOKINGS / ms) * 1000;
  console.log(`tourdesk notifier pass: ${rate(ours).toFixed(0)} mails/s (${(ours / 1000).toFixed(1)} s for ${report.sent}, ${(oursCpu / BOOKINGS).toFixed(2)} ms CPU per mail; RSS ${mib(rss)})`);
  console.log(`bare pooled nodemailer: ${rate(bareMs).toFixed(0)} mails/s (${(bareMs / 1000).toFixed(1)} s, ${(bareCpu / BOOKINGS).toFixed(2)} ms CPU per mail; composing them beforehand took ${(composeMs / 1000).toFixed(1)} s more)`);
  console.log(`ratio: ${(rate(ours) / rate(bareMs)).toFixed(2)}x  (target >= 0.8x); the server accepted ${accepted} mails in all`);
  recordFigures([{ bench: 'notifier', figure: 'reminder mails, one pass', ours: rate(ours), bare: rate(bareMs), unit: '/s', ratio: rate(ours) / rate(bareMs), target: '>= 0.8x' }]);
}

void main();
