/**
 * One notifier pass over 10,000 bookings due a reminder by SMS (clients without e-mail,
 * Cyrillic texts of two parts), into a local SMPP server in its own process, next to the
 * bare `smpp` client sending the same texts (composed beforehand, split the same way) with
 * the same window of unanswered submit_sm. The server answers each submit after
 * --latency ms (10 by default; SMS centres answer in tens of milliseconds), so the window
 * sets the pace for both. Prints messages/s, CPU per message, the ratio, and memory.
 *
 *   npm run bench:sms [-- --bookings 10000 --latency 10]
 */
import { atomically } from '../src/db/transaction.js';
import { mapInOrder } from '../src/domain/in-order.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import smpp, { type Session } from 'smpp';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createContact } from '../src/domain/contacts/index.js';
import type { ActingCtx, Agency } from '../src/domain/context.js';
import { createDeal } from '../src/domain/deals/index.js';
import { createDeparture } from '../src/domain/departures/departures.js';
import { IN_FLIGHT } from '../src/notifier/dispatch.js';
import { runNotifierPass } from '../src/notifier/pass.js';
import { composeShortText } from '../src/notifier/short-compose.js';
import { splitSegments } from '../src/sms/segments.js';
import { SmppGateway } from '../src/sms/smpp-gateway.js';
import { memoryMailer } from '../test/helpers/memory-mailer.js';
import { BENCH_AGENCY } from './agency.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BOOKINGS = arg('bookings', 10_000);
const LATENCY = arg('latency', 10);
const SEATS = 50;
const DEPARTS = Date.parse('2030-10-29T04:30:00Z');
const AGENCY: Agency = { ...BENCH_AGENCY, name: 'Балкан Тур', contacts: 'София · +359 2 987 6543', sms: true };

async function agencyFile() {
  const file = join(mkdtempSync(join(tmpdir(), 'tourdesk-bench-sms-')), 'agency.sqlite');
  const database = openDb(file);
  migrate(database.sqlite);
  await database.sqlite.prepare(`insert into users (email, name, role, password_hash, created_at, updated_at) values ('o@b.test', 'Operator', 'operator', 'x', 0, 0)`).run();
  const ctx: ActingCtx = { ...database, now: DEPARTS - 30 * 86_400_000, actor: { id: 1, email: 'o@b.test', name: 'Operator', role: 'operator', locale: null }, agency: AGENCY };
  await atomically(ctx, async (ctx) => {
    for (let d = 0; d * SEATS < BOOKINGS; d++) {
      const departure = await createDeparture(ctx, { title: `Охрид ${d + 1}`, departsAt: new Date(DEPARTS).toISOString(), meetingPoint: 'София, НДК, паркинг при входа А', seats: SEATS, priceMinor: 15000, depositMinor: 5000 });
      for (let i = 0; i < SEATS && d * SEATS + i < BOOKINGS; i++) {
        const n = d * SEATS + i;
        const contact = await createContact(ctx, { name: `Иван Петров ${n}`, phone: `+35988${String(1_000_000 + n).padStart(7, '0')}`, locale: (['bg', 'ru'] as const)[n % 2] });
        await createDeal(ctx, { departureId: departure.id, contactId: contact.id, seats: 1 });
      }
    }
  });
  return database;
}

async function startServer() {
  const log = join(mkdtempSync(join(tmpdir(), 'tourdesk-bench-smpp-')), 'received.jsonl');
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'test', 'helpers', 'smpp-process.ts')], {
    env: { ...process.env, SMPP_LOG: log, SMPP_DELAY_MS: String(LATENCY) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) => child.stdout!.on('data', (chunk: Buffer) => /port (\d+)/.exec(chunk.toString()) && resolve(Number(/port (\d+)/.exec(chunk.toString())![1]))));
  return { port, url: `smpp://tourdesk:secret@127.0.0.1:${port}`, received: () => readFileSync(log, 'utf8').trim().split('\n').length, stop: () => child.kill() };
}

