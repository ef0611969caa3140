/**
 * Paying online end to end through the provider's stand-in in its own process: the real
 * `stripe` client opens the checkout, the stand-in's signed webhook reaches the desk over HTTP.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentEvents } from '../../src/db/schema/index.js';
import { openPaymentProvider, type PaymentProvider } from '../../src/payments/provider.js';
import { startCheckoutStandin, stopCheckoutStandins, type CheckoutStandin } from '../helpers/checkout-standin.js';
import { createDeparture } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

describe('card payments through a provider speaking the Checkout API', () => {
  let t: TestApp;
  let server: ServerType;
  let standin: CheckoutStandin;
  let director: { token: string };
  let trip: { id: number };

  beforeAll(async () => {
    // The desk and the provider each need the other's address: the desk's provider is set once the stand-in listens.
    let provider: PaymentProvider | null = null;
    const payments: PaymentProvider = {
      openCheckout: (request, key) => provider!.openCheckout(request, key),
      readEvent: (raw, signature) => provider!.readEvent(raw, signature),
    };
    t = await makeTestApp({ payments, intake: { limit: 100, origins: [] } });
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    standin = await startCheckoutStandin({ webhookUrl: `http://127.0.0.1:${port}/api/v1/public/payments/webhook` });
    provider = openPaymentProvider({ url: standin.url, key: standin.apiKey, webhookSecret: standin.secret });
    director = await t.as('director');
    trip = await createDeparture(t, director.token, { public: true, seats: 20, priceMinor: 6000, depositMinor: 2000 });
  }, 60_000);

  afterAll(() => {
    stopCheckoutStandins();
    server?.close();
  });

  async function bookOnline(phone: string) {
    const answer = await t.call('POST', '/api/v1/public/bookings', {
      body: { departureId: trip.id, name: 'Елена Георгиева', phone, email: `${phone}@example.test`, seats: 2 },
      address: '192.0.2.10',
    });
    expect(answer.status).toBe(201);
    const token = String(answer.body.manageUrl).split('/b/')[1]!;
    const deal = (await t.call('GET', `/api/v1/deals?departureId=${trip.id}`, { token: director.token })).body.items.find((d: { manageUrl: string }) => d.manageUrl === answer.body.manageUrl);
    return { token, dealId: deal.id as number };
  }

  const dealOf = async (id: number) => (await t.call('GET', `/api/v1/deals/${id}`, { token: director.token })).body;

  it('the deposit paid at the provider is recorded once, as a card payment with the session as its reference', async () => {
    const { token, dealId } = await bookOnline('0887200001');
    const checkout = await t.call('POST', `/api/v1/public/bookings/${token}/checkout`, { body: { purpose: 'deposit' } });
    expect(checkout.status).toBe(201);
    expect(checkout.body.url).toMatch(new RegExp(`^${standin.url}/pay/cs_`));
    // A second tap gets the same checkout, not a second one.
    expect((await t.call('POST', `/api/v1/public/bookings/${token}/checkout`, { body: { purpose: 'deposit' } })).body.url).toBe(checkout.body.url);
    const sessionId = String(checkout.body.url).split('/pay/')[1]!;
    const session = (await standin.sessions()).find((s) => s.id === sessionId)!;
    expect(session).toMatchObject({ amount_total: 4000, currency: 'eur', metadata: { deal: String(dealId), purpose: 'deposit' } });

    const back = await standin.pay(sessionId);
    expect(back).toContain(`/b/${token}?paid=deposit`);
    const deal = await dealOf(dealId);
    expect(deal).toMatchObject({ status: 'deposit_paid', paidMinor: 4000 });
    expect(deal.payments).toEqual([expect.objectContaining({ kind: 'payment', amountMinor: 4000, method: 'card', reference: sessionId, createdBy: null })]);
    expect(deal.history.at(-1)).toMatchObject({ to: 'deposit_paid', byClient: true });

    // The provider sends the same event again: nothing more is counted.
    const event = (await standin.events()).find((e) => e.sessionId === sessionId)!;
    expect((await standin.resend(event.id)).status).toBe(200);
    expect((await dealOf(dealId)).paidMinor).toBe(4000);
    const page = (await t.call('GET', `/api/v1/public/bookings/${token}`)).body;
    expect(page.money).toMatchObject({ paidMinor: 4000, next: { purpose: 'balance', amountMinor: 8000 } });
  });

  it('a forged, mismatched or unknown event records nothing and is kept with why', async () => {
    const { token, dealId } = await bookOnline('0887200002');
    const url = (await t.call('POST', `/api/v1/public/bookings/${token}/checkout`, { body: { purpose: 'balance' } })).body.url as string;
    const sessionId = url.split('/pay/')[1]!;
    expect((await standin.forge({ sessionId, secret: 'whsec_someone_else' })).status).toBe(400);
    expect((await standin.forge({ sessionId, amountTotal: 100 })).status).toBe(200);
    const unsigned = await t.call('POST', '/api/v1/public/payments/webhook', { raw: '{"type":"checkout.session.completed"}', headers: { 'Content-Type': 'application/json' } });
    expect(unsigned.status).toBe(400);
    expect((await dealOf(dealId)).paidMinor).toBe(0);
    const kept = await t.ctx().db.select().from(paymentEvents).all();
    expect(kept.filter((e) => e.dealId === dealId).map((e) => e.outcome)).toEqual(['mismatch']);
    expect(kept.filter((e) => e.outcome === 'forged')).toHaveLength(2);
    // The whole balance, paid at the provider, then counts.
    await standin.pay(sessionId);
    expect(await dealOf(dealId)).toMatchObject({ status: 'fully_paid', paidMinor: 12000 });
  });
});
