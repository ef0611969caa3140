/**
 * Worklists at agency scale: GET /api/v1/worklists/deposit-missing?departureId=… and my-day
 * over HTTP at 50 concurrent clients, next to bare endpoints running the same SQL with raw
 * better-sqlite3 in the same server process; then the my-day page's server time.
 *
 *   npm run bench:worklists [-- --deals 1000000 --departures 10000 --seconds 8]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import { createApp } from '../src/app.js';
import { openDb } from '../src/db/client.js';
import { jsonClient } from '../test/helpers/http-client.js';
import { startServer } from '../test/helpers/server-process.js';
import { BENCH_AGENCY, benchMailer } from './agency.js';
import { BENCH_MANAGER, generateAgency } from './generate-agency.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DEALS = arg('deals', 1_000_000);
const DEPARTURES = arg('departures', 10_000);
const SECONDS = arg('seconds', 8);
const CLIENTS = 50;
const FILE = join('bench', '.data', `agency-v3-${DEPARTURES}-${DEALS}.sqlite`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function load(pool: Pool, path: string, headers: Record<string, string>) {
  const latencies: number[] = [];
  const once = async () => {
    const started = performance.now();
    const response = await pool.request({ method: 'GET', path, headers });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode}`);
    return performance.now() - started;
  };
  await Promise.all(Array.from({ length: CLIENTS }, async () => { for (let i = 0; i < 5; i++) await once(); }));
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) latencies.push(await once());
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const line = (label: string, r: { perSecond: number; p50: number; p99: number }) =>
  `${label.padEnd(34)} ${r.perSecond.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms`;

async function main() {
  await generateAgency(FILE, { departures: DEPARTURES, deals: DEALS, managers: 20, contacts: Math.max(1000, DEALS / 5) });
  const database = openDb(FILE);
  const now = Date.now();
  // The upcoming departure with the most deposits missing, and the first manager.
  const busiest = database.sqlite
    .prepare(
      `select d.departure_id as id, count(*) as n from departures dep cross join deals d on d.departure_id = dep.id
       where dep.departs_at > ? and d.status in ('new','documents_sent','documents_received')
       group by d.departure_id order by n desc limit 1`,
    )
    .get(now) as { id: number; n: number };
  const managerId = (database.sqlite.prepare('select id from users where email = ?').get(BENCH_MANAGER.email) as { id: number }).id;
  const counts = database.sqlite.prepare('select (select count(*) from deals) as deals, (select count(*) from departures) as departures, (select count(*) from payments) as payments').get() as Record<string, number>;
  console.log(`agency: ${counts.departures} departures, ${counts.deals} deals, ${counts.payments} payments; departure ${busiest.id} has ${busiest.n} deposits missing; ${CLIENTS} clients, ${SECONDS} s each`);

  const server = await startServer({ DATABASE_PATH: FILE }, 'bench/worklists-server.ts');
  const pool = new Pool(server.url, { connections: CLIENTS });
  try {
    const { token } = (await jsonClient(server.url).post('/api/v1/session', BENCH_MANAGER)).body;
    const auth = { authorization: `Bearer ${token}` };
    const bareList = await load(pool, `/bare/deposit-missing?departureId=${busiest.id}`, {});
    const realList = await load(pool, `/api/v1/worklists/deposit-missing?departureId=${busiest.id}`, auth);
    const bareDay = await load(pool, `/bare/my-day?managerId=${managerId}`, {});
    const realDay = await load(pool, '/api/v1/worklists/my-day', auth);
    console.log(line('bare SQL, deposit-missing', bareList));
    console.log(line('API deposit-missing?departureId', realList) + `   ratio ${(realList.perSecond / bareList.perSecond).toFixed(2)}x`);
    console.log(line('bare SQL, my-day (11 queries)', bareDay));
    console.log(line('API my-day (manager)', realDay) + `   ratio ${(realDay.perSecond / bareDay.perSecond).toFixed(2)}x`);
    console.log(`server RSS ${rssMiB(server.child.pid!).toFixed(0)} MiB`);
  } finally {
    await pool.close();
    await server.stop();
  }

  // The my-day page, rendered in this process: server time only, no network.
  const app = createApp({ database, agency: BENCH_AGENCY, clock: () => Date.now(), mailer: benchMailer() });
  const login = await app.request('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
    body: new URLSearchParams({ ...BENCH_MANAGER, next: '/' }).toString(),
  });
  const cookie = /tourdesk_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    const response = await app.request('/', { headers: { Cookie: cookie } });
    bytes = (await response.text()).length;
    if (i >= 10) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`my-day page (manager): p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms server time, ${(bytes / 1024).toFixed(0)} KiB of HTML`);
  database.sqlite.close();
}

void main();
