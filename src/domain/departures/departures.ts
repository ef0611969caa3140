import { and, asc, eq, gt, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { emitEvent } from '../webhooks/events.js';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { line, prose, requiredLine } from '../text.js';
import { preparedRead } from '../../db/prepared.js';
import { departureStops, departures } from '../../db/schema/index.js';
import type { ActingCtx, Ctx } from '../context.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { currencyCode, minorAmount } from '../money.js';
import { decodeCursor, page, pagingQuery } from '../paging.js';
import { eventInstantInput, instantInput, parseInstant, timeZoneName } from '../time.js';
import { atomically } from '../../db/transaction.js';
import { cancellationFeesInput, readFeeRules } from './cancellation-fees.js';
import { readLayout, SeatLayoutInput } from './seat-layout.js';
import { costsInput, readCosts, refuseCostsUnlessDirector, seesCosts } from './costs.js';
import { pricesInput, pricesOf, storedPrices, type PriceCategory } from './prices.js';
import { dueDaysInput } from '../deals/due-dates.js';
import { offerFreedSeats, seatsHeldSql } from '../waitlist/offers.js';
import { requireActiveUser } from '../users/active.js';
import { createPlanTasks, followTrip } from '../tasks/plan.js';
import { createVehicles, resizeOnlyVehicle, replaceVehicles, seatsAfter, vehiclesByDeparture, vehiclesInput, vehiclesOf, type Vehicle } from './vehicles.js';
import { extrasInput, extrasOf } from './extras.js';
import { createStops, replaceStops, serializeStop, stopsByDeparture, stopsInput, stopsOf, type StopRow } from './stops.js';

export const MAX_SEATS = 1000;

const title = requiredLine(200);
const meetingPoint = requiredLine(500);
/** A number of seats (a bus's, a booking's, a waiting family's). */
export const seatCount = z
  .number({ error: `must be a whole number from 1 to ${MAX_SEATS}` })
  .int(`must be a whole number from 1 to ${MAX_SEATS}`)
  .min(1, `must be a whole number from 1 to ${MAX_SEATS}`)
  .max(MAX_SEATS, `must be a whole number from 1 to ${MAX_SEATS}`);

/** The trip's operator or manager: the plan's stages of that role go to them. */
const responsibleId = z.number().int().positive();

export const CreateDepartureInput = z
  .object({
    title,
    destination: line(200).nullish(),
    departsAt: eventInstantInput,
    timeZone: timeZoneName.optional(),
    returnsAt: eventInstantInput.nullish(),
    meetingPoint,
    /** Optional when `vehicles` are given: their sum. */
    seats: seatCount.optional(),
    vehicles: vehiclesInput.optional(),
    extras: extrasInput.optional(),
    priceMinor: minorAmount,
    depositMinor: minorAmount,
    currency: currencyCode.optional(),
    cancellationFees: cancellationFeesInput.optional(),
    stops: stopsInput.optional(),
    seatLayout: SeatLayoutInput.optional(),
    costs: costsInput.optional(),
    prices: pricesInput.optional(),
    depositDueDays: dueDaysInput.nullish(),
    balanceDueDays: dueDaysInput.nullish(),
    operatorId: responsibleId.nullish(),
    managerId: responsibleId.nullish(),
    public: z.boolean({ error: 'must be true or false' }).optional(),
    description: prose(4000).nullish(),
  })
  .superRefine((input, issues) => {
    if (input.depositMinor > input.priceMinor) {
      issues.addIssue({ code: 'custom', path: ['depositMinor'], message: 'must not exceed priceMinor' });
    }
    if (input.seats === undefined && !input.vehicles) issues.addIssue({ code: 'custom', path: ['seats'], message: 'is required (or give vehicles)' });
  });
export type CreateDepartureInput = z.infer<typeof CreateDepartureInput>;

export const UpdateDepartureInput = z.object({
  title: title.optional(),
  destination: line(200).nullish(),
  departsAt: eventInstantInput.optional(),
  timeZone: timeZoneName.optional(),
  returnsAt: eventInstantInput.nullish(),
  meetingPoint: meetingPoint.optional(),
  seats: seatCount.optional(),
  vehicles: vehiclesInput.optional(),
  extras: extrasInput.optional(),
  priceMinor: minorAmount.optional(),
  depositMinor: minorAmount.optional(),
  currency: currencyCode.optional(),
  cancellationFees: cancellationFeesInput.optional(),
  stops: stopsInput.optional(),
  seatLayout: SeatLayoutInput.optional(),
  costs: costsInput.optional(),
  prices: pricesInput.optional(),
  depositDueDays: dueDaysInput.nullish(),
  balanceDueDays: dueDaysInput.nullish(),
  operatorId: responsibleId.nullish(),
  managerId: responsibleId.nullish(),
  public: z.boolean({ error: 'must be true or false' }).optional(),
  description: prose(4000).nullish(),
  status: z.enum(['scheduled', 'cancelled']).optional(),
});
export type UpdateDepartureInput = z.infer<typeof UpdateDepartureInput>;

/** The same trip on another date: `departsAt` read in the trip's own zone when it has no offset. */
export const CopyDepartureInput = z.object({ departsAt: eventInstantInput });
export type CopyDepartureInput = z.infer<typeof CopyDepartureInput>;

const dayOrInstant = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD) or an ISO 8601 instant'),
  instantInput,
]);
export const ListDeparturesQuery = z.object({
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
  status: z.enum(['scheduled', 'departed', 'cancelled']).optional(),
  ...pagingQuery,
});
export type ListDeparturesQuery = z.infer<typeof ListDeparturesQuery>;

