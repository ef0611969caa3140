/** Boarding at the bus door: travellers by stop, marked boarded, no-show or expected again. */
import { mapInOrder } from '../in-order.js';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { paidOf } from '../../db/fragments.js';
import { statement } from '../../db/statements.js';
import { travellers, users } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx } from '../context.js';
import { dealIdOfReference, dealReference, getDealRow, heldSeatsOf, refuseIfCancelled, seatsOf } from '../deals/index.js';
import { MAX_SEATS, getDeparture } from '../departures/departures.js';
import { pickupStops, serializeStop } from '../departures/stops.js';
import { extrasOf } from '../departures/extras.js';
import { extraLabels } from '../departures/manifest.js';
import { vehicleOfDeparture, vehiclesByDeparture, vehiclesOf, type Vehicle } from '../departures/vehicles.js';
import { DomainError, invalid } from '../errors.js';
import { once } from '../idempotency.js';
import { toIso } from '../time.js';
import { foldText } from '../contacts/index.js';

export const BOARDING_STATES = ['expected', 'boarded', 'no_show'] as const;

export const BoardingInput = z.object({
  travellerIds: z.array(z.number({ error: 'must be an id (a positive whole number)' }).int().positive()).max(MAX_SEATS).optional(),
  state: z.enum(BOARDING_STATES),
  /**
   * The state the marking phone showed. A phone that was offline sends its marks late: when
   * another phone changed a traveller since (neither this state nor the one asked for), the
   * mark is a conflict and nothing is changed, rather than the later arrival silently winning.
   */
  ifState: z.enum(BOARDING_STATES).optional(),
});
export type BoardingInput = z.infer<typeof BoardingInput>;
export type BoardingState = (typeof BOARDING_STATES)[number];

/** A traveller as the door sees them: their mark, when, and by whom. */
export interface MarkedTraveller {
  travellerId: number;
  name: string;
  boarding: BoardingState;
  boardingAt: string | null;
  boardingBy: string | null;
}

async function markedTravellers(ctx: Ctx, dealId: number): Promise<MarkedTraveller[]> {
  const rows = await ctx.db
    .select({ id: travellers.id, name: travellers.name, boarding: travellers.boarding, boardingAt: travellers.boardingAt, by: users.name })
    .from(travellers)
    .leftJoin(users, eq(users.id, travellers.boardingBy))
    .where(eq(travellers.dealId, dealId))
    .orderBy(travellers.position)
    .all();
  return rows.map((t) => ({ travellerId: t.id, name: t.name, boarding: t.boarding, boardingAt: toIso(t.boardingAt), boardingBy: t.by ?? null }));
}

/**
 * Marks the named travellers of a booking (all of them when none are named); answers the
 * booking's travellers. A traveller already in the state asked for keeps the time of their
 * first mark. With an Idempotency-Key the same mark sent again (a phone retrying after a
 * lost answer) is done once; the key is kept in the mark's own transaction.
 */
export async function markBoarding(ctx: ActingCtx, dealId: number, input: BoardingInput, idempotencyKey?: string) {
  return await atomically(ctx, async (ctx) =>
    await once(ctx, 'deal-boarding', idempotencyKey, { dealId, ...input }, async () => {
      refuseIfCancelled(await getDealRow(ctx, dealId));
      const before = await markedTravellers(ctx, dealId);
      const own = before.map((t) => t.travellerId);
      const ids = input.travellerIds ?? own;
      const foreign = ids.find((id) => !own.includes(id));
      if (foreign !== undefined) throw invalid({ travellerIds: `is not a traveller of this booking (${foreign})` });
      const named = before.filter((t) => ids.includes(t.travellerId));
      const changed = input.ifState ? named.filter((t) => t.boarding !== input.ifState && t.boarding !== input.state) : [];
      if (changed.length) {
        throw new DomainError('conflict', `Marked meanwhile: ${changed.map((t) => `${t.name} is ${t.boarding}${t.boardingBy ? ` (${t.boardingBy})` : ''}`).join('; ')}`, {
          reason: 'boarding_changed',
          travellers: changed,
        });
      }
      if (ids.length) {
        await ctx.db
          .update(travellers)
          .set({ boarding: input.state, boardingAt: input.state === 'expected' ? null : ctx.now, boardingBy: ctx.actor.id })
          .where(and(eq(travellers.dealId, dealId), inArray(travellers.id, ids), ne(travellers.boarding, input.state)))
          .run();
      }
      return await markedTravellers(ctx, dealId);
    }),
  );
}

export interface BoardingTraveller {
  dealId: number;
  /** The bus the booking rides in. */
  vehicleId: number;
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
  boarding: BoardingState;
  /** When and by whom the mark was made (null while expected and never marked). */
  boardingAt: string | null;
  boardingBy: string | null;
  reference: string;
  /** The traveller's extras by their labels (a code no longer sold, as given). */
  extras: string[];
  /** The booking's own extras, on its first traveller only. */
  bookingExtras: string[];
}

