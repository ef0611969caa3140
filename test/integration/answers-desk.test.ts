/**
 * The answer schemas of the desk's areas (session, users, departures, worklists, reports,
 * money) held to what the routes really send: each operation called on a test app with data
 * that fills the optional and nullable parts, each answer parsed and checked for fields the
 * schema does not declare.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAnswer } from '../helpers/answers.js';
import { camt053 } from '../helpers/bank-files.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
let directorId: number;
let operator: string;

beforeAll(async () => {
  t = await makeTestApp();
  ({ token: director, id: directorId } = await t.as('director'));
  operator = (await t.as('operator')).token;
});

async function ok(method: string, path: string, token: string | null, body?: unknown, status = 200) {
  const answer = await t.call(method, path, { token, ...(body === undefined ? {} : { body }) });
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)?.slice(0, 300)}`).toBe(status);
  return answer.body;
}

/** A departure that uses every optional part: two buses, stops, categories, extras, costs, a policy, a return. */
const fullDeparture = {
  title: 'Охрид и Струга',
  destination: 'Ohrid',
  departsAt: '2027-06-12T06:30:00+03:00',
  returnsAt: '2027-06-14T21:00:00+03:00',
  meetingPoint: 'Sofia, NDK',
  vehicles: [
    { label: '1', seats: 10 },
    { label: '2', seats: 6, seatLayout: { seatsPerRow: 3, aisleAfter: 1, lastRowSeats: 4 } },
  ],
  priceMinor: 30000,
  depositMinor: 10000,
  prices: [
    { category: 'adult', priceMinor: 30000, depositMinor: 10000 },
    { category: 'child', label: 'Child under 12', priceMinor: 20000, depositMinor: 5000 },
  ],
  extras: [
    { code: 'lunch', label: 'Lunch', priceMinor: 1500, per: 'traveller' },
    { code: 'single', label: 'Single room', priceMinor: 4000, per: 'booking' },
  ],
  stops: [
    { name: 'Sofia, NDK', offsetMinutes: 0 },
    { name: 'Pernik', address: 'Bus station', offsetMinutes: 30 },
  ],
  cancellationFees: [{ daysBefore: 7, percent: 50 }],
  costs: [{ label: 'Bus', amountMinor: 120000 }],
  depositDueDays: 2,
  public: true,
  description: 'Two days by the lake',
};

describe('session and users', () => {
  it('answers sign-in, the session, a new calendar address and this document as their schemas say', async () => {
    const signIn = await ok('POST', '/api/v1/session', null, { email: 'director@agency.test', password: 'director-secret-1' });
    expectAnswer('post /session', signIn);
    expectAnswer('get /session', await ok('GET', '/api/v1/session', signIn.token));
    expectAnswer('post /session/calendar-token', await ok('POST', '/api/v1/session/calendar-token', signIn.token));
    expectAnswer('get /openapi.json', await ok('GET', '/api/v1/openapi.json', null));
  });

  it('answers creating, listing, reading and changing staff as their schemas say, a locale set and cleared', async () => {
    const created = await ok('POST', '/api/v1/users', director, { email: 'anna@agency.test', name: 'Анна', role: 'manager', password: 'password-123', locale: 'ru' }, 201);
    expectAnswer('post /users', created);
    expect(created.locale).toBe('ru');
    const changed = await ok('PATCH', `/api/v1/users/${created.id}`, director, { locale: null, active: false });
    expectAnswer('patch /users/:id', changed);
    expect(changed.locale).toBeNull();
    expectAnswer('get /users/:id', await ok('GET', `/api/v1/users/${created.id}`, director));
    expectAnswer('get /users', await ok('GET', '/api/v1/users', director));
  });
});

