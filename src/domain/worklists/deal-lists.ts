import { paidOf, toldNotice } from '../../db/fragments.js';
import { statement } from '../../db/statements.js';
import { DEPARTURE_NOTICE } from '../../db/schema/notifications.js';
import type { Ctx } from '../context.js';
import { DAY_MS } from '../time.js';
import { overdueDays } from '../deals/due-dates.js';
import { placeOf, workItem } from './item.js';
import { priorityOf } from './priority.js';
import { filtersOf, scopeParams, type Filters, type Scope } from './scope.js';
import type { DealList, Listed, NoticeState, Reason } from './types.js';

interface DealRow {
  id: number;
  contactId: number;
  contactName: string;
  managerId: number | null;
  status: string;
  priceMinor: number;
  depositDueMinor: number;
  currency: string;
  createdAt: number;
  documentsSentAt: number | null;
  departureId: number;
  departureTitle: string;
  departsAt: number;
  timeZone: string;
  depositDueAt: number;
  balanceDueAt: number;
  paidMinor: number;
  /** notify-due only: the status of the notice for the departure's current schedule. */
  noticeStatus: NoticeState | null;
  /** The instant the list is read at, for reasons that count days. */
  now: number;
}

interface DealListRule {
  /** SQL over `d` (deals) and `dep` (departures); each is served by an index on deals. */
  where: string;
  /** An extra column the rule's reason needs, as `noticeStatus`. */
  noticeStatus?: string;
  dueAt: (row: DealRow) => number;
  /** The list is about money due by a date: its items carry how many days it is overdue. */
  countsOverdue?: boolean;
  amountMinor: (row: DealRow) => number;
  reason: (row: DealRow) => Reason;
}

const RULES: Record<DealList, DealListRule> = {
  new: {
    where: `d.status = 'new'`,
    dueAt: (r) => r.createdAt + DAY_MS,
    amountMinor: (r) => r.priceMinor,
    reason: () => ({ code: 'new_booking' }),
  },
  'documents-missing': {
    where: `d.documents_received_at IS NULL AND d.cancelled_at IS NULL`,
    dueAt: (r) => r.departsAt - 7 * DAY_MS,
    amountMinor: () => 0,
    reason: (r) => (r.documentsSentAt ? { code: 'documents_not_back', sentAt: r.documentsSentAt } : { code: 'documents_not_sent' }),
  },
  'deposit-missing': {
    // Below deposit_paid in the order means the deposit is not in (see deriveDealStatus).
    where: `d.status IN ('new', 'documents_sent', 'documents_received') AND d.deposit_due_minor > 0`,
    dueAt: (r) => r.depositDueAt,
    countsOverdue: true,
    amountMinor: (r) => r.depositDueMinor - r.paidMinor,
    reason: (r) => ({ code: 'deposit_missing', dueMinor: r.depositDueMinor, paidMinor: r.paidMinor, currency: r.currency, dueAt: r.depositDueAt, overdueDays: overdueDays(r.depositDueAt, r.now, r.timeZone) }),
  },
  'balance-due': {
    where: `d.status = 'deposit_paid'`,
    dueAt: (r) => r.balanceDueAt,
    countsOverdue: true,
    amountMinor: (r) => r.priceMinor - r.paidMinor,
    reason: (r) => ({ code: 'balance_due', balanceMinor: r.priceMinor - r.paidMinor, currency: r.currency, dueAt: r.balanceDueAt, overdueDays: overdueDays(r.balanceDueAt, r.now, r.timeZone) }),
  },
  'voucher-due': {
    where: `d.status = 'fully_paid'`,
    dueAt: (r) => r.departsAt - 3 * DAY_MS,
    amountMinor: () => 0,
    reason: () => ({ code: 'voucher_due' }),
  },
  'notify-due': {
    // Not reached: the latest notice that went out (if any) told another time or place, or
    // may not have arrived (uncertain). A departure within a day has few bookings, each
    // checked by index seeks.
    where: `d.cancelled_at IS NULL AND dep.departs_at <= :now + ${DAY_MS} AND coalesce((
        SELECT t.status = 'sent' AND t.told_departs_at = dep.departs_at AND t.told_meeting_point = dep.meeting_point
        FROM notifications t
        WHERE t.deal_id = d.id AND ${toldNotice('t')}
        ORDER BY t.id DESC LIMIT 1), 0) = 0`,
    noticeStatus: `(SELECT n.status FROM notifications n
        WHERE n.deal_id = d.id AND n.schedule_version = dep.schedule_version AND n.${DEPARTURE_NOTICE})`,
    dueAt: (r) => r.departsAt - DAY_MS,
    amountMinor: () => 0,
    reason: (r) => ({ code: 'not_notified', departsAt: r.departsAt, notice: r.noticeStatus ?? 'none' }),
  },
};

/**
 * CROSS JOIN fixes SQLite's join order: the outer loop is the range of upcoming departures
 * (departures_departs_at_idx), the inner one an index seek per departure, so deals of trips
 * that have left are never read, however many years of them the file holds.
 */
export function dealListSql(name: DealList, filters: Filters): string {
  return `
    SELECT d.id, d.contact_id AS contactId, c.name AS contactName, d.manager_id AS managerId, d.status,
      d.price_minor AS priceMinor, d.deposit_due_minor AS depositDueMinor, d.currency, d.created_at AS createdAt,
      d.documents_sent_at AS documentsSentAt, dep.id AS departureId, dep.title AS departureTitle, dep.departs_at AS departsAt,
      dep.time_zone AS timeZone, d.deposit_due_at AS depositDueAt, d.balance_due_at AS balanceDueAt,
      ${paidOf('d')} AS paidMinor,
      ${RULES[name].noticeStatus ?? 'NULL'} AS noticeStatus
    FROM departures dep
    CROSS JOIN deals d ON d.departure_id = dep.id
    JOIN contacts c ON c.id = d.contact_id
    WHERE dep.departs_at > :now AND dep.status = 'scheduled' AND ${RULES[name].where}
      ${filters.departure ? 'AND dep.id = :departureId' : ''}
      ${filters.manager ? 'AND d.manager_id = :managerId' : ''}
      ${filters.after ? 'AND dep.departs_at >= :afterAt AND (dep.departs_at > :afterAt OR d.id > :afterId)' : ''}
    ORDER BY dep.departs_at, d.id
    LIMIT :limit`;
}

export function dealItems(ctx: Ctx, name: DealList, scope: Scope): Listed {
  const rows = (statement(ctx.sqlite, dealListSql(name, filtersOf(scope))).all(scopeParams(ctx, scope)) as Omit<DealRow, 'now'>[]).map(
    (row): DealRow => ({ ...row, now: ctx.now }),
  );
  const rule = RULES[name];
  const items = rows.map((row) => {
    const dueAt = rule.dueAt(row);
    const amountMinor = rule.amountMinor(row);
    const late = rule.countsOverdue ? { overdueDays: overdueDays(dueAt, ctx.now, row.timeZone) } : {};
    const priority = priorityOf({ now: ctx.now, departsAt: row.departsAt, amountMinor, dueAt, ...late });
    return workItem({
      kind: 'deal',
      id: row.id,
      list: name,
      ...placeOf(row),
      dealStatus: row.status,
      amountMinor,
      currency: row.currency,
      reason: rule.reason(row),
      dueAt,
      ...late,
      priority,
    });
  });
  return { items, keys: rows.map((row) => [row.departsAt, row.id]) };
}