/** Money of one currency. */
export interface CashTaken {
  currency: string;
  amountMinor: number;
}

/** One cash payment (or its reversal, negative) of a booking on the bus's day: the receipt line at the door. */
export interface CashReceipt {
  paymentId: number;
  dealId: number;
  amountMinor: number;
  currency: string;
  receivedAt: string;
  by: string | null;
  receiptNumber: string | null;
}

/**
 * Cash the bus's bookings took on its departure day in the agency's zone: what the guide
 * carries in the envelope, read from the ledger (a door collection is a cash payment).
 */
const CASH_ON_THE_DAY = `
  SELECT p.id AS paymentId, p.deal_id AS dealId, p.delta_minor AS amountMinor, d.currency, p.received_at AS receivedAt, u.name AS byName, p.receipt_number AS receiptNumber
  FROM payments p JOIN deals d ON d.id = p.deal_id LEFT JOIN users u ON u.id = p.created_by
  WHERE d.departure_id = ? AND p.method = 'cash' AND p.received_at >= ? AND p.received_at < ?
  ORDER BY p.id`;

async function cashOnTheDay(ctx: Ctx, departureId: number, departsAt: number): Promise<CashReceipt[]> {
  const day = DateTime.fromMillis(departsAt, { zone: ctx.agency.timeZone }).startOf('day');
  const rows = (await statement(ctx.sqlite, CASH_ON_THE_DAY).all(departureId, day.toMillis(), day.plus({ days: 1 }).toMillis())) as (Omit<CashReceipt, 'receivedAt' | 'by'> & { receivedAt: number; byName: string | null })[];
  return rows.map(({ byName, receivedAt, ...r }) => ({ ...r, receivedAt: toIso(receivedAt), by: byName }));
}

