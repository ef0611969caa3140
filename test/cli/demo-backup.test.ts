import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { DEAL_STATUSES } from '../../src/db/schema/deals.js';
import { seedDemo } from '../../src/demo/seed.js';
import { dealView } from '../../src/domain/deals/index.js';
import { deriveDealStatus } from '../../src/domain/deals/status.js';
import { jsonClient } from '../helpers/http-client.js';
import { runCli } from '../helpers/run-cli.js';
import { startServer } from '../helpers/server-process.js';
import { AGENCY, START, TEST_PASSWORD_COST } from '../helpers/test-app.js';

const dir = mkdtempSync(join(tmpdir(), 'tourdesk-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dump = (file: string) => {
  const db = new Database(file, { readonly: true });
  const tables = ['users', 'departures', 'contacts', 'deals', 'payments', 'deal_history'];
  const rows = JSON.stringify(tables.map((t) => db.prepare(`select * from ${t} order by rowid`).all()));
  db.close();
  return rows;
};

describe('demo agency', () => {
  it('has bookings in every status, a refund due, and stored statuses that agree with the facts', async () => {
    const database = openDb(':memory:');
    migrate(database.sqlite);
    const ctx = { db: database.db, sqlite: database.sqlite, now: START, actor: null, agency: AGENCY };
    const summary = await seedDemo(ctx, { cost: TEST_PASSWORD_COST });
    for (const status of DEAL_STATUSES) expect(summary.byStatus[status] ?? 0, status).toBeGreaterThan(0);
    const ids = database.sqlite.prepare('select id from deals').all() as { id: number }[];
    const views = ids.map(({ id }) => dealView(ctx, id));
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
    const titles = database.sqlite.prepare('select title from departures').all() as { title: string }[];
    expect(titles.map((t) => t.title)).toContain('Охрид 29.10');
  });

  // Forty demo agencies in one database: slow on a busy machine, and a test never fails on time.
  it('adds demo sets with any seed without overbooking a bus', { timeout: 180_000 }, async () => {
    const database = openDb(':memory:');
    migrate(database.sqlite);
    for (let seed = 0; seed < 40; seed++) {
      await seedDemo({ db: database.db, sqlite: database.sqlite, now: START, actor: null, agency: AGENCY }, { seed, cost: TEST_PASSWORD_COST });
    }
    const overbooked = database.sqlite
      .prepare(`select count(*) as n from departures dep where dep.seats < (select coalesce(sum(seats), 0) from deals d where d.departure_id = dep.id and d.status <> 'cancelled')`)
      .get();
    expect(overbooked).toEqual({ n: 0 });
  });

  it('npm run demo fills an empty database, and on a second run says so and changes nothing', async () => {
    const file = join(dir, 'demo.sqlite');
    const first = await runCli('src/cli/demo.ts', [], { DATABASE_PATH: file });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/departures, \d+ clients, \d+ bookings/);
    expect(first.stdout).toMatch(/admin@localhost \/ \S+/);
    const before = dump(file);
    const second = await runCli('src/cli/demo.ts', [], { DATABASE_PATH: file });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already has data; nothing was changed');
    expect(dump(file)).toBe(before);
    const more = await runCli('src/cli/demo.ts', ['--add'], { DATABASE_PATH: file });
    expect(more.code, more.stderr).toBe(0);
    expect(dump(file).length).toBeGreaterThan(before.length);
  }, 90_000);
});

describe('backup', () => {
  it('copies a database consistently while a server keeps booking on it', async () => {
    const file = join(dir, 'live.sqlite');
    const demo = await runCli('src/cli/demo.ts', [], { DATABASE_PATH: file, ADMIN_EMAIL: 'boss@agency.test', ADMIN_PASSWORD: 'boss-password-1' });
    expect(demo.code, demo.stderr).toBe(0);
    const server = await startServer({ DATABASE_PATH: file });
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
        const orphans = db.prepare('select count(*) as n from deals d where not exists (select 1 from deal_history h where h.deal_id = d.id)').get();
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