describe('departures', () => {
  it('answers a departure with every optional part, to a director (costs) and to an operator (none)', async () => {
    const created = await ok('POST', '/api/v1/departures', director, fullDeparture, 201);
    expectAnswer('post /departures', created);
    expect(created.costs).toHaveLength(1);
    expect(created.vehicles[1].seatLayout.lastRowSeats).toBe(4);
    const seen = await ok('GET', `/api/v1/departures/${created.id}`, operator);
    expectAnswer('get /departures/:id', seen);
    expect(seen.costs).toBeUndefined();
    expectAnswer('get /departures/:id', await ok('GET', `/api/v1/departures/${created.id}`, director));

    // Nulls where a departure may have none: no destination, no return, no description, default due days.
    const bare = await createDeparture(t, operator, { destination: null });
    const changed = await ok('PATCH', `/api/v1/departures/${bare.id}`, operator, { returnsAt: null, description: null, depositDueDays: null, status: 'cancelled' });
    expectAnswer('patch /departures/:id', changed);
    expect(changed).toMatchObject({ destination: null, returnsAt: null, description: null, status: 'cancelled' });

    const copy = await ok('POST', `/api/v1/departures/${created.id}/copy`, director, { departsAt: '2027-07-12T06:30:00+03:00' }, 201);
    expectAnswer('post /departures/:id/copy', copy);

    const list = await ok('GET', '/api/v1/departures?limit=2', director);
    expectAnswer('get /departures', list);
    expect(list.nextCursor).toEqual(expect.any(String));
    expectAnswer('get /departures', await ok('GET', `/api/v1/departures?limit=2&cursor=${list.nextCursor}`, operator));
  });
});

describe('worklists', () => {
  it('answers a list with due days, tasks about no client, and my-day with its reasons', async () => {
    const departure = await createDeparture(t, director);
    await createDeal(t, director, { departureId: departure.id, seats: 2 });
    const me = (await ok('GET', '/api/v1/session', director)).id;
    await ok('POST', '/api/v1/tasks', director, { title: 'Call the hotel', dueAt: new Date(t.now + 3_600_000).toISOString(), assigneeId: me }, 201);

    const deposit = await ok('GET', '/api/v1/worklists/deposit-missing', director);
    expectAnswer('get /worklists/:name', deposit);
    expect(deposit.items[0].overdueDays).toBe(0);
    const tasks = await ok('GET', '/api/v1/worklists/tasks-due', director);
    expectAnswer('get /worklists/:name', tasks);
    expect(tasks.items[0]).toMatchObject({ kind: 'task', contactId: 0, departureId: null, departsAt: null });
    const page = await ok('GET', '/api/v1/worklists/new?limit=1', director);
    expectAnswer('get /worklists/:name', page);

    const myDay = await ok('GET', '/api/v1/worklists/my-day', director);
    expectAnswer('get /worklists/:name', myDay);
    expect(myDay.items.some((item: { reasons: unknown[] }) => item.reasons.length > 0)).toBe(true);
  });
});

