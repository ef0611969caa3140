/** The named travellers of a booking, in their order. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { preparedFor } from '../../db/prepared.js';
import { travellers } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import type { TravellerInput } from './schemas.js';

export type TravellerRow = typeof travellers.$inferSelect;

export function replaceTravellers(ctx: Ctx, dealId: number, list: TravellerInput[]): void {
  ctx.db.delete(travellers).where(eq(travellers.dealId, dealId)).run();
  list.forEach((traveller, position) =>
    ctx.db
      .insert(travellers)
      .values({
        dealId,
        position,
        name: traveller.name,
        birthDate: traveller.birthDate ?? null,
        documentNumber: traveller.documentNumber ?? null,
      })
      .run(),
  );
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
