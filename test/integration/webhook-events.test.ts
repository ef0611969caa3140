import { asc } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../../src/db/schema/index.js';
import { atomically } from '../../src/db/transaction.js';
import { emitEvent } from '../../src/domain/webhooks/index.js';
import { dispatchOutbox } from '../../src/notifier/dispatch.js';
import { expectAnswer, expectWebhookPayload } from '../helpers/answers.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { receiver } from '../helpers/webhook-receiver.js';
import { AGENCY, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
let mailer: ReturnType<typeof memoryMailer>;
beforeEach(async () => {
  mailer = memoryMailer();
  // The receivers here listen on loopback: the installation allows private addresses.
  t = await makeTestApp({ agency: { ...AGENCY, webhookAllowPrivate: true }, mailer });
  director = (await t.as('director')).token;
});

const subscribe = async (events: string[], url = 'https://hooks.example.com/tourdesk') => {
  const made = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url, events } });
  expect(made.status).toBe(201);
  return made.body as { id: number; secret: string };
};

/** What was written for the receivers, in order: the delivery table is the outbox. */
async function deliveries(event?: string) {
  const rows = await t.ctx().db.select().from(webhookDeliveries).orderBy(asc(webhookDeliveries.id)).all();
  const payloads = rows.filter((row) => event === undefined || row.event === event).map((row) => JSON.parse(row.payload) as { type: string; timestamp: string; data: any });
  // Each is what openapi.json's `webhooks` promises a receiver.
  for (const payload of payloads) expectWebhookPayload(payload);
  return payloads;
}

const deal = async (id: number) => (await t.call('GET', `/api/v1/deals/${id}`, { token: director })).body;

