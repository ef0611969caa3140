/** The named travellers of a booking, in their order. */
import { and, asc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { preparedFor } from '../../db/prepared.js';
import { seatAssignments, travellers } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import type { TravellerInput } from './schemas.js';
import { DEFAULT_CATEGORY } from '../departures/prices.js';

export type TravellerRow = typeof travellers.$inferSelect;

/**
 * Sets the booking's travellers in order. A traveller keeps their row (and its id, boarding
 * and, later, seat) at the same position: correcting a name does not forget who boarded.
 */
export function replaceTravellers(ctx: Ctx, dealId: number, list: TravellerInput[]): void {
  const existing = travellersOfDeal(ctx.db).all({ dealId });
  list.forEach((traveller, position) => {
    const values = {
      name: traveller.name,
      birthDate: traveller.birthDate ?? null,
      documentNumber: traveller.documentNumber ?? null,
      category: traveller.category ?? DEFAULT_CATEGORY,
    };
    const row = existing[position];
    if (row) ctx.db.update(travellers).set({ ...values, position }).where(eq(travellers.id, row.id)).run();
    else {
      const { id } = ctx.db.insert(travellers).values({ dealId, position, ...values }).returning({ id: travellers.id }).get();
      // The seat held while this place had no name is now the named traveller's.
      ctx.db
        .update(seatAssignments)
        .set({ travellerId: id, heldForDealId: null, heldForPosition: null })
        .where(and(eq(seatAssignments.heldForDealId, dealId), eq(seatAssignments.heldForPosition, position)))
        .run();
    }
  });
  const extra = existing.slice(list.length);
  if (extra.length) {
    // A name taken off the booking leaves its seat booked: the seat stays held for that place.
    for (const row of extra) {
      ctx.db
        .update(seatAssignments)
        .set({ travellerId: null, heldForDealId: dealId, heldForPosition: row.position })
        .where(eq(seatAssignments.travellerId, row.id))
        .run();
    }
    ctx.db.delete(travellers).where(inArray(travellers.id, extra.map((row) => row.id))).run();
  }
}

/** Gives back the seats held for the booking's unnamed places from `fromPosition` on (fewer seats, or cancelled). */
export function releaseHeldSeats(ctx: Ctx, dealId: number, fromPosition = 0): void {
  ctx.db
    .delete(seatAssignments)
    .where(and(eq(seatAssignments.heldForDealId, dealId), gte(seatAssignments.heldForPosition, fromPosition)))
    .run();
}

/** The seat of each of these travellers that has one. */
export function seatsOf(ctx: Ctx, travellerIds: number[]): Map<number, number> {
  if (travellerIds.length === 0) return new Map();
  const rows = ctx.db.select().from(seatAssignments).where(inArray(seatAssignments.travellerId, travellerIds)).all();
  return new Map(rows.flatMap((row) => (row.travellerId === null ? [] : [[row.travellerId, row.seat] as const])));
}

/** The seats held for these bookings' unnamed places: booking, then place (from 0), to seat. */
export function heldSeatsOf(ctx: Ctx, dealIds: number[]): Map<number, Map<number, number>> {
  const held = new Map<number, Map<number, number>>();
  if (dealIds.length === 0) return held;
  const rows = ctx.db
    .select({ dealId: seatAssignments.heldForDealId, position: seatAssignments.heldForPosition, seat: seatAssignments.seat })
    .from(seatAssignments)
    .where(and(inArray(seatAssignments.heldForDealId, dealIds), isNotNull(seatAssignments.heldForPosition)))
    .all();
  for (const row of rows) {
    if (row.dealId === null || row.position === null) continue;
    held.set(row.dealId, (held.get(row.dealId) ?? new Map()).set(row.position, row.seat));
  }
  return held;
}

/** The travellers of several deals in one query, in their order within each deal. */
export function travellersByDeal(ctx: Ctx, dealIds: number[]): Map<number, TravellerRow[]> {
  const byDeal = new Map<number, TravellerRow[]>();
  if (dealIds.length === 0) return byDeal;
  const rows = ctx.db
    .select()
    .from(travellers)
    .where(inArray(travellers.dealId, dealIds))
    .orderBy(asc(travellers.dealId), asc(travellers.position))
    .all();
  for (const row of rows) byDeal.set(row.dealId, [...(byDeal.get(row.dealId) ?? []), row]);
  return byDeal;
}

export const travellersOfDeal = preparedFor((db) =>
  db
    .select()
    .from(travellers)
    .where(eq(travellers.dealId, sql.placeholder('dealId')))
    .orderBy(asc(travellers.position))
    .prepare(),
);
