import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCheckoutStandin, stopCheckoutStandins, type CheckoutStandin } from '../helpers/checkout-standin.js';

/** What the agency's webhook endpoint would receive: raw bytes and headers, untouched. */
interface Delivery { raw: Buffer; headers: IncomingHttpHeaders }

let receiver: Server;
let deliveries: Delivery[] = [];
let answer = 200;
let standin: CheckoutStandin;
let stripe: Stripe;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ raw: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as { port: number };
  standin = await startCheckoutStandin({ webhookUrl: `http://127.0.0.1:${port}/api/v1/public/payments/webhook` });
  stripe = new Stripe(standin.apiKey, { host: '127.0.0.1', port: standin.port, protocol: 'http' });
});
afterAll(async () => {
  stopCheckoutStandins();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  deliveries = [];
  answer = 200;
});

const excursion = (overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams => ({
  line_items: [{ price_data: { currency: 'eur', unit_amount: 4000, product_data: { name: 'Ohrid & Struga, 29.10.2027' } }, quantity: 2 }],
  mode: 'payment',
  success_url: 'http://127.0.0.1:3000/paid?session={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://127.0.0.1:3000/not-paid',
  client_reference_id: 'booking-31',
  metadata: { deal: '7' },
  locale: 'en',
  ...overrides,
});

const verify = (delivery: Delivery, secret = standin.secret) =>
  stripe.webhooks.constructEvent(delivery.raw, String(delivery.headers['stripe-signature']), secret);

describe('the checkout stand-in, through stripe-node', () => {
  it('creates a session, replays it for the same idempotency key, and retrieves it', async () => {
    const created = await stripe.checkout.sessions.create(excursion(), { idempotencyKey: 'booking-31-attempt-1' });
    expect(created).toMatchObject({
      object: 'checkout.session',
      amount_total: 8000,
      amount_subtotal: 8000,
      currency: 'eur',
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      client_reference_id: 'booking-31',
      metadata: { deal: '7' },
      mode: 'payment',
      livemode: false,
    });
    expect(created.id).toMatch(/^cs_test_[A-Za-z0-9]+$/);
    expect(created.url).toBe(`${standin.url}/pay/${created.id}`);
    expect(created.expires_at - created.created).toBe(24 * 3600);

    const again = await stripe.checkout.sessions.create(excursion(), { idempotencyKey: 'booking-31-attempt-1' });
    expect(again.id).toBe(created.id);
    await expect(stripe.checkout.sessions.create(excursion({ client_reference_id: 'booking-32' }), { idempotencyKey: 'booking-31-attempt-1' }))
      .rejects.toMatchObject({ type: 'StripeIdempotencyError' });
    const other = await stripe.checkout.sessions.create(excursion());
    expect(other.id).not.toBe(created.id);

    expect(await stripe.checkout.sessions.retrieve(created.id)).toEqual(created);
    await expect(stripe.checkout.sessions.retrieve('cs_test_nothing')).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 404, code: 'resource_missing' });
  });

  it('refuses a wrong API key, and says which parameter is wrong', async () => {
    const stranger = new Stripe('sk_test_someone_else', { host: '127.0.0.1', port: standin.port, protocol: 'http' });
    await expect(stranger.checkout.sessions.create(excursion())).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
    await expect(stripe.checkout.sessions.create(excursion({ success_url: undefined }))).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'success_url' });
    await expect(stripe.checkout.sessions.create(excursion({ line_items: [{ price_data: { currency: 'eur', unit_amount: 0, product_data: { name: 'Free' } }, quantity: 1 }] })))
      .rejects.toMatchObject({ param: 'line_items[0][price_data][unit_amount]' });
    await expect(stripe.checkout.sessions.create(excursion({ line_items: [] }))).rejects.toMatchObject({ param: 'line_items' });
    await expect(stripe.checkout.sessions.create(excursion({ mode: 'subscription' }))).rejects.toMatchObject({ param: 'mode' });
  });

  it('shows a phone-sized checkout page with the amount, the test card, Pay and Cancel', async () => {
    const session = await stripe.checkout.sessions.create(excursion({ locale: 'bg' }));
    const response = await fetch(session.url!);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Test checkout</title>');
    expect(html).toContain('max-width:360px');
    expect(html).toContain(new Intl.NumberFormat('bg', { style: 'currency', currency: 'EUR' }).format(80));
    expect(html).toContain('Ohrid &#38; Struga, 29.10.2027 × 2');
    expect(html).toContain('value="4242 4242 4242 4242"');
    expect(html).toContain(`<form method="post" action="/pay/${session.id}">`);
    expect(html).toContain('<a class="cancel" href="http://127.0.0.1:3000/not-paid">Cancel</a>');
    expect(html).not.toMatch(/<script|<link|src=/);

    const inEnglish = await stripe.checkout.sessions.create(excursion());
    expect(await (await fetch(inEnglish.url!)).text()).toContain('€80.00');
  });

  it('pays: one signed event that stripe-node accepts, and nothing more when paid twice', async () => {
    const session = await stripe.checkout.sessions.create(excursion());
    const location = await standin.pay(session.id);
    expect(location).toBe(`http://127.0.0.1:3000/paid?session=${session.id}`);
    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(delivery!.headers['user-agent']).toBe('Stripe/1.0 (+https://stripe.com/docs/webhooks)');

    const event = verify(delivery!);
    expect(event.type).toBe('checkout.session.completed');
    expect(event.id).toMatch(/^evt_/);
    const paid = event.data.object as Stripe.Checkout.Session;
    expect(paid).toMatchObject({ id: session.id, amount_total: 8000, currency: 'eur', status: 'complete', payment_status: 'paid', metadata: { deal: '7' }, client_reference_id: 'booking-31' });
    expect(paid.payment_intent).toMatch(/^pi_/);
    expect(() => verify(delivery!, 'whsec_not_the_one')).toThrow(Stripe.errors.StripeSignatureVerificationError);

    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete', payment_status: 'paid', payment_intent: paid.payment_intent });
    expect(await (await fetch(`${standin.url}/pay/${session.id}`)).text()).toContain('has been paid');

    expect(await standin.pay(session.id)).toBe(location);
    expect(deliveries).toHaveLength(1);
    const sent = (await standin.events()).filter((e) => e.sessionId === session.id);
    expect(sent).toEqual([expect.objectContaining({ id: event.id, type: 'checkout.session.completed', forged: false, attempts: [{ status: 200 }] })]);
    expect(sent[0]!.body).toBe(delivery!.raw.toString());
  });

  it('resends the identical event, freshly signed', async () => {
    const session = await stripe.checkout.sessions.create(excursion());
    await standin.pay(session.id);
    const first = verify(deliveries[0]!);
    expect(await standin.resend(first.id)).toEqual({ status: 200 });
    expect(deliveries).toHaveLength(2);
    expect(deliveries[1]!.raw.equals(deliveries[0]!.raw)).toBe(true);
    expect(verify(deliveries[1]!).id).toBe(first.id);
  });

  it('forges: another secret fails the check, another amount passes it but says so, and nothing is paid', async () => {
    const session = await stripe.checkout.sessions.create(excursion());
    const forged = await standin.forge({ sessionId: session.id, secret: 'whsec_somebody_else' });
    expect(forged.status).toBe(200);
    expect(() => verify(deliveries[0]!)).toThrow(Stripe.errors.StripeSignatureVerificationError);

    const short = await standin.forge({ sessionId: session.id, amountTotal: 100 });
    const event = verify(deliveries[1]!);
    expect(event.id).toBe(short.eventId);
    expect((event.data.object as Stripe.Checkout.Session).amount_total).toBe(100);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'open', payment_status: 'unpaid', amount_total: 8000 });
  });

  it('retries a delivery the receiver fails, three attempts in all', async () => {
    answer = 500;
    const session = await stripe.checkout.sessions.create(excursion());
    await standin.pay(session.id);
    expect(deliveries).toHaveLength(3);
    expect(new Set(deliveries.map((d) => verify(d).id)).size).toBe(1);
    const [event] = (await standin.events()).filter((e) => e.sessionId === session.id);
    expect(event!.attempts).toEqual([{ status: 500 }, { status: 500 }, { status: 500 }]);
  });

  it('expires an open session, which can then not be paid', async () => {
    const session = await stripe.checkout.sessions.create(excursion());
    expect(await stripe.checkout.sessions.expire(session.id)).toMatchObject({ status: 'expired', url: null });
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ type: 'StripeInvalidRequestError' });
    const page = await fetch(`${standin.url}/pay/${session.id}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('expired');
    await expect(standin.pay(session.id)).rejects.toThrow(/410/);
    expect(deliveries).toHaveLength(0);
    expect((await standin.sessions()).find((s) => s.id === session.id)?.status).toBe('expired');
  });
});
