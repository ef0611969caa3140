/** Changes to a booking after it was made: seats, travellers, price, documents, cancellation, voucher. */
import { eq, inArray } from 'drizzle-orm';
import { deals, seatAssignments, travellers } from '../../db/schema/index.js';
import { requireActiveUser } from '../contacts/index.js';
import type { ActingCtx, Ctx, TxCtx } from '../context.js';
import { getDeparture } from '../departures/departures.js';
import { offerFreedSeats } from '../waitlist/offers.js';
import { checkDueDates, parseDueDate } from './due-dates.js';
import { listPrice } from './pricing.js';
import { proposedFee } from '../departures/cancellation-fees.js';
import { bookingStop } from '../departures/stops.js';
import { vehicleWithRoom } from '../departures/vehicles.js';
import { extrasOf, takenExtras } from '../departures/extras.js';
import { DomainError, invalid } from '../errors.js';
import { atomically } from '../../db/transaction.js';
import { DocumentsInput, UpdateDealInput, CancelDealInput } from './schemas.js';
import { getDealRow, paidMinorOf, refuseIfCancelled, type DealRow } from './rows.js';
import { refreshDealStatus } from './status-refresh.js';
import { emitDealEvent } from './events.js';
import { assertBookable } from './booking.js';
import { releaseHeldSeats, replaceTravellers, travellersOfDeal } from './travellers.js';
import { statement } from '../../db/statements.js';

/**
 * Changes a booking. Unless a price was ever given, its price and deposit follow its seats
 * and travellers' categories. Moved due dates withdraw the reminders planned for the old
 * ones; seats given back are offered to the waiting list.
 */
export async function updateDeal(ctx: ActingCtx, dealId: number, input: UpdateDealInput): Promise<void> {
  if (input.managerId) await requireActiveUser(ctx, input.managerId, 'managerId');
  await atomically(ctx, async (ctx) => {
    const row = await getDealRow(ctx, dealId);
    const seatsChange = input.seats !== undefined && input.seats !== row.seats;
    const movesDue = input.depositDueAt !== undefined || input.balanceDueAt !== undefined;
    if (seatsChange || movesDue || input.priceMinor !== undefined || input.depositDueMinor !== undefined) refuseIfCancelled(row);
    const seats = input.seats ?? row.seats;
    const departure = await getDeparture(ctx, row.departureId);
    if (seatsChange && seats > row.seats) {
      await assertBookable(ctx, row.departureId, seats - row.seats);
      // The booking's travellers ride together: its bus must have the seats added.
      if (row.vehicleId !== null) await vehicleWithRoom(ctx, departure, row.vehicleId, seats - row.seats, 'seats');
    }
    const current = await travellersOfDeal(ctx.db).all({ dealId });
    // Extras kept as stored are not checked again: a code the trip no longer sells costs nothing
    // and must not refuse an unrelated change (a due date, a name); only codes given now are checked.
    const sold = new Set(extrasOf(departure).map((e) => e.code));
    const kept = (stored: string | null | undefined) => takenExtras(stored).filter((code) => sold.has(code));
    const travellerList = input.travellers
      ? input.travellers.map((t, i) => ({ ...t, extras: t.extras ?? kept(current[i]?.extras) }))
      : current.map((t) => ({ name: t.name, category: t.category, extras: kept(t.extras) }));
    if (travellerList.length > seats) throw invalid({ travellers: `at most one traveller per seat (${seats})` });
    const bookingExtras = input.extras ?? kept(row.extras);
    const stopId = input.stopId === undefined ? row.stopId : (await bookingStop(ctx, row.departureId, input.stopId)).id || null;
    const priceGiven = row.priceGiven || input.priceMinor !== undefined;
    const list = listPrice(departure, seats, travellerList, bookingExtras);
    const follows = !priceGiven && (seatsChange || input.travellers !== undefined || input.extras !== undefined);
    const priceMinor = input.priceMinor ?? (follows ? list.priceMinor : row.priceMinor);
    const depositDueMinor = input.depositDueMinor ?? (follows ? Math.min(list.depositMinor, priceMinor) : row.depositDueMinor);
    if (depositDueMinor > priceMinor) throw invalid({ depositDueMinor: 'must not exceed priceMinor' });
    const due = {
      depositDueAt: input.depositDueAt === undefined ? row.depositDueAt : parseDueDate(input.depositDueAt, departure.timeZone, 'depositDueAt'),
      balanceDueAt: input.balanceDueAt === undefined ? row.balanceDueAt : parseDueDate(input.balanceDueAt, departure.timeZone, 'balanceDueAt'),
    };
    if (movesDue) checkDueDates(due, departure.departsAt, { deposit: input.depositDueAt !== undefined, balance: input.balanceDueAt !== undefined });
    await ctx.db
      .update(deals)
      .set({
        seats,
        priceMinor,
        depositDueMinor,
        priceGiven,
        ...due,
        managerId: input.managerId === undefined ? row.managerId : input.managerId,
        stopId,
        // Not spoken of: kept as stored (a code no longer sold included).
        extras: input.extras ? JSON.stringify(input.extras) : row.extras,
      })
      .where(eq(deals.id, dealId))
      .run();
    if (input.travellers) await replaceTravellers(ctx, dealId, input.travellers);
    if (seats < row.seats) await releaseHeldSeats(ctx, dealId, seats);
    if (movesDue) await withdrawMovedReminders(ctx, dealId, due);
    await refreshDealStatus(ctx, dealId);
    if (seats < row.seats) await offerFreedSeats(ctx, row.departureId);
    if (input.travellers || detailsChanged(row, await getDealRow(ctx, dealId))) await emitDealEvent(ctx, 'deal.updated', { dealId });
  });
}

