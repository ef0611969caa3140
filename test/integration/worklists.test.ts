import { beforeEach, describe, expect, it } from 'vitest';
import { DEAL_LISTS, worklistSql } from '../../src/domain/worklists/index.js';
import { INQUIRY_LIST_NAMES, inquiryListSql } from '../../src/domain/worklists/index.js';
import { dealRowOf } from '../../src/domain/worklists/deal-lists.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { TEST_ENGINE } from '../helpers/engine.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
let maria: { token: string; id: number };
let ivan: { token: string; id: number };

const HOUR = 3_600_000;

/** A roster with a deal in every state on one upcoming trip, plus a trip that has left. */
async function agency() {
  const trip = await createDeparture(t, director, { departsAt: '2026-12-10T07:00', seats: 49 });
  const soon = await createDeparture(t, director, { title: 'Рилски манастир', departsAt: '2026-11-22T20:00', seats: 30, priceMinor: 4500, depositMinor: 1500 });
  const gone = await createDeparture(t, director, { title: 'Past trip', departsAt: '2026-11-22T10:00', seats: 10 });
  const deal = (overrides: Record<string, unknown> = {}) => createDeal(t, director, { departureId: trip.id, managerId: maria.id, ...overrides });
  const post = (id: number, path: string, body: unknown) => t.call('POST', `/api/v1/deals/${id}/${path}`, { token: director, body });

  const fresh = await deal();
  const docsSent = await deal();
  await post(docsSent.id, 'documents', { state: 'sent' });
  const docsBack = await deal({ managerId: ivan.id });
  await post(docsBack.id, 'documents', { state: 'received' });
  const deposit = await deal();
  await post(deposit.id, 'documents', { state: 'received' });
  await pay(t, director, deposit.id, 5000);
  const paid = await deal();
  await post(paid.id, 'documents', { state: 'received' });
  await pay(t, director, paid.id, 15000);
  const cancelled = await deal();
  await post(cancelled.id, 'cancel', { reason: 'changed mind' });
  const tomorrow = await createDeal(t, director, { departureId: soon.id, managerId: ivan.id });
  const departed = await createDeal(t, director, { departureId: gone.id, managerId: maria.id });
  t.advance(2 * HOUR); // 11:00 local: the past trip left at 10:00
  return { trip, soon, gone, fresh, docsSent, docsBack, deposit, paid, cancelled, tomorrow, departed };
}

beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
  maria = await t.as('manager');
  ivan = await t.as('manager');
});

