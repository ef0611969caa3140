import { mapInOrder } from '../in-order.js';
import { ratingsOf, type Rating } from '../aftercare/index.js';
import { z } from 'zod';
import { DEAL_STATUSES } from '../../db/schema/deals.js';
import { paidOf } from '../../db/fragments.js';
import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { rangeBound } from '../departures/departures.js';
import { notFound } from '../errors.js';
import { DEFAULT_CATEGORY, findCategory, pricesOf, revenueByCategory, seatCategories } from '../departures/prices.js';
import { instantInput, calendarDate } from '../time.js';
import { extrasRevenueOf } from './extras-revenue.js';

const bound = z.union([calendarDate, instantInput]);
export const PeriodQuery = z.object({ from: bound.optional(), to: bound.optional() });
export type PeriodQuery = z.infer<typeof PeriodQuery>;

/** A period in epoch ms, [from, to); bare dates are whole days in the agency's zone. */
export function periodOf(ctx: Ctx, query: PeriodQuery): { from: number; to: number } {
  const zone = ctx.agency.timeZone;
  return {
    from: query.from ? rangeBound(query.from, zone, 'from') : Number.MIN_SAFE_INTEGER,
    to: query.to ? rangeBound(query.to, zone, 'to') : Number.MAX_SAFE_INTEGER,
  };
}

export interface DepartureFigures {
  departureId: number;
  title: string;
  departsAt: number;
  seats: number;
  /** Seats of the deals not cancelled: the people going. */
  seatsBooked: number;
  /** Travellers named on the deals not cancelled (at most seatsBooked). */
  travellers: number;
  dealsByStatus: Record<string, number>;
  /** Price of the deals not cancelled, plus the fees kept on cancelled ones. */
  contractedMinor: number;
  /** Payments minus refunds, over all its deals. */
  collectedMinor: number;
  /** Balances still owed on the deals not cancelled. */
  outstandingMinor: number;
  /** Money held for cancelled deals beyond their fees: paid minus refunded minus fee. */
  refundDueMinor: number;
  /** Fees kept on cancelled deals. */
  feesMinor: number;
  /** What the trip costs the agency (the departure's costs). */
  costsMinor: number;
  /** Contracted minus costs: what the trip earned. */
  marginMinor: number;
  /** The travellers' answers after the trip: average stars (one decimal) and how many answered. */
  rating: Rating;
  currency: string;
}

const statusCount = (status: string) => `count(CASE WHEN status = '${status}' THEN 1 END) AS "status:${status}"`;

/**
 * One statement for the period: departures in date order (the departs_at index), each one's
 * deals by index, each deal's paid sum from the covering (deal, amount) index, summed per
 * departure in that order so the grouping needs no sort. Integer minor units throughout.
 */
const figuresSql = (one: boolean) => `
  WITH deal AS (
    SELECT dep.id AS departureId, dep.title, dep.departs_at AS departsAt, dep.seats AS busSeats, dep.currency,
      (SELECT coalesce(sum(CAST(json_extract(c.value, '$.amountMinor') AS INTEGER)), 0) FROM json_each(dep.costs) c) AS costs,
      dl.status, dl.seats, dl.price_minor AS price, dl.fee_minor AS fee,
      ${paidOf('dl')} AS paid,
      (SELECT count(*) FROM travellers t WHERE t.deal_id = dl.id) AS named
    FROM departures dep LEFT JOIN deals dl ON dl.departure_id = dep.id
    WHERE ${one ? 'dep.id = :id' : 'dep.departs_at >= :from AND dep.departs_at < :to'}
  )
  SELECT departureId, title, departsAt, busSeats, currency, max(costs) AS costs,
    coalesce(sum(CASE WHEN status <> 'cancelled' THEN seats ELSE 0 END), 0) AS seatsBooked,
    coalesce(sum(CASE WHEN status <> 'cancelled' THEN min(named, seats) ELSE 0 END), 0) AS travellers,
    coalesce(sum(CASE WHEN status <> 'cancelled' THEN price ELSE fee END), 0) AS contracted,
    coalesce(sum(CASE WHEN status = 'cancelled' THEN fee ELSE 0 END), 0) AS fees,
    coalesce(sum(paid), 0) AS collected,
    coalesce(sum(CASE WHEN status <> 'cancelled' THEN max(price - paid, 0) ELSE 0 END), 0) AS outstanding,
    coalesce(sum(CASE WHEN status = 'cancelled' THEN max(paid - fee, 0) ELSE 0 END), 0) AS refundDue,
    ${DEAL_STATUSES.map(statusCount).join(', ')}
  FROM deal GROUP BY departureId, title, departsAt, busSeats, currency ORDER BY departsAt, departureId`;

