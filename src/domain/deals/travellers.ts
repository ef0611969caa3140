/** The named travellers of a booking, in their order. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
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
    else ctx.db.insert(travellers).values({ dealId, position, ...values }).run();
  });
  const extra = existing.slice(list.length).map((row) => row.id);
  if (extra.length) {
    // A traveller taken off the booking gives their seat back.
    ctx.db.delete(seatAssignments).where(inArray(seatAssignments.travellerId, extra)).run();
    ctx.db.delete(travellers).where(inArray(travellers.id, extra)).run();
  }
}

/** The seat of each of these travellers that has one. */
export function seatsOf(ctx: Ctx, travellerIds: number[]): Map<number, number> {
  if (travellerIds.length === 0) return new Map();
  const rows = ctx.db.select().from(seatAssignments).where(inArray(seatAssignments.travellerId, travellerIds)).all();
  return new Map(rows.map((row) => [row.travellerId, row.seat]));
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
