/** Boarding at the bus door: travellers by stop, marked boarded, no-show or expected again. */
import { mapInOrder } from '../in-order.js';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { paidOf } from '../../db/fragments.js';
import { statement } from '../../db/statements.js';
import { travellers } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx } from '../context.js';
import { dealIdOfReference, dealReference, getDealRow, heldSeatsOf, refuseIfCancelled, seatsOf } from '../deals/index.js';
import { MAX_SEATS, getDeparture } from '../departures/departures.js';
import { pickupStops, serializeStop } from '../departures/stops.js';
import { invalid } from '../errors.js';
import { foldText } from '../contacts/index.js';

export const BOARDING_STATES = ['expected', 'boarded', 'no_show'] as const;

export const BoardingInput = z.object({
  travellerIds: z.array(z.number({ error: 'must be an id (a positive whole number)' }).int().positive()).max(MAX_SEATS).optional(),
  state: z.enum(BOARDING_STATES),
});
export type BoardingInput = z.infer<typeof BoardingInput>;

/** Marks the named travellers of a booking (all of them when none are named); answers the booking's travellers. */
export async function markBoarding(ctx: ActingCtx, dealId: number, input: BoardingInput) {
  return await atomically(ctx, async (ctx) => {
    refuseIfCancelled(await getDealRow(ctx, dealId));
    const own = (await ctx.db.select({ id: travellers.id }).from(travellers).where(eq(travellers.dealId, dealId)).all()).map((t) => t.id);
    const ids = input.travellerIds ?? own;
    const foreign = ids.find((id) => !own.includes(id));
    if (foreign !== undefined) throw invalid({ travellerIds: `is not a traveller of this booking (${foreign})` });
    if (ids.length) {
      await ctx.db
        .update(travellers)
        .set({ boarding: input.state, boardingAt: input.state === 'expected' ? null : ctx.now })
        .where(and(eq(travellers.dealId, dealId), inArray(travellers.id, ids)))
        .run();
    }
    return await ctx.db.select({ id: travellers.id, name: travellers.name, boarding: travellers.boarding }).from(travellers).where(eq(travellers.dealId, dealId)).all();
  });
}

export interface BoardingTraveller {
  dealId: number;
  /** Null for a seat whose traveller is not named yet: nobody to tick until they are. */
  travellerId: number | null;
  name: string;
  client: string;
  seat: number | null;
  phone: string | null;
  /** The booking's balance, on its first traveller only: what to collect at the door. */
  balanceMinor: number;
  /** What the booking has paid so far: a door collection is keyed by it, so a double tap counts once. */
  paidMinor: number;
  currency: string;
  boarding: (typeof BOARDING_STATES)[number];
  reference: string;
}

const ROWS = `
  SELECT d.id AS dealId, d.stop_id AS stopId, d.seats, d.price_minor AS priceMinor, d.currency, ${paidOf('d')} AS paidMinor,
    c.name AS client, c.phone, c.search_text AS searchText
  FROM deals d JOIN contacts c ON c.id = d.contact_id
  WHERE d.departure_id = ? AND d.cancelled_at IS NULL
  ORDER BY d.id`;

/**
 * The departure's boarding list: per stop in route order, every seat booked on it (named
 * travellers, then the booking's unnamed seats), with the phone, the balance to collect,
 * and counts. `q` keeps the bookings whose client, traveller, phone or reference match.
 */
export async function boardingList(ctx: Ctx, departureId: number, q?: string) {
  const departure = await getDeparture(ctx, departureId);
  const stops = await pickupStops(ctx, departureId);
  const deals = await statement(ctx.sqlite, ROWS).all(departureId) as {
    dealId: number;
    stopId: number | null;
    seats: number;
    priceMinor: number;
    currency: string;
    paidMinor: number;
    client: string;
    phone: string | null;
    searchText: string;
  }[];
  const named = deals.length
    ? await ctx.db.select().from(travellers).where(inArray(travellers.dealId, deals.map((d) => d.dealId))).orderBy(travellers.dealId, travellers.position).all()
    : [];
  const seatOf = await seatsOf(ctx, named.map((t) => t.id));
  const held = await heldSeatsOf(ctx, deals.map((d) => d.dealId));
  const byDeal = new Map<number, typeof named>();
  for (const row of named) byDeal.set(row.dealId, [...(byDeal.get(row.dealId) ?? []), row]);
  const wanted = q?.trim() ? foldText(q.trim()) : '';
  const referenced = wanted ? await dealIdOfReference(ctx, q!.trim()) : null;
  // A phone as typed at home ("0888 111 222") is found in its stored international form.
  const digits = wanted.replace(/\D/g, '').replace(/^0+/, '');
  const matches = (deal: (typeof deals)[number]) =>
    !wanted ||
    deal.dealId === referenced ||
    deal.searchText.includes(wanted) ||
    (byDeal.get(deal.dealId) ?? []).some((t) => foldText(t.name).includes(wanted)) ||
    (digits.length >= 3 && (deal.phone ?? '').replace(/\D/g, '').includes(digits));
  return {
    departureId,
    stops: await mapInOrder(stops, async (stop, index) => {
      const onStop = deals.filter((d) => (d.stopId ?? stops[0]!.id) === stop.id || (index === 0 && !stops.some((s) => s.id === d.stopId)));
      const rows: BoardingTraveller[] = [];
      for (const deal of onStop.filter(matches)) {
        const people = byDeal.get(deal.dealId) ?? [];
        const balanceMinor = Math.max(0, deal.priceMinor - deal.paidMinor);
        const reference = await dealReference(ctx, deal.dealId);
        const base = { dealId: deal.dealId, client: deal.client, seat: null, phone: deal.phone, currency: deal.currency, reference, paidMinor: deal.paidMinor };
        people.slice(0, deal.seats).forEach((t, i) => rows.push({ ...base, seat: seatOf.get(t.id) ?? null, travellerId: t.id, name: t.name, boarding: t.boarding, balanceMinor: i === 0 ? balanceMinor : 0 }));
        for (let k = people.length; k < deal.seats; k++) {
          rows.push({ ...base, seat: held.get(deal.dealId)?.get(k) ?? null, travellerId: null, name: '', boarding: 'expected', balanceMinor: k === 0 ? balanceMinor : 0 });
        }
      }
      // In seat order, as the guide walks the bus; those without a seat after, in booking order.
      rows.sort((a, b) => (a.seat ?? Infinity) - (b.seat ?? Infinity));
      const all = onStop.flatMap((d) => (byDeal.get(d.dealId) ?? []).slice(0, d.seats));
      return {
        stop: serializeStop(stop, departure.departsAt),
        travellers: rows,
        total: onStop.reduce((sum, d) => sum + d.seats, 0),
        boarded: all.filter((t) => t.boarding === 'boarded').length,
        noShow: all.filter((t) => t.boarding === 'no_show').length,
      };
    }),
  };
}
