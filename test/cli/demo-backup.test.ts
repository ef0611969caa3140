import { mapInOrder } from '../../src/domain/in-order.js';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { DEAL_STATUSES } from '../../src/db/schema/deals.js';
import { seedDemo } from '../../src/demo/seed.js';
import { ensureFirstDirector } from '../../src/domain/users/bootstrap.js';
import { dealView } from '../../src/domain/deals/index.js';
import { ensureDefaultPlan } from '../../src/domain/tasks/index.js';
import { deriveDealStatus } from '../../src/domain/deals/status.js';
import { jsonClient } from '../helpers/http-client.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { runCli } from '../helpers/run-cli.js';
import { startServerAt } from '../helpers/server-process.js';
import { AGENCY, DIRECTOR, makeTestApp, START, TEST_PASSWORD_COST } from '../helpers/test-app.js';

const dir = mkdtempSync(join(tmpdir(), 'tourdesk-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dump = async (file: string) => {
  const db = new Database(file, { readonly: true });
  const tables = ['users', 'departures', 'contacts', 'deals', 'payments', 'deal_history'];
  const rows = JSON.stringify(await mapInOrder(tables, async (t) => await db.prepare(`select * from ${t} order by rowid`).all()));
  db.close();
  return rows;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An instant written as the agency's wall clock shows it (the way --now reads it). */
const sofia = (local: string) => DateTime.fromISO(local, { zone: AGENCY.timeZone }).toMillis();
const memoryDb = () => {
  const database = openDb(':memory:');
  migrate(database.sqlite);
  return database;
};

describe('demo agency', () => {
  it('has bookings in every status, a refund due, and stored statuses that agree with the facts', async () => {
    const database = openDb(':memory:');
    migrate(database.sqlite);
    const ctx = { db: database.db, sqlite: database.sqlite, now: START, actor: null, agency: AGENCY };
    const summary = await seedDemo(ctx, { cost: TEST_PASSWORD_COST });
    for (const status of DEAL_STATUSES) expect(summary.byStatus[status] ?? 0, status).toBeGreaterThan(0);
    const ids = await database.sqlite.prepare('select id from deals').all() as { id: number }[];
    const views = await mapInOrder(ids, async ({ id }) => await dealView(ctx, id));
    for (const view of views) {
      expect(view.status).toBe(
        deriveDealStatus({
          ...view,
          documentsSentAt: view.documentsSentAt ? 1 : null,
          documentsReceivedAt: view.documentsReceivedAt ? 1 : null,
          voucherSentAt: view.voucherSentAt ? 1 : null,
          notifiedAt: view.notifiedAt ? 1 : null,
          cancelledAt: view.cancelledAt ? 1 : null,
        }),
      );
    }
    expect(views.some((v) => v.status === 'cancelled' && v.refundDueMinor > 0)).toBe(true);
    expect(views.some((v) => v.status === 'cancelled' && v.refundDueMinor === 0 && v.payments.some((p) => p.kind === 'refund'))).toBe(true);
    const titles = await database.sqlite.prepare('select title from departures').all() as { title: string }[];
    expect(titles.map((t) => t.title)).toContain('Охрид 29.10');
  });

  it("has this morning's bank statement imported: three transfers recorded by their reference, two waiting, every receipt numbered without a gap", async () => {
    const database = memoryDb();
    const ctx = { db: database.db, sqlite: database.sqlite, now: START, actor: null, agency: AGENCY };
    await ensureFirstDirector(ctx, DIRECTOR, TEST_PASSWORD_COST);
    await seedDemo(ctx, { cost: TEST_PASSWORD_COST });
    const bank = await database.sqlite.prepare(`SELECT count(*) AS n FROM payments WHERE method = 'bank'`).get() as { n: number };
    expect(bank.n).toBe(3);
    const waiting = await database.sqlite.prepare('SELECT count(*) AS n FROM bank_entries WHERE payment_id IS NULL').get() as { n: number };
    expect(waiting.n).toBe(2);
    const numbers = (await database.sqlite.prepare('SELECT receipt_number AS n FROM payments ORDER BY receipt_number').all() as { n: string }[]).map((r) => r.n);
    // The demo writes money over past months of two years at most: each year's numbers run 1..N.
    const byYear = new Map<string, number[]>();
    for (const n of numbers) byYear.set(n.slice(0, 4), [...(byYear.get(n.slice(0, 4)) ?? []), Number(n.slice(5))]);
    for (const [, run] of byYear) expect(run).toEqual(run.map((_, i) => i + 1));
  });

  // Between midnight and 07:00 the 07:00 of the next calendar day is more than 24 hours away:
  // nobody would be due a reminder. The night the clocks go back has a 25-hour day.
  it.each([
    ['just after midnight', '2026-12-05T00:30'],
    ['just before the bus', '2026-12-05T06:59'],
    ['at seven', '2026-12-05T07:00'],
    ['late in the evening', '2026-12-05T23:30'],
    ['a summer night', '2027-07-05T00:30'],
    ['the morning before the clocks go back', '2027-10-30T07:30'],
  ])("written %s (%s in Sofia), tomorrow's bus leaves within the next 24 hours, its reminders due", async (_when, local) => {
    const database = memoryDb();
    const now = sofia(local);
    const summary = await seedDemo({ db: database.db, sqlite: database.sqlite, now, actor: null, agency: AGENCY }, { cost: TEST_PASSWORD_COST });
    const bus = await database.sqlite.prepare(`SELECT id, departs_at AS departsAt FROM departures WHERE title = 'Рилски манастир'`).get() as { id: number; departsAt: number };
    expect(bus.departsAt).toBeGreaterThan(now);
    expect(bus.departsAt - now).toBeLessThanOrEqual(DAY);
    // On the operator's buses of today and tomorrow.
    const day = (at: number) => DateTime.fromMillis(at, { zone: AGENCY.timeZone }).startOf('day');
    expect(day(bus.departsAt).diff(day(now), 'days').days).toBeLessThanOrEqual(1);
    expect(summary.firstBus).toMatchObject({ id: bus.id, departsAt: bus.departsAt });
  });

  it('is written whole or not at all: a step refused late leaves the database as it was', async () => {
    const database = memoryDb();
    const count = async (table: string) => (await database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    // The client import comes after the trips, bookings and inquiries: refuse it.
    database.sqlite.exec(`CREATE TRIGGER refuse_imports BEFORE INSERT ON imports BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`);
    const ctx = { db: database.db, sqlite: database.sqlite, now: START, actor: null, agency: AGENCY };
    await expect(seedDemo(ctx, { cost: TEST_PASSWORD_COST })).rejects.toThrow(/the disk is full/);
    expect(database.sqlite.inTransaction).toBe(false);
    for (const table of ['users', 'departures', 'contacts', 'deals', 'payments', 'tasks', 'inquiries', 'notifications']) expect(await count(table), table).toBe(0);
  });

  // Forty demo agencies in one database: slow on a busy machine, and a test never fails on time.
  it('adds demo sets with any seed without overbooking a bus', { timeout: 180_000 }, async () => {
    const database = openDb(':memory:');
    migrate(database.sqlite);
    for (let seed = 0; seed < 40; seed++) {
      await seedDemo({ db: database.db, sqlite: database.sqlite, now: START, actor: null, agency: AGENCY }, { seed, cost: TEST_PASSWORD_COST });
    }
    const overbooked = await database.sqlite
      .prepare(`select count(*) as n from departures dep where dep.seats < (select coalesce(sum(seats), 0) from deals d where d.departure_id = dep.id and d.status <> 'cancelled')`)
      .get();
    expect(overbooked).toEqual({ n: 0 });
  });

  it('npm run demo fills an empty database, and on a second run says so and changes nothing', async () => {
    const file = join(dir, 'demo.sqlite');
    const first = await runCli('src/cli/demo.ts', ['--now', '2026-12-05T00:30'], { DATABASE_PATH: file });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/departures, \d+ clients, \d+ bookings/);
    expect(first.stdout).toContain('reminders due for "Рилски манастир" (departure 1), leaving 2026-12-05T07:00 (Europe/Sofia)');
    expect(first.stdout).toMatch(/admin@localhost \/ \S+/);
    const before = await dump(file);
    const second = await runCli('src/cli/demo.ts', ['--now', '2026-12-05T00:35'], { DATABASE_PATH: file });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already has data; nothing was changed');
    expect(await dump(file)).toBe(before);
    for (const wrong of [['--now', 'tomorrow'], ['--now', '2027-03-28T03:30'], ['--again']]) {
      const refused = await runCli('src/cli/demo.ts', ['--add', ...wrong], { DATABASE_PATH: file });
      expect(refused.code, wrong.join(' ')).toBe(2);
      expect(refused.stderr).toContain('usage: npm run demo');
    }
    expect(await dump(file)).toBe(before);
    const more = await runCli('src/cli/demo.ts', ['--add', '--now', '2026-12-05T00:40'], { DATABASE_PATH: file });
    expect(more.code, more.stderr).toBe(0);
    expect((await dump(file)).length).toBeGreaterThan(before.length);
  }, 120_000);

  it("npm run demo -- --add on an agency with its own trips and clients adds a demo set, twice, and leaves the agency's own as they were", async () => {
    const file = join(dir, 'own.sqlite');
    const now = sofia('2026-12-05T00:30');
    // The agency's own life, as its director made it: a trip that came back a week ago with a
    // client on it, and one in ten days. Nobody else is on staff, so every stage of their plans
    // is the director's, and the early ones are past their day.
    const database = openDb(file);
    const t = await makeTestApp({ database, now: now - 20 * DAY });
    // As the server does on its first start: the agency's plan, in its language.
    await ensureDefaultPlan(t.ctx(), 'en');
    let token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    const past = await createDeparture(t, token, { title: 'Our Veliko Tarnovo', departsAt: new Date(now - 7 * DAY).toISOString(), returnsAt: new Date(now - 7 * DAY + 12 * HOUR).toISOString() });
    const traveller = await createContact(t, token);
    await createDeal(t, token, { departureId: past.id, contactId: traveller.id, seats: 2 });
    t.setNow(now - 2 * DAY);
    token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    const coming = await createDeparture(t, token, { title: 'Our Bansko', departsAt: new Date(now + 10 * DAY).toISOString(), seats: 20 });
    await createDeal(t, token, { departureId: coming.id, seats: 2 });
    // Two clients already have the numbers the demo's first new client would be given (its
    // serials start after the clients on file: 1000 + 4 here), in Sofia or in Moscow.
    await createContact(t, token, { phone: `+35988${1000000 + 1004 * 7}` });
    await createContact(t, token, { phone: `+7916${1000000 + 1004}` });
    database.sqlite.close();

    const own = [past.id, coming.id].join(',');
    const ownRows = async () => {
      const db = new Database(file, { readonly: true });
      const rows = JSON.stringify({
        deals: await db.prepare(`SELECT * FROM deals WHERE departure_id IN (${own}) ORDER BY id`).all(),
        travellers: await db.prepare(`SELECT * FROM travellers WHERE deal_id IN (SELECT id FROM deals WHERE departure_id IN (${own})) ORDER BY id`).all(),
        seats: await db.prepare(`SELECT * FROM seat_assignments WHERE departure_id IN (${own}) ORDER BY id`).all(),
        tasks: await db.prepare(`SELECT * FROM tasks WHERE departure_id IN (${own}) ORDER BY id`).all(),
        feedback: await db.prepare(`SELECT * FROM feedback WHERE deal_id IN (SELECT id FROM deals WHERE departure_id IN (${own})) ORDER BY id`).all(),
      });
      db.close();
      return rows;
    };
    const before = await ownRows();
    const departures = async () => {
      const db = new Database(file, { readonly: true });
      const n = (await db.prepare('SELECT count(*) AS n FROM departures').get() as { n: number }).n;
      db.close();
      return n;
    };

    for (const [run, at] of [[1, '2026-12-05T00:30'], [2, '2026-12-05T00:45']] as const) {
      const added = await runCli('src/cli/demo.ts', ['--add', '--now', at], { DATABASE_PATH: file });
      expect(added.code, `--add #${run}: ${added.stderr}`).toBe(0);
      expect(added.stdout).toMatch(/7 departures, \d+ clients, \d+ bookings/);
      expect(await departures()).toBe(2 + 7 * run);
      expect(await ownRows()).toBe(before);
    }
    const db = new Database(file, { readonly: true });
    // The demo's stages past their day are done, by the people they are assigned to.
    const stages = await db.prepare(`SELECT count(*) AS n FROM tasks WHERE departure_id NOT IN (${own}) AND status = 'done' AND done_by = assignee_id`).get() as { n: number };
    const answered = await db.prepare('SELECT count(*) AS n FROM feedback').get() as { n: number };
    db.close();
    expect(stages.n).toBeGreaterThan(0);
    expect(answered.n).toBe(6);
  }, 180_000);
});

describe('backup', () => {
  it('copies a database consistently while a server keeps booking on it', async () => {
    const file = join(dir, 'live.sqlite');
    const demo = await runCli('src/cli/demo.ts', ['--now', new Date(START).toISOString()], { DATABASE_PATH: file, ADMIN_EMAIL: 'boss@agency.test', ADMIN_PASSWORD: 'boss-password-1' });
    expect(demo.code, demo.stderr).toBe(0);
    const server = await startServerAt(START, { DATABASE_PATH: file });
    try {
      const { post } = jsonClient(server.url);
      const { token } = (await post('/api/v1/session', { email: 'boss@agency.test', password: 'boss-password-1' })).body;
      const departure = (await post('/api/v1/departures', { title: 'Backup run', departsAt: '2030-01-01T08:00', meetingPoint: 'NDK', seats: 1000, priceMinor: 100, depositMinor: 0 }, token)).body;
      const contact = (await post('/api/v1/contacts', { name: 'Writer', email: 'writer@example.com' }, token)).body;
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await post('/api/v1/deals', { departureId: departure.id, contactId: contact.id, seats: 1 }, token);
          written++;
        }
      })();
      await new Promise((r) => setTimeout(r, 200));
      const copies = [join(dir, 'copy-1.sqlite'), join(dir, 'nested', 'copy-2.sqlite')];
      for (const copy of copies) {
        const result = await runCli('src/cli/backup.ts', [copy], { DATABASE_PATH: file });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain('integrity ok');
      }
      writing = false;
      await writer;
      expect(written).toBeGreaterThan(0);
      for (const copy of copies) {
        const db = new Database(copy, { readonly: true });
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        // every booking in the copy is whole: its history row came with it
        const orphans = await db.prepare('select count(*) as n from deals d where not exists (select 1 from deal_history h where h.deal_id = d.id)').get();
        expect(orphans).toEqual({ n: 0 });
        db.close();
      }
      const again = await runCli('src/cli/backup.ts', [copies[0]!], { DATABASE_PATH: file });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already exists');
    } finally {
      await server.stop();
    }
  }, 120_000);
});
