import { paidOf, pickupAtSql, pickupPlaceSql, reachedNotice, toldNotice } from '../../db/fragments.js';
import { arrayStatement } from '../../db/statements.js';
import { DEPARTURE_NOTICE } from '../../db/schema/notifications.js';
import type { Ctx } from '../context.js';
import { DAY_MS } from '../time.js';
import { overdueDays } from '../deals/due-dates.js';
import { workItem } from './item.js';
import { priorityOf } from './priority.js';
import { filtersOf, scopeParams, type Filters, type Scope } from './scope.js';
import type { DealList, Listed, NoticeState, Reason, WorkItem } from './types.js';

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
}

/** The columns every deal list selects, in this order (the rule's notice status last). */
const DEAL_ROW_COLUMNS = [
  ['d.id', 'id'],
  ['d.contact_id', 'contactId'],
  ['c.name', 'contactName'],
  ['d.manager_id', 'managerId'],
  ['d.status', 'status'],
  ['d.price_minor', 'priceMinor'],
  ['d.deposit_due_minor', 'depositDueMinor'],
  ['d.currency', 'currency'],
  ['d.created_at', 'createdAt'],
  ['d.documents_sent_at', 'documentsSentAt'],
  ['dep.id', 'departureId'],
  ['dep.title', 'departureTitle'],
  ['dep.departs_at', 'departsAt'],
  ['dep.time_zone', 'timeZone'],
  ['d.deposit_due_at', 'depositDueAt'],
  ['d.balance_due_at', 'balanceDueAt'],
  [paidOf('d'), 'paidMinor'],
] as const satisfies readonly (readonly [string, keyof DealRow])[];

/**
 * A row read as an array (see arrayStatement), by position in DEAL_ROW_COLUMNS then the notice
 * status. Written out, not looped over, so every row gets the same object shape; a unit test
 * holds the positions to the column list.
 */
export function dealRowOf(r: unknown[]): DealRow {
  return {
    id: r[0] as number,
    contactId: r[1] as number,
    contactName: r[2] as string,
    managerId: r[3] as number | null,
    status: r[4] as string,
    priceMinor: r[5] as number,
    depositDueMinor: r[6] as number,
    currency: r[7] as string,
    createdAt: r[8] as number,
    documentsSentAt: r[9] as number | null,
    departureId: r[10] as number,
    departureTitle: r[11] as string,
    departsAt: r[12] as number,
    timeZone: r[13] as string,
    depositDueAt: r[14] as number,
    balanceDueAt: r[15] as number,
    paidMinor: r[16] as number,
    noticeStatus: r[17] as NoticeState | null,
  };
}

interface DealListRule {
  /** SQL over `d` (deals) and `dep` (departures); each is served by an index on deals. */
  where: string;
  /** An extra column the rule's reason needs, as `noticeStatus`. */
  noticeStatus?: string;
  /** The rule speaks of the booking's own stop: `s`, the deal's departure_stops row (or nulls). */
  stop?: boolean;
  dueAt: (row: DealRow) => number;
  /** The list is about money due by a date: its items carry how many days it is overdue. */
  countsOverdue?: boolean;
  amountMinor: (row: DealRow) => number;
  /** Why the deal is listed; `overdueDays` is counted once per row (0 for lists that do not count it). */
  reason: (row: DealRow, overdueDays: number) => Reason;
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
    reason: (r, late) => ({ code: 'deposit_missing', dueMinor: r.depositDueMinor, paidMinor: r.paidMinor, currency: r.currency, dueAt: r.depositDueAt, overdueDays: late }),
  },
  'balance-due': {
    where: `d.status = 'deposit_paid'`,
    dueAt: (r) => r.balanceDueAt,
    countsOverdue: true,
    amountMinor: (r) => r.priceMinor - r.paidMinor,
    reason: (r, late) => ({ code: 'balance_due', balanceMinor: r.priceMinor - r.paidMinor, currency: r.currency, dueAt: r.balanceDueAt, overdueDays: late }),
  },
  'voucher-due': {
    where: `d.status = 'fully_paid'`,
    dueAt: (r) => r.departsAt - 3 * DAY_MS,
    amountMinor: () => 0,
    reason: () => ({ code: 'voucher_due' }),
  },
  'notify-due': {
    // Not told: the latest notice that went out (if any) did not surely reach them (uncertain),
    // or told another time or place than the booking's own stop has now (db/fragments.ts has
    // the rule). A departure within a day has few bookings, each checked by index seeks.
    where: `d.cancelled_at IS NULL AND dep.departs_at <= :now + ${DAY_MS} AND coalesce((
        SELECT ${reachedNotice('t')} AND t.told_departs_at = ${pickupAtSql('dep', 's')} AND t.told_meeting_point = ${pickupPlaceSql('dep', 's')}
        FROM notifications t
        WHERE t.deal_id = d.id AND ${toldNotice('t')}
        ORDER BY t.id DESC LIMIT 1), FALSE) = FALSE`,
    stop: true,
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
  // Written once per list and filter combination: the text is also the prepared statement's cache key.
  const key = `${name}|${+filters.departure}${+filters.manager}${+filters.after}`;
  let sql = listSql.get(key);
  if (sql === undefined) {
    sql = writeDealListSql(name, filters);
    listSql.set(key, sql);
  }
  return sql;
}