type FiguresRow = {
  departureId: number;
  title: string;
  departsAt: number;
  busSeats: number;
  currency: string;
  seatsBooked: number;
  travellers: number;
  contracted: number;
  collected: number;
  outstanding: number;
  fees: number;
  costs: number;
  refundDue: number;
} & Record<`status:${string}`, number>;

async function figures(ctx: Ctx, period: { from: number; to: number }, id: number | null): Promise<DepartureFigures[]> {
  // Two statements, not one with "id IS NULL OR": each keeps its index (departs_at, or the id).
  const rows = (id === null ? await statement(ctx.sqlite, figuresSql(false)).all(period) : await statement(ctx.sqlite, figuresSql(true)).all({ id })) as FiguresRow[];
  const ratings = await ratingsOf(ctx, rows.map((row) => row.departureId));
  return rows.map((row) => ({
    departureId: row.departureId,
    title: row.title,
    departsAt: row.departsAt,
    seats: row.busSeats,
    seatsBooked: row.seatsBooked,
    travellers: row.travellers,
    dealsByStatus: Object.fromEntries(DEAL_STATUSES.map((s) => [s, row[`status:${s}`]]).filter(([, n]) => n)),
    contractedMinor: row.contracted,
    collectedMinor: row.collected,
    outstandingMinor: row.outstanding,
    refundDueMinor: row.refundDue,
    feesMinor: row.fees,
    costsMinor: row.costs,
    marginMinor: row.contracted - row.costs,
    rating: ratings.get(row.departureId) ?? { average: null, count: 0 },
    currency: row.currency,
  }));
}

export type MoneyTotals = Pick<DepartureFigures, 'seats' | 'seatsBooked' | 'travellers' | 'contractedMinor' | 'collectedMinor' | 'outstandingMinor' | 'refundDueMinor' | 'feesMinor' | 'costsMinor' | 'marginMinor' | 'currency'> & {
  departures: number;
};

