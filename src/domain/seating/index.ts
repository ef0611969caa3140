/**
 * Seats on the buses: each bus's plan, automatic seating that keeps families together, moves
 * within a bus, and a booking moved to another bus with its seats.
 */
import { forEachInOrder } from '../in-order.js';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { deals, seatAssignments, travellers } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx } from '../context.js';
import { emitDealEvent, getDealRow, heldSeatsOf, refuseIfCancelled, seatsOf, travellersByDeal } from '../deals/index.js';
import { getDeparture, MAX_SEATS, seatsLeftOf, type DepartureRow } from '../departures/departures.js';
import { vehicleOfDeparture, vehiclesOf, vehicleWithRoom, type Vehicle } from '../departures/vehicles.js';
import { DomainError, invalid } from '../errors.js';
import { rowsOf } from '../departures/seat-layout.js';

const id = z.number({ error: 'must be an id (a positive whole number)' }).int().positive();
export const SeatMovesInput = z.object({
  assignments: z.array(z.object({ travellerId: id, seat: z.number({ error: 'must be a seat number' }).int('must be a seat number').min(1, 'must be a seat number') })).min(1).max(MAX_SEATS),
  /** true: a wanted seat someone else sits in is a swap (they take a seat the movers leave) instead of a 409. */
  swap: z.boolean().default(false),
});
export type SeatMovesInput = z.infer<typeof SeatMovesInput>;

/** Which bus a seat plan is of; none: the first. */
export const SeatingQuery = z.object({ vehicleId: z.coerce.number({ error: 'must be an id (a positive whole number)' }).int().positive().optional() });

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

