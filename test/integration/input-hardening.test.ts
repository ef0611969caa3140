import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture, departureBody } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;
const count = async (table: string) => (await t.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(async () => {
  t = await makeTestApp();
  token = (await t.as('operator')).token;
});

describe('instants that cannot be', () => {
  it('refuses offsets beyond ±14:00 on departures and payments, and stores nothing', async () => {
    const departure = await t.call('POST', '/api/v1/departures', { token, body: departureBody({ departsAt: '2026-06-01T10:00:00+25:00' }) });
    expect(departure.status).toBe(400);
    expect(departure.body.error.details.departsAt).toMatch(/beyond ±14:00/);
    expect((await t.call('POST', '/api/v1/departures', { token, body: departureBody({ departsAt: '2027-06-01T10:00:00+14:00' }) })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/departures', { token, body: departureBody({ departsAt: '2027-06-01T10:00:00-12:00' }) })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/departures', { token, body: departureBody({ departsAt: '2027-06-01T10:00:00+03:75' }) })).status).toBe(400);

    const deal = await createDeal(t, token);
    const payments = await count('payments');
    const payment = await t.call('POST', `/api/v1/deals/${deal.id}/payments`, {
      token,
      body: { amountMinor: 100, method: 'cash', receivedAt: '2026-06-01T10:00:00-15:00' },
    });
    expect(payment.status).toBe(400);
    expect(payment.body.error.details.receivedAt).toMatch(/beyond ±14:00/);
    expect(await count('payments')).toBe(payments);
  });

  it('refuses years outside 2000-2100 for departures and payments', async () => {
    for (const departsAt of ['1999-12-31T23:00:00Z', '2101-01-01T10:00:00Z', '0026-10-29T06:30']) {
      const answer = await t.call('POST', '/api/v1/departures', { token, body: departureBody({ departsAt }) });
      expect(answer.status, departsAt).toBe(400);
      expect(answer.body.error.details.departsAt).toMatch(/2000 to 2100/);
    }
    const deal = await createDeal(t, token);
    const payment = await t.call('POST', `/api/v1/deals/${deal.id}/payments`, { token, body: { amountMinor: 100, method: 'cash', receivedAt: '1970-01-01T00:00:00Z' } });
    expect(payment.status).toBe(400);
    expect(payment.body.error.details.receivedAt).toMatch(/2000 to 2100/);
  });

  it('refuses a local time the zone skips at the spring change, saying why', async () => {
    const before = await count('departures');
    const gap = await t.call('POST', '/api/v1/departures', { token, body: departureBody({ departsAt: '2026-03-29T03:30' }) });
    expect(gap.status).toBe(400);
    expect(gap.body.error.details.departsAt).toMatch(/does not exist in Europe\/Sofia/);
    const elsewhere = await t.call('POST', '/api/v1/departures', {
      token,
      body: departureBody({ departsAt: '2026-03-08T02:30', timeZone: 'America/New_York' }),
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details.departsAt).toMatch(/America\/New_York/);
    expect(await count('departures')).toBe(before);
    // Either side of the gap, and the doubled autumn hour, are real times.
    expect((await t.call('POST', '/api/v1/departures', { token, body: departureBody({ departsAt: '2027-03-28T02:59' }) })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/departures', { token, body: departureBody({ departsAt: '2027-03-28T04:00' }) })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/departures', { token, body: departureBody({ departsAt: '2027-10-31T03:30' }) })).status).toBe(201);
    const departure = await createDeparture(t, token);
    const moved = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token, body: { departsAt: '2027-03-28T03:15' } });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details.departsAt).toMatch(/does not exist/);
  });
});

describe('characters that are not text', () => {
  const cases: [string, string][] = [
    ['NUL', 'Иван\u0000Петров'],
    ['a lone surrogate', 'Иван \ud83d Петров'],
    ['a right-to-left override', 'Ivan \u202Evorteп'],
    ['a bidi isolate', 'Ivan \u2066x\u2069'],
    ['an escape', 'Ivan \u001b[31m'],
    ['a C1 control', 'Ivan \u0085'],
  ];
  for (const [what, value] of cases) {
    it(`refuses ${what} in names with a 400 naming the field, and stores nothing`, async () => {
      const contacts = await count('contacts');
      const contact = await t.call('POST', '/api/v1/contacts', { token, body: { name: value, phone: '+359881234567' } });
      expect(contact.status).toBe(400);
      expect(Object.keys(contact.body.error.details)).toEqual(['name']);
      expect(await count('contacts')).toBe(contacts);

      const departure = await t.call('POST', '/api/v1/departures', { token, body: departureBody({ title: value }) });
      expect(departure.status).toBe(400);
      expect(departure.body.error.details).toHaveProperty('title');

      const existing = await createContact(t, token);
      const trip = await createDeparture(t, token);
      const deal = await t.call('POST', '/api/v1/deals', {
        token,
        body: { departureId: trip.id, contactId: existing.id, seats: 1, travellers: [{ name: value }] },
      });
      expect(deal.status).toBe(400);
      expect(deal.body.error.details).toHaveProperty('travellers.0.name');
    });
  }

  it('keeps line breaks in notes and messages, refuses them in a name', async () => {
    const noted = await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Мария', phone: '+359881234500', notes: 'first line\nsecond line\ttabbed' } });
    expect(noted.status).toBe(201);
    expect(noted.body.notes).toBe('first line\nsecond line\ttabbed');
    const named = await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Мария\nИванова', phone: '+359881234501' } });
    expect(named.status).toBe(400);
    expect(named.body.error.details.name).toMatch(/line breaks/);
    const inquiry = await t.call('POST', '/api/v1/public/inquiries', { body: { name: 'Visitor', email: 'v@example.com', message: 'Hello\nwe are two\u0000' } });
    expect(inquiry.status).toBe(400);
    expect(inquiry.body.error.details.message).toMatch(/U\+0000/);
    expect(await count('inquiries')).toBe(0);
    // Emoji and other scripts are text.
    expect((await t.call('POST', '/api/v1/contacts', { token, body: { name: '👨‍👩‍👧 שרה Ωμέγα', phone: '+359881234502' } })).status).toBe(201);
  });
});
