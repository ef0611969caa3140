/**
 * A large agency for benchmarks: departures over five years back and one ahead, deals with a
 * realistic spread of statuses, payments that agree with them, managers and clients.
 * Bulk inserts with raw prepared statements in one transaction; the file is kept and reused.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from '../src/db/migrate.js';
import { hashPassword } from '../src/domain/users/passwords.js';

export const BENCH_MANAGER = { email: 'manager1@bench.test', password: 'bench-password-1' };
const DAY = 86_400_000;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Status weights by how far the trip is: past trips are finished, near ones well advanced. */
function statusFor(daysAhead: number, r: number): string {
  const table: [string, number][] =
    daysAhead < 0
      ? [['notified', 0.82], ['cancelled', 0.1], ['fully_paid', 0.08]]
      : daysAhead < 14
        ? [['new', 0.05], ['documents_received', 0.1], ['deposit_paid', 0.2], ['fully_paid', 0.2], ['voucher_sent', 0.3], ['cancelled', 0.15]]
        : [['new', 0.15], ['documents_sent', 0.2], ['documents_received', 0.1], ['deposit_paid', 0.3], ['fully_paid', 0.1], ['voucher_sent', 0.05], ['cancelled', 0.1]];
  let acc = 0;
  for (const [status, weight] of table) {
    acc += weight;
    if (r < acc) return status;
  }
  return table[table.length - 1]![0];
}

export interface AgencySize {
  departures: number;
  deals: number;
  managers: number;
  contacts: number;
}

/** Due dates are the ends of calendar days in Sofia (UTC+2 here; the hour of summer time aside). */
const endOfDay = (ms: number) => Math.ceil((ms + 2 * 3_600_000) / DAY) * DAY - 2 * 3_600_000 - 1;

export async function generateAgency(file: string, size: AgencySize, now = Date.now()): Promise<void> {
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const db = new Database(partial);
  db.pragma('journal_mode = WAL');
  migrate(db);
  db.pragma('synchronous = OFF');
  const random = rng(20261122);
  const managerHash = await hashPassword(BENCH_MANAGER.password);
  const started = Date.now();

  db.transaction(() => {
    const user = db.prepare(
      `insert into users (email, name, role, password_hash, active, created_at, updated_at) values (?, ?, ?, ?, 1, ?, ?)`,
    );
    user.run('director@bench.test', 'Director', 'director', managerHash, now, now);
    for (let m = 1; m <= size.managers; m++) user.run(`manager${m}@bench.test`, `Manager ${m}`, 'manager', managerHash, now, now);

    const contact = db.prepare(
      `insert into contacts (name, phone, email, email_normalized, manager_id, next_contact_at, search_text, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let c = 1; c <= size.contacts; c++) {
      const manager = 2 + Math.floor(random() * size.managers);
      const next = random() < 0.03 ? now + Math.floor((random() - 0.7) * 10 * DAY) : null;
      const email = `client${c}@bench.test`;
      contact.run(`Клиент ${c}`, `+35988${String(c).padStart(7, '0')}`, email, email, manager, next, `клиент ${c} ${email}`, now, now);
    }

    const departure = db.prepare(
      `insert into departures (title, departs_at, time_zone, meeting_point, seats, price_minor, deposit_minor, currency, created_at, updated_at)
       values (?, ?, 'Europe/Sofia', 'Sofia, NDK', ?, ?, ?, 'EUR', ?, ?)`,
    );
    const span = 6 * 365;
    const departsAtOf: number[] = [0];
    for (let d = 1; d <= size.departures; d++) {
      const daysAhead = Math.floor((d / size.departures) * span) - 5 * 365;
      const departsAt = now + daysAhead * DAY + 7 * 3_600_000;
      departsAtOf.push(departsAt);
      const price = 5000 + Math.floor(random() * 40) * 1000;
      departure.run(`Trip ${d}`, departsAt, 200, price, Math.round(price / 3), departsAt - 90 * DAY, now);
    }

    const deal = db.prepare(
      `insert into deals (departure_id, contact_id, manager_id, seats, price_minor, deposit_due_minor, currency, status,
         documents_sent_at, documents_received_at, voucher_sent_at, notified_at, cancelled_at, created_at, updated_at,
         deposit_due_at, balance_due_at)
       values (?, ?, ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const payment = db.prepare(
      `insert into payments (deal_id, kind, amount_minor, delta_minor, method, received_at, created_at) values (?, 'payment', ?, ?, 'cash', ?, ?)`,
    );
    const perDeparture = size.deals / size.departures;
    let dealId = 0;
    for (let d = 1; d <= size.departures; d++) {
      const departsAt = departsAtOf[d]!;
      const daysAhead = (departsAt - now) / DAY;
      for (let k = 0; k < perDeparture; k++) {
        dealId++;
        const status = statusFor(daysAhead, random());
        const seats = 1 + Math.floor(random() * 3);
        const price = seats * 15000;
        const deposit = seats * 5000;
        const created = departsAt - Math.floor(10 + random() * 80) * DAY;
        const order = ['new', 'documents_sent', 'documents_received', 'deposit_paid', 'fully_paid', 'voucher_sent', 'notified'];
        const stage = order.indexOf(status);
        const at = (n: number) => (stage >= n || (status === 'cancelled' && random() < 0.5) ? created + n * DAY : null);
        deal.run(
          d,
          1 + Math.floor(random() * size.contacts),
          2 + Math.floor(random() * size.managers),
          seats,
          price,
          deposit,
          status,
          at(1),
          at(2),
          stage >= 5 ? created + 5 * DAY : null,
          stage >= 6 ? departsAt - DAY : null,
          status === 'cancelled' ? created + 4 * DAY : null,
          created,
          created,
          // The agency defaults: deposit 3 days after booking, balance 14 days before departure (never before booking).
          endOfDay(Math.min(created + 3 * DAY, Math.max(departsAt - 14 * DAY, created))),
          endOfDay(Math.max(departsAt - 14 * DAY, created)),
        );
        if (stage >= 3) payment.run(dealId, deposit, deposit, created + 3 * DAY, created);
        if (stage >= 4) payment.run(dealId, price - deposit, price - deposit, created + 4 * DAY, created);
      }
    }
  })();
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, file);
  rmSync(`${partial}-wal`, { force: true });
  rmSync(`${partial}-shm`, { force: true });
  console.log(`generated ${size.deals} deals over ${size.departures} departures in ${((Date.now() - started) / 1000).toFixed(1)} s -> ${file}`);
}
