/** Seats on the bus: the plan, automatic seating that keeps families together, and moves. */
import { forEachInOrder } from '../in-order.js';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { deals, seatAssignments, travellers } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx } from '../context.js';
import { getDealRow, heldSeatsOf, refuseIfCancelled, seatsOf, travellersByDeal } from '../deals/index.js';
import { getDeparture, MAX_SEATS, seatsLeftOf } from '../departures/departures.js';
import { DomainError, invalid } from '../errors.js';
import { readLayout, rowsOf } from '../departures/seat-layout.js';

const id = z.number({ error: 'must be an id (a positive whole number)' }).int().positive();
export const SeatMovesInput = z.object({
  assignments: z.array(z.object({ travellerId: id, seat: z.number({ error: 'must be a seat number' }).int('must be a seat number').min(1, 'must be a seat number') })).min(1).max(MAX_SEATS),
});
export type SeatMovesInput = z.infer<typeof SeatMovesInput>;

/** A place booked on the bus: a named traveller, or a booking's seat whose traveller has no name yet. */
export interface BookedPlace {
  dealId: number;
  /** The traveller's number within the booking, from 1. */
  travellerNumber: number;
  /** Absent while the place has no name. */
  travellerId?: number;
  name?: string;
  seat: number | null;
}

/** Every booked place of the bookings not cancelled, in booking order, each with its seat if it has one. */
async function bookedPlaces(ctx: Ctx, departureId: number) {
  const bookings = await ctx.db
    .select({ dealId: deals.id, contactId: deals.contactId, seats: deals.seats })
    .from(deals)
    .where(and(eq(deals.departureId, departureId), isNull(deals.cancelledAt)))
    .orderBy(asc(deals.id))
    .all();
  const named = await travellersByDeal(ctx, bookings.map((b) => b.dealId));
  const seatOf = await seatsOf(ctx, [...named.values()].flat().map((t) => t.id));
  const held = await heldSeatsOf(ctx, bookings.map((b) => b.dealId));
  return bookings.map((booking) => {
    const people = named.get(booking.dealId) ?? [];
    const places: BookedPlace[] = Array.from({ length: booking.seats }, (_, position) => {
      const traveller = people[position];
      return traveller
        ? { dealId: booking.dealId, travellerNumber: position + 1, travellerId: traveller.id, name: traveller.name, seat: seatOf.get(traveller.id) ?? null }
        : { dealId: booking.dealId, travellerNumber: position + 1, seat: held.get(booking.dealId)?.get(position) ?? null };
    });
    return { dealId: booking.dealId, contactId: booking.contactId, places };
  });
}

/**
 * Every seat of the departure with who sits there (a named traveller, or a seat held for a
 * booking's traveller not named yet), its layout, each booking's places, and the seats left
 * to sell as the roster counts them (seats less those booked and held for the waiting list).
 */
export async function seating(ctx: Ctx, departureId: number) {
  const departure = await getDeparture(ctx, departureId);
  const layout = readLayout(departure.seatLayout);
  const bookings = await bookedPlaces(ctx, departureId);
  const bySeat = new Map(bookings.flatMap((b) => b.places.filter((p) => p.seat !== null).map((p) => [p.seat!, p] as const)));
  return {
    departureId,
    layout,
    rows: rowsOf(layout, departure.seats),
    seats: Array.from({ length: departure.seats }, (_, i) => {
      const who = bySeat.get(i + 1);
      if (!who) return { number: i + 1 };
      return who.travellerId === undefined
        ? { number: i + 1, dealId: who.dealId, travellerNumber: who.travellerNumber, unnamed: true as const }
        : { number: i + 1, dealId: who.dealId, travellerId: who.travellerId, name: who.name!, travellerNumber: who.travellerNumber };
    }),
    seatsLeft: seatsLeftOf(departure),
    /** Booked places without a seat, named or not: what "seat everyone" would seat. */
    unseated: bookings.reduce((n, b) => n + b.places.filter((p) => p.seat === null).length, 0),
    bookings,
  };
}

/**
 * The free seats for a group of `size`: the first row (front to back) with that many free,
 * else the fewest rows from the front that together hold them, else any free seats.
 */
export function seatsForGroup(rows: number[][], free: Set<number>, size: number): number[] {
  if (size === 0) return [];
  for (const row of rows) {
    const open = row.filter((seat) => free.has(seat));
    if (open.length >= size) return open.slice(0, size);
  }
  // Rows one behind the other: the run of consecutive rows that needs the fewest of them.
  let best: number[] | null = null;
  let bestRows = Infinity;
  for (let start = 0; start < rows.length; start++) {
    const open: number[] = [];
    let r = start;
    while (r < rows.length && open.length < size) open.push(...rows[r++]!.filter((seat) => free.has(seat)));
    if (open.length >= size && r - start < bestRows) {
      best = open.slice(0, size);
      bestRows = r - start;
    }
  }
  return best ?? [...free].sort((a, b) => a - b).slice(0, size);
}

