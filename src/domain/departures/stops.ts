/** A departure's pickup stops: each with its own time (minutes after the departure), in route order. */
import { forEachInOrder } from '../in-order.js';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { deals, departures, departureStops } from '../../db/schema/index.js';
import type { Ctx, TxCtx } from '../context.js';
import { DomainError, invalid } from '../errors.js';
import { line, requiredLine } from '../text.js';
import { MINUTE_MS } from '../time.js';

export const MAX_STOPS = 30;
/** Three days: a stop further along than that is a typing mistake. */
const MAX_OFFSET = 3 * 24 * 60;

export const StopInput = z.object({
  id: z.number({ error: 'must be an id (a positive whole number)' }).int().positive().optional(),
  name: requiredLine(200),
  address: line(500).nullish(),
  offsetMinutes: z
    .number({ error: `must be a whole number from 0 to ${MAX_OFFSET}` })
    .int(`must be a whole number from 0 to ${MAX_OFFSET}`)
    .min(0, `must be a whole number from 0 to ${MAX_OFFSET}`)
    .max(MAX_OFFSET, `must be a whole number from 0 to ${MAX_OFFSET}`),
});
export type StopInput = z.infer<typeof StopInput>;
export const stopsInput = z.array(StopInput).min(1, 'must have at least one stop').max(MAX_STOPS, `must be at most ${MAX_STOPS} stops`);

export type StopRow = typeof departureStops.$inferSelect;

export async function stopsOf(ctx: Ctx, departureId: number): Promise<StopRow[]> {
  return await ctx.db.select().from(departureStops).where(eq(departureStops.departureId, departureId)).orderBy(asc(departureStops.position)).all();
}

export async function stopsByDeparture(ctx: Ctx, departureIds: number[]): Promise<Map<number, StopRow[]>> {
  const byDeparture = new Map<number, StopRow[]>(departureIds.map((id) => [id, []]));
  if (departureIds.length === 0) return byDeparture;
  const rows = await ctx.db
    .select()
    .from(departureStops)
    .where(inArray(departureStops.departureId, departureIds))
    .orderBy(asc(departureStops.departureId), asc(departureStops.position))
    .all();
  for (const row of rows) byDeparture.get(row.departureId)!.push(row);
  return byDeparture;
}

/** Where and when a booking boards: its stop's place and time, else the departure's meeting point. */
export function pickupOf(departure: { departsAt: number; meetingPoint: string }, stop: { offset: number | null; name: string | null; address: string | null }) {
  return {
    at: departure.departsAt + (stop.offset ?? 0) * MINUTE_MS,
    place: stop.name ? (stop.address ? `${stop.name}, ${stop.address}` : stop.name) : departure.meetingPoint,
  };
}

/** A stop as answers show it: its own instant besides the offset. */
export const serializeStop = (stop: StopRow, departsAt: number) => ({
  id: stop.id,
  name: stop.name,
  address: stop.address,
  offsetMinutes: stop.offsetMinutes,
  departsAt: departsAt + stop.offsetMinutes * MINUTE_MS,
});

/** The stops of a new departure: those given, or its meeting point at the departure's time. */
export async function createStops(ctx: TxCtx, departureId: number, input: StopInput[] | undefined, meetingPoint: string): Promise<void> {
  const list = input?.length ? input : [{ name: meetingPoint, address: null, offsetMinutes: 0 }];
  await forEachInOrder(list, async (stop, position) =>
    await ctx.db.insert(departureStops).values({ departureId, position, name: stop.name, address: stop.address ?? null, offsetMinutes: stop.offsetMinutes }).run(),
  );
}

/**
 * Replaces the list (inside the caller's transaction): a stop given with its id keeps it and
 * the bookings on it; a stop left out is removed, unless a booking still boards there.
 * Answers the stops whose name or time changed, for the notices.
 */
export async function replaceStops(ctx: TxCtx, departureId: number, input: StopInput[]): Promise<StopRow[]> {
  const existing = new Map((await stopsOf(ctx, departureId)).map((stop) => [stop.id, stop]));
  input.forEach((stop, i) => {
    if (stop.id !== undefined && !existing.has(stop.id)) throw invalid({ [`stops.${i}.id`]: 'is not a stop of this departure' });
  });
  const kept = new Set(input.map((stop) => stop.id).filter((id) => id !== undefined));
  const removed = [...existing.keys()].filter((id) => !kept.has(id));
  if (removed.length) {
    const used = (await ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(deals)
      .where(and(inArray(deals.stopId, removed), isNull(deals.cancelledAt)))
      .get())!.n;
    if (used > 0) throw new DomainError('conflict', `A stop that bookings use cannot be removed (${used} booking(s))`, { bookings: used, reason: 'stop_in_use' });
    // Cancelled bookings on a removed stop move to the new first one: nobody boards them anyway.
    await ctx.db.update(deals).set({ stopId: null }).where(inArray(deals.stopId, removed)).run();
    await ctx.db.delete(departureStops).where(inArray(departureStops.id, removed)).run();
  }
  const changed: StopRow[] = [];
  await forEachInOrder(input, async (stop, position) => {
    const values = { position, name: stop.name, address: stop.address ?? null, offsetMinutes: stop.offsetMinutes };
    if (stop.id === undefined) {
      await ctx.db.insert(departureStops).values({ departureId, ...values }).run();
      return;
    }
    const before = existing.get(stop.id)!;
    await ctx.db.update(departureStops).set(values).where(eq(departureStops.id, stop.id)).run();
    if (before.name !== stop.name || before.offsetMinutes !== stop.offsetMinutes) changed.push({ ...before, ...values });
  });
  const first = (await stopsOf(ctx, departureId))[0]!;
  await ctx.db.update(deals).set({ stopId: first.id }).where(and(eq(deals.departureId, departureId), isNull(deals.stopId))).run();
  return changed;
}

/**
 * The stops bookings board at. A departure written without any (by an import or by hand)
 * picks up at its meeting point: one stop, id 0, that no booking records.
 */
export async function pickupStops(ctx: Ctx, departureId: number): Promise<StopRow[]> {
  const stops = await stopsOf(ctx, departureId);
  if (stops.length) return stops;
  const departure = await ctx.db.select({ meetingPoint: departures.meetingPoint }).from(departures).where(eq(departures.id, departureId)).get();
  return [{ id: 0, departureId, position: 0, name: departure?.meetingPoint ?? '', address: null, offsetMinutes: 0 }];
}

/** The stop a booking boards at: the one asked for (of this departure), else the first. */
export async function bookingStop(ctx: Ctx, departureId: number, stopId: number | null | undefined, field = 'stopId'): Promise<StopRow> {
  const stops = await pickupStops(ctx, departureId);
  if (stopId === undefined || stopId === null) return stops[0]!;
  const stop = stops.find((s) => s.id === stopId);
  if (!stop) throw invalid({ [field]: 'is not a stop of this departure' });
  return stop;
}
