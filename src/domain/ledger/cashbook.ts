/**
 * The cash book: per day (in the agency's zone) and method, what came in, what went out and
 * the net, so a till can be counted against it at the end of the day.
 */
import { DateTime } from 'luxon';
import { statement } from '../../db/statements.js';
import type { ActingCtx } from '../context.js';
import { forEachInOrder } from '../in-order.js';
import { PeriodQuery, periodOf } from '../reports/departures-report.js';
import { requireRole } from '../users/users.js';
import { DAY_MS, MINUTE_MS } from '../time.js';
import type { MoneyTotals } from './ledger.js';

export interface CashbookLine {
  /** YYYY-MM-DD in the agency's zone. */
  date: string;
  method: string;
  currency: string;
  count: number;
  receivedMinor: number;
  paidOutMinor: number;
  netMinor: number;
}

export interface Cashbook {
  from: string | null;
  to: string | null;
  timeZone: string;
  days: CashbookLine[];
  /** Per method and currency over the period. */
  byMethod: (MoneyTotals & { method: string })[];
  totals: MoneyTotals[];
}

const isoDay = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

interface Stretch {
  start: number;
  end: number;
  /** The zone's offset from UTC over the whole stretch, in ms. */
  offsetMs: number;
}

/**
 * The period cut where the zone's offset changes (twice a year where clocks move): over each
 * stretch one offset holds, so a local day is one integer division of the instant shifted by it.
 * Checked a day at a time; a change is found to the millisecond by halving.
 */
export function constantOffsetStretches(from: number, to: number, zone: string): Stretch[] {
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset * MINUTE_MS;
  const stretches: Stretch[] = [];
  let start = from;
  let offsetMs = offsetAt(from);
  let at = from;
  while (at < to) {
    const last = Math.min(at + DAY_MS, to) - 1;
    if (offsetAt(last) === offsetMs) {
      at = last + 1;
      continue;
    }
    // The last instant known to keep the offset: the previous day's last (the change may fall right on `at`).
    let same = at > start ? at - 1 : at;
    let changed = last;
    while (changed - same > 1) {
      const middle = Math.floor((same + changed) / 2);
      if (offsetAt(middle) === offsetMs) same = middle;
      else changed = middle;
    }
    stretches.push({ start, end: changed, offsetMs });
    start = changed;
    offsetMs = offsetAt(changed);
    at = changed;
  }
  stretches.push({ start, end: to, offsetMs });
  return stretches;
}

/** One stretch summed by local day, method and currency in SQL (the offset is a whole number of ms, written into the text). */
const byDaySql = (offsetMs: number) => `
  SELECT (p.received_at + ${Math.trunc(offsetMs)}) / ${DAY_MS} AS day, p.method AS method, d.currency AS currency, count(*) AS n,
    sum(CASE WHEN p.kind = 'payment' OR (p.kind = 'reversal' AND p.delta_minor < 0) THEN p.delta_minor ELSE 0 END) AS received,
    sum(p.delta_minor) AS net
  FROM payments p JOIN deals d ON d.id = p.deal_id
  WHERE p.received_at >= ? AND p.received_at < ?
  GROUP BY day, p.method, d.currency`;

const EDGES = `SELECT min(received_at) AS first, max(received_at) AS last FROM payments`;

const zero = () => ({ count: 0, receivedMinor: 0, paidOutMinor: 0, netMinor: 0 });
function add(into: { count: number; receivedMinor: number; paidOutMinor: number; netMinor: number }, line: { count: number; receivedMinor: number; netMinor: number }) {
  into.count += line.count;
  into.receivedMinor += line.receivedMinor;
  into.paidOutMinor += line.receivedMinor - line.netMinor;
  into.netMinor += line.netMinor;
}

/** Directors only: the till is the agency's. Days without money are left out. */
export async function cashbook(ctx: ActingCtx, query: PeriodQuery): Promise<Cashbook> {
  requireRole(ctx, 'director');
  const zone = ctx.agency.timeZone;
  const period = periodOf(ctx, query);
  // An open end is where the money ends: read from the index on the day received.
  const edges = query.from && query.to ? null : ((await statement(ctx.sqlite, EDGES).get()) as { first: number | null; last: number | null });
  const from = query.from ? period.from : Number(edges?.first ?? 0);
  const to = query.to ? period.to : Number(edges?.last ?? -1) + 1;
  const days = new Map<string, CashbookLine>();
  if (from < to) {
    await forEachInOrder(constantOffsetStretches(from, to, zone), async (stretch) => {
      const rows = (await statement(ctx.sqlite, byDaySql(stretch.offsetMs)).all(stretch.start, stretch.end)) as { day: number; method: string; currency: string; n: number; received: number; net: number }[];
      for (const row of rows) {
        const date = isoDay(Number(row.day));
        const key = `${date}\u0000${row.method}\u0000${row.currency}`;
        // The day the clocks move is cut in two stretches: its two parts add up.
        const line = days.get(key) ?? days.set(key, { date, method: row.method, currency: row.currency, ...zero() }).get(key)!;
        add(line, { count: Number(row.n), receivedMinor: Number(row.received), netMinor: Number(row.net) });
      }
    });
  }
  const byMethod = new Map<string, MoneyTotals & { method: string }>();
  const totals = new Map<string, MoneyTotals>();
  for (const line of days.values()) {
    const methodKey = `${line.method}\u0000${line.currency}`;
    add(byMethod.get(methodKey) ?? byMethod.set(methodKey, { method: line.method, currency: line.currency, ...zero() }).get(methodKey)!, line);
    add(totals.get(line.currency) ?? totals.set(line.currency, { currency: line.currency, ...zero() }).get(line.currency)!, line);
  }
  const byName = (a: { method: string; currency: string }, b: { method: string; currency: string }) => a.method.localeCompare(b.method) || a.currency.localeCompare(b.currency);
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    timeZone: zone,
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date) || byName(a, b)),
    byMethod: [...byMethod.values()].sort(byName),
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}