/**
 * Gives every booked place without a seat a free one, in booking order, each booking's
 * places side by side where the layout allows. A place with no name yet gets its seat held
 * for it, so the bus never has more seats given than sold. One transaction under the write
 * lock: two people seating at once cannot give one seat twice (the unique index would refuse it).
 */
export async function autoSeat(ctx: ActingCtx, departureId: number) {
  await atomically(ctx, async (ctx) => {
    const departure = await getDeparture(ctx, departureId);
    const rows = rowsOf(readLayout(departure.seatLayout), departure.seats);
    const taken = new Set((await ctx.db.select({ seat: seatAssignments.seat }).from(seatAssignments).where(eq(seatAssignments.departureId, departureId)).all()).map((r) => r.seat));
    const free = new Set(rows.flat().filter((seat) => !taken.has(seat)));
    for (const booking of await bookedPlaces(ctx, departureId)) {
      const group = booking.places.filter((place) => place.seat === null);
      const seats = seatsForGroup(rows, free, Math.min(group.length, free.size));
      await forEachInOrder(seats, async (seat, i) => {
        const place = group[i]!;
        await ctx.db
          .insert(seatAssignments)
          .values(
            place.travellerId === undefined
              ? { departureId, seat, heldForDealId: place.dealId, heldForPosition: place.travellerNumber - 1 }
              : { departureId, seat, travellerId: place.travellerId },
          )
          .run();
        free.delete(seat);
      });
    }
  });
  return await seating(ctx, departureId);
}

/** Moves travellers of one booking to the seats given; a seat taken by someone else or beyond the bus is 409. */
export async function moveSeats(ctx: ActingCtx, dealId: number, input: SeatMovesInput) {
  return await atomically(ctx, async (ctx) => {
    const deal = await getDealRow(ctx, dealId);
    refuseIfCancelled(deal);
    const departure = await getDeparture(ctx, deal.departureId);
    const own = new Set((await ctx.db.select({ id: travellers.id }).from(travellers).where(eq(travellers.dealId, dealId)).all()).map((t) => t.id));
    input.assignments.forEach((a, i) => {
      if (!own.has(a.travellerId)) throw invalid({ [`assignments.${i}.travellerId`]: `is not a traveller of this booking (${a.travellerId})` });
      if (a.seat > departure.seats) throw new DomainError('conflict', `Seat ${a.seat} is beyond the bus (${departure.seats} seats)`, { seat: a.seat, reason: 'seat_beyond_bus' });
    });
    const seatsWanted = input.assignments.map((a) => a.seat);
    if (new Set(seatsWanted).size !== seatsWanted.length) throw invalid({ assignments: 'gives one seat to two travellers' });
    const moving = input.assignments.map((a) => a.travellerId);
    const holders = await ctx.db.select().from(seatAssignments).where(and(eq(seatAssignments.departureId, departure.id), inArray(seatAssignments.seat, seatsWanted))).all();
    // A seat held for this booking's own unnamed place is the family's to rearrange; anyone else's is taken.
    const ownHeld = holders.filter((h) => h.travellerId === null && h.heldForDealId === dealId);
    const other = holders.find((h) => (h.travellerId === null ? h.heldForDealId !== dealId : !moving.includes(h.travellerId)));
    if (other) throw new DomainError('conflict', `Seat ${other.seat} is taken`, { seat: other.seat, reason: 'seat_taken' });
    const left = (await ctx.db.select({ seat: seatAssignments.seat }).from(seatAssignments).where(inArray(seatAssignments.travellerId, moving)).all()).map((r) => r.seat);
    await ctx.db.delete(seatAssignments).where(inArray(seatAssignments.travellerId, moving)).run();
    if (ownHeld.length) await ctx.db.delete(seatAssignments).where(inArray(seatAssignments.id, ownHeld.map((h) => h.id))).run();
    for (const a of input.assignments) await ctx.db.insert(seatAssignments).values({ departureId: departure.id, seat: a.seat, travellerId: a.travellerId }).run();
    // The unnamed places moved out take the seats their family left; without one they wait for "seat everyone".
    const vacated = left.filter((seat) => !seatsWanted.includes(seat));
    await forEachInOrder(ownHeld, async (h, i) => {
      const seat = vacated[i];
      if (seat !== undefined) await ctx.db.insert(seatAssignments).values({ departureId: departure.id, seat, heldForDealId: dealId, heldForPosition: h.heldForPosition }).run();
    });
    return await seating(ctx, departure.id);
  });
}
