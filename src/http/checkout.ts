/**
 * The two conversations with the card provider, shared by the API and the client's pages:
 * opening a checkout for what a booking owes, and taking the provider's signed word that one
 * was paid. The provider is called outside any transaction; what it answers is written after.
 */
import { createHash } from 'node:crypto';
import type { Ctx } from '../domain/context.js';
import { contacts } from '../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { DomainError } from '../domain/errors.js';
import { manageToken, type DealRow } from '../domain/deals/index.js';
import { checkoutAsk, keepCheckoutSession, logPaymentEvent, reusableSession, settleCompletedCheckout, type CheckoutPurpose } from '../domain/online/index.js';
import { SignatureRefused } from '../payments/provider.js';
import type { AppDeps } from './context.js';

/** Where the client pays: a checkout opened at the provider for the deposit or the whole balance. */
export async function checkoutUrl(deps: AppDeps, ctx: Ctx, row: DealRow, purpose: CheckoutPurpose): Promise<string> {
  if (!deps.payments) throw new DomainError('conflict', 'This agency takes no card payments online', { reason: 'payments_off' });
  const ask = await checkoutAsk(ctx, row, purpose);
  const open = await reusableSession(ctx, ask);
  if (open) return open.url;
  const contact = (await ctx.db.select({ email: contacts.email, locale: contacts.locale }).from(contacts).where(eq(contacts.id, row.contactId)).get())!;
  const page = `${ctx.agency.publicUrl ?? ''}/b/${await manageToken(ctx, row)}`;
  // The same booking, amount and minute ask the provider once, whoever taps twice.
  const key = createHash('sha256').update(`${row.id}:${ask.purpose}:${ask.amountMinor}:${Math.floor(ctx.now / 60_000)}`).digest('hex');
  let session: { id: string; url: string };
  try {
    session = await deps.payments.openCheckout(
      { ask, successUrl: `${page}?paid=${ask.purpose}`, cancelUrl: page, locale: contact.locale ?? ctx.agency.locale, email: contact.email },
      key,
    );
  } catch (error) {
    (deps.log ?? console.error)('the card provider refused to open a checkout', error);
    throw new DomainError('provider_unavailable', 'The card payment service did not answer; nothing was charged, try again in a minute');
  }
  await keepCheckoutSession(ctx, ask, session);
  return session.url;
}

/** A webhook call: checked for the provider's signature, then settled once; a refused one is kept with why. */
export async function receivePaymentEvent(deps: AppDeps, ctx: Ctx, rawBody: string, signature: string | undefined) {
  if (!deps.payments) throw new DomainError('not_found', 'No card payments are configured');
  let event;
  try {
    event = deps.payments.readEvent(rawBody, signature);
  } catch (error) {
    if (!(error instanceof SignatureRefused)) throw error;
    (deps.log ?? console.error)(`payment webhook refused: ${error.message}`);
    await logPaymentEvent(ctx, { eventId: null, type: null, providerSessionId: null, dealId: null, outcome: 'forged', detail: error.message.slice(0, 500) });
    throw new DomainError('validation_failed', 'The event is not signed by the payment provider', { 'Stripe-Signature': 'does not match' });
  }
  if (event === 'ignored') return { received: true, outcome: 'ignored' };
  const settled = await settleCompletedCheckout(ctx, event);
  if (settled.outcome !== 'recorded' && settled.outcome !== 'replayed') {
    (deps.log ?? console.error)(`payment webhook ${event.eventId} for ${event.sessionId}: ${settled.outcome}, nothing recorded`);
  }
  return { received: true, outcome: settled.outcome };
}
