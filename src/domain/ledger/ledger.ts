/**
 * The money ledger: every payment, refund and reversal by the day the money moved, for the
 * accountant. Directors see the agency's; a manager sees the money of their own bookings.
 */
import { aliasedTable, and, asc, eq, gt, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, deals, departures, payments, users } from '../../db/schema/index.js';
import type { ActingCtx, Ctx } from '../context.js';
import { dealReference } from '../deals/index.js';
import { DomainError } from '../errors.js';
import { decodeCursor, page, pagingQuery } from '../paging.js';
import { PeriodQuery, periodOf } from '../reports/departures-report.js';
import { requireRole } from '../users/users.js';
import { mapInOrder } from '../in-order.js';

export const MONEY_KINDS = ['payment', 'refund', 'reversal'] as const;
export type MoneyKind = (typeof MONEY_KINDS)[number];

const idFilter = z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').positive('must be a whole number');

export const LedgerFilter = PeriodQuery.extend({
  method: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters').optional(),
  kind: z.enum(MONEY_KINDS, { error: `must be one of ${MONEY_KINDS.join(', ')}` }).optional(),
  departureId: idFilter.optional(),
  managerId: idFilter.optional(),
});
export type LedgerFilter = z.infer<typeof LedgerFilter>;

export const LedgerQuery = LedgerFilter.extend({ ...pagingQuery, format: z.enum(['json', 'csv', 'xlsx']).optional() });
export type LedgerQuery = z.infer<typeof LedgerQuery>;

/** A spreadsheet holds the whole period; past this the reader narrows the period. */
export const LEDGER_SHEET_MAX_ROWS = 100_000;

export interface LedgerRow {
  id: number;
  receiptNumber: string | null;
  dealId: number;
  departureId: number;
  departureTitle: string;
  departsAt: number;
  contactId: number;
  contactName: string;
  kind: MoneyKind;
  method: string;
  /** As written on the receipt: always positive. */
  amountMinor: number;
  /** What the row did to the money held: + received, - paid out (a reversal undoes its target). */
  deltaMinor: number;
  currency: string;
  receivedAt: number;
  recordedAt: number;
  recordedById: number | null;
  /** Who took the money; null when the client paid online or a bank statement brought it in. */
  recordedBy: string | null;
  note: string | null;
  reference: string | null;
  reversesPaymentId: number | null;
  reversesReceiptNumber: string | null;
  managerId: number | null;
}

export interface MoneyTotals {
  currency: string;
  count: number;
  receivedMinor: number;
  paidOutMinor: number;
  netMinor: number;
}

/** Who may read the ledger and whose money they see: directors anyone's, a manager their own bookings'. */
export function ledgerScope(ctx: ActingCtx, requestedManager: number | undefined): number | undefined {
  requireRole(ctx, 'director', 'manager');
  if (ctx.actor.role === 'director') return requestedManager;
  if (requestedManager !== undefined && requestedManager !== ctx.actor.id) {
    throw new DomainError('forbidden', "Only a director can read another manager's money");
  }
  return ctx.actor.id;
}

const target = aliasedTable(payments, 'reversed');

function conditionsOf(ctx: Ctx, filter: LedgerFilter, managerId: number | undefined): SQL[] {
  const period = periodOf(ctx, filter);
  const conditions: SQL[] = [];
  if (filter.from) conditions.push(gte(payments.receivedAt, period.from));
  if (filter.to) conditions.push(lt(payments.receivedAt, period.to));
  if (filter.method) conditions.push(eq(payments.method, filter.method));
  if (filter.kind) conditions.push(eq(payments.kind, filter.kind));
  if (filter.departureId) conditions.push(eq(deals.departureId, filter.departureId));
  if (managerId !== undefined) conditions.push(eq(deals.managerId, managerId));
  return conditions;
}

