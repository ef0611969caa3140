/**
 * Card payments through the provider's checkout: what a checkout asks for, the sessions the
 * client opened, and the provider's word that one was paid, counted once per session with the
 * amount the provider confirms. Talking to the provider is the edge's; this is the ledger's side.
 */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { checkoutSessions, paymentEvents } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { Ctx } from '../context.js';
import { dealReference, getDealRow, insertMoneyRow, paidMinorOf, refreshDealStatus, emitMoneyEvents, type DealRow } from '../deals/index.js';
import { getDeparture } from '../departures/departures.js';
import { DomainError } from '../errors.js';
import { nextPayment } from './booking-page.js';

export type CheckoutPurpose = 'deposit' | 'balance';

/** What a checkout for this booking asks: the deposit still owed, or everything still owed. */
export async function checkoutAsk(ctx: Ctx, row: DealRow, purpose: CheckoutPurpose) {
  if (row.cancelledAt !== null) throw new DomainError('invalid_transition', 'This booking is cancelled', { status: 'cancelled' });
  const next = nextPayment({ ...row, paidMinor: await paidMinorOf(ctx, row.id) });
  if (!next) throw new DomainError('conflict', 'Nothing is left to pay on this booking', { reason: 'nothing_due' });
  if (purpose === 'deposit' && next.purpose !== 'deposit') throw new DomainError('conflict', 'The deposit is paid; the balance is what is left', { reason: 'deposit_paid' });
  const departure = await getDeparture(ctx, row.departureId);
  return {
    dealId: row.id,
    purpose,
    amountMinor: purpose === 'deposit' ? next.amountMinor : next.balanceMinor,
    currency: row.currency,
    reference: await dealReference(ctx, row.id),
    title: departure.title,
  };
}
export type CheckoutAsk = Awaited<ReturnType<typeof checkoutAsk>>;

/** The session the provider opened, kept so its paid event can be checked against it. */
export async function keepCheckoutSession(ctx: Ctx, ask: CheckoutAsk, session: { id: string; url: string }): Promise<void> {
  await atomically(ctx, async (ctx) => {
    await ctx.db
      .insert(checkoutSessions)
      .values({ dealId: ask.dealId, providerId: session.id, purpose: ask.purpose, amountMinor: ask.amountMinor, currency: ask.currency, url: session.url, createdAt: ctx.now })
      .run();
  });
}

/** An open checkout for the same ask, made within the hour: the client's second tap reuses it. */
export async function reusableSession(ctx: Ctx, ask: CheckoutAsk) {
  const recent = await ctx.db
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.dealId, ask.dealId), eq(checkoutSessions.status, 'open')))
    .orderBy(desc(checkoutSessions.id))
    .get();
  return recent && recent.purpose === ask.purpose && recent.amountMinor === ask.amountMinor && ctx.now - recent.createdAt < REUSE_MS ? recent : null;
}
const REUSE_MS = 60 * 60_000;

/** Checkouts of a booking, newest first: the desk shows them beside the ledger. */
export async function checkoutsOf(ctx: Ctx, dealId: number) {
  return await ctx.db.select().from(checkoutSessions).where(eq(checkoutSessions.dealId, dealId)).orderBy(desc(checkoutSessions.id)).all();
}

/** The provider's completed checkout as it says it (already checked to be signed by it). */
export interface CompletedCheckout {
  eventId: string;
  sessionId: string;
  amountTotal: number | null;
  currency: string | null;
  paymentStatus: string | null;
}

export type SettleOutcome = 'recorded' | 'replayed' | 'unknown_session' | 'mismatch' | 'not_paid';

/**
 * Records the payment a completed checkout confirms: once per session (a replay finds it
 * paid), only for the amount and currency the session was opened for. Money the provider took
 * is recorded even when the booking was cancelled meanwhile: it then shows as a refund due.
 */
export async function settleCompletedCheckout(ctx: Ctx, event: CompletedCheckout): Promise<{ outcome: SettleOutcome; dealId: number | null; paymentId?: number }> {
  return await atomically(ctx, async (ctx) => {
    const session = await ctx.db.select().from(checkoutSessions).where(eq(checkoutSessions.providerId, event.sessionId)).get();
    const log = async (outcome: SettleOutcome, detail: string | null) => {
      await logPaymentEvent(ctx, { eventId: event.eventId, type: 'checkout.session.completed', providerSessionId: event.sessionId, dealId: session?.dealId ?? null, outcome, detail });
      return { outcome, dealId: session?.dealId ?? null };
    };
    if (!session) return await log('unknown_session', null);
    if (session.status === 'paid') return await log('replayed', `payment ${session.paymentId}`);
    if (event.paymentStatus !== 'paid') return await log('not_paid', `payment_status ${event.paymentStatus}`);
    if (event.amountTotal !== session.amountMinor || (event.currency ?? '').toUpperCase() !== session.currency.toUpperCase()) {
      return await log('mismatch', `${event.amountTotal} ${event.currency} for ${session.amountMinor} ${session.currency}`);
    }
    const deal = await getDealRow(ctx, session.dealId);
    const payment = await insertMoneyRow(ctx, {
      dealId: session.dealId,
      kind: 'payment',
      amountMinor: session.amountMinor,
      deltaMinor: session.amountMinor,
      method: 'card',
      receivedAt: ctx.now,
      note: session.purpose === 'deposit' ? 'online: deposit' : 'online: balance',
      reference: session.providerId,
      createdBy: null,
      createdAt: ctx.now,
    });
    await ctx.db.update(checkoutSessions).set({ status: 'paid', paymentId: payment.id, paidAt: ctx.now }).where(eq(checkoutSessions.id, session.id)).run();
    await refreshDealStatus(ctx, session.dealId, 'card payment online', true);
    await emitMoneyEvents(ctx, { dealId: session.dealId, paymentId: payment.id, kind: 'payment', amountMinor: session.amountMinor, currency: session.currency, method: 'card' });
    await logPaymentEvent(ctx, { eventId: event.eventId, type: 'checkout.session.completed', providerSessionId: event.sessionId, dealId: session.dealId, outcome: 'recorded', detail: deal.cancelledAt !== null ? 'the booking was cancelled: refund due' : null });
    return { outcome: 'recorded' as const, dealId: session.dealId, paymentId: payment.id };
  });
}

/** Unsigned calls kept per hour at most: anyone can post to the webhook, and the table must not grow by it. */
export const FORGED_KEPT_PER_HOUR = 100;

/** Every webhook call is kept with what became of it; refused ones too (a forged signature names no booking), up to a limit. */
export async function logPaymentEvent(
  ctx: Ctx,
  entry: { eventId: string | null; type: string | null; providerSessionId: string | null; dealId: number | null; outcome: string; detail: string | null },
): Promise<void> {
  await atomically(ctx, async (ctx) => {
    if (entry.outcome === 'forged') {
      const recent = await ctx.db
        .select({ n: sql<number>`count(*)` })
        .from(paymentEvents)
        .where(and(eq(paymentEvents.outcome, 'forged'), gt(paymentEvents.receivedAt, ctx.now - 3_600_000)))
        .get();
      if (Number(recent?.n ?? 0) >= FORGED_KEPT_PER_HOUR) return;
    }
    await ctx.db.insert(paymentEvents).values({ ...entry, receivedAt: ctx.now }).run();
  });
}

/** The webhook calls about a booking, newest first. */
export async function paymentEventsOf(ctx: Ctx, dealId: number) {
  return await ctx.db.select().from(paymentEvents).where(eq(paymentEvents.dealId, dealId)).orderBy(desc(paymentEvents.id)).limit(50).all();
}