/** Every booked place of the bus's bookings not cancelled, in booking order, each with its seat if it has one. */
async function bookedPlaces(ctx: Ctx, departureId: number, vehicleId: number) {
  const bookings = await ctx.db
    .select({ dealId: deals.id, contactId: deals.contactId, seats: deals.seats })
    .from(deals)
    .where(and(eq(deals.departureId, departureId), eq(deals.vehicleId, vehicleId), isNull(deals.cancelledAt)))
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

/** The bus asked for (a 400 naming `vehicleId` when it is another departure's), else the first. */
async function pickVehicle(ctx: Ctx, departure: DepartureRow, vehicleId: number | undefined): Promise<{ vehicle: Vehicle; vehicles: Vehicle[] }> {
  const vehicles = await vehiclesOf(ctx, departure);
  const vehicle = vehicleId === undefined ? vehicles[0]! : await vehicleOfDeparture(ctx, departure, vehicleId);
  return { vehicle, vehicles };
}

/**
 * Every seat of one bus (the first unless `vehicleId` says) with who sits there (a named
 * traveller, or a seat held for a booking's traveller not named yet), its layout, each of its
 * bookings' places, the departure's buses, and the seats left to sell as the roster counts
 * them (the departure's seats less those booked and held for the waiting list).
 */
export async function seating(ctx: Ctx, departureId: number, vehicleId?: number) {
  const departure = await getDeparture(ctx, departureId);
  const { vehicle, vehicles } = await pickVehicle(ctx, departure, vehicleId);
  const layout = vehicle.seatLayout;
  const bookings = await bookedPlaces(ctx, departureId, vehicle.id);
  const bySeat = new Map(bookings.flatMap((b) => b.places.filter((p) => p.seat !== null).map((p) => [p.seat!, p] as const)));
  return {
    departureId,
    vehicleId: vehicle.id,
    vehicle,
    vehicles,
    layout,
    rows: rowsOf(layout, vehicle.seats),
    seats: Array.from({ length: vehicle.seats }, (_, i) => {
      const who = bySeat.get(i + 1);
      if (!who) return { number: i + 1 };
      return who.travellerId === undefined
        ? { number: i + 1, dealId: who.dealId, travellerNumber: who.travellerNumber, unnamed: true as const }
        : { number: i + 1, dealId: who.dealId, travellerId: who.travellerId, name: who.name!, travellerNumber: who.travellerNumber };
    }),
    seatsLeft: seatsLeftOf(departure),
    /** Booked places of this bus without a seat, named or not: what "seat everyone" would seat. */
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

/** The free seats of a bus, from its layout and who sits in it. */
async function freeSeats(ctx: Ctx, vehicle: Vehicle) {
  const rows = rowsOf(vehicle.seatLayout, vehicle.seats);
  const taken = new Set((await ctx.db.select({ seat: seatAssignments.seat }).from(seatAssignments).where(eq(seatAssignments.vehicleId, vehicle.id)).all()).map((r) => r.seat));
  return { rows, free: new Set(rows.flat().filter((seat) => !taken.has(seat))) };
}

/** A seat row for a place: its named traveller's, or held for the booking's unnamed place. */
const seatRow = (departureId: number, vehicleId: number, seat: number, place: Pick<BookedPlace, 'dealId' | 'travellerId' | 'travellerNumber'>) =>
  place.travellerId === undefined
    ? { departureId, vehicleId, seat, heldForDealId: place.dealId, heldForPosition: place.travellerNumber - 1 }
    : { departureId, vehicleId, seat, travellerId: place.travellerId };

/**
 * Gives every booked place without a seat a free one in its bus (every bus, or the one
 * `vehicleId` names), in booking order, each booking's places side by side where the layout
 * allows. A place with no name yet gets its seat held for it, so a bus never has more seats
 * given than sold. One transaction under the write lock: two people seating at once cannot
 * give one seat twice (the unique index would refuse it).
 */
export async function autoSeat(ctx: ActingCtx, departureId: number, vehicleId?: number) {
  await atomically(ctx, async (ctx) => {
    const departure = await getDeparture(ctx, departureId);
    const { vehicle, vehicles } = await pickVehicle(ctx, departure, vehicleId);
    await forEachInOrder(vehicleId === undefined ? vehicles : [vehicle], async (bus) => {
      const { rows, free } = await freeSeats(ctx, bus);
      for (const booking of await bookedPlaces(ctx, departureId, bus.id)) {
        const group = booking.places.filter((place) => place.seat === null);
        const seats = seatsForGroup(rows, free, Math.min(group.length, free.size));
        await forEachInOrder(seats, async (seat, i) => {
          await ctx.db.insert(seatAssignments).values(seatRow(departureId, bus.id, seat, group[i]!)).run();
          free.delete(seat);
        });
      }
    });
  });
  return await seating(ctx, departureId, vehicleId);
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
    const { vehicle } = await pickVehicle(ctx, departure, deal.vehicleId ?? undefined);
    const own = new Set((await ctx.db.select({ id: travellers.id }).from(travellers).where(eq(travellers.dealId, dealId)).all()).map((t) => t.id));
    input.assignments.forEach((a, i) => {
      if (!own.has(a.travellerId)) throw invalid({ [`assignments.${i}.travellerId`]: `is not a traveller of this booking (${a.travellerId})` });
      if (a.seat > vehicle.seats) throw new DomainError('conflict', `Seat ${a.seat} is beyond the bus (${vehicle.seats} seats)`, { seat: a.seat, reason: 'seat_beyond_bus' });
    });
    const seatsWanted = input.assignments.map((a) => a.seat);
    if (new Set(seatsWanted).size !== seatsWanted.length) throw invalid({ assignments: 'gives one seat to two travellers' });
    const moving = input.assignments.map((a) => a.travellerId);
    const holders = await ctx.db.select().from(seatAssignments).where(and(eq(seatAssignments.vehicleId, vehicle.id), inArray(seatAssignments.seat, seatsWanted))).all();
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
    for (const a of input.assignments) await ctx.db.insert(seatAssignments).values({ departureId: departure.id, vehicleId: vehicle.id, seat: a.seat, travellerId: a.travellerId }).run();
    // The unnamed places moved out take the seats still left; without one they wait for "seat everyone".
    await forEachInOrder(ownHeld, async (h, i) => {
      const seat = left[i];
      if (seat !== undefined) await ctx.db.insert(seatAssignments).values({ departureId: departure.id, vehicleId: vehicle.id, seat, heldForDealId: dealId, heldForPosition: h.heldForPosition }).run();
    });
    return await seating(ctx, departure.id, vehicle.id);
  });
}

/**
 * Moves a booking to another bus of its departure, all its travellers together (409 when the
 * bus has fewer seats free than the booking takes). Those seated keep their seat numbers when
 * they are free in the other bus; else they sit side by side where it has room, in the order
 * they sat. Under the write lock, like every seat change.
 */
export async function moveDealToVehicle(ctx: ActingCtx, dealId: number, vehicleId: number) {
  return await atomically(ctx, async (ctx) => {
    const deal = await getDealRow(ctx, dealId);
    refuseIfCancelled(deal);
    const departure = await getDeparture(ctx, deal.departureId);
    if (deal.vehicleId === vehicleId) return await seating(ctx, departure.id, vehicleId);
    const target = await vehicleWithRoom(ctx, departure, vehicleId, deal.seats);
    const ownTravellers = ctx.db.select({ id: travellers.id }).from(travellers).where(eq(travellers.dealId, dealId));
    const sitting = (
      await ctx.db
        .select()
        .from(seatAssignments)
        .where(and(eq(seatAssignments.departureId, departure.id), or(inArray(seatAssignments.travellerId, ownTravellers), eq(seatAssignments.heldForDealId, dealId))))
        .all()
    ).sort((a, b) => a.seat - b.seat);
    const { rows, free } = await freeSeats(ctx, target);
    const keep = sitting.every((row) => free.has(row.seat));
    const seats = keep ? sitting.map((row) => row.seat) : seatsForGroup(rows, free, sitting.length);
    if (sitting.length) await ctx.db.delete(seatAssignments).where(inArray(seatAssignments.id, sitting.map((row) => row.id))).run();
    await forEachInOrder(sitting, async (row, i) => {
      await ctx.db.insert(seatAssignments).values({ departureId: departure.id, vehicleId, seat: seats[i]!, travellerId: row.travellerId, heldForDealId: row.heldForDealId, heldForPosition: row.heldForPosition }).run();
    });
    await ctx.db.update(deals).set({ vehicleId, updatedAt: ctx.now }).where(eq(deals.id, dealId)).run();
    await emitDealEvent(ctx, 'deal.updated', { dealId });
    return await seating(ctx, departure.id, vehicleId);
  });
}