describe('webhook payloads carry the object as the API answers it', () => {
  it('deal.created carries the whole deal, equal to GET /deals/:id, with the fields it always had', async () => {
    await subscribe(['deal.created']);
    const made = await createDeal(t, director, { seats: 2, travellers: [{ name: 'Иван Петров', birthDate: '1980-02-03' }] });
    const [created, ...others] = await deliveries();
    expect(others).toEqual([]);
    expect(created!.type).toBe('deal.created');
    expect(created!.data).toMatchObject({ dealId: made.id, departureId: made.departureId, contactId: made.contactId, seats: 2, status: 'new', source: 'office' });
    expect(created!.data.deal).toEqual(await deal(made.id));
    // Instants as the API writes them.
    expect(created!.data.deal.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('with no subscriber to the event nothing is written and the object is never built', async () => {
    await subscribe(['deal.cancelled']);
    await createDeal(t, director);
    expect(await deliveries()).toEqual([]);
    // The builder handed to emitEvent is not even called when nobody listens.
    let built = 0;
    const written = await atomically(t.ctx(), async (ctx) =>
      await emitEvent(ctx, 'deal.updated', { dealId: 1 }, async () => {
        built++;
        return { deal: {} };
      }),
    );
    expect([written, built]).toEqual([0, 0]);
  });

  it('payment.recorded for every money row, refund.recorded for a refund, each with the row as the deal lists it', async () => {
    await subscribe(['payment.recorded', 'refund.recorded']);
    const made = await createDeal(t, director);
    const paid = await pay(t, director, made.id, 5000);
    const refund = await pay(t, director, made.id, 2000, { kind: 'refund', method: 'bank' });
    const payments = await deliveries('payment.recorded');
    expect(payments.map((p) => [p.data.paymentId, p.data.kind, p.data.amountMinor])).toEqual([
      [paid.id, 'payment', 5000],
      [refund.id, 'refund', 2000],
    ]);
    const refunds = await deliveries('refund.recorded');
    expect(refunds).toHaveLength(1);
    const answer = await deal(made.id);
    expect(refunds[0]!.data).toEqual({
      dealId: made.id,
      paymentId: refund.id,
      kind: 'refund',
      amountMinor: 2000,
      currency: answer.currency,
      method: 'bank',
      payment: answer.payments.find((p: any) => p.id === refund.id),
      deal: answer,
    });
    // The first payment's deal is the deal as it stood then: its status already moved by the money.
    expect(payments[0]!.data.deal).toMatchObject({ paidMinor: 5000, status: 'deposit_paid' });
    expect(payments[0]!.data.payment).toEqual(answer.payments.find((p: any) => p.id === paid.id));
  });

  it('deal.updated when a booking’s details change (PATCH, documents, another bus), not for a PATCH that changes nothing', async () => {
    await subscribe(['deal.updated', 'deal.status_changed']);
    const departure = await createDeparture(t, director, { vehicles: [{ label: '1', seats: 30 }, { label: '2', seats: 19 }] });
    const made = await createDeal(t, director, { departureId: departure.id });
    const patched = await t.call('PATCH', `/api/v1/deals/${made.id}`, { token: director, body: { seats: 2 } });
    expect(patched.status).toBe(200);
    let updates = await deliveries('deal.updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.data).toEqual({ dealId: made.id, deal: patched.body });

    await t.call('PATCH', `/api/v1/deals/${made.id}`, { token: director, body: { seats: 2 } });
    expect(await deliveries('deal.updated')).toHaveLength(1);

    const documents = await t.call('POST', `/api/v1/deals/${made.id}/documents`, { token: director, body: { state: 'sent' } });
    updates = await deliveries('deal.updated');
    expect(updates).toHaveLength(2);
    expect(updates[1]!.data.deal).toEqual(documents.body);
    // Its status moved too: that has its own event.
    expect((await deliveries('deal.status_changed')).map((d) => d.data.to)).toEqual(['documents_sent']);

    const other = departure.vehicles.find((v: any) => v.id !== patched.body.vehicleId);
    expect((await t.call('POST', `/api/v1/deals/${made.id}/vehicle`, { token: director, body: { vehicleId: other.id } })).status).toBe(200);
    updates = await deliveries('deal.updated');
    expect(updates).toHaveLength(3);
    expect(updates[2]!.data.deal).toEqual(await deal(made.id));
    expect(updates[2]!.data.deal.vehicleId).toBe(other.id);
  });

  it('deal.cancelled and waitlist.offered: the freed seats held for the waiting entry, with the entry as GET /waitlist/:id answers', async () => {
    await subscribe(['deal.cancelled', 'waitlist.offered']);
    const small = await createDeparture(t, director, { seats: 2 });
    const made = await createDeal(t, director, { departureId: small.id, seats: 2 });
    const contact = await createContact(t, director);
    const waiting = (await t.call('POST', `/api/v1/departures/${small.id}/waitlist`, { token: director, body: { contactId: contact.id, seats: 1 } })).body;
    expect(await deliveries()).toEqual([]);
    await t.call('POST', `/api/v1/deals/${made.id}/cancel`, { token: director, body: { reason: 'болест' } });
    const [cancelled] = await deliveries('deal.cancelled');
    expect(cancelled!.data).toMatchObject({ dealId: made.id, reason: 'болест', feeMinor: expect.any(Number) });
    expect(cancelled!.data.deal).toEqual(await deal(made.id));
    const [offered, ...more] = await deliveries('waitlist.offered');
    expect(more).toEqual([]);
    const entry = (await t.call('GET', `/api/v1/waitlist/${waiting.id}`, { token: director })).body;
    expect(entry.status).toBe('offered');
    expect(offered!.data).toEqual({ entryId: waiting.id, departureId: small.id, holdUntil: entry.holdUntil, entry });
  });

  it('departure.changed carries the departure; inquiry.created the inquiry', async () => {
    await subscribe(['departure.changed', 'inquiry.created']);
    const departure = await createDeparture(t, director);
    const changed = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token: director, body: { seats: 50 } });
    expect(changed.status).toBe(200);
    const [event] = await deliveries('departure.changed');
    expect(event!.data).toMatchObject({ departureId: departure.id, seats: 50 });
    expect(event!.data.departure).toEqual((await t.call('GET', `/api/v1/departures/${departure.id}`, { token: director })).body);
    const inquiry = await t.call('POST', '/api/v1/inquiries', { token: director, body: { name: 'Мария Иванова', phone: '+359888123456', message: 'Охрид през октомври?' } });
    expect(inquiry.status).toBe(201);
    const [asked] = await deliveries('inquiry.created');
    expect(asked!.data).toMatchObject({ inquiryId: inquiry.body.inquiry.id, contactId: inquiry.body.contact.id, reactivation: false });
    expect(asked!.data.inquiry).toEqual((await t.call('GET', `/api/v1/inquiries/${inquiry.body.inquiry.id}`, { token: director })).body);
  });

  it('voucher.sent when the voucher is handed over; notification.failed when a notice is given up', async () => {
    await subscribe(['voucher.sent', 'notification.failed']);
    const made = await createDeal(t, director);
    await pay(t, director, made.id, made.priceMinor);
    const sent = await t.call('POST', `/api/v1/deals/${made.id}/voucher/send`, { token: director });
    expect(sent.status).toBe(200);
    expect(sent.body.notification.status).toBe('sent');
    const [voucher] = await deliveries('voucher.sent');
    expect(voucher!.data).toEqual({ dealId: made.id, notificationId: sent.body.notification.id, channel: 'email', deal: await deal(made.id) });
    expect(voucher!.data.deal.voucherSentAt).not.toBeNull();

    // The mail server refuses every try: after the last one the notice is given up.
    mailer.state.refuse = true;
    const again = await t.call('POST', `/api/v1/deals/${made.id}/voucher/send`, { token: director });
    expect(again.body.notification.status).toBe('pending');
    for (let i = 0; i < 6 && (await deliveries('notification.failed')).length === 0; i++) {
      t.advance(61 * 60_000);
      await dispatchOutbox(t.ctx, mailer);
    }
    const [failed, ...more] = await deliveries('notification.failed');
    expect(more).toEqual([]);
    const listed = (await t.call('GET', `/api/v1/notifications?dealId=${made.id}`, { token: director })).body.items.find((n: any) => n.id === again.body.notification.id);
    expect(listed.status).toBe('failed');
    expect(failed!.data).toEqual({ notificationId: listed.id, dealId: made.id, kind: 'voucher', channel: 'email', error: listed.error, notification: listed });
    expect(await deliveries('voucher.sent')).toHaveLength(1);
  });
});


describe('POST /webhooks/:id/test', () => {
  it('posts a signed webhook.test at once, answers what happened and keeps it in the log', async () => {
    const hook = await receiver();
    const made = await subscribe(['deal.created'], hook.url);
    const answer = await t.call('POST', `/api/v1/webhooks/${made.id}/test`, { token: director });
    expectAnswer('post /webhooks/:id/test', answer.body);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ delivered: true, responseStatus: 204, delivery: { event: 'webhook.test', status: 'delivered', attempts: 1, responseStatus: 204 } });
    expect(answer.body.error).toBeUndefined();
    expect(hook.received).toHaveLength(1);
    const [got] = hook.received;
    const verified = new Webhook(made.secret).verify(got!.body, {
      'webhook-id': String(got!.headers['webhook-id']),
      'webhook-timestamp': String(got!.headers['webhook-timestamp']),
      'webhook-signature': String(got!.headers['webhook-signature']),
    }) as { type: string; data: { webhookId: number; message: string } };
    expect(verified).toMatchObject({ type: 'webhook.test', data: { webhookId: made.id, message: expect.any(String) } });
    expect(got!.headers['webhook-id']).toBe(answer.body.delivery.messageId);
    const log = await t.call('GET', `/api/v1/webhooks/${made.id}`, { token: director });
    expect(log.body.deliveries.map((d: any) => [d.id, d.event, d.status])).toEqual([[answer.body.delivery.id, 'webhook.test', 'delivered']]);
  });

  it('a receiver answering 500, or down, is a 200 saying so, recorded failed and not retried', async () => {
    const broken = await receiver(500);
    const made = await subscribe(['deal.created'], broken.url);
    const failed = await t.call('POST', `/api/v1/webhooks/${made.id}/test`, { token: director });
    expectAnswer('post /webhooks/:id/test', failed.body);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ delivered: false, responseStatus: 500, error: 'answered 500', delivery: { status: 'failed', responseStatus: 500 } });

    const gone = await receiver();
    const down = await subscribe(['deal.created'], gone.url);
    await new Promise((resolve) => gone.server.close(resolve));
    const refused = await t.call('POST', `/api/v1/webhooks/${down.id}/test`, { token: director });
    expectAnswer('post /webhooks/:id/test', refused.body);
    expect(refused.status).toBe(200);
    expect(refused.body.delivered).toBe(false);
    expect(refused.body.responseStatus).toBeUndefined();
    expect(refused.body.error).toMatch(/ECONNREFUSED/);
    // A test is answered now: the scheduler does not send it again.
    const { deliverWebhooks } = await import('../../src/notifier/webhooks.js');
    t.advance(2 * 60 * 60_000);
    expect(await deliverWebhooks(t.ctx)).toEqual({ delivered: 0, failed: 0 });
    expect(broken.received).toHaveLength(1);
  });

  it('goes through the same target check as deliveries', async () => {
    const strict = await makeTestApp({ resolveHost: async () => [{ address: '10.0.0.7', family: 4 }] });
    const token = (await strict.as('director')).token;
    const made = await strict.call('POST', '/api/v1/webhooks', { token, body: { url: 'https://hooks.example.com/h', events: ['deal.created'] } });
    expect(made.status).toBe(400);
    // Taken while the name resolved outside, then pointed inside: the test is refused as a delivery would be.
    let inside = false;
    const moving = await makeTestApp({ resolveHost: async () => [{ address: inside ? '10.0.0.7' : '93.184.216.34', family: 4 }] });
    const boss = (await moving.as('director')).token;
    const taken = await moving.call('POST', '/api/v1/webhooks', { token: boss, body: { url: 'https://hooks.example.com/h', events: ['deal.created'] } });
    expect(taken.status).toBe(201);
    inside = true;
    const answer = await moving.call('POST', `/api/v1/webhooks/${taken.body.id}/test`, { token: boss });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ delivered: false, error: expect.stringMatching(/^refused: hooks\.example\.com resolves to 10\.0\.0\.7/) });
  });

  it('directors only; an unknown subscription is a 404', async () => {
    const made = await subscribe(['deal.created']);
    const manager = await t.as('manager');
    expect((await t.call('POST', `/api/v1/webhooks/${made.id}/test`, { token: manager.token })).status).toBe(403);
    const unknown = await t.call('POST', '/api/v1/webhooks/9999/test', { token: director });
    expect(unknown.status).toBe(404);
    expect(await deliveries()).toEqual([]);
  });
});
