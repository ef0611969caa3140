/**
 * What the client sees on their own booking page, and the one change they may make there:
 * their travellers' names, birth dates and document numbers, until a few days before the trip.
 * Only this booking's facts leave here: no other client, no staff names, no ledger rows.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, deals, seatAssignments, travellers } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { Ctx, Locale, TxCtx } from '../context.js';
import { dealView, emitDealEvent, insertHistory, refreshDealStatus, refuseIfCancelled, type DealRow } from '../deals/index.js';
import { departureStatus, getDeparture } from '../departures/departures.js';
import { findCategory, pricesOf, DEFAULT_CATEGORY } from '../departures/prices.js';
import { bookingStop, pickupOf } from '../departures/stops.js';
import { extrasOf } from '../departures/extras.js';
import { namedExtras, priceBreakdown } from '../departures/extras-taken.js';
import { DomainError, invalid } from '../errors.js';
import { forEachInOrder } from '../in-order.js';
import { line, requiredLine } from '../text.js';
import { calendarDate, DAY_MS } from '../time.js';
import { idInput } from '../deals/schemas.js';
import { manageUrlOf } from '../deals/index.js';

export const DEFAULT_TRAVELLER_EDIT_DAYS = 3;

/** A traveller's details as the client corrects them; without `id`, a name for a seat booked without one. */
export const ClientTravellerInput = z.object({
  id: idInput.optional(),
  name: requiredLine(200).optional(),
  birthDate: calendarDate.nullish(),
  documentNumber: line(50).nullish(),
});
export const ClientTravellersInput = z.object({ travellers: z.array(ClientTravellerInput).min(1, 'must name at least one traveller').max(100) });
export type ClientTravellersInput = z.infer<typeof ClientTravellersInput>;

/** The part of a booking still to pay and by when: the deposit first, then the balance. */
export function nextPayment(deal: { priceMinor: number; depositDueMinor: number; paidMinor: number; depositDueAt: number; balanceDueAt: number; cancelledAt: number | null }) {
  if (deal.cancelledAt !== null) return null;
  const balanceMinor = Math.max(0, deal.priceMinor - deal.paidMinor);
  if (balanceMinor === 0) return null;
  const depositLeft = Math.max(0, deal.depositDueMinor - deal.paidMinor);
  return depositLeft > 0
    ? { purpose: 'deposit' as const, amountMinor: depositLeft, dueAt: deal.depositDueAt, balanceMinor }
    : { purpose: 'balance' as const, amountMinor: balanceMinor, dueAt: deal.balanceDueAt, balanceMinor };
}

export type ClientBooking = Awaited<ReturnType<typeof clientBooking>>;

/** The booking as its client reads it (the page and `GET /api/v1/public/bookings/:token`). */
export async function clientBooking(ctx: Ctx, row: DealRow) {
  const deal = await dealView(ctx, row.id);
  const departure = await getDeparture(ctx, row.departureId);
  const stop = await bookingStop(ctx, departure.id, row.stopId);
  const pickup = pickupOf(departure, { offset: stop.offsetMinutes, name: stop.name, address: stop.address });
  const contact = (await ctx.db.select({ name: contacts.name, locale: contacts.locale }).from(contacts).where(eq(contacts.id, row.contactId)).get())!;
  const prices = pricesOf(departure);
  const editableUntil = departure.departsAt - (ctx.agency.travellerEditDays ?? DEFAULT_TRAVELLER_EDIT_DAYS) * DAY_MS;
  const cancelled = row.cancelledAt !== null;
  const due = nextPayment({ ...row, paidMinor: deal.paidMinor });
  const extras = extrasOf(departure);
  return {
    reference: deal.reference,
    status: deal.status,
    cancelled,
    locale: (contact.locale ?? ctx.agency.locale) as Locale,
    client: { name: contact.name },
    trip: {
      title: departure.title,
      destination: departure.destination,
      description: departure.description,
      departsAt: departure.departsAt,
      returnsAt: departure.returnsAt,
      timeZone: departure.timeZone,
      status: departureStatus(departure, ctx.now),
    },
    pickup: { name: stop.name || departure.meetingPoint, address: stop.address, place: pickup.place, at: pickup.at },
    seats: row.seats,
    travellers: deal.travellers.map((t) => ({
      id: t.id,
      name: t.name,
      birthDate: t.birthDate,
      documentNumber: t.documentNumber,
      category: t.category,
      categoryLabel: prices.length > 1 ? (findCategory(prices, t.category)?.label ?? null) : null,
      seat: t.seat,
      /** The extras this traveller takes, named (a code the trip no longer sells: as given, priced 0). */
      extras: namedExtras(extras, t.extras, 'traveller'),
    })),
    /** The extras the whole booking takes. */
    extras: namedExtras(extras, deal.extras, 'booking'),
    /** The list price as lines: the seats per category and each extra taken. */
    priceLines: priceBreakdown(departure, row.seats, deal.travellers, deal.extras),
    money: {
      currency: deal.currency,
      priceMinor: deal.priceMinor,
      paidMinor: deal.paidMinor,
      balanceMinor: deal.balanceMinor,
      depositDueMinor: deal.depositDueMinor,
      depositDueAt: deal.depositDueAt,
      balanceDueAt: deal.balanceDueAt,
      refundDueMinor: deal.refundDueMinor,
      next: due,
    },
    documentsReceived: row.documentsReceivedAt !== null,
    voucher: !cancelled && row.voucherSentAt !== null,
    editableUntil,
    editable: !cancelled && ctx.now < editableUntil,
    payOnline: Boolean(ctx.agency.onlinePayments) && due !== null,
    paymentInstructions: ctx.agency.paymentInstructions ?? '',
    agency: { name: ctx.agency.name, contacts: ctx.agency.contacts },
    manageUrl: await manageUrlOf(ctx, row),
  };
}