function cashTotals(receipts: CashReceipt[]): CashTaken[] {
  const sums = new Map<string, number>();
  for (const r of receipts) sums.set(r.currency, (sums.get(r.currency) ?? 0) + r.amountMinor);
  return [...sums].filter(([, amountMinor]) => amountMinor !== 0).map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

const ROWS = `
  SELECT d.id AS dealId, d.stop_id AS stopId, d.vehicle_id AS vehicleId, d.extras, d.seats, d.price_minor AS priceMinor, d.currency, ${paidOf('d')} AS paidMinor,
    c.name AS client, c.phone, c.search_text AS searchText
  FROM deals d JOIN contacts c ON c.id = d.contact_id
  WHERE d.departure_id = ? AND d.cancelled_at IS NULL
  ORDER BY d.id`;

/**
 * The departure's boarding list: per stop in route order, every seat booked on it (named
 * travellers, then the booking's unnamed seats), with the phone, the balance to collect,
 * and counts. `q` keeps the bookings whose client, traveller, phone or reference match.
 * `vehicleId` keeps one bus (a 400 when it is another departure's): its travellers, its
 * counts and the cash its bookings took; without it, every bus (by bus, then seat, in a stop).
 */
export async function boardingList(ctx: Ctx, departureId: number, q?: string, vehicleId?: number) {
  const departure = await getDeparture(ctx, departureId);
  const vehicles = await vehiclesOf(ctx, departure);
  const bus = vehicleId === undefined ? null : await vehicleOfDeparture(ctx, departure, vehicleId);
  // A booking naming no bus (or one gone) rides in the first, as the capacity check counts it.
  const busOf = (id: number | null) => (vehicles.find((v) => v.id === (id === null ? null : Number(id))) ?? vehicles[0]!).id;
  const sold = extrasOf(departure);
  const stops = await pickupStops(ctx, departureId);
  const deals = (await statement(ctx.sqlite, ROWS).all(departureId) as {
    dealId: number;
    stopId: number | null;
    vehicleId: number | null;
    extras: string;
    seats: number;
    priceMinor: number;
    currency: string;
    paidMinor: number;
    client: string;
    phone: string | null;
    searchText: string;
  }[]).filter((deal) => bus === null || busOf(deal.vehicleId) === bus.id);
  const named = deals.length
    ? await ctx.db.select().from(travellers).where(inArray(travellers.dealId, deals.map((d) => d.dealId))).orderBy(travellers.dealId, travellers.position).all()
    : [];
  const seatOf = await seatsOf(ctx, named.map((t) => t.id));
  const markers = [...new Set(named.map((t) => t.boardingBy).filter((id): id is number => id !== null))];
  const markerNames = new Map(markers.length ? (await ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, markers)).all()).map((u) => [u.id, u.name] as const) : []);
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
  const list = {
    departureId,
    stops: await mapInOrder(stops, async (stop, index) => {
      const onStop = deals.filter((d) => (d.stopId ?? stops[0]!.id) === stop.id || (index === 0 && !stops.some((s) => s.id === d.stopId)));
      const rows: BoardingTraveller[] = [];
      for (const deal of onStop.filter(matches)) {
        const people = byDeal.get(deal.dealId) ?? [];
        const balanceMinor = Math.max(0, deal.priceMinor - deal.paidMinor);
        const reference = await dealReference(ctx, deal.dealId);
        const bookingExtras = extraLabels(sold, deal.extras);
        const base = { dealId: deal.dealId, vehicleId: busOf(deal.vehicleId), client: deal.client, seat: null, phone: deal.phone, currency: deal.currency, reference, paidMinor: deal.paidMinor };
        people.slice(0, deal.seats).forEach((t, i) =>
          rows.push({
            ...base,
            seat: seatOf.get(t.id) ?? null,
            travellerId: t.id,
            name: t.name,
            boarding: t.boarding,
            boardingAt: toIso(t.boardingAt),
            boardingBy: t.boardingBy === null ? null : (markerNames.get(t.boardingBy) ?? null),
            balanceMinor: i === 0 ? balanceMinor : 0,
            extras: extraLabels(sold, t.extras),
            bookingExtras: i === 0 ? bookingExtras : [],
          }),
        );
        for (let k = people.length; k < deal.seats; k++) {
          rows.push({
            ...base,
            seat: held.get(deal.dealId)?.get(k) ?? null,
            travellerId: null,
            name: '',
            boarding: 'expected',
            boardingAt: null,
            boardingBy: null,
            balanceMinor: k === 0 ? balanceMinor : 0,
            extras: [],
            bookingExtras: k === 0 ? bookingExtras : [],
          });
        }
      }
      // In seat order, as the guide walks the bus (each bus in turn); those without a seat after, in booking order.
      const order = (id: number) => vehicles.findIndex((v) => v.id === id);
      rows.sort((a, b) => order(a.vehicleId) - order(b.vehicleId) || (a.seat ?? Infinity) - (b.seat ?? Infinity));
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
  const total = list.stops.reduce((n, s) => n + s.total, 0);
  const boarded = list.stops.reduce((n, s) => n + s.boarded, 0);
  const noShow = list.stops.reduce((n, s) => n + s.noShow, 0);
  // The bus's envelope: the cash its own bookings took.
  const ours = new Set(deals.map((d) => d.dealId));
  const cashReceipts = (await cashOnTheDay(ctx, departureId, departure.departsAt)).filter((r) => bus === null || ours.has(r.dealId));
  return {
    /** The bus listed (null: every bus), and the departure's buses in order. */
    vehicleId: bus?.id ?? null,
    vehicles: vehicles.map(({ id, label, seats, seatsBooked }) => ({ id, label, seats, seatsBooked })),
    ...list,
    /** The whole bus, whatever the search: the counters the guide keeps in view. */
    totals: { total, boarded, noShow, expected: total - boarded - noShow, cash: cashTotals(cashReceipts) },
    cashReceipts,
    /** When this list was read: a phone showing it offline knows how old it is. */
    at: toIso(ctx.now),
  };
}

/** A bus at the door: its seats, what its bookings take, and how far boarding has gone. */
export interface BusAtTheDoor extends Pick<Vehicle, 'id' | 'label' | 'seats' | 'seatsBooked'> {
  boarded: number;
  noShow: number;
  /** Its booked seats not marked yet (a place with no name counts here: nobody ticked it). */
  expected: number;
}

const MARKS_PER_BUS = `
  SELECT d.departure_id AS departureId, d.vehicle_id AS vehicleId, t.boarding, count(*) AS n
  FROM travellers t JOIN deals d ON d.id = t.deal_id
  WHERE d.departure_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?)) AND d.cancelled_at IS NULL AND t.boarding <> 'expected'
  GROUP BY d.departure_id, d.vehicle_id, t.boarding`;

/** Every bus of these departures, in order, with its boarding counts: My day's line per bus. */
export async function busesAtTheDoor(ctx: Ctx, departures: { id: number; seatLayout: string | null }[]): Promise<Map<number, BusAtTheDoor[]>> {
  const byDeparture = await vehiclesByDeparture(ctx, departures);
  const answer = new Map<number, BusAtTheDoor[]>();
  if (departures.length === 0) return answer;
  const marks = (await statement(ctx.sqlite, MARKS_PER_BUS).all(JSON.stringify(departures.map((d) => d.id)))) as {
    departureId: number;
    vehicleId: number | null;
    boarding: BoardingState;
    n: number;
  }[];
  for (const [departureId, vehicles] of byDeparture) {
    const busOf = (id: number | null) => (vehicles.find((v) => v.id === (id === null ? null : Number(id))) ?? vehicles[0])?.id;
    answer.set(
      departureId,
      vehicles.map((v) => {
        const count = (state: BoardingState) =>
          marks.filter((m) => Number(m.departureId) === departureId && busOf(m.vehicleId) === v.id && m.boarding === state).reduce((n, m) => n + Number(m.n), 0);
        const boarded = count('boarded');
        const noShow = count('no_show');
        return { id: v.id, label: v.label, seats: v.seats, seatsBooked: v.seatsBooked, boarded, noShow, expected: Math.max(0, v.seatsBooked - boarded - noShow) };
      }),
    );
  }
  return answer;
}
