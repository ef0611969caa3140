/** The trips the agency sells online: what /trips and the agency's own site show, and nothing of the desk's. */
import { and, asc, eq, gt } from 'drizzle-orm';
import { departures } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { seatsBookedSql, seatsLeftOf, type DepartureWithSeats } from '../departures/departures.js';
import { pricesOf } from '../departures/prices.js';
import { extrasOf } from '../departures/extras.js';
import { stopsByDeparture, type StopRow } from '../departures/stops.js';
import { notFound } from '../errors.js';
import { MINUTE_MS } from '../time.js';
import { seatsHeldSql } from '../waitlist/offers.js';

/** How many trips the public list shows at most: a season's, not the archive. */
export const PUBLIC_LIST_LIMIT = 200;

function serializePublic(row: DepartureWithSeats, stops: StopRow[]) {
  return {
    id: row.id,
    title: row.title,
    destination: row.destination,
    description: row.description,
    departsAt: row.departsAt,
    returnsAt: row.returnsAt,
    timeZone: row.timeZone,
    meetingPoint: row.meetingPoint,
    stops: stops.map((stop) => ({ id: stop.id, name: stop.name, address: stop.address, departsAt: row.departsAt + stop.offsetMinutes * MINUTE_MS })),
    // Labels are the agency's own words; the category code is what a booking names.
    prices: pricesOf(row).map((p) => ({ category: p.category, label: p.label ?? null, priceMinor: p.priceMinor, depositMinor: p.depositMinor })),
    // What the trip sells besides the seat: a booking names these codes (per traveller, or the booking's own).
    extras: extrasOf(row).map((e) => ({ code: e.code, label: e.label, priceMinor: e.priceMinor, per: e.per })),
    currency: row.currency,
    seats: row.seats,
    seatsLeft: seatsLeftOf(row),
  };
}
export type PublicDeparture = ReturnType<typeof serializePublic>;

const selectWithSeats = (ctx: Ctx) =>
  ctx.db.select({ departure: departures, seatsBooked: seatsBookedSql, seatsHeld: seatsHeldSql }).from(departures);

const withSeats = (row: { departure: typeof departures.$inferSelect; seatsBooked: number; seatsHeld: number }): DepartureWithSeats => ({
  ...row.departure,
  seatsBooked: Number(row.seatsBooked),
  seatsHeld: Number(row.seatsHeld),
});

/** Public trips that have not left and are not cancelled, soonest first. */
export async function publicDepartures(ctx: Ctx): Promise<PublicDeparture[]> {
  const rows = (await selectWithSeats(ctx)
    .where(and(eq(departures.public, true), eq(departures.status, 'scheduled'), gt(departures.departsAt, ctx.now)))
    .orderBy(asc(departures.departsAt), asc(departures.id))
    .limit(PUBLIC_LIST_LIMIT)
    .all()).map(withSeats);
  const stops = await stopsByDeparture(ctx, rows.map((r) => r.id));
  return rows.map((row) => serializePublic(row, stops.get(row.id) ?? []));
}

/** One public trip; a trip not sold online, cancelled or gone is not found (nothing tells it exists). */
export async function publicDeparture(ctx: Ctx, id: number, field?: string): Promise<PublicDeparture> {
  const row = await selectWithSeats(ctx).where(eq(departures.id, id)).get();
  if (!row || !row.departure.public || row.departure.status !== 'scheduled' || row.departure.departsAt <= ctx.now) throw notFound('departure', id, field);
  const stops = await stopsByDeparture(ctx, [id]);
  return serializePublic(withSeats(row), stops.get(id) ?? []);
}