/** Totals per currency: sums in different currencies are never added together. */
export function totalsByCurrency(rows: DepartureFigures[]): MoneyTotals[] {
  const totals = new Map<string, MoneyTotals>();
  for (const row of rows) {
    const t = totals.get(row.currency) ?? {
      currency: row.currency,
      departures: 0,
      seats: 0,
      seatsBooked: 0,
      travellers: 0,
      contractedMinor: 0,
      collectedMinor: 0,
      outstandingMinor: 0,
      refundDueMinor: 0,
      feesMinor: 0,
      costsMinor: 0,
      marginMinor: 0,
    };
    t.departures++;
    t.seats += row.seats;
    t.seatsBooked += row.seatsBooked;
    t.travellers += row.travellers;
    t.contractedMinor += row.contractedMinor;
    t.collectedMinor += row.collectedMinor;
    t.outstandingMinor += row.outstandingMinor;
    t.refundDueMinor += row.refundDueMinor;
    t.feesMinor += row.feesMinor;
    t.costsMinor += row.costsMinor;
    t.marginMinor += row.marginMinor;
    totals.set(row.currency, t);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The period's departures with their people and money, and totals per currency. */
export async function departuresReport(ctx: Ctx, query: PeriodQuery) {
  const period = periodOf(ctx, query);
  const items = await figures(ctx, period, null);
  return { items, totals: totalsByCurrency(items) };
}

export interface DealLine {
  dealId: number;
  contactId: number;
  client: string;
  managerId: number | null;
  manager: string | null;
  seats: number;
  status: string;
  priceMinor: number;
  paidMinor: number;
  balanceMinor: number;
}

/** One departure: its figures, a row per deal, and the money by payment method. */
export async function departureReport(ctx: Ctx, departureId: number) {
  const [departure] = await figures(ctx, { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER }, departureId);
  if (!departure) throw notFound('departure', departureId);
  const deals = await statement(
    ctx.sqlite,
    `SELECT d.id AS dealId, d.contact_id AS contactId, c.name AS client, d.manager_id AS managerId, u.name AS manager, d.seats, d.status,
       d.price_minor AS priceMinor, ${paidOf('d')} AS paidMinor
     FROM deals d JOIN contacts c ON c.id = d.contact_id LEFT JOIN users u ON u.id = d.manager_id
     WHERE d.departure_id = ? ORDER BY d.id`,
  ).all(departureId) as Omit<DealLine, 'balanceMinor'>[];
  const byMethod = await statement(
    ctx.sqlite,
    `SELECT p.method, sum(CASE WHEN p.delta_minor > 0 THEN p.delta_minor ELSE 0 END) AS inMinor,
       sum(CASE WHEN p.delta_minor < 0 THEN -p.delta_minor ELSE 0 END) AS outMinor, sum(p.delta_minor) AS netMinor
     FROM deals d JOIN payments p ON p.deal_id = d.id WHERE d.departure_id = ? GROUP BY p.method ORDER BY p.method`,
  ).all(departureId) as { method: string; inMinor: number; outMinor: number; netMinor: number }[];
  return {
    ...departure,
    deals: deals.map((d): DealLine => ({ ...d, balanceMinor: d.status === 'cancelled' ? 0 : Math.max(0, d.priceMinor - d.paidMinor) })),
    paymentsByMethod: byMethod,
    revenueByCategory: await revenueByCategoryOf(ctx, departureId),
    /** Per extra sold or taken: how many take it among bookings not cancelled, and count × its price (see extras-revenue). */
    extras: await extrasRevenueOf(ctx, departureId),
  };
}

/**
 * The price of the bookings not cancelled, split by the price category of each seat (a named
 * traveller's, else the default), each booking's price shared out in proportion to its seats'
 * list prices to the minor unit: the parts add up to the bookings' prices exactly.
 */
export async function revenueByCategoryOf(ctx: Ctx, departureId: number): Promise<{ category: string; label: string | null; seats: number; revenueMinor: number }[]> {
  const departure = await statement(ctx.sqlite, 'SELECT price_minor AS priceMinor, deposit_minor AS depositMinor, prices FROM departures WHERE id = ?').get(departureId) as {
    priceMinor: number;
    depositMinor: number;
    prices: string;
  };
  const prices = pricesOf(departure);
  const deals = await statement(ctx.sqlite, `SELECT id, seats, price_minor AS priceMinor FROM deals WHERE departure_id = ? AND status <> 'cancelled' ORDER BY id`).all(departureId) as {
    id: number;
    seats: number;
    priceMinor: number;
  }[];
  const categories = new Map<number, string[]>();
  for (const row of await statement(ctx.sqlite, `SELECT t.deal_id AS dealId, t.category FROM travellers t JOIN deals d ON d.id = t.deal_id WHERE d.departure_id = ? ORDER BY t.deal_id, t.position`).all(departureId) as { dealId: number; category: string }[]) {
    categories.set(row.dealId, [...(categories.get(row.dealId) ?? []), row.category]);
  }
  const totals = new Map<string, { seats: number; revenueMinor: number }>(prices.map((p) => [p.category, { seats: 0, revenueMinor: 0 }]));
  for (const deal of deals) {
    const seats = seatCategories(deal.seats, categories.get(deal.id) ?? []).map((c) => (findCategory(prices, c) ? c : DEFAULT_CATEGORY));
    for (const c of seats) totals.get(c)!.seats += 1;
    for (const [c, minor] of revenueByCategory(deal.priceMinor, prices, seats)) totals.get(c)!.revenueMinor += minor;
  }
  return prices.map((p) => ({ category: p.category, label: p.label ?? null, ...totals.get(p.category)! }));
}

export interface CategorySplit {
  departureId: number;
  title: string;
  departsAt: number;
  currency: string;
  split: Awaited<ReturnType<typeof revenueByCategoryOf>>;
}

/** The revenue split of the departures that sell more than one price category. */
export async function revenueByCategoryOfMany(ctx: Ctx, items: Pick<DepartureFigures, 'departureId' | 'title' | 'departsAt' | 'currency'>[]): Promise<CategorySplit[]> {
  return (await mapInOrder(items, async (d) => ({ departureId: d.departureId, title: d.title, departsAt: d.departsAt, currency: d.currency, split: await revenueByCategoryOf(ctx, d.departureId) })))
    .filter((d) => d.split.length > 1);
}