const ids = async (name: string, query = '', token = director) => {
  const answer = await t.call('GET', `/api/v1/worklists/${name}${query}`, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.items.map((item: any) => item.id);
};

describe('worklists', () => {
  it('puts each deal on the lists its facts call for, never a cancelled deal or a trip that has left', async () => {
    const a = await agency();
    director = (await t.as('director')).token;
    expect((await ids('new')).sort()).toEqual([a.tomorrow.id, a.fresh.id].sort());
    expect((await ids('documents-missing')).sort()).toEqual([a.tomorrow.id, a.fresh.id, a.docsSent.id].sort());
    expect((await ids('deposit-missing')).sort()).toEqual([a.tomorrow.id, a.fresh.id, a.docsSent.id, a.docsBack.id].sort());
    expect(await ids('balance-due')).toEqual([a.deposit.id]);
    expect(await ids('voucher-due')).toEqual([a.paid.id]);
    expect(await ids('notify-due')).toEqual([a.tomorrow.id]);
    for (const name of DEAL_LISTS) {
      const listed = await ids(name);
      expect(listed, name).not.toContain(a.cancelled.id);
      expect(listed, name).not.toContain(a.departed.id);
    }
  });

  it('orders by departure and filters by departure and manager', async () => {
    const a = await agency();
    director = (await t.as('director')).token;
    expect(await ids('deposit-missing')).toEqual([a.tomorrow.id, a.fresh.id, a.docsSent.id, a.docsBack.id]);
    expect(await ids('deposit-missing', `?departureId=${a.trip.id}`)).toEqual([a.fresh.id, a.docsSent.id, a.docsBack.id]);
    expect(await ids('deposit-missing', `?managerId=${ivan.id}`)).toEqual([a.tomorrow.id, a.docsBack.id]);
    expect(await ids('deposit-missing', `?managerId=${ivan.id}&departureId=${a.trip.id}`)).toEqual([a.docsBack.id]);
  });

  it('says why and by when, with money in the reader language', async () => {
    const a = await agency();
    director = (await t.as('director')).token;
    const [item] = (await t.call('GET', `/api/v1/worklists/balance-due`, { token: director })).body.items;
    expect(item).toMatchObject({
      kind: 'deal',
      id: a.deposit.id,
      reason: 'Balance €100.00 to collect · due by 26 Nov 2026',
      // The end of the fourteenth day before departure, in the trip's zone.
      dueAt: '2026-11-26T21:59:59.999Z',
      overdueDays: 0,
      amountMinor: 10000,
      departureId: a.trip.id,
    });
    expect(item.priority).toBeGreaterThan(0);
    expect(item.title).toContain('Охрид 29.10');
    const ru = (await t.call('GET', '/api/v1/worklists/balance-due', { token: director, headers: { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.5' } })).body.items[0];
    expect(ru.reason).toMatch(/^Остаток к оплате: 100,00\s€ · срок до 26 нояб/);
    const bg = (await t.call('GET', '/api/v1/worklists/deposit-missing', { token: director, headers: { 'Accept-Language': 'bg' } })).body.items[0];
    expect(bg.reason).toContain('Капаро');
  });

  it('pages in a stable order without repeats', async () => {
    const trip = await createDeparture(t, director, { departsAt: '2026-12-10T07:00' });
    const other = await createDeparture(t, director, { departsAt: '2026-12-01T07:00' });
    const made: number[] = [];
    for (let i = 0; i < 7; i++) made.push((await createDeal(t, director, { departureId: i % 2 ? trip.id : other.id })).id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const answer: any = await t.call('GET', `/api/v1/worklists/new?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: director });
      seen.push(...answer.body.items.map((i: any) => i.id));
      cursor = answer.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual([...made.filter((_, i) => i % 2 === 0), ...made.filter((_, i) => i % 2 === 1)]);
  });

  it('lists planned contacts once their time has come, and answers inquiry lists empty', async () => {
    const contact = await createContact(t, director, { managerId: maria.id });
    await t.call('POST', `/api/v1/contacts/${contact.id}/communications`, {
      token: director,
      body: { channel: 'call', summary: 'Call back about Istanbul', nextContactAt: '2026-11-22T12:00' },
    });
    expect(await ids('contacts-due')).toEqual([]);
    t.advance(4 * HOUR);
    director = (await t.as('director')).token;
    const [item] = (await t.call('GET', '/api/v1/worklists/contacts-due', { token: director })).body.items;
    expect(item).toMatchObject({ kind: 'contact', id: contact.id, reason: 'Planned contact: Call back about Istanbul' });
    expect(await ids('contacts-due', `?managerId=${ivan.id}`)).toEqual([]);
    expect(await ids('first-offer-overdue')).toEqual([]);
    expect(await ids('offer-expiring')).toEqual([]);
  });

  it('answers an unknown list with 404 and bad filters with 400', async () => {
    expect((await t.call('GET', '/api/v1/worklists/everything', { token: director })).status).toBe(404);
    const bad = await t.call('GET', '/api/v1/worklists/new?managerId=abc', { token: director });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toHaveProperty('managerId');
    expect((await t.call('GET', '/api/v1/worklists/new')).status).toBe(401);
  });
});

describe('my-day', () => {
  it("merges a manager's lists: each client once with all its reasons, most urgent first", async () => {
    const a = await agency();
    maria = { ...maria, token: await t.signIn('manager2@agency.test', 'password-123') };
    const items = (await t.call('GET', '/api/v1/worklists/my-day', { token: maria.token })).body.items;
    const contacts = items.map((i: any) => i.contactId);
    expect(new Set(contacts).size).toBe(contacts.length);
    const freshItem = items.find((i: any) => i.contactId === a.fresh.contactId);
    expect(freshItem.reasons.map((r: any) => r.list).sort()).toEqual(['deposit-missing', 'documents-missing', 'new']);
    expect(freshItem.reason.split('; ')).toHaveLength(3);
    expect(items.every((i: any) => i.managerId === maria.id)).toBe(true);
    const priorities = items.map((i: any) => i.priority);
    expect(priorities).toEqual([...priorities].sort((x, y) => y - x));
  });

  it('lets a director open any manager day, and refuses that to a manager', async () => {
    const a = await agency();
    director = (await t.as('director')).token;
    const forIvan = (await t.call('GET', `/api/v1/worklists/my-day?managerId=${ivan.id}`, { token: director })).body.items;
    expect(forIvan.map((i: any) => i.id).sort()).toEqual([a.tomorrow.id, a.docsBack.id].sort());
    const everyone = (await t.call('GET', '/api/v1/worklists/my-day', { token: director })).body.items;
    expect(everyone.length).toBeGreaterThan(forIvan.length);
    const ivanToken = await t.signIn('manager3@agency.test', 'password-123');
    expect((await t.call('GET', `/api/v1/worklists/my-day?managerId=${maria.id}`, { token: ivanToken })).status).toBe(403);
    expect(urgentFirst(forIvan)).toBe(true);
  });
});

const urgentFirst = (items: { priority: number }[]) => items.every((item, i) => i === 0 || items[i - 1]!.priority >= item.priority);

// SQLite's plans and statement columns; PostgreSQL's plans are checked at 100k deals in
// test/postgres/worklist-plans.test.ts.
const sqliteOnly = TEST_ENGINE !== 'sqlite';
if (sqliteOnly) console.log('worklists: the SQLite query-plan and column checks are skipped on PostgreSQL (its twin: test/postgres/worklist-plans.test.ts)');

describe.skipIf(sqliteOnly)('query plans', () => {
  it('serves every list and filter combination from index searches, never a table scan', async () => {
    const sqlite = t.database.sqlite;
    const values = { now: 1, limit: 10, departureId: 1, managerId: 1, afterAt: 1, afterId: 1 };
    for (const name of [...DEAL_LISTS, 'contacts-due'] as const) {
      for (const departure of [false, true]) {
        for (const manager of [false, true]) {
          for (const after of [false, true]) {
            const sql = worklistSql(name, { departure, manager, after });
            const used = Object.fromEntries(Object.entries(values).filter(([key]) => sql.includes(`:${key}`)));
            const plan = (await sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as { detail: string }[]).map((row) => row.detail);
            const label = `${name} departure=${departure} manager=${manager}`;
            expect(plan.filter((line) => /^SCAN /.test(line)), label).toEqual([]);
            expect(plan.some((line) => /^SEARCH (dep|c) USING (INDEX|INTEGER PRIMARY KEY)/.test(line)), label).toBe(true);
          }
        }
      }
    }
    // Open tasks: by deadline from the partial index, or the assignee's own.
    for (const departure of [false, true]) {
      for (const manager of [false, true]) {
        for (const after of [false, true]) {
          const sql = worklistSql('tasks-due', { departure, manager, after });
          const used = Object.fromEntries(Object.entries({ ...values, horizon: 1 }).filter(([key]) => sql.includes(`:${key}`)));
          const plan = (await sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as { detail: string }[]).map((row) => row.detail);
          const label = `tasks-due departure=${departure} manager=${manager}: ${plan.join(' / ')}`;
          expect(plan.filter((line) => /^SCAN /.test(line)), label).toEqual([]);
          expect(plan.some((line) => /^SEARCH t USING INDEX tasks_/.test(line)), label).toBe(true);
        }
      }
    }
    for (const name of INQUIRY_LIST_NAMES) {
      for (const manager of [false, true]) {
        for (const after of [false, true]) {
          const sql = inquiryListSql(name, { departure: false, manager, after });
          const used = Object.fromEntries(Object.entries(values).filter(([key]) => sql.includes(`:${key}`)));
          const plan = (await sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as { detail: string }[]).map((row) => row.detail);
          expect(plan.filter((line) => /^SCAN i\b/.test(line)), `${name} manager=${manager}: ${plan.join(' / ')}`).toEqual([]);
        }
      }
    }
  });
});

describe.skipIf(sqliteOnly)('deal list rows', () => {
  it('reads every column of every deal list by its position in the SELECT', () => {
    for (const name of DEAL_LISTS) {
      const columns = t.database.sqlite.prepare(worklistSql(name, { departure: true, manager: true, after: true })).columns().map((c) => c.name);
      // Each field gets the position it was read from: it must be the column of its name.
      const row = dealRowOf(columns.map((_, i) => i)) as unknown as Record<string, number>;
      expect(Object.keys(row).map((key) => columns[row[key]!]), name).toEqual(Object.keys(row));
      expect(Object.keys(row)).toHaveLength(columns.length);
    }
  });
});