const listSql = new Map<string, string>();

function writeDealListSql(name: DealList, filters: Filters): string {
  return `
    SELECT ${DEAL_ROW_COLUMNS.map(([sql, name]) => `${sql} AS ${name}`).join(', ')},
      ${RULES[name].noticeStatus ?? 'NULL'} AS noticeStatus
    FROM departures dep
    CROSS JOIN deals d ON d.departure_id = dep.id
    JOIN contacts c ON c.id = d.contact_id
    ${RULES[name].stop ? 'LEFT JOIN departure_stops s ON s.id = d.stop_id' : ''}
    WHERE dep.departs_at > :now AND dep.status = 'scheduled' AND ${RULES[name].where}
      ${filters.departure ? 'AND dep.id = :departureId' : ''}
      ${filters.manager ? 'AND d.manager_id = :managerId' : ''}
      ${filters.after ? 'AND dep.departs_at >= :afterAt AND (dep.departs_at > :afterAt OR d.id > :afterId)' : ''}
    ORDER BY dep.departs_at, d.id
    LIMIT :limit`;
}

/**
 * One list's page as work items. The rows come as arrays and each becomes one plain object
 * (copying better-sqlite3's row objects with `{ ...row }` had cost more than the query).
 */
export async function dealItems(ctx: Ctx, name: DealList, scope: Scope): Promise<Listed> {
  const rows = await arrayStatement(ctx.sqlite, dealListSql(name, filtersOf(scope))).all(scopeParams(ctx, scope)) as unknown[][];
  const rule = RULES[name];
  const items: WorkItem[] = [];
  const keys: [number, number][] = [];
  for (const array of rows) {
    const row = dealRowOf(array);
    const dueAt = rule.dueAt(row);
    const amountMinor = rule.amountMinor(row);
    const late = rule.countsOverdue ? overdueDays(dueAt, ctx.now, row.timeZone) : 0;
    const priority = priorityOf({ now: ctx.now, departsAt: row.departsAt, amountMinor, dueAt, overdueDays: rule.countsOverdue ? late : undefined });
    items.push(
      workItem({
        kind: 'deal',
        id: row.id,
        list: name,
        contactId: row.contactId,
        contactName: row.contactName,
        managerId: row.managerId,
        departureId: row.departureId,
        departureTitle: row.departureTitle,
        departsAt: row.departsAt,
        dealStatus: row.status,
        amountMinor,
        currency: row.currency,
        reason: rule.reason(row, late),
        dueAt,
        ...(rule.countsOverdue ? { overdueDays: late } : {}),
        priority,
      }),
    );
    keys.push([row.departsAt, row.id]);
  }
  return { items, keys };
}
