import { statement } from '../../src/db/statements.js';
import { mapInOrder } from '../../src/domain/in-order.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { contactBody, createDeal, departureBody, pay } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

/** Every row of the business tables: what a rejected request must leave exactly as it was. */
async function snapshot(t: TestApp): Promise<string> {
  const tables = ['users', 'departures', 'contacts', 'communications', 'deals', 'travellers', 'payments', 'deal_history', 'idempotency_keys'];
  return JSON.stringify(await mapInOrder(tables, async (table) => await statement(t.database.sqlite, `select * from ${table} order by 1, 2`).all()));
}

const anyJson = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })),
  fc.constantFrom(null, {}, [], '', 'null', 0, -1, 1e308, '0881234567', '2027-01-01T00:00', 'Петров'),
);

/** A valid body with one field replaced, removed, or joined by an unknown one. */
function mutated(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), value: anyJson }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => {
      const { [key]: _dropped, ...rest } = valid;
      return rest;
    }),
    fc.record({ key: fc.string({ maxLength: 8 }), value: anyJson }).map(({ key, value }) => ({ ...valid, [key]: value })),
  );
}

describe('fuzzed bodies on every write route', () => {
  let t: TestApp;
  let director: string;
  let dealId: number;
  let paymentId: number;

  beforeAll(async () => {
    t = await makeTestApp();
    director = (await t.as('director')).token;
    const deal = await createDeal(t, director, { seats: 2 });
    dealId = deal.id;
    paymentId = (await pay(t, director, deal.id, 5000)).id;
  });

  const routes: [string, string, Record<string, unknown>][] = [
    ['POST', '/api/v1/departures', departureBody()],
    ['PATCH', '/api/v1/departures/1', { seats: 30, departsAt: '2027-10-29T07:00', meetingPoint: 'NDK' }],
    ['POST', '/api/v1/contacts', contactBody()],
    ['PATCH', '/api/v1/contacts/1', { name: 'Нов', phone: '0887000111', email: 'x@y.bg' }],
    ['POST', '/api/v1/contacts/1/communications', { channel: 'call', summary: 'talked', nextContactAt: '2026-12-01T10:00' }],
    ['POST', '/api/v1/contacts/1/transfer', { managerId: 1 }],
    ['POST', '/api/v1/deals', { departureId: 1, contactId: 1, seats: 1, travellers: [{ name: 'A', birthDate: '1990-01-01' }] }],
    ['PATCH', '/api/v1/deals/:deal', { seats: 2, travellers: [{ name: 'A' }], priceMinor: 30000 }],
    ['POST', '/api/v1/deals/:deal/documents', { state: 'sent' }],
    ['POST', '/api/v1/deals/:deal/payments', { amountMinor: 100, method: 'cash', kind: 'payment' }],
    ['POST', '/api/v1/deals/:deal/payments/:payment/reverse', { reason: 'mistake' }],
    ['POST', '/api/v1/deals/:deal/cancel', { reason: 'changed mind' }],
    ['POST', '/api/v1/users', { email: 'new@agency.test', name: 'New', role: 'manager', password: 'long-password-1' }],
    ['PATCH', '/api/v1/users/1', { name: 'Boss', locale: 'ru' }],
  ];

  it.each(routes)('%s %s: never a 5xx, and nothing written when refused', async (method, path, valid) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyJson, mutated(valid)), fc.option(fc.string({ maxLength: 20 })), async (body, key) => {
        const before = await snapshot(t);
        const resolved = path.replace(':deal', String(dealId)).replace(':payment', String(paymentId));
        const answer = await t.call(method, resolved, {
          token: director,
          raw: JSON.stringify(body) ?? '',
          headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
        });
        expect(answer.status, JSON.stringify({ body, answer: answer.body })).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(answer.body.error.code).toEqual(expect.any(String));
          expect(await snapshot(t), JSON.stringify({ body, answer: answer.body })).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('answers raw garbage with a 400 and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (raw) => {
        const before = await snapshot(t);
        const answer = await t.call('POST', '/api/v1/deals', { token: director, raw, headers: { 'Content-Type': 'application/json' } });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(await snapshot(t)).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});
