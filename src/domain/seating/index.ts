/** Seats on the bus: the plan, automatic seating that keeps families together, and moves. */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { deals, seatAssignments, travellers } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx } from '../context.js';
import { getDealRow, refuseIfCancelled } from '../deals/index.js';
import { getDeparture, MAX_SEATS } from '../departures/departures.js';
import { DomainError, invalid } from '../errors.js';
import { readLayout, rowsOf } from '../departures/seat-layout.js';

const id = z.number({ error: 'must be an id (a positive whole number)' }).int().positive();
export const SeatMovesInput = z.object({
  assignments: z.array(z.object({ travellerId: id, seat: z.number({ error: 'must be a seat number' }).int('must be a seat number').min(1, 'must be a seat number') })).min(1).max(MAX_SEATS),
});
export type SeatMovesInput = z.infer<typeof SeatMovesInput>;

/** Every seat of the departure with who sits there, and its layout. */
export function seating(ctx: Ctx, departureId: number) {
  const departure = getDeparture(ctx, departureId);
  const layout = readLayout(departure.seatLayout);
  const taken = ctx.db
    .select({ seat: seatAssignments.seat, travellerId: travellers.id, dealId: travellers.dealId, name: travellers.name })
    .from(seatAssignments)
    .innerJoin(travellers, eq(travellers.id, seatAssignments.travellerId))
    .where(eq(seatAssignments.departureId, departureId))
    .all();
  const bySeat = new Map(taken.map((t) => [t.seat, t]));
  return {
    departureId,
    layout,
    rows: rowsOf(layout, departure.seats),
    seats: Array.from({ length: departure.seats }, (_, i) => {
      const who = bySeat.get(i + 1);
      return who ? { number: i + 1, dealId: who.dealId, travellerId: who.travellerId, name: who.name } : { number: i + 1 };
    }),
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
 * Gives every traveller without a seat a free one, in booking order, each booking's
 * travellers side by side where the layout allows. One transaction under the write lock:
 * two people seating at once cannot give one seat twice (the unique index would refuse it).
 */
export function autoSeat(ctx: ActingCtx, departureId: number) {
  atomically(ctx.sqlite, () => {
    const departure = getDeparture(ctx, departureId);
    const rows = rowsOf(readLayout(departure.seatLayout), departure.seats);
    const taken = new Set(ctx.db.select({ seat: seatAssignments.seat }).from(seatAssignments).where(eq(seatAssignments.departureId, departureId)).all().map((r) => r.seat));
    const free = new Set(rows.flat().filter((seat) => !taken.has(seat)));
    const waiting = ctx.db
      .select({ travellerId: travellers.id, dealId: travellers.dealId })
      .from(travellers)
      .innerJoin(deals, eq(deals.id, travellers.dealId))
      .leftJoin(seatAssignments, eq(seatAssignments.travellerId, travellers.id))
      .where(and(eq(deals.departureId, departureId), isNull(deals.cancelledAt), isNull(seatAssignments.id)))
      .orderBy(asc(deals.id), asc(travellers.position))
      .all();
    const byDeal = new Map<number, number[]>();
    for (const w of waiting) byDeal.set(w.dealId, [...(byDeal.get(w.dealId) ?? []), w.travellerId]);
    for (const group of byDeal.values()) {
      const seats = seatsForGroup(rows, free, Math.min(group.length, free.size));
      seats.forEach((seat, i) => {
        ctx.db.insert(seatAssignments).values({ departureId, seat, travellerId: group[i]! }).run();
        free.delete(seat);
      });
    }
  });
  return seating(ctx, departureId);
}

/** Moves travellers of one booking to the seats given; a seat taken by someone else or beyond the bus is 409. */
export function moveSeats(ctx: ActingCtx, dealId: number, input: SeatMovesInput) {
  return atomically(ctx.sqlite, () => {
    const deal = getDealRow(ctx, dealId);
    refuseIfCancelled(deal);
    const departure = getDeparture(ctx, deal.departureId);
    const own = new Set(ctx.db.select({ id: travellers.id }).from(travellers).where(eq(travellers.dealId, dealId)).all().map((t) => t.id));
    input.assignments.forEach((a, i) => {
      if (!own.has(a.travellerId)) throw invalid({ [`assignments.${i}.travellerId`]: `is not a traveller of this booking (${a.travellerId})` });
      if (a.seat > departure.seats) throw new DomainError('conflict', `Seat ${a.seat} is beyond the bus (${departure.seats} seats)`, { seat: a.seat, reason: 'seat_beyond_bus' });
    });
    const seatsWanted = input.assignments.map((a) => a.seat);
    if (new Set(seatsWanted).size !== seatsWanted.length) throw invalid({ assignments: 'gives one seat to two travellers' });
    const moving = input.assignments.map((a) => a.travellerId);
    const holders = ctx.db.select().from(seatAssignments).where(and(eq(seatAssignments.departureId, departure.id), inArray(seatAssignments.seat, seatsWanted))).all();
    const other = holders.find((h) => !moving.includes(h.travellerId));
    if (other) throw new DomainError('conflict', `Seat ${other.seat} is taken`, { seat: other.seat, reason: 'seat_taken' });
    ctx.db.delete(seatAssignments).where(inArray(seatAssignments.travellerId, moving)).run();
    for (const a of input.assignments) ctx.db.insert(seatAssignments).values({ departureId: departure.id, seat: a.seat, travellerId: a.travellerId }).run();
    return seating(ctx, departure.id);
  });
}
