/**
 * The two engines side by side, on this machine:
 * - bookings per second over HTTP, 50 concurrent keep-alive clients, against one SQLite
 *   server process and against 1, 2 and 4 server processes sharing one PostgreSQL database
 *   (a throwaway cluster with durable commits: fsync on, synchronous_commit on);
 * - the last seats: 4 server processes on PostgreSQL take 200 concurrent one-seat bookings
 *   for the last 10 seats, 20 rounds: how many are sold each round (must be exactly 10).
 * Prints figures; it sets no pass mark.
 *
 *   npm run bench:engines [-- --bookings 3000 --clients 50 --rounds 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { openDb, type Database_ } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { migratePg } from '../src/db/migrate-pg.js';
import { postgresDatabase } from '../src/db/open.js';
import { statement } from '../src/db/statements.js';
import { ensureFirstDirector } from '../src/domain/users/bootstrap.js';
import { jsonClient } from '../test/helpers/http-client.js';
import { createDatabase, startPostgres } from '../test/helpers/postgres.js';
import { startServer, type ServerProcess } from '../test/helpers/server-process.js';
import { BENCH_AGENCY } from './agency.js';
import { recordFigures } from './results.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BOOKINGS = arg('bookings', 3000);
const CLIENTS = arg('clients', 50);
const ROUNDS = arg('rounds', 20);
const RACE_PROCESSES = 4;
const RACE_REQUESTS = 200;
const RACE_SEATS = 10;
const SEATS_PER_DEPARTURE = 1000;
const DEPARTURES = Math.ceil((BOOKINGS + 50 * CLIENTS) / SEATS_PER_DEPARTURE) + 1;
const ADMIN = { email: 'bench@agency.test', password: 'bench-password-1' };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** The director, the departures and one client, through the app's own statements (either engine). */
async function seed(database: Database_) {
  const now = Date.now();
  await ensureFirstDirector({ db: database.db, sqlite: database.sqlite, now, actor: null, agency: BENCH_AGENCY }, ADMIN);
  const insert = statement(
    database.sqlite,
    `INSERT INTO departures (title, departs_at, time_zone, meeting_point, seats, price_minor, deposit_minor, currency, created_at, updated_at)
     VALUES (?, ?, 'Europe/Sofia', 'NDK', ?, 15000, 5000, 'EUR', ?, ?)`,
  );
  for (let i = 0; i < DEPARTURES; i++) await insert.run(`Bench ${i}`, now + 365 * 86_400_000, SEATS_PER_DEPARTURE, now, now);
  // Every departure rides in at least one bus, as createDeparture makes it.
  await statement(database.sqlite, `INSERT INTO departure_vehicles (departure_id, position, label, seats) SELECT id, 0, '1', seats FROM departures`).run();
  await statement(database.sqlite, `INSERT INTO contacts (name, phone, search_text, created_at, updated_at) VALUES ('Bench client', '+359881234567', 'bench client', ?, ?)`).run(now, now);
}

async function migratedPostgres(url: string): Promise<Database_> {
  const database = postgresDatabase(url);
  await migratePg(database.pool);
  return database;
}

/** 50 clients spread over the servers' addresses, each booking one seat at a time. */
async function bookings(servers: ServerProcess[]) {
  const pools = servers.map((server) => new Pool(server.url, { connections: Math.ceil(CLIENTS / servers.length), pipelining: 1 }));
  try {
    const { token } = (await jsonClient(servers[0]!.url).post('/api/v1/session', ADMIN)).body;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    let n = 0;
    const book = async (client: number) => {
      const departureId = 1 + (n++ % DEPARTURES);
      const started = performance.now();
      const response = await pools[client % pools.length]!.request({ method: 'POST', path: '/api/v1/deals', headers, body: JSON.stringify({ departureId, contactId: 1, seats: 1 }) });
      const text = await response.body.text();
      if (response.statusCode !== 201) throw new Error(`booking failed: ${response.statusCode} ${text}`);
      return performance.now() - started;
    };
    await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => { for (let i = 0; i < 5; i++) await book(c); }));
    const latencies: number[] = [];
    let remaining = BOOKINGS;
    const started = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => { while (remaining-- > 0) latencies.push(await book(c)); }));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: BOOKINGS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

