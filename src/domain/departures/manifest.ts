import { and, asc, eq, ne } from 'drizzle-orm';
import { contacts, deals } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { dealReference, heldSeatsOf, moneyOf, paidMinorOf, seatsOf, travellersByDeal } from '../deals/index.js';
import { MINUTE_MS } from '../time.js';
import { pickupStops } from './stops.js';
import { getDeparture } from './departures.js';

export interface ManifestRow {
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
}

/** The bus roster: every seat of every booking not cancelled, by stop, then seat, then booking. */
export async function manifestOf(ctx: Ctx, departureId: number) {
  const departure = await getDeparture(ctx, departureId);
  const stops = await pickupStops(ctx, departureId);
  const stopOf = (stopId: number | null) => stops.find((s) => s.id === stopId) ?? stops[0]!;
  const bookings = await ctx.db
    .select({ deal: deals, contact: contacts })
    .from(deals)
    .innerJoin(contacts, eq(contacts.id, deals.contactId))
    .where(and(eq(deals.departureId, departureId), ne(deals.status, 'cancelled')))
    .orderBy(asc(deals.id))
    .all();
  const names = await travellersByDeal(ctx, bookings.map((b) => b.deal.id));
  const seatOf = await seatsOf(ctx, [...names.values()].flat().map((t) => t.id));
  const held = await heldSeatsOf(ctx, bookings.map((b) => b.deal.id));
  const rows: (ManifestRow & { order: number })[] = [];
  for (const { deal, contact } of bookings) {
    const own = names.get(deal.id) ?? [];
    const stop = stopOf(deal.stopId);
    const { balanceMinor } = moneyOf(deal, await paidMinorOf(ctx, deal.id));
    for (let i = 0; i < deal.seats; i++) {
      const traveller = own[i];
      rows.push({
        order: stop.position,
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
      });
    }
  }
  // A stable sort: within a stop and among the unseated, booking order stays.
  rows.sort((a, b) => a.order - b.order || (a.seat ?? Infinity) - (b.seat ?? Infinity));
  return { departure, rows: rows.map(({ order: _, ...row }) => row) };
}