export type DepartureRow = typeof departures.$inferSelect;
/** `seatsHeld`: seats offered to the waiting list and held for it; nobody else may book them. */
export type DepartureWithSeats = DepartureRow & { seatsBooked: number; seatsHeld: number };

/** Seats held by every deal of the departure that is not cancelled. */
// Written out with table names: drizzle leaves columns unqualified, which inside a correlated
// subquery would bind "id" to the inner table.
export const seatsBookedSql = sql<number>`(select coalesce(sum(d.seats), 0) from deals d
  where d.departure_id = "departures"."id" and d.status <> 'cancelled')`;

/**
 * A departure as answers show it; `stops` are its pickup stops, each with its own time;
 * `costs` only for a director (`withCosts`).
 */
export function serializeDeparture(row: DepartureWithSeats, now: number, stops: StopRow[], vehicles: Vehicle[], withCosts = false) {
  return {
    ...(withCosts ? { costs: readCosts(row.costs) } : {}),
    id: row.id,
    title: row.title,
    destination: row.destination,
    departsAt: row.departsAt,
    timeZone: row.timeZone,
    returnsAt: row.returnsAt,
    meetingPoint: row.meetingPoint,
    seats: row.seats,
    vehicles,
    seatsBooked: row.seatsBooked,
    seatsHeld: row.seatsHeld,
    seatsLeft: seatsLeftOf(row),
    priceMinor: row.priceMinor,
    depositMinor: row.depositMinor,
    currency: row.currency,
    prices: pricesOf(row),
    extras: extrasOf(row),
    depositDueDays: row.depositDueDays,
    balanceDueDays: row.balanceDueDays,
    cancellationFees: readFeeRules(row.cancellationFees),
    stops: stops.map((stop) => serializeStop(stop, row.departsAt)),
    seatLayout: readLayout(row.seatLayout),
    status: departureStatus(row, now),
    scheduleVersion: row.scheduleVersion,
    operatorId: row.operatorId,
    managerId: row.managerId,
    public: row.public,
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Seats anyone may book now: neither booked nor held for the waiting list. */
export const seatsLeftOf = (row: Pick<DepartureWithSeats, 'seats' | 'seatsBooked' | 'seatsHeld'>) => Math.max(0, row.seats - row.seatsBooked - row.seatsHeld);

/**
 * The default category's price and deposit, and the other categories, from a request that
 * may give `prices` (naming `adult` sets the departure's own price and deposit).
 */
function priceColumns(input: { priceMinor?: number | undefined; depositMinor?: number | undefined; prices?: PriceCategory[] | undefined }, current?: DepartureRow) {
  const { adult, others } = input.prices ? storedPrices(input.prices) : { adult: undefined, others: current?.prices ?? '[]' };
  if (adult && input.priceMinor !== undefined && input.priceMinor !== adult.priceMinor) {
    throw invalid({ prices: 'names adult at another price than priceMinor' });
  }
  const priceMinor = adult?.priceMinor ?? input.priceMinor ?? current!.priceMinor;
  const depositMinor = adult?.depositMinor ?? input.depositMinor ?? current!.depositMinor;
  if (depositMinor > priceMinor) throw invalid({ depositMinor: 'must not exceed priceMinor' });
  return { priceMinor, depositMinor, prices: others };
}

export function departureStatus(row: DepartureRow, now: number): 'scheduled' | 'departed' | 'cancelled' {
  if (row.status === 'cancelled') return 'cancelled';
  return row.departsAt <= now ? 'departed' : 'scheduled';
}

function checkTimes(departsAt: number, returnsAt: number | null): void {
  if (returnsAt !== null && returnsAt <= departsAt) throw invalid({ returnsAt: 'must be after departsAt' });
}

export async function createDeparture(ctx: ActingCtx, input: CreateDepartureInput): Promise<DepartureWithSeats> {
  refuseCostsUnlessDirector(ctx, input.costs);
  const timeZone = input.timeZone ?? ctx.agency.timeZone;
  const departsAt = parseInstant(input.departsAt, timeZone, 'departsAt');
  const returnsAt = input.returnsAt ? parseInstant(input.returnsAt, timeZone, 'returnsAt') : null;
  checkTimes(departsAt, returnsAt);
  const money = priceColumns(input);
  const seats = seatsAfter(input, [])!;
  if (input.operatorId) await requireActiveUser(ctx, input.operatorId, 'operatorId');
  if (input.managerId) await requireActiveUser(ctx, input.managerId, 'managerId');
  const row = await atomically(ctx, async (ctx) => {
    const inserted = await ctx.db
      .insert(departures)
      .values({
        title: input.title,
        destination: input.destination ?? null,
        departsAt,
        timeZone,
        returnsAt,
        meetingPoint: input.meetingPoint,
        seats,
        ...money,
        extras: JSON.stringify(input.extras ?? []),
        depositDueDays: input.depositDueDays ?? null,
        balanceDueDays: input.balanceDueDays ?? null,
        currency: input.currency ?? ctx.agency.currency,
        cancellationFees: JSON.stringify(input.cancellationFees ?? []),
        seatLayout: input.seatLayout ? JSON.stringify(input.seatLayout) : null,
        costs: JSON.stringify(input.costs ?? []),
        operatorId: input.operatorId ?? null,
        managerId: input.managerId ?? null,
        public: input.public ?? false,
        description: input.description || null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
      .get();
    await createStops(ctx, inserted.id, input.stops, input.meetingPoint);
    await createVehicles(ctx, inserted.id, input.vehicles, seats);
    // Every trip starts with the agency's plan: one task per stage, due from its date.
    await createPlanTasks(ctx, inserted);
    return inserted;
  });
  return { ...row, seatsBooked: 0, seatsHeld: 0 };
}

/**
 * A departure with its stops, as the API answers it: to the reader (costs for a director), or
 * `asDirector` for a webhook, which only a director subscribes and whose object must not
 * depend on who made the change.
 */
export async function departureAnswer(ctx: Ctx, row: DepartureWithSeats, asDirector = false) {
  return serializeDeparture(row, ctx.now, await stopsOf(ctx, row.id), await vehiclesOf(ctx, row), asDirector || seesCosts(ctx));
}

const departureById = preparedRead((db) =>
  db
    .select({ departure: departures, seatsBooked: seatsBookedSql, seatsHeld: seatsHeldSql })
    .from(departures)
    .where(eq(departures.id, sql.placeholder('id')))
    .prepare(),
);

export async function getDeparture(ctx: Ctx, id: number, field?: string): Promise<DepartureWithSeats> {
  const row = await departureById(ctx.db).get({ id });
  if (!row) throw notFound('departure', id, field);
  return { ...row.departure, seatsBooked: Number(row.seatsBooked), seatsHeld: Number(row.seatsHeld) };
}

/** Applies a change; runs under the write lock so a seat count never drops below what is sold. */
export async function updateDeparture(ctx: ActingCtx, id: number, input: UpdateDepartureInput): Promise<DepartureWithSeats> {
  refuseCostsUnlessDirector(ctx, input.costs);
  if (input.operatorId) await requireActiveUser(ctx, input.operatorId, 'operatorId');
  if (input.managerId) await requireActiveUser(ctx, input.managerId, 'managerId');
  return await atomically(ctx, async (ctx) => {
    const current = await getDeparture(ctx, id);
    const timeZone = input.timeZone ?? current.timeZone;
    const departsAt = input.departsAt !== undefined ? parseInstant(input.departsAt, timeZone, 'departsAt') : current.departsAt;
    const returnsAt =
      input.returnsAt === undefined
        ? current.returnsAt
        : input.returnsAt === null
          ? null
          : parseInstant(input.returnsAt, timeZone, 'returnsAt');
    checkTimes(departsAt, returnsAt);
    const money = priceColumns(input, current);
    const vehiclesBefore = await vehiclesOf(ctx, current);
    const seats = seatsAfter(input, vehiclesBefore) ?? current.seats;
    if (seats < current.seatsBooked) {
      throw new DomainError('conflict', `Cannot lower seats to ${seats}: ${current.seatsBooked} are already booked`, { seatsBooked: current.seatsBooked });
    }
    if (input.vehicles) await replaceVehicles(ctx, id, vehiclesBefore, input.vehicles);
    else if (input.seats !== undefined) await resizeOnlyVehicle(ctx, vehiclesBefore, seats);
    if (input.status === 'cancelled' && current.status !== 'cancelled' && current.seatsBooked > 0) {
      throw new DomainError('conflict', 'Cancel or move its bookings before cancelling the departure', {
        seatsBooked: current.seatsBooked,
      });
    }
    const meetingPoint = input.meetingPoint ?? current.meetingPoint;
    // A stop's new time or name is a change of schedule too: its travellers are owed a correction.
    const stopsChanged = input.stops ? (await replaceStops(ctx, id, input.stops)).length > 0 : false;
    const scheduleChanged = departsAt !== current.departsAt || meetingPoint !== current.meetingPoint || stopsChanged;
    const updated = (await ctx.db
      .update(departures)
      .set({
        title: input.title ?? current.title,
        destination: input.destination === undefined ? current.destination : input.destination,
        departsAt,
        timeZone,
        returnsAt,
        meetingPoint,
        seats,
        extras: input.extras ? JSON.stringify(input.extras) : current.extras,
        ...money,
        depositDueDays: input.depositDueDays === undefined ? current.depositDueDays : input.depositDueDays,
        balanceDueDays: input.balanceDueDays === undefined ? current.balanceDueDays : input.balanceDueDays,
        currency: input.currency ?? current.currency,
        cancellationFees: input.cancellationFees ? JSON.stringify(input.cancellationFees) : current.cancellationFees,
        seatLayout: input.seatLayout ? JSON.stringify(input.seatLayout) : current.seatLayout,
        costs: input.costs ? JSON.stringify(input.costs) : current.costs,
        status: input.status ?? current.status,
        operatorId: input.operatorId === undefined ? current.operatorId : input.operatorId,
        managerId: input.managerId === undefined ? current.managerId : input.managerId,
        public: input.public ?? current.public,
        description: input.description === undefined ? current.description : input.description || null,
        scheduleVersion: current.scheduleVersion + (scheduleChanged ? 1 : 0),
        updatedAt: ctx.now,
      })
      .where(eq(departures.id, id))
      .returning()
      .get())!;
    // A departure of one stop keeps that stop named as its meeting point.
    if (!input.stops && meetingPoint !== current.meetingPoint) {
      await ctx.db
        .update(departureStops)
        .set({ name: meetingPoint })
        .where(and(eq(departureStops.departureId, id), eq(departureStops.position, 0), eq(departureStops.name, current.meetingPoint)))
        .run();
    }
    // The plan's open stages move with the trip and follow its new operator or manager.
    await followTrip(ctx, updated, {
      time: departsAt !== current.departsAt || timeZone !== current.timeZone,
      operator: updated.operatorId !== current.operatorId,
      manager: updated.managerId !== current.managerId,
    });
    // A bigger bus: the waiting list is offered the new seats.
    const bigger = updated.seats > current.seats;
    if (bigger) await offerFreedSeats(ctx, id);
    const answer = bigger ? await getDeparture(ctx, id) : { ...updated, seatsBooked: current.seatsBooked, seatsHeld: current.seatsHeld };
    // After the offers, so the departure carried counts the seats they hold, as a GET after commit would.
    await emitEvent(
      ctx,
      'departure.changed',
      {
        departureId: id,
        scheduleChanged,
        departsAt: new Date(updated.departsAt).toISOString(),
        meetingPoint: updated.meetingPoint,
        seats: updated.seats,
        status: updated.status,
      },
      async (ctx) => ({ departure: await departureAnswer(ctx, answer, true) }),
    );
    return answer;
  });
}

/** A bare date is a whole day in the agency's zone: `to` includes that day. */
export function rangeBound(value: string, zone: string, edge: 'from' | 'to'): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = DateTime.fromISO(value, { zone });
    return (edge === 'from' ? day : day.plus({ days: 1 })).toMillis();
  }
  return parseInstant(value, zone, edge) + (edge === 'to' ? 1 : 0);
}

export async function listDepartures(ctx: Ctx, query: ListDeparturesQuery) {
  const zone = ctx.agency.timeZone;
  const conditions: SQL[] = [];
  if (query.from) conditions.push(gte(departures.departsAt, rangeBound(query.from, zone, 'from')));
  if (query.to) conditions.push(lt(departures.departsAt, rangeBound(query.to, zone, 'to')));
  if (query.status === 'cancelled') conditions.push(eq(departures.status, 'cancelled'));
  if (query.status === 'scheduled') {
    conditions.push(eq(departures.status, 'scheduled'), gt(departures.departsAt, ctx.now));
  }
  if (query.status === 'departed') {
    conditions.push(eq(departures.status, 'scheduled'), lt(departures.departsAt, ctx.now + 1));
  }
  const after = decodeCursor<[number, number]>(query.cursor, ['number', 'number']);
  if (after) {
    conditions.push(
      or(gt(departures.departsAt, after[0]), and(eq(departures.departsAt, after[0]), gt(departures.id, after[1])))!,
    );
  }
  const rows = (await ctx.db
    .select({ departure: departures, seatsBooked: seatsBookedSql, seatsHeld: seatsHeldSql })
    .from(departures)
    .where(and(...conditions))
    .orderBy(asc(departures.departsAt), asc(departures.id))
    .limit(query.limit + 1)
    .all())
    .map((row) => ({ ...row.departure, seatsBooked: Number(row.seatsBooked), seatsHeld: Number(row.seatsHeld) }));
  const stops = await stopsByDeparture(ctx, rows.map((row) => row.id));
  const vehicles = await vehiclesByDeparture(ctx, rows);
  return page(rows, query.limit, (row) => [row.departsAt, row.id], (row) =>
    serializeDeparture(row, ctx.now, stops.get(row.id) ?? [], vehicles.get(row.id) ?? [], seesCosts(ctx)),
  );
}

/**
 * The same trip on another date: title, destination, zone, meeting point, buses, prices, extras,
 * currency and cancellation policy as they are; the return moved by as much as the departure; no bookings.
 */
export async function copyDeparture(ctx: ActingCtx, id: number, input: CopyDepartureInput): Promise<DepartureWithSeats> {
  const source = await getDeparture(ctx, id);
  const departsAt = parseInstant(input.departsAt, source.timeZone, 'departsAt');
  const returnsAt = source.returnsAt === null ? null : source.returnsAt + (departsAt - source.departsAt);
  const iso = (ms: number) => new Date(ms).toISOString();
  return await atomically(ctx, async (ctx) => {
    const copy = await createDeparture(ctx, {
      title: source.title,
      destination: source.destination,
      departsAt: iso(departsAt),
      timeZone: source.timeZone,
      returnsAt: returnsAt === null ? null : iso(returnsAt),
      meetingPoint: source.meetingPoint,
      // A bus of its own layout keeps it; the others follow the departure's, as they did.
      vehicles: (await vehiclesOf(ctx, source)).map((v) => ({
        label: v.label,
        seats: v.seats,
        seatLayout: JSON.stringify(v.seatLayout) === JSON.stringify(readLayout(source.seatLayout)) ? null : v.seatLayout,
      })),
      extras: extrasOf(source),
      priceMinor: source.priceMinor,
      depositMinor: source.depositMinor,
      prices: pricesOf(source),
      depositDueDays: source.depositDueDays,
      balanceDueDays: source.balanceDueDays,
      currency: source.currency,
      cancellationFees: readFeeRules(source.cancellationFees),
      stops: (await stopsOf(ctx, id)).map((stop) => ({ name: stop.name, address: stop.address, offsetMinutes: stop.offsetMinutes })),
      seatLayout: readLayout(source.seatLayout),
      operatorId: source.operatorId,
      managerId: source.managerId,
      public: source.public,
      description: source.description,
    });
    // The costs go with the copy whoever copies it; only a director will see them.
    if (source.costs !== '[]') await ctx.db.update(departures).set({ costs: source.costs }).where(eq(departures.id, copy.id)).run();
    return { ...copy, costs: source.costs };
  });
}
