/** Changes to a booking after it was made: seats, travellers, price, documents, cancellation, voucher. */
import { eq, inArray, sql } from 'drizzle-orm';
import { deals, seatAssignments, travellers } from '../../db/schema/index.js';
import { requireActiveUser } from '../contacts/index.js';
import type { ActingCtx, Ctx } from '../context.js';
import { getDeparture } from '../departures/departures.js';
import { proposedFee } from '../departures/cancellation-fees.js';
import { bookingStop } from '../departures/stops.js';
import { DomainError, invalid } from '../errors.js';
import { atomically } from '../../db/transaction.js';
import { DocumentsInput, UpdateDealInput, CancelDealInput } from './schemas.js';
import { getDealRow, paidMinorOf, refreshDealStatus, refuseIfCancelled } from './rows.js';
import { assertBookable } from './booking.js';
import { replaceTravellers } from './travellers.js';

export function updateDeal(ctx: ActingCtx, dealId: number, input: UpdateDealInput): void {
  if (input.managerId) requireActiveUser(ctx, input.managerId, 'managerId');
  atomically(ctx.sqlite, () => {
    const row = getDealRow(ctx, dealId);
    const seatsChange = input.seats !== undefined && input.seats !== row.seats;
    if (seatsChange || input.priceMinor !== undefined || input.depositDueMinor !== undefined) refuseIfCancelled(row);
    const seats = input.seats ?? row.seats;
    if (seatsChange && seats > row.seats) assertBookable(ctx, row.departureId, seats - row.seats);
    const travellerCount =
      input.travellers?.length ??
      ctx.db.select({ n: sql<number>`count(*)` }).from(travellers).where(eq(travellers.dealId, dealId)).get()!.n;
    if (travellerCount > seats) throw invalid({ travellers: `at most one traveller per seat (${seats})` });
    const stopId = input.stopId === undefined ? row.stopId : bookingStop(ctx, row.departureId, input.stopId).id || null;
    const priceMinor = input.priceMinor ?? row.priceMinor;
    const depositDueMinor = input.depositDueMinor ?? row.depositDueMinor;
    if (depositDueMinor > priceMinor) throw invalid({ depositDueMinor: 'must not exceed priceMinor' });
    ctx.db
      .update(deals)
      .set({
        seats,
        priceMinor,
        depositDueMinor,
        managerId: input.managerId === undefined ? row.managerId : input.managerId,
        stopId,
      })
      .where(eq(deals.id, dealId))
      .run();
    if (input.travellers) replaceTravellers(ctx, dealId, input.travellers);
    refreshDealStatus(ctx, dealId);
  });
}

/** Records that the documents went out or came back; the first date of each is kept. */
export function recordDocuments(ctx: ActingCtx, dealId: number, input: DocumentsInput): void {
  atomically(ctx.sqlite, () => {
    const row = getDealRow(ctx, dealId);
    refuseIfCancelled(row);
    const sentAt = row.documentsSentAt ?? ctx.now;
    const receivedAt = input.state === 'received' ? (row.documentsReceivedAt ?? ctx.now) : row.documentsReceivedAt;
    ctx.db
      .update(deals)
      .set({ documentsSentAt: sentAt, documentsReceivedAt: receivedAt })
      .where(eq(deals.id, dealId))
      .run();
    refreshDealStatus(ctx, dealId);
  });
}

/** What cancelling the booking now would keep and give back: the policy's fee, at most what was paid. */
export function cancellationQuote(ctx: Ctx, dealId: number) {
  const row = getDealRow(ctx, dealId);
  const paidMinor = Math.max(0, paidMinorOf(ctx, dealId));
  const proposal = proposedFee(getDeparture(ctx, row.departureId), { priceMinor: row.priceMinor, paidMinor }, ctx.now);
  return { ...proposal, paidMinor, priceMinor: row.priceMinor, currency: row.currency, refundMinor: paidMinor - proposal.feeMinor };
}

/**
 * Cancels with a reason: the seats go back at once; the fee the policy proposes (or a
 * director's own) is kept, and the rest of the money held becomes a refund due.
 */
export function cancelDeal(ctx: ActingCtx, dealId: number, input: CancelDealInput): void {
  if (input.feeMinor !== undefined && ctx.actor.role !== 'director') {
    throw new DomainError('forbidden', 'Only a director sets the cancellation fee');
  }
  atomically(ctx.sqlite, () => {
    const row = getDealRow(ctx, dealId);
    refuseIfCancelled(row);
    const quote = cancellationQuote(ctx, dealId);
    if (input.feeMinor !== undefined && input.feeMinor > quote.paidMinor) throw invalid({ feeMinor: 'must not exceed what was paid' });
    // The seats go back to the bus, seat numbers too.
    ctx.db
      .delete(seatAssignments)
      .where(inArray(seatAssignments.travellerId, ctx.db.select({ id: travellers.id }).from(travellers).where(eq(travellers.dealId, dealId))))
      .run();
    ctx.db
      .update(deals)
      .set({ cancelledAt: ctx.now, cancelReason: input.reason, feeMinor: input.feeMinor ?? quote.feeMinor })
      .where(eq(deals.id, dealId))
      .run();
    refreshDealStatus(ctx, dealId, input.reason);
  });
}

/** The voucher went out (handed over, or recorded without mail); the first date is kept. */
export function markVoucherSent(ctx: ActingCtx, dealId: number): void {
  atomically(ctx.sqlite, () => {
    const row = getDealRow(ctx, dealId);
    refuseIfCancelled(row);
    ctx.db.update(deals).set({ voucherSentAt: row.voucherSentAt ?? ctx.now }).where(eq(deals.id, dealId)).run();
    refreshDealStatus(ctx, dealId);
  });
}