function ledgerSelect(ctx: Ctx) {
  return ctx.db
    .select({
      id: payments.id,
      receiptNumber: payments.receiptNumber,
      dealId: payments.dealId,
      departureId: deals.departureId,
      departureTitle: departures.title,
      departsAt: departures.departsAt,
      contactId: deals.contactId,
      contactName: contacts.name,
      kind: payments.kind,
      method: payments.method,
      amountMinor: payments.amountMinor,
      deltaMinor: payments.deltaMinor,
      currency: deals.currency,
      receivedAt: payments.receivedAt,
      recordedAt: payments.createdAt,
      recordedById: payments.createdBy,
      recordedBy: users.name,
      note: payments.note,
      reference: payments.reference,
      reversesPaymentId: payments.reversesPaymentId,
      reversesReceiptNumber: target.receiptNumber,
      managerId: deals.managerId,
    })
    .from(payments)
    .innerJoin(deals, eq(deals.id, payments.dealId))
    .innerJoin(departures, eq(departures.id, deals.departureId))
    .innerJoin(contacts, eq(contacts.id, deals.contactId))
    .leftJoin(users, eq(users.id, payments.createdBy))
    .leftJoin(target, eq(target.id, payments.reversesPaymentId));
}

async function withReference(ctx: Ctx, row: LedgerRow) {
  return { ...row, dealReference: await dealReference(ctx, row.dealId) };
}
export type LedgerItem = Awaited<ReturnType<typeof withReference>>;

async function totalsOf(ctx: Ctx, conditions: SQL[]): Promise<MoneyTotals[]> {
  const rows = await ctx.db
    .select({
      currency: deals.currency,
      count: sql<number>`count(*)`,
      receivedMinor: sql<number>`coalesce(sum(case when ${payments.kind} = 'payment' or (${payments.kind} = 'reversal' and ${payments.deltaMinor} < 0) then ${payments.deltaMinor} else 0 end), 0)`,
      netMinor: sql<number>`coalesce(sum(${payments.deltaMinor}), 0)`,
    })
    .from(payments)
    .innerJoin(deals, eq(deals.id, payments.dealId))
    .where(and(...conditions))
    .groupBy(deals.currency)
    .orderBy(asc(deals.currency));
  return rows.map((r) => ({
    currency: r.currency,
    count: Number(r.count),
    receivedMinor: Number(r.receivedMinor),
    paidOutMinor: Number(r.receivedMinor) - Number(r.netMinor),
    netMinor: Number(r.netMinor),
  }));
}

/** One page of the ledger in the order the money moved, with the totals of the whole filter. */
export async function listLedger(ctx: ActingCtx, query: LedgerQuery) {
  const conditions = conditionsOf(ctx, query, ledgerScope(ctx, query.managerId));
  const after = decodeCursor<[number, number]>(query.cursor, ['number', 'number']);
  const paged = after
    ? [...conditions, or(gt(payments.receivedAt, after[0]), and(eq(payments.receivedAt, after[0]), gt(payments.id, after[1])))!]
    : conditions;
  const rows = (await ledgerSelect(ctx)
    .where(and(...paged))
    .orderBy(asc(payments.receivedAt), asc(payments.id))
    .limit(query.limit + 1)) as LedgerRow[];
  const shown = page(rows, query.limit, (r) => [r.receivedAt, r.id], (r) => r);
  return {
    items: await mapInOrder(shown.items, (row) => withReference(ctx, row)),
    nextCursor: shown.nextCursor,
    totals: await totalsOf(ctx, conditions),
  };
}

/** The whole period, for a spreadsheet; refused past LEDGER_SHEET_MAX_ROWS rather than cut short. */
export async function ledgerForSheet(ctx: ActingCtx, filter: LedgerFilter) {
  const conditions = conditionsOf(ctx, filter, ledgerScope(ctx, filter.managerId));
  const rows = (await ledgerSelect(ctx)
    .where(and(...conditions))
    .orderBy(asc(payments.receivedAt), asc(payments.id))
    .limit(LEDGER_SHEET_MAX_ROWS + 1)) as LedgerRow[];
  if (rows.length > LEDGER_SHEET_MAX_ROWS) {
    throw new DomainError('validation_failed', `More than ${LEDGER_SHEET_MAX_ROWS} rows: choose a shorter period`, { from: 'choose a shorter period' });
  }
  return { items: await mapInOrder(rows, (row) => withReference(ctx, row)), totals: await totalsOf(ctx, conditions) };
}

/** The methods money was recorded by, for the filter's choices (the agency's own words included). */
export async function ledgerMethods(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db.selectDistinct({ method: payments.method }).from(payments).orderBy(asc(payments.method));
  return rows.map((r) => r.method);
}
