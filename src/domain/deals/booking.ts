import { preparedWrite } from '../../db/prepared.js';
import { emitDealEvent } from './events.js';
import { deals } from '../../db/schema/index.js';
import { createContact, CreateContactInput, requireActiveUser, getContact } from '../contacts/index.js';
import type { ActingCtx, Ctx } from '../context.js';
import { departureStatus, getDeparture, seatsLeftOf, type DepartureWithSeats } from '../departures/departures.js';
import { heldSeats } from '../waitlist/offers.js';
import { dueDatesFor } from './due-dates.js';
import { listPrice } from './pricing.js';
import { bookingStop } from '../departures/stops.js';
import { chooseVehicle, vehicleWithRoom } from '../departures/vehicles.js';
import { DomainError } from '../errors.js';
import { deriveDealStatus, type DealFacts } from './status.js';
import { atomically } from '../../db/transaction.js';
import { CreateDealInput, type NewClientBookingInput } from './schemas.js';
import { insertHistory, placeholders } from './rows.js';
import { replaceTravellers } from './travellers.js';

const insertDeal = preparedWrite((db) => {
  const p = placeholders(
    'departureId', 'contactId', 'managerId', 'stopId', 'vehicleId', 'extras', 'seats', 'priceMinor', 'depositDueMinor', 'priceGiven',
    'depositDueAt', 'balanceDueAt', 'currency', 'status', 'createdBy', 'source', 'at',
  );
  return db
    .insert(deals)
    .values({ ...p, createdAt: p.at, updatedAt: p.at })
    .returning({ id: deals.id })
    .prepare();
});

/**
 * The seat check of every booking path; must run inside a BEGIN IMMEDIATE transaction.
 * Seats held for the waiting list count as taken, except the hold of the entry now booking.
 */
export async function assertBookable(ctx: Ctx, departureId: number, seatsWanted: number, field = 'departureId', ownHold?: number): Promise<DepartureWithSeats> {
  const departure = await getDeparture(ctx, departureId, field);
  const status = departureStatus(departure, ctx.now);
  if (status === 'cancelled') throw new DomainError('conflict', 'This departure is cancelled', { departureId });
  if (status === 'departed') throw new DomainError('conflict', 'This departure has already left', { departureId });
  const seatsLeft = seatsLeftOf({ ...departure, seatsHeld: ownHold === undefined ? departure.seatsHeld : await heldSeats(ctx, departureId, ownHold) });
  if (seatsWanted > seatsLeft) {
    throw new DomainError('sold_out', `Only ${seatsLeft} seat(s) left on this departure`, {
      seatsLeft,
      seatsRequested: seatsWanted,
    });
  }
  return departure;
}

/**
 * Books seats. The capacity check and the insert share one BEGIN IMMEDIATE transaction:
 * the write lock is taken before the seats are counted, so no other request or process
 * can book in between and no seat is sold twice.
 */
export async function createDeal(ctx: ActingCtx, input: CreateDealInput, ownHold?: number): Promise<number> {
  if (input.managerId) await requireActiveUser(ctx, input.managerId, 'managerId');
  const actor = ctx.actor;
  return await bookSeats(ctx, input, {
    ownHold,
    createdBy: actor.id,
    managerOf: (contact) => input.managerId ?? contact.managerId ?? (actor.role === 'manager' ? actor.id : null),
  });
}

export interface BookingOrigin {
  /** Who made it: a user, or nobody (the client on the agency's site). */
  createdBy: number | null;
  managerOf: (contact: { managerId: number | null }, departure: { managerId: number | null }) => number | null;
  source?: 'office' | 'online';
  /** The deposit falls due sooner than the agency's days (an online booking: within hours). */
  depositDueAt?: number;
  ownHold?: number | undefined;
}

/** The one insert every booking path shares, under the capacity check; staff's and the client's own. */
export async function bookSeats(ctx: Ctx, input: CreateDealInput, origin: BookingOrigin): Promise<number> {
  const contact = await getContact(ctx, input.contactId, 'contactId');
  const ownHold = origin.ownHold;
  return await atomically(ctx, async (ctx) => {
    const departure = await assertBookable(ctx, input.departureId, input.seats, 'departureId', ownHold);
    const stop = await bookingStop(ctx, departure.id, input.stopId);
    const seatsLeft = seatsLeftOf(departure);
    const vehicleId = input.vehicleId === undefined
      ? await chooseVehicle(ctx, departure, input.seats, stop.id || null, seatsLeft)
      : (await vehicleWithRoom(ctx, departure, input.vehicleId, input.seats)).id;
    const list = listPrice(departure, input.seats, input.travellers, input.extras);
    const priceMinor = input.priceMinor ?? list.priceMinor;
    const depositDueMinor = Math.min(input.depositDueMinor ?? list.depositMinor, priceMinor);
    const facts: DealFacts = {
      priceMinor,
      depositDueMinor,
      paidMinor: 0,
      documentsSentAt: null,
      documentsReceivedAt: null,
      voucherSentAt: null,
      notifiedAt: null,
      cancelledAt: null,
    };
    const status = deriveDealStatus(facts);
    const due = dueDatesFor(departure, ctx.agency, ctx.now);
    const deal = await insertDeal(ctx.db).get({
      departureId: departure.id,
      contactId: contact.id,
      managerId: origin.managerOf(contact, departure),
      stopId: stop.id || null,
      vehicleId,
      extras: JSON.stringify(input.extras ?? []),
      seats: input.seats,
      priceMinor,
      depositDueMinor,
      priceGiven: input.priceMinor !== undefined,
      depositDueAt: origin.depositDueAt === undefined ? due.depositDueAt : Math.min(origin.depositDueAt, due.depositDueAt),
      balanceDueAt: due.balanceDueAt,
      currency: departure.currency,
      status,
      createdBy: origin.createdBy,
      source: origin.source ?? 'office',
      at: ctx.now,
    })!;
    if (input.travellers?.length) await replaceTravellers(ctx, deal.id, input.travellers);
    await insertHistory(ctx.db).run({ dealId: deal.id, fromStatus: null, toStatus: status, at: ctx.now, byUserId: origin.createdBy, note: null, byClient: origin.source === 'online' });
    await emitDealEvent(ctx, 'deal.created', { dealId: deal.id, departureId: departure.id, contactId: contact.id, seats: input.seats, priceMinor, currency: departure.currency, status, source: origin.source ?? 'office' });
    return deal.id;
  });
}

/**
 * A client met for the first time at the booking: their card and the booking in one
 * transaction, so a sold-out bus or a wrong field leaves no card behind either.
 */
export async function bookNewClient(ctx: ActingCtx, contact: CreateContactInput, booking: NewClientBookingInput): Promise<number> {
  return await atomically(ctx, async (ctx) => {
    const created = await createContact(ctx, contact);
    return await createDeal(ctx, { ...booking, contactId: created.id });
  });
}