/** Rounds of 200 concurrent one-seat bookings over 4 processes for the last 10 seats of a new departure. */
async function lastSeats(servers: ServerProcess[], database: Database_) {
  const clients = servers.map((server) => jsonClient(server.url));
  const { token } = (await clients[0]!.post('/api/v1/session', ADMIN)).body;
  const sold: number[] = [];
  let errors = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const departure = (await clients[0]!.post('/api/v1/departures', { title: `Race ${round}`, departsAt: '2030-05-01T08:00', meetingPoint: 'NDK', seats: 40, priceMinor: 1000, depositMinor: 0 }, token)).body;
    await clients[0]!.post('/api/v1/deals', { departureId: departure.id, contactId: 1, seats: 40 - RACE_SEATS }, token);
    const answers = await Promise.all(
      Array.from({ length: RACE_REQUESTS }, (_, i) => clients[i % clients.length]!.post('/api/v1/deals', { departureId: departure.id, contactId: 1, seats: 1 }, token)),
    );
    errors += answers.filter((answer) => answer.status >= 500).length;
    const row = (await statement(database.sqlite, `SELECT sum(seats) AS seats FROM deals WHERE departure_id = ? AND status <> 'cancelled'`).get(departure.id)) as { seats: number };
    sold.push(row.seats - (40 - RACE_SEATS));
  }
  return { sold, errors };
}

async function withServers<T>(count: number, env: Record<string, string>, work: (servers: ServerProcess[]) => Promise<T>): Promise<T> {
  const servers: ServerProcess[] = [];
  try {
    // One after another: the first one migrates, the others find nothing to do.
    for (let i = 0; i < count; i++) servers.push(await startServer(env));
    return await work(servers);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-engines-'));
  const cluster = await startPostgres({ durable: true });
  try {
    console.log(`engines: ${BOOKINGS} one-seat bookings, ${CLIENTS} clients; SQLite synchronous=FULL, PostgreSQL fsync and synchronous_commit on; ${process.platform} with ${(await import('node:os')).cpus().length} cores`);
    const file = join(dir, 'agency.sqlite');
    const sqlite = openDb(file);
    migrate(sqlite.sqlite);
    await seed(sqlite);
    sqlite.close();
    const onSqlite = await withServers(1, { DATABASE_PATH: file }, bookings);
    const line = (label: string, r: { perSecond: number; p50: number; p99: number }) =>
      console.log(`${label.padEnd(34)}: ${r.perSecond.toFixed(0).padStart(5)} bookings/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms`);
    line('SQLite, 1 process', onSqlite);
    const figures = [];
    const counts = (process.argv.includes('--processes') ? process.argv[process.argv.indexOf('--processes') + 1]! : '1,2,4').split(',').map(Number);
    for (const processes of counts) {
      const url = await createDatabase(cluster.url, `bookings_${processes}`);
      const database = await migratedPostgres(url);
      await seed(database);
      await database.close();
      const result = await withServers(processes, { DATABASE_URL: url }, bookings);
      line(`PostgreSQL, ${processes} process(es)`, result);
      figures.push({ bench: 'engines', figure: `bookings over HTTP on PostgreSQL, ${processes} process(es)`, ours: result.perSecond, bare: onSqlite.perSecond, unit: '/s', ratio: result.perSecond / onSqlite.perSecond, target: null });
    }
    const url = await createDatabase(cluster.url, 'race');
    const database = await migratedPostgres(url);
    await seed(database);
    const race = await withServers(RACE_PROCESSES, { DATABASE_URL: url }, (servers) => lastSeats(servers, database));
    await database.close();
    const exact = race.sold.filter((n) => n === RACE_SEATS).length;
    console.log(`last ${RACE_SEATS} seats, ${RACE_PROCESSES} processes x ${RACE_REQUESTS} requests, ${ROUNDS} rounds: sold ${race.sold.join(' ')}; exactly ${RACE_SEATS} in ${exact}/${ROUNDS} rounds; ${race.errors} answer(s) 5xx`);
    recordFigures(figures);
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
