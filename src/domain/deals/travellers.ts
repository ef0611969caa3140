/** The named travellers of a booking, in their order. */
import { forEachInOrder } from '../in-order.js';
import { and, asc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { preparedRead } from '../../db/prepared.js';
import { roomTravellers, seatAssignments, travellers } from '../../db/schema/index.js';
import type { Ctx, TxCtx } from '../context.js';
import type { TravellerInput } from './schemas.js';
import { DEFAULT_CATEGORY } from '../departures/prices.js';

export type TravellerRow = typeof travellers.$inferSelect;

/**
 * Sets the booking's travellers in order. A traveller keeps their row (and its id, boarding
 * and, later, seat) at the same position: correcting a name does not forget who boarded.
 */
export async function replaceTravellers(ctx: TxCtx, dealId: number, list: TravellerInput[]): Promise<void> {
  const existing = await travellersOfDeal(ctx.db).all({ dealId });
  await forEachInOrder(list, async (traveller, position) => {
    const values = {
      name: traveller.name,
      birthDate: traveller.birthDate ?? null,
      documentNumber: traveller.documentNumber ?? null,
      category: traveller.category ?? DEFAULT_CATEGORY,
      // A correction that does not speak of extras (a name, a document) keeps those taken.
      extras: traveller.extras ? JSON.stringify(traveller.extras) : (existing[position]?.extras ?? '[]'),
    };
    const row = existing[position];
    if (row) await ctx.db.update(travellers).set({ ...values, position }).where(eq(travellers.id, row.id)).run();
    else {
      const { id } = await ctx.db.insert(travellers).values({ dealId, position, ...values }).returning({ id: travellers.id }).get();
      // The seat held while this place had no name is now the named traveller's.
      await ctx.db
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
      await ctx.db
        .update(seatAssignments)
        .set({ travellerId: null, heldForDealId: dealId, heldForPosition: row.position })
        .where(eq(seatAssignments.travellerId, row.id))
        .run();
    }
    // A traveller taken off the booking leaves their room too.
    await ctx.db.delete(roomTravellers).where(inArray(roomTravellers.travellerId, extra.map((row) => row.id))).run();
    await ctx.db.delete(travellers).where(inArray(travellers.id, extra.map((row) => row.id))).run();
  }
}

/** Gives back the seats held for the booking's unnamed places from `fromPosition` on (fewer seats, or cancelled). */
export async function releaseHeldSeats(ctx: TxCtx, dealId: number, fromPosition = 0): Promise<void> {
  await ctx.db
    .delete(seatAssignments)
    .where(and(eq(seatAssignments.heldForDealId, dealId), gte(seatAssignments.heldForPosition, fromPosition)))
    .run();
}

/** The seat of each of these travellers that has one. */
export async function seatsOf(ctx: Ctx, travellerIds: number[]): Promise<Map<number, number>> {
  if (travellerIds.length === 0) return new Map();
  const rows = await ctx.db.select().from(seatAssignments).where(inArray(seatAssignments.travellerId, travellerIds)).all();
  return new Map(rows.flatMap((row) => (row.travellerId === null ? [] : [[row.travellerId, row.seat] as const])));
}

/** The seats held for these bookings' unnamed places: booking, then place (from 0), to seat. */
export async function heldSeatsOf(ctx: Ctx, dealIds: number[]): Promise<Map<number, Map<number, number>>> {
  const held = new Map<number, Map<number, number>>();
  if (dealIds.length === 0) return held;
  const rows = await ctx.db
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
export async function travellersByDeal(ctx: Ctx, dealIds: number[]): Promise<Map<number, TravellerRow[]>> {
  const byDeal = new Map<number, TravellerRow[]>();
  if (dealIds.length === 0) return byDeal;
  const rows = await ctx.db
    .select()
    .from(travellers)
    .where(inArray(travellers.dealId, dealIds))
    .orderBy(asc(travellers.dealId), asc(travellers.position))
    .all();
  for (const row of rows) byDeal.set(row.dealId, [...(byDeal.get(row.dealId) ?? []), row]);
  return byDeal;
}

export const travellersOfDeal = preparedRead((db) =>
  db
    .select()
    .from(travellers)
    .where(eq(travellers.dealId, sql.placeholder('dealId')))
    .orderBy(asc(travellers.position))
    .prepare(),
);
