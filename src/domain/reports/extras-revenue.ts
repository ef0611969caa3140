/**
 * Revenue per extra: how many travellers (per traveller) or bookings (per booking) take each
 * of a departure's extras among its bookings not cancelled, and what that comes to at the
 * extra's price. Every extra the departure sells is listed (taken or not), in its order; a
 * code still taken that the departure no longer sells follows, named by its code and priced
 * 0, so what was taken never disappears from the report and never counts money nobody set.
 * The revenue is the extras' list value (count × today's price): a booking whose price was
 * set by hand is not shared out here.
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { deals, departures, travellers } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { extrasOf, takenExtras, type Extra } from '../departures/extras.js';
import { mapInOrder } from '../in-order.js';

export interface ExtraRevenue {
  code: string;
  /** The departure's label; the code itself when it no longer sells it. */
  label: string;
  per: Extra['per'];
  /** The extra's price today; 0 for a code no longer sold. */
  priceMinor: number;
  /** Travellers (per traveller) or bookings (per booking) taking it, among bookings not cancelled. */
  count: number;
  /** count × priceMinor. */
  revenueMinor: number;
  /** False: a code taken that the departure no longer sells. */
  sold: boolean;
}

export interface ExtrasSplit {
  departureId: number;
  title: string;
  departsAt: number;
  currency: string;
  extras: ExtraRevenue[];
}

/** The lines of one departure from its extras and the codes its bookings and travellers took. */
export function extrasRevenue(extras: Extra[], taken: { code: string; per: Extra['per'] }[]): ExtraRevenue[] {
  const counts = new Map<string, { count: number; per: Extra['per'] }>();
  for (const { code, per } of taken) counts.set(code, { count: (counts.get(code)?.count ?? 0) + 1, per: counts.get(code)?.per ?? per });
  const sold = extras.map((e): ExtraRevenue => {
    const count = counts.get(e.code)?.count ?? 0;
    return { code: e.code, label: e.label, per: e.per, priceMinor: e.priceMinor, count, revenueMinor: count * e.priceMinor, sold: true };
  });
  const gone = [...counts.entries()]
    .filter(([code]) => !extras.some((e) => e.code === code))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, { count, per }]): ExtraRevenue => ({ code, label: code, per, priceMinor: 0, count, revenueMinor: 0, sold: false }));
  return [...sold, ...gone];
}

/** Revenue per extra of several departures, read in three queries; a departure with nothing sold nor taken has no lines. */
export async function extrasRevenueByDeparture(ctx: Ctx, departureIds: number[]): Promise<Map<number, ExtraRevenue[]>> {
  const result = new Map<number, ExtraRevenue[]>();
  if (departureIds.length === 0) return result;
  const trips = await ctx.db.select({ id: departures.id, extras: departures.extras }).from(departures).where(inArray(departures.id, departureIds)).all();
  const bookings = await ctx.db
    .select({ id: deals.id, departureId: deals.departureId, extras: deals.extras })
    .from(deals)
    .where(and(inArray(deals.departureId, departureIds), ne(deals.status, 'cancelled')))
    .orderBy(asc(deals.id))
    .all();
  const taken = new Map<number, { code: string; per: Extra['per'] }[]>();
  const add = (departureId: number, codes: string[], per: Extra['per']) => {
    if (codes.length) taken.set(departureId, [...(taken.get(departureId) ?? []), ...codes.map((code) => ({ code, per }))]);
  };
  for (const booking of bookings) add(booking.departureId, takenExtras(booking.extras), 'booking');
  const departureOf = new Map(bookings.map((b) => [b.id, b.departureId]));
  const rows = await ctx.db
    .select({ dealId: travellers.dealId, extras: travellers.extras })
    .from(travellers)
    .innerJoin(deals, eq(deals.id, travellers.dealId))
    .where(and(inArray(deals.departureId, departureIds), ne(deals.status, 'cancelled')))
    .orderBy(asc(travellers.dealId), asc(travellers.position))
    .all();
  for (const row of rows) add(departureOf.get(row.dealId)!, takenExtras(row.extras), 'traveller');
  for (const trip of trips) {
    const lines = extrasRevenue(extrasOf(trip), taken.get(trip.id) ?? []);
    if (lines.length) result.set(trip.id, lines);
  }
  return result;
}

/** One departure's revenue per extra (empty when it sells none and none was taken). */
export async function extrasRevenueOf(ctx: Ctx, departureId: number): Promise<ExtraRevenue[]> {
  return (await extrasRevenueByDeparture(ctx, [departureId])).get(departureId) ?? [];
}

/** The departures of a report that sell extras or whose bookings took any, with their lines. */
export async function extrasRevenueOfMany(ctx: Ctx, items: { departureId: number; title: string; departsAt: number; currency: string }[]): Promise<ExtrasSplit[]> {
  const byDeparture = new Map<number, ExtraRevenue[]>();
  // A long period is read a few hundred departures at a time (the bound of an IN list).
  const chunks = Array.from({ length: Math.ceil(items.length / 500) }, (_, i) => items.slice(i * 500, i * 500 + 500));
  for (const part of await mapInOrder(chunks, async (chunk) => await extrasRevenueByDeparture(ctx, chunk.map((d) => d.departureId)))) {
    for (const [id, lines] of part) byDeparture.set(id, lines);
  }
  return items.flatMap((d) => {
    const extras = byDeparture.get(d.departureId);
    return extras ? [{ departureId: d.departureId, title: d.title, departsAt: d.departsAt, currency: d.currency, extras }] : [];
  });
}
