import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { prose, requiredLine, requiredProse } from '../text.js';
import { payments } from '../../db/schema/index.js';
import type { ActingCtx } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { once } from '../idempotency.js';
import { positiveMinorAmount } from '../money.js';
import { eventInstantInput, parseInstant } from '../time.js';
import { requireRole } from '../users/users.js';
import { dealView, serializePayment } from './view.js';
import { getDealRow, moneyOf, paidMinorOf } from './rows.js';
import { refreshDealStatus } from './status-refresh.js';
import { emitMoneyEvents } from './events.js';
import { atomically } from '../../db/transaction.js';
import { insertMoneyRow } from './money-rows.js';

export const RecordPaymentInput = z.object({
  amountMinor: positiveMinorAmount,
  kind: z.enum(['payment', 'refund']).default('payment'),
  /** cash, card, bank_transfer... free text so each agency can name its own tills. */
  method: requiredLine(40),
  receivedAt: eventInstantInput.optional(),
  note: prose(1000).nullish(),
});
export type RecordPaymentInput = z.infer<typeof RecordPaymentInput>;

export const ReversePaymentInput = z.object({ reason: requiredProse(1000) });
export type ReversePaymentInput = z.infer<typeof ReversePaymentInput>;

export const idempotencyKeyHeader = z.object({
  'Idempotency-Key': z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
});

export type PaymentResult = Awaited<ReturnType<typeof serializePayment>> & { deal: Awaited<ReturnType<typeof dealView>> };

/**
 * Records money in or out. With an Idempotency-Key the same request is counted once; the
 * key is stored in the same transaction as the payment, so a retry after a lost answer
 * finds it whether or not the first attempt's answer reached the client.
 */
export async function recordPayment(
  ctx: ActingCtx,
  dealId: number,
  input: RecordPaymentInput,
  idempotencyKey?: string,
): Promise<{ result: PaymentResult; replayed: boolean }> {
  return await atomically(ctx, async (ctx) =>
    await once(ctx, 'deal-payment', idempotencyKey, { dealId, ...input }, async () => {
      const deal = await getDealRow(ctx, dealId);
      const { paidMinor, balanceMinor } = moneyOf(deal, await paidMinorOf(ctx, dealId));
      if (input.kind === 'payment') {
        if (deal.cancelledAt !== null) {
          throw new DomainError('invalid_transition', 'This deal is cancelled: only refunds can be recorded', {
            status: 'cancelled',
          });
        }
        if (input.amountMinor > balanceMinor) {
          throw new DomainError('conflict', `The payment exceeds the balance of ${balanceMinor}`, { balanceMinor, currency: deal.currency, reason: 'exceeds_balance' });
        }
      } else if (input.amountMinor > paidMinor) {
        throw new DomainError('conflict', `The refund exceeds the ${paidMinor} held for this deal`, { paidMinor, currency: deal.currency, reason: 'exceeds_held' });
      }
      const row = await insertMoneyRow(ctx, {
        dealId,
        kind: input.kind,
        amountMinor: input.amountMinor,
        deltaMinor: input.kind === 'payment' ? input.amountMinor : -input.amountMinor,
        method: input.method,
        receivedAt: input.receivedAt ? parseInstant(input.receivedAt, ctx.agency.timeZone, 'receivedAt') : ctx.now,
        note: input.note ?? null,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
      });
      await refreshDealStatus(ctx, dealId);
      await emitMoneyEvents(ctx, { dealId, paymentId: row.id, kind: row.kind, amountMinor: row.amountMinor, currency: deal.currency, method: row.method });
      return { ...serializePayment(row), deal: await dealView(ctx, dealId) };
    }),
  );
}

/** A director undoes a payment or refund recorded by mistake; both rows stay in the ledger. */
export async function reversePayment(ctx: ActingCtx, dealId: number, paymentId: number, input: ReversePaymentInput) {
  requireRole(ctx, 'director');
  return await atomically(ctx, async (ctx) => {
    await getDealRow(ctx, dealId);
    const target = await ctx.db
      .select()
      .from(payments)
      .where(and(eq(payments.id, paymentId), eq(payments.dealId, dealId)))
      .get();
    if (!target) throw notFound('payment', paymentId);
    if (target.kind === 'reversal') throw new DomainError('conflict', 'A reversal cannot itself be reversed');
    const already = await ctx.db.select({ id: payments.id }).from(payments).where(eq(payments.reversesPaymentId, paymentId)).get();
    if (already) {
      throw new DomainError('conflict', 'This payment is already reversed', { reversedByPaymentId: already.id });
    }
    if (await paidMinorOf(ctx, dealId) - target.deltaMinor < 0) {
      throw new DomainError('conflict', 'Reversing this would leave more refunded than paid; reverse the refund first');
    }
    const row = await insertMoneyRow(ctx, {
      dealId,
      kind: 'reversal',
      amountMinor: target.amountMinor,
      deltaMinor: -target.deltaMinor,
      method: target.method,
      receivedAt: ctx.now,
      note: input.reason,
      reversesPaymentId: target.id,
      createdBy: ctx.actor.id,
      createdAt: ctx.now,
    });
    await refreshDealStatus(ctx, dealId, `reversal of payment ${target.id}: ${input.reason}`);
    return { ...serializePayment(row), deal: await dealView(ctx, dealId) };
  });
}
