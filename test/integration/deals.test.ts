import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { TEST_ENGINE } from '../helpers/engine.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
  token = (await t.as('operator')).token;
});

const get = async (id: number) => (await t.call('GET', `/api/v1/deals/${id}`, { token })).body;

describe('booking', () => {
  it('books with travellers, price and deposit per seat from the departure, and a first history row', async () => {
    const departure = await createDeparture(t, token);
    const contact = await createContact(t, token);
    const answer = await t.call('POST', '/api/v1/deals', {
      token,
      body: {
        departureId: departure.id,
        contactId: contact.id,
        seats: 2,
        travellers: [
          { name: 'Иван Петров', birthDate: '1980-02-03', documentNumber: '381234567' },
          { name: 'Мария Петрова' },
        ],
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      status: 'new',
      seats: 2,
      priceMinor: 30000,
      depositDueMinor: 10000,
      paidMinor: 0,
      balanceMinor: 30000,
      refundDueMinor: 0,
      currency: 'EUR',
      documentsSentAt: null,
      cancelledAt: null,
    });
    expect(answer.body.travellers.map((x: any) => x.name)).toEqual(['Иван Петров', 'Мария Петрова']);
    expect(answer.body.history).toEqual([expect.objectContaining({ from: null, to: 'new', by: expect.any(Number) })]);
    const seats = await t.call('GET', `/api/v1/departures/${departure.id}`, { token });
    expect(seats.body).toMatchObject({ seatsBooked: 2, seatsLeft: 47 });
  });

  it('takes a negotiated price when given', async () => {
    const deal = await createDeal(t, token, { seats: 2, priceMinor: 25000 });
    expect(deal).toMatchObject({ priceMinor: 25000, depositDueMinor: 10000, balanceMinor: 25000 });
  });

  it('answers sold_out when fewer seats are left than asked, and books nothing', async () => {
    const departure = await createDeparture(t, token, { seats: 3 });
    await createDeal(t, token, { departureId: departure.id, seats: 2 });
    const contact = await createContact(t, token);
    const answer = await t.call('POST', '/api/v1/deals', { token, body: { departureId: departure.id, contactId: contact.id, seats: 2 } });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'sold_out', details: { seatsLeft: 1 } });
    expect((await t.call('GET', `/api/v1/deals?departureId=${departure.id}`, { token })).body.items).toHaveLength(1);
  });

  it('refuses a departure that has left, an unknown departure or contact, and more travellers than seats', async () => {
    const soon = await createDeparture(t, token, { departsAt: '2026-11-22T12:00' });
    t.advance(6 * 3_600_000);
    const left = await t.call('POST', '/api/v1/deals', { token, body: { departureId: soon.id, contactId: (await createContact(t, token)).id, seats: 1 } });
    expect(left.status).toBe(409);
    const contact = await createContact(t, token);
    const departure = await createDeparture(t, token);
    expect((await t.call('POST', '/api/v1/deals', { token, body: { departureId: 999, contactId: contact.id, seats: 1 } })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/deals', { token, body: { departureId: departure.id, contactId: 999, seats: 1 } })).status).toBe(404);
    const crowd = await t.call('POST', '/api/v1/deals', {
      token,
      body: { departureId: departure.id, contactId: contact.id, seats: 1, travellers: [{ name: 'A' }, { name: 'B' }] },
    });
    expect(crowd.status).toBe(400);
    expect(crowd.body.error.details).toHaveProperty('travellers');
    expect((await t.call('GET', '/api/v1/deals', { token })).body.items).toHaveLength(0);
  });

  it('changes seats within capacity, and travellers', async () => {
    const departure = await createDeparture(t, token, { seats: 3 });
    const deal = await createDeal(t, token, { departureId: departure.id, seats: 1 });
    const more = await t.call('PATCH', `/api/v1/deals/${deal.id}`, { token, body: { seats: 3, travellers: [{ name: 'A' }, { name: 'B' }] } });
    expect(more.body).toMatchObject({ seats: 3 });
    expect(more.body.travellers).toHaveLength(2);
    const tooMany = await t.call('PATCH', `/api/v1/deals/${deal.id}`, { token, body: { seats: 4 } });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('sold_out');
    const fewer = await t.call('PATCH', `/api/v1/deals/${deal.id}`, { token, body: { seats: 1 } });
    expect(fewer.status).toBe(400);
    expect((await get(deal.id)).seats).toBe(3);
  });
});

describe('stages', () => {
  it('walks documents, deposit and full payment, with a history row for each move', async () => {
    const deal = await createDeal(t, token, { seats: 2 });
    const sent = await t.call('POST', `/api/v1/deals/${deal.id}/documents`, { token, body: { state: 'sent' } });
    expect(sent.body.status).toBe('documents_sent');
    expect(sent.body.documentsSentAt).toBe(new Date(t.now).toISOString());
    const received = await t.call('POST', `/api/v1/deals/${deal.id}/documents`, { token, body: { state: 'received' } });
    expect(received.body.status).toBe('documents_received');
    expect((await pay(t, token, deal.id, 9999)).deal.status).toBe('documents_received');
    expect((await pay(t, token, deal.id, 1)).deal.status).toBe('deposit_paid');
    const full = await pay(t, token, deal.id, 20000, { method: 'card' });
    expect(full.deal).toMatchObject({ status: 'fully_paid', paidMinor: 30000, balanceMinor: 0 });
    expect(full.deal.history.map((h: any) => h.to)).toEqual(['new', 'documents_sent', 'documents_received', 'deposit_paid', 'fully_paid']);
  });

  it('moves to deposit_paid on money alone', async () => {
    const deal = await createDeal(t, token);
    expect((await pay(t, token, deal.id, 5000)).deal.status).toBe('deposit_paid');
  });

  it('cancels with a reason: seats return, money paid becomes refund due until refunded', async () => {
    const departure = await createDeparture(t, token, { seats: 2 });
    const deal = await createDeal(t, token, { departureId: departure.id, seats: 2 });
    await pay(t, token, deal.id, 10000);
    const noReason = await t.call('POST', `/api/v1/deals/${deal.id}/cancel`, { token, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toHaveProperty('reason');
    const cancelled = await t.call('POST', `/api/v1/deals/${deal.id}/cancel`, { token, body: { reason: 'Болен' } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Болен', refundDueMinor: 10000, balanceMinor: 0 });
    expect((await t.call('GET', `/api/v1/departures/${departure.id}`, { token })).body.seatsLeft).toBe(2);
    const refund = await pay(t, token, deal.id, 10000, { kind: 'refund', method: 'bank_transfer' });
    expect(refund.deal).toMatchObject({ refundDueMinor: 0, paidMinor: 0, status: 'cancelled' });
    // the seats really are free again
    await createDeal(t, token, { departureId: departure.id, seats: 2 });
  });

  it('refuses work on a cancelled deal with 409 invalid_transition and changes nothing', async () => {
    const deal = await createDeal(t, token);
    await t.call('POST', `/api/v1/deals/${deal.id}/cancel`, { token, body: { reason: 'changed mind' } });
    const before = await get(deal.id);
    for (const [path, body] of [
      ['cancel', { reason: 'again' }],
      ['documents', { state: 'sent' }],
      ['payments', { amountMinor: 100, method: 'cash' }],
    ] as const) {
      const answer = await t.call('POST', `/api/v1/deals/${deal.id}/${path}`, { token, body });
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('invalid_transition');
    }
    expect(await get(deal.id)).toEqual(before);
  });
});

describe('payments', () => {
  it('counts a payment once per Idempotency-Key and refuses the key with another body', async () => {
    const deal = await createDeal(t, token);
    const send = (amountMinor: number) =>
      t.call('POST', `/api/v1/deals/${deal.id}/payments`, {
        token,
        headers: { 'Idempotency-Key': 'till-7-receipt-42' },
        body: { amountMinor, method: 'cash' },
      });
    const first = await send(5000);
    expect(first.status).toBe(201);
    const again = await send(5000);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await send(6000);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
    const read = await get(deal.id);
    expect(read.paidMinor).toBe(5000);
    expect(read.payments).toHaveLength(1);
  });

  it('refuses overpayment and refunds beyond what was paid', async () => {
    const deal = await createDeal(t, token);
    const over = await t.call('POST', `/api/v1/deals/${deal.id}/payments`, { token, body: { amountMinor: 15001, method: 'cash' } });
    expect(over.status).toBe(409);
    await pay(t, token, deal.id, 100);
    const refund = await t.call('POST', `/api/v1/deals/${deal.id}/payments`, { token, body: { amountMinor: 101, kind: 'refund', method: 'cash' } });
    expect(refund.status).toBe(409);
    const zero = await t.call('POST', `/api/v1/deals/${deal.id}/payments`, { token, body: { amountMinor: 0, method: 'cash' } });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details).toHaveProperty('amountMinor');
    expect((await get(deal.id)).paidMinor).toBe(100);
  });

  it('lets a director reverse a payment: the row stays, a reversal is added, the status falls back', async () => {
    const deal = await createDeal(t, token);
    await pay(t, token, deal.id, 5000);
    const full = await pay(t, token, deal.id, 10000);
    expect(full.deal.status).toBe('fully_paid');
    const path = `/api/v1/deals/${deal.id}/payments/${full.id}/reverse`;
    for (const role of ['operator', 'manager'] as const) {
      const refused = await t.call('POST', path, { token: (await t.as(role)).token, body: { reason: 'typo' } });
      expect(refused.status).toBe(403);
    }
    const reversed = await t.call('POST', path, { token: director, body: { reason: 'recorded twice by mistake' } });
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({ kind: 'reversal', amountMinor: 10000, reversesPaymentId: full.id });
    expect(reversed.body.deal).toMatchObject({ status: 'deposit_paid', paidMinor: 5000, balanceMinor: 10000 });
    expect(reversed.body.deal.payments).toHaveLength(3);
    expect(reversed.body.deal.payments[1]).toMatchObject({ id: full.id, reversedByPaymentId: reversed.body.id });
    const twice = await t.call('POST', path, { token: director, body: { reason: 'again' } });
    expect(twice.status).toBe(409);
    const ofReversal = await t.call('POST', `/api/v1/deals/${deal.id}/payments/${reversed.body.id}/reverse`, { token: director, body: { reason: 'x' } });
    expect(ofReversal.status).toBe(409);
    expect((await t.call('POST', `/api/v1/deals/${deal.id}/payments/999/reverse`, { token: director, body: { reason: 'x' } })).status).toBe(404);
    expect(await t.database.sqlite.prepare('select count(*) as n from payments').get()).toEqual({ n: 3 });
  });
});

describe('lists', () => {
  it('filters by departure, status and manager, and pages without repeats', async () => {
    const manager = await t.as('manager');
    const a = await createDeparture(t, token);
    const b = await createDeparture(t, token);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createDeal(t, token, { departureId: a.id, managerId: i % 2 ? manager.id : null })).id);
    await createDeal(t, token, { departureId: b.id });
    await pay(t, token, ids[0]!, 5000);
    const byDeparture = await t.call('GET', `/api/v1/deals?departureId=${a.id}&limit=2`, { token });
    const seen = [...byDeparture.body.items];
    let cursor = byDeparture.body.nextCursor;
    while (cursor) {
      const next = await t.call('GET', `/api/v1/deals?departureId=${a.id}&limit=2&cursor=${cursor}`, { token });
      seen.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    expect(seen.map((d) => d.id)).toEqual(ids);
    expect(seen.map((d) => d.paidMinor)).toEqual([5000, 0, 0, 0, 0]);
    expect((await t.call('GET', `/api/v1/deals?status=deposit_paid`, { token })).body.items.map((d: any) => d.id)).toEqual([ids[0]]);
    expect((await t.call('GET', `/api/v1/deals?managerId=${manager.id}`, { token })).body.items).toHaveLength(2);
    expect((await t.call('GET', '/api/v1/deals?status=lost', { token })).status).toBe(400);
  });
});

describe('errors', () => {
  it('answers malformed JSON with 400 validation_failed, unknown API routes with a JSON 404', async () => {
    const malformed = await t.call('POST', '/api/v1/deals', { token, raw: '{"seats":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'validation_failed', details: { body: expect.any(String) } });
    const array = await t.call('POST', '/api/v1/departures', { token, body: [1, 2] });
    expect(array.status).toBe(400);
    const unknown = await t.call('GET', '/api/v1/nothing-here', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await t.call('GET', '/api/v1/deals/12345', { token })).status).toBe(404);
    for (const [method, path] of [['GET', '/api/v1/deals/1/nothing'], ['DELETE', '/api/v1/deals/1'], ['PUT', '/api/v1/departures']]) {
      const answer = await t.call(method!, path!, { token });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const answer = await t.call('POST', '/api/v1/contacts', { token, raw: JSON.stringify({ name: 'x'.repeat(1_100_000) }), headers: { 'Content-Type': 'application/json' } });
    expect(answer.status).toBe(413);
  });

  it('answers healthz without auth', async () => {
    expect(await t.call('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok', engine: TEST_ENGINE } });
  });

  it('refuses every API route without a token', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/departures'],
      ['POST', '/api/v1/departures'],
      ['GET', '/api/v1/departures/1'],
      ['PATCH', '/api/v1/departures/1'],
      ['GET', '/api/v1/contacts'],
      ['POST', '/api/v1/contacts'],
      ['GET', '/api/v1/contacts/1'],
      ['PATCH', '/api/v1/contacts/1'],
      ['POST', '/api/v1/contacts/1/communications'],
      ['POST', '/api/v1/contacts/1/transfer'],
      ['GET', '/api/v1/deals'],
      ['POST', '/api/v1/deals'],
      ['GET', '/api/v1/deals/1'],
      ['PATCH', '/api/v1/deals/1'],
      ['POST', '/api/v1/deals/1/documents'],
      ['POST', '/api/v1/deals/1/payments'],
      ['POST', '/api/v1/deals/1/payments/1/reverse'],
      ['POST', '/api/v1/deals/1/cancel'],
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users'],
      ['GET', '/api/v1/session'],
      ['DELETE', '/api/v1/session'],
    ]) {
      const answer = await t.call(method!, path!, method === 'GET' ? {} : { body: {} });
      expect(answer.status, `${method} ${path}`).toBe(401);
    }
  });
});