/** What a booking's row says of it that a change may move (status and money have events of their own). */
const DETAILS = ['seats', 'priceMinor', 'depositDueMinor', 'depositDueAt', 'balanceDueAt', 'managerId', 'stopId', 'vehicleId', 'extras', 'documentsSentAt', 'documentsReceivedAt'] as const;

/** Whether a change moved any of them (a PATCH repeating what is there announces nothing). */
const detailsChanged = (before: DealRow, after: DealRow): boolean => DETAILS.some((key) => before[key] !== after[key]);

/** Reminders still waiting to go out for a due date that is no longer the deal's. */
async function withdrawMovedReminders(ctx: TxCtx, dealId: number, due: { depositDueAt: number; balanceDueAt: number }): Promise<void> {
  await statement(
    ctx.sqlite,
    `UPDATE notifications SET status = 'superseded', error = 'the due date moved', updated_at = :now
     WHERE deal_id = :dealId AND kind = 'payment_reminder' AND status = 'pending'
       AND due_at <> (CASE payment_kind WHEN 'deposit' THEN CAST(:depositDueAt AS INTEGER) ELSE CAST(:balanceDueAt AS INTEGER) END)`,
  ).run({ dealId, now: ctx.now, ...due });
}

/** Records that the documents went out or came back; the first date of each is kept. */
export async function recordDocuments(ctx: ActingCtx, dealId: number, input: DocumentsInput): Promise<void> {
  await atomically(ctx, async (ctx) => {
    const row = await getDealRow(ctx, dealId);
    refuseIfCancelled(row);
    const sentAt = row.documentsSentAt ?? ctx.now;
    const receivedAt = input.state === 'received' ? (row.documentsReceivedAt ?? ctx.now) : row.documentsReceivedAt;
    // Who recorded a stage is kept with it, and only when the stage is reached: a repeat keeps the first.
    const sentBy = row.documentsSentAt === null ? ctx.actor.id : row.documentsSentBy;
    const receivedBy = input.state === 'received' && row.documentsReceivedAt === null ? ctx.actor.id : row.documentsReceivedBy;
    await ctx.db
      .update(deals)
      .set({ documentsSentAt: sentAt, documentsReceivedAt: receivedAt, documentsSentBy: sentBy, documentsReceivedBy: receivedBy })
      .where(eq(deals.id, dealId))
      .run();
    await refreshDealStatus(ctx, dealId);
    if (detailsChanged(row, await getDealRow(ctx, dealId))) await emitDealEvent(ctx, 'deal.updated', { dealId });
  });
}

/** What cancelling the booking now would keep and give back: the policy's fee, at most what was paid. */
export async function cancellationQuote(ctx: Ctx, dealId: number) {
  const row = await getDealRow(ctx, dealId);
  const paidMinor = Math.max(0, await paidMinorOf(ctx, dealId));
  const proposal = proposedFee(await getDeparture(ctx, row.departureId), { priceMinor: row.priceMinor, paidMinor }, ctx.now);
  return { ...proposal, paidMinor, priceMinor: row.priceMinor, currency: row.currency, refundMinor: paidMinor - proposal.feeMinor };
}

/**
 * Cancels with a reason: the seats go back at once; the fee the policy proposes (or a
 * director's own) is kept, and the rest of the money held becomes a refund due.
 */
export async function cancelDeal(ctx: Ctx, dealId: number, input: CancelDealInput): Promise<void> {
  if (input.feeMinor !== undefined && ctx.actor?.role !== 'director') {
    throw new DomainError('forbidden', 'Only a director sets the cancellation fee');
  }
  await atomically(ctx, async (ctx) => {
    const row = await getDealRow(ctx, dealId);
    refuseIfCancelled(row);
    const quote = await cancellationQuote(ctx, dealId);
    if (input.feeMinor !== undefined && input.feeMinor > quote.paidMinor) throw invalid({ feeMinor: 'must not exceed what was paid' });
    // The seats go back to the bus, seat numbers too.
    await ctx.db
      .delete(seatAssignments)
      .where(inArray(seatAssignments.travellerId, ctx.db.select({ id: travellers.id }).from(travellers).where(eq(travellers.dealId, dealId))))
      .run();
    await releaseHeldSeats(ctx, dealId);
    await ctx.db
      .update(deals)
      .set({ cancelledAt: ctx.now, cancelReason: input.reason, feeMinor: input.feeMinor ?? quote.feeMinor })
      .where(eq(deals.id, dealId))
      .run();
    await refreshDealStatus(ctx, dealId, input.reason);
    await emitDealEvent(ctx, 'deal.cancelled', { dealId, reason: input.reason, feeMinor: (await getDealRow(ctx, dealId)).feeMinor });
    await offerFreedSeats(ctx, row.departureId);
  });
}

/** The voucher went out (handed over, or recorded without mail); the first date is kept. */
export async function markVoucherSent(ctx: ActingCtx, dealId: number): Promise<void> {
  await atomically(ctx, async (ctx) => {
    const row = await getDealRow(ctx, dealId);
    refuseIfCancelled(row);
    await ctx.db.update(deals).set({ voucherSentAt: row.voucherSentAt ?? ctx.now }).where(eq(deals.id, dealId)).run();
    await refreshDealStatus(ctx, dealId);
  });
}
