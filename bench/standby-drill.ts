/**
 * The standby drill: a PostgreSQL primary with a streaming standby (synchronous, as
 * docs/postgresql.md recommends; `--async` for the asynchronous kind), two tourdesk servers
 * booking under load through one address, then kill -9 of the primary, the standby promoted
 * and the address moved to it (a TCP relay here stands for the DNS name or floating IP).
 * Prints what an agency would ask: bookings acknowledged and lost, seats oversold, seconds
 * without writes, and whether the servers came back by themselves (no restart).
 *
 *   npm run bench:standby [-- --async --seconds 8]
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Pool } from 'undici';
import { jsonClient } from '../test/helpers/http-client.js';
import { startServer, type ServerProcess } from '../test/helpers/server-process.js';

const ASYNC = process.argv.includes('--async');
const secondsArg = process.argv.indexOf('--seconds');
const PHASE_S = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 8;
const CLIENTS = 20;
/** Trips of a hundred seats, few enough that some sell out during the drill: an oversold one would show. */
const DEPARTURES = 15;
const SEATS = 100;
const ADMIN = { email: 'drill@agency.test', password: 'drill-password-1' };

const BIN = join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().pop()!, 'bin');
const asRoot = userInfo().uid === 0;
/** Runs a server binary, as the postgres user when we are root (PostgreSQL refuses root). */
const run = (binary: string, args: string[]) =>
  execFileSync(asRoot ? 'runuser' : join(BIN, binary), asRoot ? ['-u', 'postgres', '--', join(BIN, binary), ...args] : args, { stdio: 'pipe' }).toString();

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The agency's address: a TCP relay to whichever server is the primary. */
function relay(port: number, target: () => number): { server: Server; cut: () => void } {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target(), '127.0.0.1');
    open.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.pipe(upstream).pipe(client);
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  server.listen(port, '127.0.0.1');
  return { server, cut: () => open.forEach((socket) => socket.destroy()) };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-standby-'));
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const primaryData = join(dir, 'primary');
  const standbyData = join(dir, 'standby');
  const [primaryPort, standbyPort, relayPort] = [await freePort(), await freePort(), await freePort()];
  const servers: ServerProcess[] = [];
  let target = primaryPort;
  const address = relay(relayPort, () => target);
  try {
    run('initdb', ['-D', primaryData, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
    const sync = ASYNC ? '' : ` -c synchronous_standby_names='*'`;
    run('pg_ctl', ['start', '-D', primaryData, '-l', join(dir, 'primary.log'), '-w', '-o', `-p ${primaryPort} -k ${dir} -c listen_addresses=127.0.0.1 -c wal_level=replica -c max_wal_senders=4${sync}`]);
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyData, '-R', '-X', 'stream']);
    run('pg_ctl', ['start', '-D', standbyData, '-l', join(dir, 'standby.log'), '-w', '-o', `-p ${standbyPort} -k ${dir} -c listen_addresses=127.0.0.1`]);
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${primaryPort}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE agency TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    await admin.end();
    const url = `postgres://postgres@127.0.0.1:${relayPort}/agency`;
    const env = { DATABASE_URL: url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, OUTBOX_DIR: join(dir, 'outbox') };
    servers.push(await startServer(env));
    servers.push(await startServer(env));
    const api = jsonClient(servers[0]!.url);
    const { token } = (await api.post('/api/v1/session', ADMIN)).body;
    const trips: number[] = [];
    for (let i = 0; i < DEPARTURES; i++) {
      trips.push((await api.post('/api/v1/departures', { title: `Drill ${i + 1}`, departsAt: '2030-05-01T08:00', meetingPoint: 'NDK', seats: SEATS, priceMinor: 1000, depositMinor: 0 }, token)).body.id);
    }
    const contact = (await api.post('/api/v1/contacts', { name: 'Drill client', phone: '0881112233' }, token)).body;

    console.log(`standby drill: ${ASYNC ? 'asynchronous' : 'synchronous'} streaming standby, 2 servers, ${CLIENTS} clients booking through one address; ${PHASE_S} s before and after the failure`);
    const pools = servers.map((server) => new Pool(server.url, { connections: CLIENTS, headersTimeout: 15_000, bodyTimeout: 15_000 }));
    const acknowledged: number[] = [];
    const writes: number[] = [];
    let failures = 0;
    let soldOut = 0;
    let stop = false;
    let next = 0;
    const book = async (client: number) => {
      while (!stop) {
        const departureId = trips[next++ % trips.length]!;
        try {
          const response = await pools[client % pools.length]!.request({
            method: 'POST',
            path: '/api/v1/deals',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ departureId, contactId: contact.id, seats: 1 }),
          });
          const body = (await response.body.json()) as { id?: number };
          if (response.statusCode === 201 && body.id) {
            acknowledged.push(body.id);
            writes.push(Date.now());
          } else if (response.statusCode === 409) {
            soldOut++;
          } else {
            if (failures++ % 500 === 0) console.log(`failed: ${response.statusCode} ${JSON.stringify(body).slice(0, 200)}`);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        } catch (error) {
          if (failures++ % 500 === 0) console.log(`no answer: ${(error as Error).message}; servers alive: ${servers.map((server) => server.child.exitCode === null).join(',')}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => book(c)));
    await new Promise((resolve) => setTimeout(resolve, PHASE_S * 1000));

    // The primary dies: kill -9 of its postmaster, mid-load.
    const killedAt = Date.now();
    const acknowledgedBefore = acknowledged.length;
    const pid = Number(readFileSync(join(primaryData, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    address.cut();
    // The standby is promoted and the address moved to it.
    run('pg_ctl', ['promote', '-D', standbyData, '-w']);
    target = standbyPort;
    address.cut();
    const promotedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, PHASE_S * 1000));
    stop = true;
    await load;
    await Promise.all(pools.map((pool) => pool.close()));

    const after = writes.filter((at) => at > killedAt);
    const firstWriteAfter = after.length ? Math.min(...after) : null;
    const check = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${standbyPort}/agency` });
    await check.connect();
    const stored = new Set((await check.query<{ id: number }>('SELECT id FROM deals WHERE departure_id = ANY($1)', [trips])).rows.map((row) => Number(row.id)));
    const perTrip = (await check.query<{ booked: string; seats: number }>(
      `SELECT coalesce(sum(d.seats), 0) AS booked, dep.seats FROM departures dep LEFT JOIN deals d ON d.departure_id = dep.id AND d.status <> 'cancelled' WHERE dep.id = ANY($1) GROUP BY dep.id, dep.seats`,
      [trips],
    )).rows;
    const seats = perTrip.reduce((sum, row) => sum + Number(row.booked), 0);
    const oversold = perTrip.reduce((sum, row) => sum + Math.max(0, Number(row.booked) - row.seats), 0);
    const full = perTrip.filter((row) => Number(row.booked) >= row.seats).length;
    await check.end();
    const lost = acknowledged.filter((id) => !stored.has(id)).length;
    const ids = new Set(acknowledged);
    console.log(`bookings acknowledged: ${acknowledgedBefore} before the kill, ${acknowledged.length - acknowledgedBefore} after; sold out: ${soldOut}; failed (5xx or no answer): ${failures}`);
    console.log(`acknowledged bookings lost: ${lost}; ids answered twice: ${acknowledged.length - ids.size}; seats booked ${seats} of ${DEPARTURES * SEATS} on ${DEPARTURES} trips (${full} sold out), oversold ${oversold}; rows not acknowledged (answer lost in the failure): ${stored.size - acknowledged.filter((id) => stored.has(id)).length}`);
    console.log(`promotion took ${((promotedAt - killedAt) / 1000).toFixed(1)} s; seconds without writes: ${firstWriteAfter ? ((firstWriteAfter - killedAt) / 1000).toFixed(1) : 'no write after the failure'}; servers restarted: none`);
    if (lost > 0 || oversold > 0 || !firstWriteAfter) process.exitCode = 1;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    address.server.close();
    for (const data of [standbyData, primaryData]) {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      } catch {
        // Already down (the killed primary).
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
