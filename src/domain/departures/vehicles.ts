/**
 * A departure's buses. Its `seats` are their sum and the capacity check counts them so; a
 * booking rides in one bus with all its travellers (`deals.vehicle_id`), each bus numbers
 * its seats from 1 and has its own layout (or the departure's).
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { departureVehicles } from '../../db/schema/index.js';
import { statement } from '../../db/statements.js';
import type { Ctx, TxCtx } from '../context.js';
import { DomainError, invalid } from '../errors.js';
import { forEachInOrder } from '../in-order.js';
import { requiredLine } from '../text.js';
import { readLayout, SeatLayoutInput, type SeatLayout } from './seat-layout.js';

export const MAX_VEHICLES = 20;
const MAX_SEATS_PER_VEHICLE = 1000;

const vehicleSeats = z
  .number({ error: `must be a whole number from 1 to ${MAX_SEATS_PER_VEHICLE}` })
  .int(`must be a whole number from 1 to ${MAX_SEATS_PER_VEHICLE}`)
  .min(1, `must be a whole number from 1 to ${MAX_SEATS_PER_VEHICLE}`)
  .max(MAX_SEATS_PER_VEHICLE, `must be a whole number from 1 to ${MAX_SEATS_PER_VEHICLE}`);

export const VehicleInput = z.object({
  /** An existing bus of this departure, kept with its bookings and seats; none: a new bus. */
  id: z.number({ error: 'must be an id (a positive whole number)' }).int().positive().optional(),
  label: requiredLine(40),
  seats: vehicleSeats,
  seatLayout: SeatLayoutInput.nullish(),
});
export type VehicleInput = z.infer<typeof VehicleInput>;

export const vehiclesInput = z
  .array(VehicleInput)
  .min(1, 'must have at least one vehicle')
  .max(MAX_VEHICLES, `must be at most ${MAX_VEHICLES} vehicles`)
  .superRefine((vehicles, issues) => {
    const ids = new Set<number>();
    vehicles.forEach((v, i) => {
      if (v.id === undefined) return;
      if (ids.has(v.id)) issues.addIssue({ code: 'custom', path: [i, 'id'], message: 'must not repeat another vehicle' });
      ids.add(v.id);
    });
  });

export type VehicleRow = typeof departureVehicles.$inferSelect;

/** A bus as answers show it: its layout (its own, else the departure's) and the seats its bookings take. */
export interface Vehicle {
  id: number;
  label: string;
  seats: number;
  seatLayout: SeatLayout;
  /** Seats of the bookings (not cancelled) riding in it. */
  seatsBooked: number;
}

/** The seats every bus of these departures carries, by vehicle id (bookings not cancelled). */
async function bookedPerVehicle(ctx: Ctx, departureIds: number[]): Promise<Map<number, number>> {
  if (departureIds.length === 0) return new Map();
  const rows = (await statement(
    ctx.sqlite,
    `SELECT vehicle_id AS vehicleId, sum(seats) AS seats FROM deals
     WHERE departure_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?)) AND status <> 'cancelled' AND vehicle_id IS NOT NULL
     GROUP BY vehicle_id`,
  ).all(JSON.stringify(departureIds))) as { vehicleId: number; seats: number }[];
  return new Map(rows.map((r) => [Number(r.vehicleId), Number(r.seats)]));
}

/** Every bus of these departures, in order, with what each carries. */
export async function vehiclesByDeparture(ctx: Ctx, departures: { id: number; seatLayout: string | null }[]): Promise<Map<number, Vehicle[]>> {
  const byDeparture = new Map<number, Vehicle[]>(departures.map((d) => [d.id, []]));
  if (departures.length === 0) return byDeparture;
  const ids = departures.map((d) => d.id);
  const rows = await ctx.db
    .select()
    .from(departureVehicles)
    .where(inArray(departureVehicles.departureId, ids))
    .orderBy(asc(departureVehicles.departureId), asc(departureVehicles.position))
    .all();
  const booked = await bookedPerVehicle(ctx, ids);
  const layoutOf = new Map(departures.map((d) => [d.id, d.seatLayout]));
  for (const row of rows) {
    byDeparture.get(row.departureId)!.push({
      id: row.id,
      label: row.label,
      seats: row.seats,
      seatLayout: readLayout(row.seatLayout ?? layoutOf.get(row.departureId) ?? null),
      seatsBooked: booked.get(row.id) ?? 0,
    });
  }
  return byDeparture;
}

