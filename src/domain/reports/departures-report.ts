import { z } from 'zod';
import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { rangeBound } from '../departures/departures.js';
import { notFound } from '../errors.js';
import { instantInput, calendarDate } from '../time.js';

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
  /** Price of the deals not cancelled. */
  contractedMinor: number;
  /** Payments minus refunds, over all its deals. */
  collectedMinor: number;
  /** Balances still owed on the deals not cancelled. */
  outstandingMinor: number;
  /** Money held for cancelled deals: paid minus refunded. */
  refundDueMinor: number;
  currency: string;
}

/**
 * One pass over the period's departures and their deals: each deal's paid sum from the
 * payments index, then grouped by departure and status. Everything in integer minor units.
 */
const FIGURES_SQL = `
  WITH deal AS (
    SELECT dl.departure_id AS departureId, dl.status, dl.seats, dl.price_minor AS price,
      (SELECT coalesce(sum(p.delta_minor), 0) FROM payments p WHERE p.deal_id = dl.id) AS paid,
      (SELECT count(*) FROM travellers t WHERE t.deal_id = dl.id) AS named
    FROM departures dep CROSS JOIN deals dl ON dl.departure_id = dep.id
    WHERE dep.departs_at >= :from AND dep.departs_at < :to AND (:id IS NULL OR dep.id = :id)
  )
  SELECT departureId, status, count(*) AS deals, sum(seats) AS seats, sum(min(named, seats)) AS named,
    sum(price) AS price, sum(paid) AS paid, sum(max(price - paid, 0)) AS owed, sum(max(paid, 0)) AS held
  FROM deal GROUP BY departureId, status`;

const DEPARTURES_SQL = `
  SELECT id, title, departs_at AS departsAt, seats, currency FROM departures
  WHERE departs_at >= :from AND departs_at < :to AND (:id IS NULL OR id = :id)
  ORDER BY departs_at, id`;

interface GroupRow {
  departureId: number;
  status: string;
  deals: number;
  seats: number;
  named: number;
  price: number;
  paid: number;
  owed: number;
  held: number;
}

function figures(ctx: Ctx, period: { from: number; to: number }, id: number | null): DepartureFigures[] {
  const params = { ...period, id };
  const departures = statement(ctx.sqlite, DEPARTURES_SQL).all(params) as { id: number; title: string; departsAt: number; seats: number; currency: string }[];
  const byId = new Map<number, DepartureFigures>(
    departures.map((d) => [
      d.id,
      {
        departureId: d.id,
        title: d.title,
        departsAt: d.departsAt,
        seats: d.seats,
        seatsBooked: 0,
        travellers: 0,
        dealsByStatus: {},
        contractedMinor: 0,
        collectedMinor: 0,
        outstandingMinor: 0,
        refundDueMinor: 0,
        currency: d.currency,
      },
    ]),
  );
  for (const row of statement(ctx.sqlite, FIGURES_SQL).all(params) as GroupRow[]) {
    const entry = byId.get(row.departureId)!;
    entry.dealsByStatus[row.status] = row.deals;
    entry.collectedMinor += row.paid;
    if (row.status === 'cancelled') {
      entry.refundDueMinor += row.held;
    } else {
      entry.seatsBooked += row.seats;
      entry.travellers += row.named;
      entry.contractedMinor += row.price;
      entry.outstandingMinor += row.owed;
    }
  }
  return [...byId.values()];
}

export type MoneyTotals = Pick<DepartureFigures, 'seats' | 'seatsBooked' | 'travellers' | 'contractedMinor' | 'collectedMinor' | 'outstandingMinor' | 'refundDueMinor' | 'currency'> & {
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
    };
    t.departures++;
    t.seats += row.seats;
    t.seatsBooked += row.seatsBooked;
    t.travellers += row.travellers;
    t.contractedMinor += row.contractedMinor;
    t.collectedMinor += row.collectedMinor;
    t.outstandingMinor += row.outstandingMinor;
    t.refundDueMinor += row.refundDueMinor;
    totals.set(row.currency, t);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The period's departures with their people and money, and totals per currency. */
export function departuresReport(ctx: Ctx, query: PeriodQuery) {
  const period = periodOf(ctx, query);
  const items = figures(ctx, period, null);
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
export function departureReport(ctx: Ctx, departureId: number) {
  const [departure] = figures(ctx, { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER }, departureId);
  if (!departure) throw notFound('departure', departureId);
  const deals = statement(
    ctx.sqlite,
    `SELECT d.id AS dealId, d.contact_id AS contactId, c.name AS client, d.manager_id AS managerId, u.name AS manager, d.seats, d.status,
       d.price_minor AS priceMinor, (SELECT coalesce(sum(p.delta_minor), 0) FROM payments p WHERE p.deal_id = d.id) AS paidMinor
     FROM deals d JOIN contacts c ON c.id = d.contact_id LEFT JOIN users u ON u.id = d.manager_id
     WHERE d.departure_id = ? ORDER BY d.id`,
  ).all(departureId) as Omit<DealLine, 'balanceMinor'>[];
  const byMethod = statement(
    ctx.sqlite,
    `SELECT p.method, sum(CASE WHEN p.delta_minor > 0 THEN p.delta_minor ELSE 0 END) AS inMinor,
       sum(CASE WHEN p.delta_minor < 0 THEN -p.delta_minor ELSE 0 END) AS outMinor, sum(p.delta_minor) AS netMinor
     FROM deals d JOIN payments p ON p.deal_id = d.id WHERE d.departure_id = ? GROUP BY p.method ORDER BY p.method`,
  ).all(departureId) as { method: string; inMinor: number; outMinor: number; netMinor: number }[];
  return {
    ...departure,
    deals: deals.map((d): DealLine => ({ ...d, balanceMinor: d.status === 'cancelled' ? 0 : Math.max(0, d.priceMinor - d.paidMinor) })),
    paymentsByMethod: byMethod,
  };
}
