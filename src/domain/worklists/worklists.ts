import { z } from 'zod';
import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { decodeCursor, encodeCursor, pagingQuery } from '../paging.js';
import { DAY_MS } from '../time.js';
import { priorityOf, urgencyOf, type Urgency } from './priority.js';
import { inquiryItems, type InquiryReason } from '../inquiries/worklist.js';

export const DEAL_LISTS = ['new', 'documents-missing', 'deposit-missing', 'balance-due', 'voucher-due', 'notify-due'] as const;
/** Lists of inquiries only; `new` holds both deals and inquiries. */
export const INQUIRY_LISTS = ['first-offer-overdue', 'offer-expiring'] as const;
export const WORKLISTS = [...DEAL_LISTS, ...INQUIRY_LISTS, 'contacts-due', 'my-day'] as const;
export type WorklistName = (typeof WORKLISTS)[number];
type DealList = (typeof DEAL_LISTS)[number];

export const WorklistQuery = z.object({
  departureId: z.coerce.number().int().positive().optional(),
  managerId: z.coerce.number().int().positive().optional(),
  ...pagingQuery,
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

/** Where a booking's notice for the current departure time stands, when nobody is told yet. */
export type NoticeState = 'none' | 'pending' | 'sending' | 'no_address' | 'failed' | 'uncertain';

/** Why an item is on a list; the words are chosen by the reader's language at the edge. */
export type Reason =
  | { code: 'new_booking' }
  | { code: 'documents_not_sent' }
  | { code: 'documents_not_back'; sentAt: number }
  | { code: 'deposit_missing'; dueMinor: number; paidMinor: number; currency: string }
  | { code: 'balance_due'; balanceMinor: number; currency: string }
  | { code: 'voucher_due' }
  | { code: 'not_notified'; departsAt: number; notice: NoticeState }
  | { code: 'planned_contact'; summary: string | null }
  | { code: 'newly_received'; receivedAt: number }
  | InquiryReason;

export interface WorkItem {
  kind: 'deal' | 'inquiry' | 'contact' | 'task';
  id: number;
  list: Exclude<WorklistName, 'my-day'>;
  contactId: number;
  contactName: string;
  managerId: number | null;
  departureId: number | null;
  departureTitle: string | null;
  departsAt: number | null;
  dealStatus: string | null;
  amountMinor: number;
  currency: string | null;
  reason: Reason;
  dueAt: number;
  priority: number;
  urgency: Urgency;
}

/** A client on my-day: once, with every reason from every list. */
export interface MyDayItem extends WorkItem {
  reasons: WorkItem[];
}

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
  paidMinor: number;
  /** notify-due only: the status of the notice for the departure's current schedule. */
  noticeStatus: NoticeState | null;
}

interface DealListRule {
  /** SQL over `d` (deals) and `dep` (departures); each is served by an index on deals. */
  where: string;
  /** An extra column the rule's reason needs, as `noticeStatus`. */
  noticeStatus?: string;
  dueAt: (row: DealRow) => number;
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
    dueAt: (r) => Math.max(r.createdAt + DAY_MS, Math.min(r.createdAt + 3 * DAY_MS, r.departsAt - 14 * DAY_MS)),
    amountMinor: (r) => r.depositDueMinor - r.paidMinor,
    reason: (r) => ({ code: 'deposit_missing', dueMinor: r.depositDueMinor, paidMinor: r.paidMinor, currency: r.currency }),
  },
  'balance-due': {
    where: `d.status = 'deposit_paid'`,
    dueAt: (r) => r.departsAt - 7 * DAY_MS,
    amountMinor: (r) => r.priceMinor - r.paidMinor,
    reason: (r) => ({ code: 'balance_due', balanceMinor: r.priceMinor - r.paidMinor, currency: r.currency }),
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
        WHERE t.deal_id = d.id AND t.kind <> 'voucher' AND t.status <> 'superseded' AND t.status IN ('sent', 'uncertain')
        ORDER BY t.id DESC LIMIT 1), 0) = 0`,
    noticeStatus: `(SELECT n.status FROM notifications n
        WHERE n.deal_id = d.id AND n.schedule_version = dep.schedule_version AND n.kind <> 'voucher')`,
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
function dealListSql(name: DealList, filters: { departure: boolean; manager: boolean; after: boolean }): string {
  return `
    SELECT d.id, d.contact_id AS contactId, c.name AS contactName, d.manager_id AS managerId, d.status,
      d.price_minor AS priceMinor, d.deposit_due_minor AS depositDueMinor, d.currency, d.created_at AS createdAt,
      d.documents_sent_at AS documentsSentAt, dep.id AS departureId, dep.title AS departureTitle, dep.departs_at AS departsAt,
      (SELECT coalesce(sum(p.delta_minor), 0) FROM payments p WHERE p.deal_id = d.id) AS paidMinor,
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