describe('reports and money', () => {
  it('answers the reports, the ledger, the cash book and the bank statements as their schemas say', async () => {
    const departure = await ok('POST', '/api/v1/departures', director, { ...fullDeparture, departsAt: '2027-08-12T06:30:00+03:00', returnsAt: null }, 201);
    const contact = await createContact(t, director);
    const kept = await createDeal(t, director, { departureId: departure.id, contactId: contact.id, seats: 2, managerId: directorId, travellers: [{ name: 'Иван Петров', category: 'child', extras: ['lunch'] }] });
    const cancelled = await createDeal(t, director, { departureId: departure.id, seats: 1 });
    const payment = await pay(t, director, kept.id, 10000, { note: 'at the office' });
    await pay(t, director, cancelled.id, 5000, { method: 'card' });
    await ok('POST', `/api/v1/deals/${cancelled.id}/cancel`, director, { reason: 'changed plans', feeMinor: 1000 });
    await pay(t, director, cancelled.id, 2000, { kind: 'refund' });
    await ok('POST', `/api/v1/deals/${kept.id}/payments/${payment.id}/reverse`, director, { reason: 'typed twice' }, 201);
    await pay(t, director, kept.id, 10000);
    // An inquiry refused, for the funnel's reasons.
    const inquiry = await ok('POST', '/api/v1/inquiries', director, { name: 'Мария', phone: '+359887000111', message: 'Ohrid in June?' }, 201);
    await ok('POST', `/api/v1/inquiries/${inquiry.inquiry.id}/status`, director, { status: 'refused', reason: 'price_shopping' });

    const period = 'from=2026-01-01&to=2027-12-31';
    const departures = await ok('GET', `/api/v1/reports/departures?${period}`, director);
    expectAnswer('get /reports/departures', departures);
    expect(departures.totals.length).toBeGreaterThan(0);
    const one = await ok('GET', `/api/v1/reports/departures/${departure.id}`, director);
    expectAnswer('get /reports/departures/:id', one);
    expect(one.extras.length).toBeGreaterThan(0);
    expect(one.deals.map((d: { managerId: number | null }) => d.managerId)).toEqual([directorId, null]);
    const funnel = await ok('GET', `/api/v1/reports/funnel?${period}`, director);
    expectAnswer('get /reports/funnel', funnel);
    expect(funnel.refusalReasons).toHaveLength(1);
    const cashbook = await ok('GET', '/api/v1/reports/cashbook', director);
    expectAnswer('get /reports/cashbook', cashbook);
    expect(cashbook.days.length).toBeGreaterThan(0);
    expectAnswer('get /reports/cashbook', await ok('GET', `/api/v1/reports/cashbook?${period}`, director));

    const ledger = await ok('GET', '/api/v1/payments?limit=3', director);
    expectAnswer('get /payments', ledger);
    expect(ledger.nextCursor).toEqual(expect.any(String));
    const rest = await ok('GET', `/api/v1/payments?cursor=${ledger.nextCursor}`, director);
    expectAnswer('get /payments', rest);
    expect([...ledger.items, ...rest.items].map((row: { kind: string }) => row.kind).sort()).toEqual(['payment', 'payment', 'payment', 'refund', 'reversal']);

    // A statement with a credit naming the booking, one naming none, one in another currency.
    const file = camt053({
      credits: [
        { entryId: 'A-1', amountMinor: 5000, text: `booking ${kept.reference}`, payerName: 'IVAN PETROV', bookedOn: '2026-11-21' },
        { entryId: 'A-2', amountMinor: 7000, text: 'for the trip' },
        { entryId: 'A-3', amountMinor: 7000, currency: 'JPY', text: 'for the trip' },
      ],
      debits: 1,
    });
    const upload = async (dryRun: boolean) => {
      const form = new FormData();
      form.append('file', new Blob([file as BlobPart]), 'statement.xml');
      const response = await t.app.request(`/api/v1/imports/bank-statement?dryRun=${dryRun}`, { method: 'POST', headers: { Authorization: `Bearer ${director}` }, body: form });
      expect(response.status).toBe(200);
      return (await response.json()) as any;
    };
    const dry = await upload(true);
    expectAnswer('post /imports/bank-statement', dry);
    expect(dry.statementId).toBeNull();
    const imported = await upload(false);
    expectAnswer('post /imports/bank-statement', imported);
    expect([imported.matched.length, imported.unmatched.length, imported.refused.length]).toEqual([1, 1, 1]);
    const again = await upload(false);
    expectAnswer('post /imports/bank-statement', again);
    expect(again.alreadyImported.length).toBeGreaterThan(0);

    expectAnswer('get /imports/bank-statement', await ok('GET', '/api/v1/imports/bank-statement', director));
    const waiting = await ok('GET', '/api/v1/imports/bank-statement/entries', director);
    expectAnswer('get /imports/bank-statement/entries', waiting);
    const open = waiting.items.find((entry: { refusal: string | null }) => entry.refusal === null);
    const assigned = await ok('POST', `/api/v1/imports/bank-statement/entries/${open.id}/assign`, director, { dealId: kept.id });
    expectAnswer('post /imports/bank-statement/entries/:id/assign', assigned);
  });
});