/** The bare client: one bound session, the same parts, at most `window` texts unanswered. */
async function bareSend(port: number, texts: { to: string; text: string }[], window: number) {
  const session = await new Promise<Session>((resolve, reject) => {
    const s = smpp.connect({ host: '127.0.0.1', port }, () => s.bind_transceiver({ system_id: 'tourdesk', password: 'secret' }, (pdu) => (pdu.command_status === 0 ? resolve(s) : reject(new Error('bind')))));
  });
  session.on('deliver_sm', (pdu) => session.send(pdu.response()));
  let next = 0;
  const submit = (fields: Record<string, unknown>) => new Promise<void>((resolve) => session.submit_sm(fields, () => resolve()));
  const worker = async () => {
    while (next < texts.length) {
      const { to, text } = texts[next++]!;
      const parts = splitSegments(text);
      for (const [i, part] of parts.entries()) {
        await submit({
          source_addr: 'BalkanTur', source_addr_ton: 5, source_addr_npi: 0, destination_addr: to.slice(1), dest_addr_ton: 1, dest_addr_npi: 1, registered_delivery: 1, data_coding: 8,
          short_message: parts.length > 1 ? { udh: Buffer.from([5, 0, 3, next & 0xff, parts.length, i + 1]), message: part } : part,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  session.close();
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function main() {
  console.log(`bench:sms: ${BOOKINGS} bookings due a reminder by SMS, the SMS centre answering in ${LATENCY} ms, ${IN_FLIGHT} texts in flight at most`);
  const server = await startServer();
  const t0 = performance.now();
  const database = await agencyFile();
  console.log(`agency written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const now = DEPARTS - 86_400_000;
  let start = performance.now();
  const ctxOf = () => ({ ...database, now: now + (performance.now() - start), actor: null, agency: AGENCY });

  const gateway = new SmppGateway({ url: server.url, sender: 'BalkanTur', onReceipt: () => {} });
  start = performance.now();
  let cpu = process.cpuUsage();
  const report = await runNotifierPass(ctxOf, memoryMailer(), { channels: { sms: gateway } });
  const ours = performance.now() - start;
  const oursCpu = cpuMs(process.cpuUsage(cpu));
  await gateway.close();
  if (report.sent !== BOOKINGS) throw new Error(`expected ${BOOKINGS} sent, got ${JSON.stringify(report)}`);
  const rss = process.memoryUsage().rss;

  const rows = await database.sqlite.prepare(`SELECT * FROM notifications ORDER BY id`).all() as any[];
  const camel = (row: any) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]));
  const texts = await mapInOrder(rows, async (row) => ({ to: row.to_address as string, text: await composeShortText(ctxOf(), camel(row) as never) }));
  const parts = texts.reduce((sum, t) => sum + splitSegments(t.text).length, 0);
  start = performance.now();
  cpu = process.cpuUsage();
  await bareSend(server.port, texts, IN_FLIGHT);
  const bare = performance.now() - start;
  const bareCpu = cpuMs(process.cpuUsage(cpu));
  const received = server.received();
  server.stop();

  const rate = (ms: number) => (BOOKINGS / ms) * 1000;
  console.log(`tourdesk notifier pass: ${rate(ours).toFixed(0)} texts/s (${(ours / 1000).toFixed(1)} s for ${report.sent}, ${(oursCpu / BOOKINGS).toFixed(2)} ms CPU per text; RSS ${(rss / 1024 / 1024).toFixed(0)} MiB)`);
  console.log(`bare smpp client:       ${rate(bare).toFixed(0)} texts/s (${(bare / 1000).toFixed(1)} s, ${(bareCpu / BOOKINGS).toFixed(2)} ms CPU per text)`);
  console.log(`ratio: ${(rate(ours) / rate(bare)).toFixed(2)}x  (target >= 0.8x); ${parts} parts per run (${(parts / BOOKINGS).toFixed(1)} per text), the server took ${received} submit_sm in all`);
}

void main();