export async function vehiclesOf(ctx: Ctx, departure: { id: number; seatLayout: string | null }): Promise<Vehicle[]> {
  return (await vehiclesByDeparture(ctx, [departure])).get(departure.id)!;
}

/** The bus `vehicleId` of the departure, or a 400 naming `field` when it is another's. */
export async function vehicleOfDeparture(ctx: Ctx, departure: { id: number; seatLayout: string | null }, vehicleId: number, field = 'vehicleId'): Promise<Vehicle> {
  const vehicle = (await vehiclesOf(ctx, departure)).find((v) => v.id === vehicleId);
  if (!vehicle) throw invalid({ [field]: `is not a vehicle of this departure (${vehicleId})` });
  return vehicle;
}

/** A new departure's buses: those given, else one bus of its seats. */
export async function createVehicles(ctx: TxCtx, departureId: number, input: VehicleInput[] | undefined, seats: number): Promise<void> {
  const list = input ?? [{ label: '1', seats }];
  await forEachInOrder(list, async (v, position) => {
    await ctx.db
      .insert(departureVehicles)
      .values({ departureId, position, label: v.label, seats: v.seats, seatLayout: v.seatLayout ? JSON.stringify(v.seatLayout) : null })
      .run();
  });
}

/** The departure's seats from a change: the buses' sum when they are given, else `seats` for a departure of one bus. */
export function seatsAfter(input: { seats?: number | undefined; vehicles?: VehicleInput[] | undefined }, current: Vehicle[]): number | undefined {
  if (input.vehicles) {
    const sum = input.vehicles.reduce((n, v) => n + v.seats, 0);
    if (input.seats !== undefined && input.seats !== sum) throw invalid({ seats: `must be the sum of the vehicles' seats (${sum})` });
    return sum;
  }
  if (input.seats === undefined) return undefined;
  if (current.length > 1 && input.seats !== current.reduce((n, v) => n + v.seats, 0)) {
    throw invalid({ seats: `is the sum of the ${current.length} vehicles' seats: change the vehicles instead` });
  }
  return input.seats;
}

/**
 * Sets a departure's buses: those named by id are kept (with their bookings and seats) and
 * changed, the others are added, and a bus left out is removed. Runs under the write lock of
 * the departure's change: a bus may not lose seats its bookings take or a seat someone sits
 * in, and a bus with bookings may not go.
 */
export async function replaceVehicles(ctx: TxCtx, departureId: number, current: Vehicle[], input: VehicleInput[]): Promise<void> {
  input.forEach((v, i) => {
    if (v.id !== undefined && !current.some((c) => c.id === v.id)) throw invalid({ [`vehicles.${i}.id`]: `is not a vehicle of this departure (${v.id})` });
  });
  const kept = new Set(input.map((v) => v.id).filter((id): id is number => id !== undefined));
  const removed = current.filter((c) => !kept.has(c.id));
  for (const vehicle of removed) {
    if (vehicle.seatsBooked > 0) {
      throw new DomainError('conflict', `${vehicle.label} carries ${vehicle.seatsBooked} booked seat(s): move its bookings to another vehicle first`, {
        vehicleId: vehicle.id,
        seatsBooked: vehicle.seatsBooked,
        reason: 'vehicle_has_bookings',
      });
    }
  }
  await forEachInOrder(input, async (v, i) => {
    const before = current.find((c) => c.id === v.id);
    if (!before) return;
    if (v.seats < before.seatsBooked) {
      throw new DomainError('conflict', `Cannot lower ${before.label} to ${v.seats} seats: ${before.seatsBooked} are already booked in it`, {
        vehicleId: before.id,
        seatsBooked: before.seatsBooked,
        field: `vehicles.${i}.seats`,
      });
    }
    await refuseSeatsBeyond(ctx, before, v.seats);
  });
  // The first bus kept (or added) takes the cancelled bookings of a bus that goes: their row still names one.
  await forEachInOrder(input, async (v, position) => {
    const values = { position, label: v.label, seats: v.seats, seatLayout: v.seatLayout ? JSON.stringify(v.seatLayout) : null };
    if (v.id !== undefined) await ctx.db.update(departureVehicles).set(values).where(eq(departureVehicles.id, v.id)).run();
    else await ctx.db.insert(departureVehicles).values({ departureId, ...values }).run();
  });
  if (removed.length) {
    const first = (await ctx.db.select({ id: departureVehicles.id }).from(departureVehicles).where(eq(departureVehicles.departureId, departureId)).orderBy(asc(departureVehicles.position)).limit(1).get())!;
    const gone = JSON.stringify(removed.map((v) => v.id));
    await statement(ctx.sqlite, 'UPDATE deals SET vehicle_id = ? WHERE vehicle_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))').run(first.id, gone);
    await statement(ctx.sqlite, 'DELETE FROM seat_assignments WHERE vehicle_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))').run(gone);
    await ctx.db.delete(departureVehicles).where(inArray(departureVehicles.id, removed.map((v) => v.id))).run();
  }
}

