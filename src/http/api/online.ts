/**
 * The client's side of the API: the trips sold online, booking them, the client's own booking
 * (by its signed token), card checkouts and the provider's webhook; and the staff's two verbs,
 * a new booking link and sending it.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { atomically } from '../../db/transaction.js';
import { dealOfManageToken, getDealRow, idempotencyKeyHeader, renewManageLink, type DealRow } from '../../domain/deals/index.js';
import type { Ctx } from '../../domain/context.js';
import { DomainError } from '../../domain/errors.js';
import { admitPublicPost } from '../../domain/inquiries/intake-limit.js';
import { queueBookingConfirmation } from '../../domain/notifications/index.js';
import {
  bookOnline,
  clientBooking,
  ClientTravellersInput,
  OnlineBookingInput,
  OnlineWaitlistInput,
  publicDeparture,
  publicDepartures,
  updateTravellersByClient,
  waitOnline,
} from '../../domain/online/index.js';
import { checkoutUrl, receivePaymentEvent } from '../checkout.js';
import { clientAddress } from '../client-address.js';
import { actingCtxOf, ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { errorBody } from '../errors.js';
import { idParam, parseWith, readJson } from '../validate.js';
import { PUBLIC_BODY_BYTES, readPublicBody } from './inquiries.js';

export const CheckoutInput = z.object({ purpose: z.enum(['deposit', 'balance'], { error: 'must be deposit or balance' }) });

/** The booking a token opens; anything else is a plain 404 that tells nothing. */
export async function bookingOfToken(ctx: Ctx, token: string): Promise<DealRow> {
  const row = await dealOfManageToken(ctx, token);
  if (!row) throw new DomainError('not_found', 'No booking at this address');
  return row;
}

const publicBodyLimit = bodyLimit({
  maxSize: PUBLIC_BODY_BYTES,
  onError: (c) => c.json(errorBody('payload_too_large', `The body must be at most ${PUBLIC_BODY_BYTES} bytes`), 413),
});

/** Counts a public post against its address's limit; true when the honeypot says a robot sent it. */
async function admit(c: Context<AppEnv>, deps: AppDeps, body: Record<string, unknown>): Promise<boolean> {
  const ctx = ctxOf(c, deps);
  await atomically(ctx, async (ctx) => await admitPublicPost(ctx, clientAddress(c), deps.intake?.limit ?? 10));
  return typeof body.website === 'string' && body.website.trim() !== '';
}

export function publicOnlineRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // The agency's own sites read the trips and book from the browser.
  app.use('/departures/*', cors({ origin: deps.intake?.origins ?? [], allowMethods: ['GET', 'OPTIONS'], maxAge: 600 }));
  app.use('/departures', cors({ origin: deps.intake?.origins ?? [], allowMethods: ['GET', 'OPTIONS'], maxAge: 600 }));
  app.use('/bookings', cors({ origin: deps.intake?.origins ?? [], allowMethods: ['POST', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 600 }));
  app.use('/waitlist', cors({ origin: deps.intake?.origins ?? [], allowMethods: ['POST', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 600 }));

  app.get('/departures', async (c) => c.json({ items: await publicDepartures(ctxOf(c, deps)), nextCursor: null }));
  app.get('/departures/:id', async (c) => c.json(await publicDeparture(ctxOf(c, deps), idParam(c, 'id', 'departure'))));

  app.post('/bookings', publicBodyLimit, async (c) => {
    const body = await readPublicBody(c);
    if (await admit(c, deps, body)) return c.json({ received: true }, 202);
    const { website: _honeypot, ...fields } = body;
    const key = parseWith(idempotencyKeyHeader, { 'Idempotency-Key': c.req.header('Idempotency-Key') })['Idempotency-Key'];
    const booking = await bookOnline(ctxOf(c, deps), parseWith(OnlineBookingInput, fields), key);
    if (booking.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json({ reference: booking.reference, manageUrl: booking.manageUrl, depositDueAt: booking.depositDueAt }, booking.replayed ? 200 : 201);
  });

  app.post('/waitlist', publicBodyLimit, async (c) => {
    const body = await readPublicBody(c);
    if (await admit(c, deps, body)) return c.json({ received: true }, 202);
    const { website: _honeypot, ...fields } = body;
    await waitOnline(ctxOf(c, deps), parseWith(OnlineWaitlistInput, fields));
    return c.json({ received: true }, 202);
  });

  app.get('/bookings/:token', async (c) => {
    const ctx = ctxOf(c, deps);
    return c.json(await clientBooking(ctx, await bookingOfToken(ctx, c.req.param('token'))));
  });

  app.patch('/bookings/:token', async (c) => {
    const ctx = ctxOf(c, deps);
    const row = await bookingOfToken(ctx, c.req.param('token'));
    await updateTravellersByClient(ctx, row.id, await readJson(c, ClientTravellersInput));
    return c.json(await clientBooking(ctx, await getDealRow(ctx, row.id)));
  });

  app.post('/bookings/:token/checkout', async (c) => {
    const ctx = ctxOf(c, deps);
    const row = await bookingOfToken(ctx, c.req.param('token'));
    const input = await readJson(c, CheckoutInput);
    return c.json({ url: await checkoutUrl(deps, ctx, row, input.purpose) }, 201);
  });

  // The provider's signed events: the raw body is what the signature covers.
  app.post('/payments/webhook', bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.json(errorBody('payload_too_large', 'The event is too large'), 413) }), async (c) => {
    const raw = await c.req.text();
    return c.json(await receivePaymentEvent(deps, ctxOf(c, deps), raw, c.req.header('Stripe-Signature')));
  });

  return app;
}

/** Staff: a new booking link (the old one then finds nothing), and sending the link to the client. */
export function addManageLinkRoutes(app: Hono<AppEnv>, deps: AppDeps) {
  app.post('/:id/manage-link', async (c) => {
    const ctx = actingCtxOf(c, deps);
    return c.json({ manageUrl: await renewManageLink(ctx, idParam(c, 'id', 'deal')) }, 201);
  });
  app.post('/:id/confirmation', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const id = idParam(c, 'id', 'deal');
    const row = await atomically(ctx, async (ctx) => await queueBookingConfirmation(ctx, (await getDealRow(ctx, id)).id));
    return c.json({ notificationId: row.id, channel: row.channel, status: row.status }, 202);
  });
}