function contactsDueSql(filters: { departure: boolean; manager: boolean; after: boolean }): string {
  return `
    SELECT c.id, c.name, c.manager_id AS managerId, c.next_contact_at AS nextContactAt,
      (SELECT m.summary FROM communications m WHERE m.contact_id = c.id ORDER BY m.at DESC, m.id DESC LIMIT 1) AS summary
    FROM contacts c
    WHERE c.next_contact_at <= :now
      ${filters.manager ? 'AND c.manager_id = :managerId' : ''}
      ${filters.departure ? 'AND EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.departure_id = :departureId)' : ''}
      ${filters.after ? 'AND c.next_contact_at >= :afterAt AND (c.next_contact_at > :afterAt OR c.id > :afterId)' : ''}
    ORDER BY c.next_contact_at, c.id
    LIMIT :limit`;
}

/** The SQL each list runs, exposed so tests can check its query plan. */
export function worklistSql(name: DealList | 'contacts-due', filters: { departure: boolean; manager: boolean; after: boolean }) {
  return name === 'contacts-due' ? contactsDueSql(filters) : dealListSql(name, filters);
}

export interface Scope {
  departureId?: number | undefined;
  managerId?: number | undefined;
  after?: [number, number] | undefined;
  limit: number;
}

function params(ctx: Ctx, scope: Scope) {
  return {
    now: ctx.now,
    limit: scope.limit,
    ...(scope.departureId ? { departureId: scope.departureId } : {}),
    ...(scope.managerId ? { managerId: scope.managerId } : {}),
    ...(scope.after ? { afterAt: scope.after[0], afterId: scope.after[1] } : {}),
  };
}

const filtersOf = (scope: Scope) => ({ departure: !!scope.departureId, manager: !!scope.managerId, after: !!scope.after });

function dealItems(ctx: Ctx, name: DealList, scope: Scope): { items: WorkItem[]; keys: [number, number][] } {
  const rows = statement(ctx.sqlite, dealListSql(name, filtersOf(scope))).all(params(ctx, scope)) as DealRow[];
  const rule = RULES[name];
  const items = rows.map((row): WorkItem => {
    const dueAt = rule.dueAt(row);
    const amountMinor = rule.amountMinor(row);
    const priority = priorityOf({ now: ctx.now, departsAt: row.departsAt, amountMinor, dueAt });
    return {
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
      reason: rule.reason(row),
      dueAt,
      priority,
      urgency: urgencyOf(priority),
    };
  });
  return { items, keys: rows.map((row) => [row.departsAt, row.id]) };
}

/** A promise to call back is worth something even with no trip attached. */
const PLANNED_CONTACT_BASE = 20;

/** A client to talk to, with no booking or inquiry attached to the reason. */
function contactItem(ctx: Ctx, row: { id: number; name: string; managerId: number | null }, reason: Reason, dueAt: number): WorkItem {
  const priority = Math.min(100, PLANNED_CONTACT_BASE + priorityOf({ now: ctx.now, dueAt }));
  return {
    kind: 'contact',
    id: row.id,
    list: 'contacts-due',
    contactId: row.id,
    contactName: row.name,
    managerId: row.managerId,
    departureId: null,
    departureTitle: null,
    departsAt: null,
    dealStatus: null,
    amountMinor: 0,
    currency: null,
    reason,
    dueAt,
    priority,
    urgency: urgencyOf(priority),
  };
}

function contactItems(ctx: Ctx, scope: Scope): { items: WorkItem[]; keys: [number, number][] } {
  const rows = statement(ctx.sqlite, contactsDueSql(filtersOf(scope))).all(params(ctx, scope)) as {
    id: number;
    name: string;
    managerId: number | null;
    nextContactAt: number;
    summary: string | null;
  }[];
  const items = rows.map((row) => contactItem(ctx, row, { code: 'planned_contact', summary: row.summary }, row.nextContactAt));
  return { items, keys: rows.map((row) => [row.nextContactAt, row.id]) };
}

/** How long a transferred client stays marked "newly received" if nobody talks to them. */
const RECEIVED_DAYS = 7;

/**
 * Clients transferred to a manager who has not talked to them since: "newly received" on
 * that manager's my-day.
 */