/** Nobody may be left sitting in a seat the smaller bus does not have. */
async function refuseSeatsBeyond(ctx: TxCtx, vehicle: Vehicle, seats: number): Promise<void> {
  const highest = (await statement(ctx.sqlite, 'SELECT max(seat) AS seat FROM seat_assignments WHERE vehicle_id = ?').get(vehicle.id)) as { seat: number | null };
  if (highest.seat !== null && Number(highest.seat) > seats) {
    throw new DomainError('conflict', `Seat ${highest.seat} of ${vehicle.label} is taken: it cannot have fewer seats`, {
      vehicleId: vehicle.id,
      seat: Number(highest.seat),
      reason: 'seat_beyond_bus',
    });
  }
}

/** `seats` changed on a departure of one bus: that bus is resized with it. */
export async function resizeOnlyVehicle(ctx: TxCtx, current: Vehicle[], seats: number): Promise<void> {
  const only = current[0]!;
  if (current.length !== 1 || only.seats === seats) return;
  await refuseSeatsBeyond(ctx, only, seats);
  await ctx.db.update(departureVehicles).set({ seats }).where(eq(departureVehicles.id, only.id)).run();
}

/**
 * The bus a new booking of `seats` rides in: of the buses with that many seats free, the one
 * already carrying most travellers from the same stop (so a stop's people board one bus),
 * then the first in order. None with room for the whole booking is a 409: its travellers ride
 * together, and the free seats are split between buses.
 */
export async function chooseVehicle(ctx: Ctx, departure: { id: number; seatLayout: string | null }, seats: number, stopId: number | null, seatsLeft: number): Promise<number> {
  // Most departures are one bus: every booking rides in it, and the capacity check already
  // counted its seats. One indexed read, on the hot path of every booking.
  const buses = (await statement(ctx.sqlite, 'SELECT id FROM departure_vehicles WHERE departure_id = ? LIMIT 2').all(departure.id)) as { id: number }[];
  if (buses.length === 1) return Number(buses[0]!.id);
  const vehicles = await vehiclesOf(ctx, departure);
  const fitting = vehicles.filter((v) => v.seats - v.seatsBooked >= seats);
  if (fitting.length === 0) {
    const together = Math.max(0, ...vehicles.map((v) => v.seats - v.seatsBooked));
    throw new DomainError('sold_out', `No vehicle has ${seats} seats free together (at most ${together} in one)`, {
      seatsLeft,
      seatsRequested: seats,
      seatsTogether: Math.min(together, seatsLeft),
      reason: 'split_across_vehicles',
    });
  }
  if (fitting.length === 1) return fitting[0]!.id;
  const fromStop = new Map(
    ((await statement(
      ctx.sqlite,
      `SELECT vehicle_id AS vehicleId, sum(seats) AS seats FROM deals
       WHERE departure_id = ? AND status <> 'cancelled' AND vehicle_id IS NOT NULL AND stop_id IS ?
       GROUP BY vehicle_id`,
    ).all(departure.id, stopId)) as { vehicleId: number; seats: number }[]).map((r) => [Number(r.vehicleId), Number(r.seats)]),
  );
  const best = fitting.reduce((a, b) => ((fromStop.get(b.id) ?? 0) > (fromStop.get(a.id) ?? 0) ? b : a));
  return best.id;
}

/** The bus asked for, when it has room for the whole booking; else a 409 naming it. */
export async function vehicleWithRoom(ctx: Ctx, departure: { id: number; seatLayout: string | null }, vehicleId: number, seats: number, field = 'vehicleId'): Promise<Vehicle> {
  const vehicle = await vehicleOfDeparture(ctx, departure, vehicleId, field);
  const free = vehicle.seats - vehicle.seatsBooked;
  if (free < seats) {
    throw new DomainError('conflict', `${vehicle.label} has ${free} seat(s) free: the booking's ${seats} do not fit`, {
      vehicleId,
      seatsFree: free,
      seatsRequested: seats,
      reason: 'vehicle_full',
    });
  }
  return vehicle;
}
