/**
 * The cash book: per day (in the agency's zone) and method, what came in, what went out and
 * the net, so a till can be counted against it at the end of the day.
 */
import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { deals, payments } from '../../db/schema/index.js';
import type { ActingCtx } from '../context.js';
import { PeriodQuery, periodOf } from '../reports/departures-report.js';
import { requireRole } from '../users/users.js';
import { dayNumberIn } from '../zone-days.js';
import { DAY_MS } from '../time.js';
import { paidOutMinorOf, receivedMinorOf, type MoneyKind, type MoneyTotals } from './ledger.js';

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

function add<T extends { count: number; receivedMinor: number; paidOutMinor: number; netMinor: number }>(into: T, kind: MoneyKind, deltaMinor: number): T {
  into.count += 1;
  into.receivedMinor += receivedMinorOf(kind, deltaMinor);
  into.paidOutMinor += paidOutMinorOf(kind, deltaMinor);
  into.netMinor += deltaMinor;
  return into;
}

/** Directors only: the till is the agency's. Days without money are left out. */
export async function cashbook(ctx: ActingCtx, query: PeriodQuery): Promise<Cashbook> {
  requireRole(ctx, 'director');
  const period = periodOf(ctx, query);
  const conditions: SQL[] = [];
  if (query.from) conditions.push(gte(payments.receivedAt, period.from));
  if (query.to) conditions.push(lt(payments.receivedAt, period.to));
  const rows = await ctx.db
    .select({ receivedAt: payments.receivedAt, kind: payments.kind, method: payments.method, deltaMinor: payments.deltaMinor, currency: deals.currency })
    .from(payments)
    .innerJoin(deals, eq(deals.id, payments.dealId))
    .where(and(...conditions))
    .orderBy(asc(payments.receivedAt), asc(payments.id));
  const zone = ctx.agency.timeZone;
  const days = new Map<string, CashbookLine>();
  const byMethod = new Map<string, MoneyTotals & { method: string }>();
  const totals = new Map<string, MoneyTotals>();
  const zero = { count: 0, receivedMinor: 0, paidOutMinor: 0, netMinor: 0 };
  for (const row of rows) {
    const date = isoDay(dayNumberIn(row.receivedAt, zone));
    const dayKey = `${date}\u0000${row.method}\u0000${row.currency}`;
    const methodKey = `${row.method}\u0000${row.currency}`;
    add(days.get(dayKey) ?? days.set(dayKey, { date, method: row.method, currency: row.currency, ...zero }).get(dayKey)!, row.kind, row.deltaMinor);
    add(byMethod.get(methodKey) ?? byMethod.set(methodKey, { method: row.method, currency: row.currency, ...zero }).get(methodKey)!, row.kind, row.deltaMinor);
    add(totals.get(row.currency) ?? totals.set(row.currency, { currency: row.currency, ...zero }).get(row.currency)!, row.kind, row.deltaMinor);
  }
  const byName = (a: { method: string; currency: string }, b: { method: string; currency: string }) => a.method.localeCompare(b.method) || a.currency.localeCompare(b.currency);
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    timeZone: zone,
    // Rows come in time order, so the days already are; within a day, methods by name.
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date) || byName(a, b)),
    byMethod: [...byMethod.values()].sort(byName),
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}
