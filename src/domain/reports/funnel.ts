import { statement } from '../../db/statements.js';
import { BLACKLIST_REASONS, INQUIRY_STATUSES, REFUSAL_REASONS } from '../../db/schema/inquiries.js';
import type { Ctx } from '../context.js';
import { periodOf, type PeriodQuery } from './departures-report.js';

interface LeadRow {
  status: string;
  reason: string | null;
  reactivation: number;
  managerId: number | null;
  manager: string | null;
  createdAt: number;
  firstOfferDueAt: number;
  firstOfferAt: number | null;
}

export interface ReasonShare {
  reason: string;
  count: number;
  /** Of all inquiries closed this way (refused, or black-listed). */
  share: number;
}

export interface FunnelFigures {
  inquiries: number;
  byStatus: Record<string, number>;
  offered: number;
  booked: number;
  /** Inquiries that reached an offer, of all. */
  offerRate: number;
  /** Booked, of those offered. */
  offerToBookedRate: number;
  /** Booked, of all. */
  conversionRate: number;
  /** Median hours from the inquiry to its first offer; null without offers. */
  medianHoursToFirstOffer: number | null;
  /** Offers made by their 8-hour deadline, of those offered. */
  firstOfferOnTimeShare: number | null;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function figuresOf(rows: LeadRow[]): FunnelFigures {
  const byStatus = Object.fromEntries(INQUIRY_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  for (const row of rows) byStatus[row.status]!++;
  const offered = rows.filter((r) => r.firstOfferAt !== null);
  const booked = rows.filter((r) => r.status === 'booked').length;
  const hours = offered.map((r) => (r.firstOfferAt! - r.createdAt) / 3_600_000);
  const m = median(hours);
  return {
    inquiries: rows.length,
    byStatus,
    offered: offered.length,
    booked,
    offerRate: ratio(offered.length, rows.length),
    offerToBookedRate: ratio(rows.filter((r) => r.status === 'booked' && r.firstOfferAt !== null).length, offered.length),
    conversionRate: ratio(booked, rows.length),
    medianHoursToFirstOffer: m === null ? null : Math.round(m * 100) / 100,
    firstOfferOnTimeShare: offered.length ? ratio(offered.filter((r) => r.firstOfferAt! <= r.firstOfferDueAt).length, offered.length) : null,
  };
}

function reasonShares(rows: LeadRow[], status: 'refused' | 'blacklisted', reasons: readonly string[]): ReasonShare[] {
  const closed = rows.filter((r) => r.status === status);
  return reasons
    .map((reason) => {
      const count = closed.filter((r) => r.reason === reason).length;
      return { reason, count, share: ratio(count, closed.length) };
    })
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/**
 * The funnel of the inquiries that came in during the period: where they stand, why the
 * lost ones were lost, how many reached an offer and a booking, how fast the first offer
 * came. Reactivations (returning clients) are counted apart so they do not flatter it.
 */
export async function funnelReport(ctx: Ctx, query: PeriodQuery) {
  const period = periodOf(ctx, query);
  const rows = await statement(
    ctx.sqlite,
    `SELECT i.status, i.reason, i.reactivation, i.manager_id AS managerId, u.name AS manager, i.created_at AS createdAt,
       i.first_offer_due_at AS firstOfferDueAt, i.first_offer_at AS firstOfferAt
     FROM inquiries i LEFT JOIN users u ON u.id = i.manager_id
     WHERE i.created_at >= :from AND i.created_at < :to`,
  ).all(period) as LeadRow[];
  const fresh = rows.filter((r) => !r.reactivation);
  const returning = rows.filter((r) => r.reactivation);
  const managers = new Map<string, { managerId: number | null; manager: string | null; rows: LeadRow[] }>();
  for (const row of fresh) {
    const key = String(row.managerId);
    const entry = managers.get(key) ?? { managerId: row.managerId, manager: row.manager, rows: [] };
    entry.rows.push(row);
    managers.set(key, entry);
  }
  return {
    ...figuresOf(fresh),
    refusalReasons: reasonShares(fresh, 'refused', REFUSAL_REASONS),
    blacklistReasons: reasonShares(fresh, 'blacklisted', BLACKLIST_REASONS),
    reactivations: figuresOf(returning),
    byManager: [...managers.values()]
      .map(({ managerId, manager, rows: own }) => ({ managerId, manager, ...figuresOf(own) }))
      .sort((a, b) => (a.manager ?? '').localeCompare(b.manager ?? '')),
  };
}