const FIELDS = ['name', 'birthDate', 'documentNumber'] as const;

/**
 * The client corrects their travellers. Each change is in the booking's history as the
 * client's; where the agency counts complete details as the documents, the booking's
 * documents are received once every seat has a name, a birth date and a document number.
 */
export async function updateTravellersByClient(ctx: Ctx, dealId: number, input: ClientTravellersInput): Promise<void> {
  await atomically(ctx, async (ctx) => {
    const row = (await ctx.db.select().from(deals).where(eq(deals.id, dealId)).get())!;
    refuseIfCancelled(row);
    const departure = await getDeparture(ctx, row.departureId);
    const editableUntil = departure.departsAt - (ctx.agency.travellerEditDays ?? DEFAULT_TRAVELLER_EDIT_DAYS) * DAY_MS;
    if (ctx.now >= editableUntil) {
      throw new DomainError('conflict', 'The travellers can no longer be changed here: please call the agency', { reason: 'edit_closed', editableUntil });
    }
    const current = await ctx.db.select().from(travellers).where(eq(travellers.dealId, dealId)).orderBy(travellers.position).all();
    const byId = new Map(current.map((t) => [t.id, t]));
    const changed: string[] = [];
    let added = 0;
    let nextPosition = current.length === 0 ? 0 : current[current.length - 1]!.position + 1;
    input.travellers.forEach((t, i) => {
      if (t.id !== undefined && !byId.has(t.id)) throw invalid({ [`travellers.${i}.id`]: 'is not a traveller of this booking' });
      if (t.id === undefined && !t.name) throw invalid({ [`travellers.${i}.name`]: 'must not be empty' });
      if (t.id === undefined) added++;
    });
    if (current.length + added > row.seats) throw invalid({ travellers: `at most one traveller per seat (${row.seats})` });
    await forEachInOrder(input.travellers, async (t) => {
      if (t.id === undefined) {
        await addTraveller(ctx, dealId, nextPosition++, t);
        changed.push(`${t.name} (added)`);
        return;
      }
      const before = byId.get(t.id)!;
      const after = {
        name: t.name ?? before.name,
        birthDate: t.birthDate === undefined ? before.birthDate : t.birthDate,
        documentNumber: t.documentNumber === undefined ? before.documentNumber : t.documentNumber || null,
      };
      const fields = FIELDS.filter((f) => (after[f] ?? null) !== (before[f] ?? null));
      if (fields.length === 0) return;
      await ctx.db.update(travellers).set(after).where(and(eq(travellers.id, t.id), eq(travellers.dealId, dealId))).run();
      changed.push(`${after.name} (${fields.join(', ')})`);
    });
    if (changed.length === 0) return;
    await insertHistory(ctx.db).run({
      dealId,
      fromStatus: row.status,
      toStatus: row.status,
      at: ctx.now,
      byUserId: null,
      note: `travellers: ${changed.join('; ')}`,
      byClient: true,
    });
    await ctx.db.update(deals).set({ updatedAt: ctx.now }).where(eq(deals.id, dealId)).run();
    if (ctx.agency.clientDetailsCompleteDocuments) await receiveCompleteDetails(ctx, row);
    await emitDealEvent(ctx, 'deal.updated', { dealId });
  });
}

async function addTraveller(ctx: TxCtx, dealId: number, position: number, t: z.infer<typeof ClientTravellerInput>) {
  const { id } = await ctx.db
    .insert(travellers)
    .values({ dealId, position, name: t.name!, birthDate: t.birthDate ?? null, documentNumber: t.documentNumber || null, category: DEFAULT_CATEGORY })
    .returning({ id: travellers.id })
    .get();
  // The seat held while this place had no name is now the named traveller's.
  await ctx.db
    .update(seatAssignments)
    .set({ travellerId: id, heldForDealId: null, heldForPosition: null })
    .where(and(eq(seatAssignments.heldForDealId, dealId), eq(seatAssignments.heldForPosition, position)))
    .run();
}

/** Every seat named, every traveller with a birth date and a document: the documents are in. */
async function receiveCompleteDetails(ctx: TxCtx, row: DealRow): Promise<void> {
  if (row.documentsReceivedAt !== null) return;
  const list = await ctx.db.select().from(travellers).where(eq(travellers.dealId, row.id)).all();
  const complete = list.length === row.seats && list.every((t) => t.name && t.birthDate && t.documentNumber);
  if (!complete) return;
  await ctx.db
    .update(deals)
    .set({ documentsSentAt: row.documentsSentAt ?? ctx.now, documentsReceivedAt: ctx.now })
    .where(eq(deals.id, row.id))
    .run();
  await refreshDealStatus(ctx, row.id, 'travellers complete', true);
}
