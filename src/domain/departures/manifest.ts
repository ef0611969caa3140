import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, deals } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { dealReference, heldSeatsOf, moneyOf, paidMinorOf, seatsOf, travellersByDeal } from '../deals/index.js';
import { MINUTE_MS } from '../time.js';
import { pickupStops } from './stops.js';
import { getDeparture, type DepartureWithSeats } from './departures.js';
import { extrasOf, takenExtras, type Extra } from './extras.js';
import { vehicleOfDeparture, vehiclesOf, type Vehicle } from './vehicles.js';

/** Which bus a list is of (`?vehicleId=`); none: every bus (documents, the API) or the first (the door's page). */
export const BusQuery = z.object({ vehicleId: z.coerce.number({ error: 'must be an id (a positive whole number)' }).int().positive().optional() });

export interface ManifestRow {
  /** The bus the booking rides in, and its label as the operator wrote it ("1", "A"). */
  vehicleId: number;
  vehicleLabel: string;
  /** The traveller's seat on the plan; null while not seated. */
  seat: number | null;
  /** Where and when the booking boards. */
  stopName: string;
  stopAt: number;
  /** The voucher's reference, to find the booking at the door. */
  reference: string;
  /** Null when the booking has fewer names than seats: the seat is still on the bus. */
  travellerName: string | null;
  travellerNumber: number;
  birthDate: string | null;
  documentNumber: string | null;
  dealId: number;
  clientName: string;
  phone: string | null;
  email: string | null;
  status: string;
  /** Shown once per booking, on its first seat. */
  balanceMinor: number | null;
  currency: string;
  /** At the bus door; null for a place with no name yet (nobody to mark). */
  boarding: 'expected' | 'boarded' | 'no_show' | null;
  /** When the guide marked them boarded or a no-show. */
  boardingAt: number | null;
  /** The traveller's extras by their labels (a code the departure no longer sells, as given). */
  extras: string[];
  /** The booking's own extras, on its first seat only. */
  bookingExtras: string[];
}

/** Codes taken, by the departure's labels; a code it no longer sells is shown as given. */
export const extraLabels = (sold: Extra[], stored: string | null | undefined): string[] =>
  takenExtras(stored).map((code) => sold.find((e) => e.code === code)?.label ?? code);

/**
 * The bus roster: every seat of every booking not cancelled, by bus (in the departure's
 * order), then stop, then seat, then booking; `vehicleId` keeps one bus (a 400 when it is
 * another departure's). `vehicles` are the departure's buses, all of them.
 */
export async function manifestOf(ctx: Ctx, departureId: number, vehicleId?: number): Promise<{ departure: DepartureWithSeats; vehicles: Vehicle[]; rows: ManifestRow[] }> {
  const departure = await getDeparture(ctx, departureId);
  const vehicles = await vehiclesOf(ctx, departure);
  if (vehicleId !== undefined) await vehicleOfDeparture(ctx, departure, vehicleId);
  // A booking naming no bus (or one gone) rides in the first, as the capacity check counts it.
  const busOf = (id: number | null) => vehicles.find((v) => v.id === id) ?? vehicles[0]!;
  const sold = extrasOf(departure);
  const stops = await pickupStops(ctx, departureId);
  const stopOf = (stopId: number | null) => stops.find((s) => s.id === stopId) ?? stops[0]!;
  const bookings = (
    await ctx.db
      .select({ deal: deals, contact: contacts })
      .from(deals)
      .innerJoin(contacts, eq(contacts.id, deals.contactId))
      .where(and(eq(deals.departureId, departureId), ne(deals.status, 'cancelled')))
      .orderBy(asc(deals.id))
      .all()
  ).filter(({ deal }) => vehicleId === undefined || busOf(deal.vehicleId).id === vehicleId);
  const names = await travellersByDeal(ctx, bookings.map((b) => b.deal.id));
  const seatOf = await seatsOf(ctx, [...names.values()].flat().map((t) => t.id));
  const held = await heldSeatsOf(ctx, bookings.map((b) => b.deal.id));
  const rows: (ManifestRow & { bus: number; order: number })[] = [];
  for (const { deal, contact } of bookings) {
    const own = names.get(deal.id) ?? [];
    const stop = stopOf(deal.stopId);
    const bus = busOf(deal.vehicleId);
    const { balanceMinor } = moneyOf(deal, await paidMinorOf(ctx, deal.id));
    const bookingExtras = extraLabels(sold, deal.extras);
    for (let i = 0; i < deal.seats; i++) {
      const traveller = own[i];
      rows.push({
        bus: vehicles.indexOf(bus),
        order: stop.position,
        vehicleId: bus.id,
        vehicleLabel: bus.label,
        seat: (traveller ? seatOf.get(traveller.id) : held.get(deal.id)?.get(i)) ?? null,
        stopName: stop.address ? `${stop.name}, ${stop.address}` : stop.name,
        stopAt: departure.departsAt + stop.offsetMinutes * MINUTE_MS,
        reference: await dealReference(ctx, deal.id),
        travellerName: traveller?.name ?? null,
        travellerNumber: i + 1,
        birthDate: traveller?.birthDate ?? null,
        documentNumber: traveller?.documentNumber ?? null,
        dealId: deal.id,
        clientName: contact.name,
        phone: contact.phone,
        email: contact.email,
        status: deal.status,
        balanceMinor: i === 0 ? balanceMinor : null,
        currency: deal.currency,
        boarding: traveller?.boarding ?? null,
        boardingAt: traveller?.boardingAt ?? null,
        extras: traveller ? extraLabels(sold, traveller.extras) : [],
        bookingExtras: i === 0 ? bookingExtras : [],
      });
    }
  }
  // A stable sort: within a stop and among the unseated, booking order stays.
  rows.sort((a, b) => a.bus - b.bus || a.order - b.order || (a.seat ?? Infinity) - (b.seat ?? Infinity));
  return { departure, vehicles, rows: rows.map(({ bus: _, order: __, ...row }) => row) };
}