function receivedItems(ctx: Ctx, scope: Scope): WorkItem[] {
  const rows = statement(
    ctx.sqlite,
    `SELECT c.id, c.name, c.manager_id AS managerId, c.received_at AS receivedAt FROM contacts c
     WHERE c.received_at > :since ${scope.managerId ? 'AND c.manager_id = :managerId' : ''}
       AND NOT EXISTS (SELECT 1 FROM communications m WHERE m.contact_id = c.id AND m.created_at >= c.received_at)
     ORDER BY c.received_at DESC LIMIT :limit`,
  ).all({ since: ctx.now - RECEIVED_DAYS * DAY_MS, limit: scope.limit, ...(scope.managerId ? { managerId: scope.managerId } : {}) }) as {
    id: number;
    name: string;
    managerId: number | null;
    receivedAt: number;
  }[];
  return rows.map((row) => contactItem(ctx, row, { code: 'newly_received', receivedAt: row.receivedAt }, row.receivedAt + DAY_MS));
}

/**
 * One named list, in a stable order (by departure, then deal), paged by keyset. `new` pages
 * through its deals first, then its inquiries; an inquiry cursor is the negated id.
 */
export function listWorklist(ctx: Ctx, name: string, query: WorklistQuery) {
  if (!(WORKLISTS as readonly string[]).includes(name)) throw notFound('worklist', name);
  if (name === 'my-day') throw new DomainError('not_found', 'my-day is served by myDay');
  const after = decodeCursor<[number, number]>(query.cursor, ['number', 'number']);
  const scope: Scope = { departureId: query.departureId, managerId: query.managerId, after, limit: query.limit + 1 };
  const finish = (items: WorkItem[], keys: [number, number][]) => {
    const more = items.length > query.limit;
    return { items: items.slice(0, query.limit), nextCursor: more ? encodeCursor(keys[query.limit - 1]!) : null };
  };
  if ((INQUIRY_LISTS as readonly string[]).includes(name)) {
    const { items, keys } = inquiryItems(ctx, name as (typeof INQUIRY_LISTS)[number], scope);
    return finish(items, keys);
  }
  if (name === 'contacts-due') {
    const { items, keys } = contactItems(ctx, scope);
    return finish(items, keys);
  }
  if (name === 'new') {
    const inInquiries = after !== undefined && after[0] < 0;
    const deals = inInquiries ? { items: [], keys: [] } : dealItems(ctx, 'new', scope);
    if (deals.items.length > query.limit) return finish(deals.items, deals.keys);
    const leads = inquiryItems(ctx, 'new', { ...scope, after: inInquiries ? [-after![0], -after![0]] : undefined, limit: query.limit + 1 - deals.items.length });
    return finish([...deals.items, ...leads.items], [...deals.keys, ...leads.keys.map(([id]): [number, number] => [-id, 0])]);
  }
  const { items, keys } = dealItems(ctx, name as DealList, scope);
  return finish(items, keys);
}

/** How deep my-day looks into each list: the first rows by departure date are the pressing ones. */
export const MY_DAY_DEPTH = 300;

const byUrgency = (a: WorkItem, b: WorkItem) => b.priority - a.priority || a.dueAt - b.dueAt || a.contactId - b.contactId;

/**
 * Every list for one manager (or the whole agency), merged: each client once, carrying all
 * its reasons, most urgent first. Paged by the position in that order.
 */
export function myDay(ctx: Ctx, query: WorklistQuery) {
  const scope: Scope = { departureId: query.departureId, managerId: query.managerId, limit: MY_DAY_DEPTH };
  const all: WorkItem[] = [
    ...DEAL_LISTS.flatMap((name) => dealItems(ctx, name, scope).items),
    ...(['new', ...INQUIRY_LISTS] as const).flatMap((name) => inquiryItems(ctx, name, scope).items),
    ...contactItems(ctx, scope).items,
    ...receivedItems(ctx, scope),
  ];
  const byClient = new Map<number, WorkItem[]>();
  for (const item of all) byClient.set(item.contactId, [...(byClient.get(item.contactId) ?? []), item]);
  const merged: MyDayItem[] = [...byClient.values()].map((items) => {
    const sorted = [...items].sort(byUrgency);
    return { ...sorted[0]!, reasons: sorted };
  });
  merged.sort(byUrgency);
  const after = decodeCursor<[number]>(query.cursor, ['number']);
  const start = after ? after[0] : 0;
  const page = merged.slice(start, start + query.limit);
  const next = start + query.limit;
  return { items: page, nextCursor: next < merged.length ? encodeCursor([next]) : null };
}
