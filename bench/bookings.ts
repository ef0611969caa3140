/**
 * Bookings per second: over HTTP (the real server in its own process, 50 concurrent
 * keep-alive clients) next to the same transaction done directly with better-sqlite3 in
 * this process (BEGIN IMMEDIATE, count seats, insert deal, insert history). Prints figures;
 * it sets no pass mark.
 *
 *   npm run bench:bookings [-- --bookings 5000 --clients 50]
 */
import Database from 'better-sqlite3';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { BENCH_AGENCY } from './agency.js';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { ensureFirstDirector } from '../src/domain/users/bootstrap.js';
import { jsonClient } from '../test/helpers/http-client.js';
import { startServer } from '../test/helpers/server-process.js';
import { recordFigures } from './results.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BOOKINGS = arg('bookings', 5000);
const CLIENTS = arg('clients', 50);
const SEATS_PER_DEPARTURE = 1000;
const DEPARTURES = Math.ceil((BOOKINGS + 1000) / SEATS_PER_DEPARTURE);
const AGENCY = BENCH_AGENCY;
const ADMIN = { email: 'bench@agency.test', password: 'bench-password-1' };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const rssMiB = (pid: number | 'self') => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
};

async function prepareFile(file: string) {
  const database = openDb(file);
  migrate(database.sqlite);
  await ensureFirstDirector({ db: database.db, sqlite: database.sqlite, now: Date.now(), actor: null, agency: AGENCY }, ADMIN);
  const now = Date.now();
  const insertDeparture = database.sqlite.prepare(
    `insert into departures (title, departs_at, time_zone, meeting_point, seats, price_minor, deposit_minor, currency, created_at, updated_at)
     values (?, ?, 'Europe/Sofia', 'NDK', ?, 15000, 5000, 'EUR', ?, ?)`,
  );
  // Every departure rides in at least one bus, as createDeparture makes it.
  const insertVehicle = database.sqlite.prepare(`insert into departure_vehicles (departure_id, position, label, seats) values (?, 0, '1', ?)`);
  for (let i = 0; i < DEPARTURES; i++) {
    const { lastInsertRowid } = await insertDeparture.run(`Bench ${i}`, now + 365 * 86_400_000, SEATS_PER_DEPARTURE, now, now);
    await insertVehicle.run(lastInsertRowid, SEATS_PER_DEPARTURE);
  }
  await database.sqlite
    .prepare(`insert into contacts (name, phone, search_text, created_at, updated_at) values ('Bench client', '+359881234567', 'bench client', ?, ?)`)
    .run(now, now);
  database.sqlite.close();
}

async function overHttp(file: string) {
  const server = await startServer({ DATABASE_PATH: file });
  // undici's Pool.request, not fetch: fetch's own cost per request would be measured instead of the server's.
  const pool = new Pool(server.url, { connections: CLIENTS, pipelining: 1 });
  try {
    const { token } = (await jsonClient(server.url).post('/api/v1/session', ADMIN)).body;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    let departureIndex = 0;
    const book = async () => {
      const departureId = 1 + (departureIndex++ % DEPARTURES);
      const started = performance.now();
      const response = await pool.request({
        method: 'POST',
        path: '/api/v1/deals',
        headers,
        body: JSON.stringify({ departureId, contactId: 1, seats: 1 }),
      });
      const text = await response.body.text();
      if (response.statusCode !== 201) throw new Error(`booking failed: ${response.statusCode} ${text}`);
      return performance.now() - started;
    };
    // warm-up: JIT, connections, page cache
    await Promise.all(Array.from({ length: CLIENTS }, async () => { for (let i = 0; i < 10; i++) await book(); }));
    const latencies: number[] = [];
    let remaining = BOOKINGS;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (remaining-- > 0) latencies.push(await book());
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: BOOKINGS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), serverRss: rssMiB(server.child.pid!) };
  } finally {
    await pool.close();
    await server.stop();
  }
}

function direct(file: string) {
  const sqlite = new Database(file, { timeout: 10_000 });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  const departure = sqlite.prepare(
    `select seats, price_minor as price, deposit_minor as deposit, currency,
       (select coalesce(sum(d.seats), 0) from deals d where d.departure_id = departures.id and d.status <> 'cancelled') as booked
     from departures where id = ?`,
  );
  const insertDeal = sqlite.prepare(
    `insert into deals (departure_id, contact_id, seats, price_minor, deposit_due_minor, currency, status, created_by, created_at, updated_at)
     values (?, 1, 1, ?, ?, ?, 'new', 1, ?, ?)`,
  );
  const insertHistory = sqlite.prepare(`insert into deal_history (deal_id, to_status, at, by_user_id) values (?, 'new', ?, 1)`);
  const book = sqlite.transaction((departureId: number) => {
    const row = departure.get(departureId) as { seats: number; price: number; deposit: number; currency: string; booked: number };
    if (row.seats - row.booked < 1) throw new Error('sold out');
    const now = Date.now();
    const deal = insertDeal.run(departureId, row.price, row.deposit, row.currency, now, now);
    insertHistory.run(deal.lastInsertRowid, now);
  });
  for (let i = 0; i < 500; i++) book.immediate(1 + (i % DEPARTURES));
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < BOOKINGS; i++) {
    const t = performance.now();
    book.immediate(1 + (i % DEPARTURES));
    latencies.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  sqlite.close();
  latencies.sort((a, b) => a - b);
  return { perSecond: BOOKINGS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-bench-'));
  try {
    const httpFile = join(dir, 'http.sqlite');
    const directFile = join(dir, 'direct.sqlite');
    await prepareFile(httpFile);
    await prepareFile(directFile);
    console.log(`bookings: ${BOOKINGS} one-seat bookings over ${DEPARTURES} departures of ${SEATS_PER_DEPARTURE} seats; synchronous=FULL, WAL`);
    const d = direct(directFile);
    const h = await overHttp(httpFile);
    const ms = (x: number) => `${x.toFixed(2)} ms`;
    console.log(`direct better-sqlite3 : ${d.perSecond.toFixed(0)} bookings/s  p50 ${ms(d.p50)}  p99 ${ms(d.p99)}`);
    console.log(`HTTP, ${CLIENTS} clients     : ${h.perSecond.toFixed(0)} bookings/s  p50 ${ms(h.p50)}  p99 ${ms(h.p99)}  server RSS ${h.serverRss.toFixed(0)} MiB`);
    console.log(`ratio HTTP/direct     : ${(h.perSecond / d.perSecond).toFixed(2)}x   (bench process RSS ${rssMiB('self').toFixed(0)} MiB)`);
    recordFigures([{ bench: 'bookings', figure: `bookings over HTTP, ${CLIENTS} clients`, ours: h.perSecond, bare: d.perSecond, unit: '/s', ratio: h.perSecond / d.perSecond, target: null }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
