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
  /** true: a wanted seat someone else sits in is a swap (they take a seat the movers leave) instead of a 409. */
  swap: z.boolean().default(false),
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

/**
 * Moves travellers of one booking to the seats given. A seat beyond the bus is 409, and so is
 * a seat someone else sits in, unless the move says `swap`: then whoever sits there (a named
 * traveller, or a place held for a traveller not named yet) takes a seat the movers leave, so
 * two people trade seats in one save. A swap nobody leaves a seat for is 409 and changes nothing.
 */
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
    // A seat held for this booking's own unnamed place is the family's to rearrange; anyone else's is taken (or, in a swap, traded).
    const ownHeld = holders.filter((h) => h.travellerId === null && h.heldForDealId === dealId);
    const others = holders.filter((h) => (h.travellerId === null ? h.heldForDealId !== dealId : !moving.includes(h.travellerId)));
    if (others.length > 0 && !input.swap) throw new DomainError('conflict', `Seat ${others[0]!.seat} is taken`, { seat: others[0]!.seat, reason: 'seat_taken' });
    const seatBefore = new Map(
      (await ctx.db.select({ travellerId: seatAssignments.travellerId, seat: seatAssignments.seat }).from(seatAssignments).where(inArray(seatAssignments.travellerId, moving)).all()).map(
        (r) => [r.travellerId!, r.seat] as const,
      ),
    );
    // The seats the movers leave and nobody moving takes, in the order of the moves.
    const vacated = input.assignments.map((a) => seatBefore.get(a.travellerId)).filter((seat): seat is number => seat !== undefined && !seatsWanted.includes(seat));
    // Whoever is displaced takes the seat of the traveller who took theirs (a plain trade)
    // when that seat is left, else the first seat left over, in the order of the moves.
    const displaced = input.assignments.flatMap((a) => others.filter((h) => h.seat === a.seat).map((row) => ({ row, traded: seatBefore.get(a.travellerId) })));
    if (displaced.length > vacated.length) {
      const seat = displaced[vacated.length]!.row.seat;
      throw new DomainError('conflict', `Seat ${seat} cannot be swapped: the travellers moving leave no seat for whoever sits there`, { seat, reason: 'swap_without_seat' });
    }
    const left = [...vacated];
    const reseat = new Map<number, number>();
    for (const d of displaced) {
      if (d.traded === undefined || !left.includes(d.traded)) continue;
      reseat.set(d.row.id, d.traded);
      left.splice(left.indexOf(d.traded), 1);
    }
    for (const d of displaced) if (!reseat.has(d.row.id)) reseat.set(d.row.id, left.shift()!);
    // In this order no seat ever has two rows (the unique index on departure and seat): the
    // movers' rows go first, freeing the seats they leave; the displaced move into those,
    // freeing the seats wanted; the movers sit down.
    await ctx.db.delete(seatAssignments).where(inArray(seatAssignments.travellerId, moving)).run();
    if (ownHeld.length) await ctx.db.delete(seatAssignments).where(inArray(seatAssignments.id, ownHeld.map((h) => h.id))).run();
    await forEachInOrder([...reseat], async ([rowId, seat]) => await ctx.db.update(seatAssignments).set({ seat }).where(eq(seatAssignments.id, rowId)).run());
    for (const a of input.assignments) await ctx.db.insert(seatAssignments).values({ departureId: departure.id, seat: a.seat, travellerId: a.travellerId }).run();
    // The unnamed places moved out take the seats still left; without one they wait for "seat everyone".
    await forEachInOrder(ownHeld, async (h, i) => {
      const seat = left[i];
      if (seat !== undefined) await ctx.db.insert(seatAssignments).values({ departureId: departure.id, seat, heldForDealId: dealId, heldForPosition: h.heldForPosition }).run();
    });
    return await seating(ctx, departure.id);
  });
}
