import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { line, requiredLine, requiredProse } from '../text.js';
import { paidOf } from '../../db/fragments.js';
import { preparedFor } from '../../db/prepared.js';
import { dealHistory, deals, payments, travellers, users } from '../../db/schema/index.js';
import { requireActiveUser, getContact } from '../contacts/contacts.js';
import type { ActingCtx, Ctx } from '../context.js';
import { departureStatus, getDeparture, MAX_SEATS } from '../departures/departures.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { minorAmount, perSeatTotal } from '../money.js';
import { decodeCursor, page, pagingQuery } from '../paging.js';
import { calendarDate } from '../time.js';
import { DEAL_STATUSES } from '../../db/schema/deals.js';
import { deriveDealStatus, type DealFacts, type DealStatus } from './status.js';
import { atomically } from '../../db/transaction.js';

const id = z.number({ error: 'must be an id (a positive whole number)' }).int().positive();
const seats = z
  .number({ error: `must be a whole number from 1 to ${MAX_SEATS}` })
  .int(`must be a whole number from 1 to ${MAX_SEATS}`)
  .min(1, `must be a whole number from 1 to ${MAX_SEATS}`)
  .max(MAX_SEATS, `must be a whole number from 1 to ${MAX_SEATS}`);

export const TravellerInput = z.object({
  name: requiredLine(200),
  birthDate: calendarDate.nullish(),
  documentNumber: line(50).nullish(),
});
export type TravellerInput = z.infer<typeof TravellerInput>;
const travellerList = z.array(TravellerInput).max(MAX_SEATS);

const noMoreTravellersThanSeats = (
  input: { seats?: number | undefined; travellers?: unknown[] | undefined },
  issues: z.RefinementCtx,
) => {
  if (input.seats !== undefined && input.travellers && input.travellers.length > input.seats) {
    issues.addIssue({ code: 'custom', path: ['travellers'], message: `at most one traveller per seat (${input.seats})` });
  }
};

export const CreateDealInput = z
  .object({
    departureId: id,
    contactId: id,
    seats,
    travellers: travellerList.optional(),
    managerId: id.nullish(),
    priceMinor: minorAmount.optional(),
    depositDueMinor: minorAmount.optional(),
  })
  .superRefine(noMoreTravellersThanSeats);
export type CreateDealInput = z.infer<typeof CreateDealInput>;

export const UpdateDealInput = z
  .object({
    seats: seats.optional(),
    travellers: travellerList.optional(),
    managerId: id.nullish(),
    priceMinor: minorAmount.optional(),
    depositDueMinor: minorAmount.optional(),
  })
  .superRefine(noMoreTravellersThanSeats);
export type UpdateDealInput = z.infer<typeof UpdateDealInput>;

export const DocumentsInput = z.object({ state: z.enum(['sent', 'received']) });
export type DocumentsInput = z.infer<typeof DocumentsInput>;

export const CancelDealInput = z.object({ reason: requiredProse(1000) });
export type CancelDealInput = z.infer<typeof CancelDealInput>;

export const ListDealsQuery = z.object({
  departureId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  managerId: z.coerce.number().int().positive().optional(),
  status: z.enum(DEAL_STATUSES).optional(),
  ...pagingQuery,
});
export type ListDealsQuery = z.infer<typeof ListDealsQuery>;

export type DealRow = typeof deals.$inferSelect;

/** Net money held for a deal: the ledger's signed amounts. */
export const paidMinorSql = sql<number>`${sql.raw(paidOf('"deals"'))}`;

const paidByDeal = preparedFor((db) =>
  db
    .select({ paid: sql<number>`coalesce(sum(${payments.deltaMinor}), 0)` })
    .from(payments)
    .where(eq(payments.dealId, sql.placeholder('dealId')))
    .prepare(),
);

export function paidMinorOf(ctx: Ctx, dealId: number): number {
  return Number(paidByDeal(ctx.db).get({ dealId })?.paid ?? 0);
}

const dealById = preparedFor((db) => db.select().from(deals).where(eq(deals.id, sql.placeholder('id'))).prepare());

export function getDealRow(ctx: Ctx, dealId: number): DealRow {
  const row = dealById(ctx.db).get({ id: dealId });
  if (!row) throw notFound('deal', dealId);
  return row;
}

export const factsOf = (row: DealRow, paidMinor: number): DealFacts => ({ ...row, paidMinor });

/**
 * Re-derives the deal's status from its facts after a change, inside the caller's
 * transaction, and appends a history row when it moved. Nothing else writes `status`.
 */
export function refreshDealStatus(ctx: Ctx, dealId: number, note?: string): DealStatus {
  const row = getDealRow(ctx, dealId);
  const next = deriveDealStatus(factsOf(row, paidMinorOf(ctx, dealId)));
  setStatus(ctx.db).run({ id: dealId, status: next, at: ctx.now });
  if (next !== row.status) {
    // Without an actor the change is the system's own (the notifier's mail was accepted).
    insertHistory(ctx.db).run({ dealId, fromStatus: row.status, toStatus: next, at: ctx.now, byUserId: ctx.actor?.id ?? null, note: note ?? null });
  }
  return next;
}

function replaceTravellers(ctx: Ctx, dealId: number, list: TravellerInput[]): void {
  ctx.db.delete(travellers).where(eq(travellers.dealId, dealId)).run();
  list.forEach((traveller, position) =>
    ctx.db
      .insert(travellers)
      .values({
        dealId,
        position,
        name: traveller.name,
        birthDate: traveller.birthDate ?? null,
        documentNumber: traveller.documentNumber ?? null,
      })
      .run(),
  );
}

/** `{ a: sql.placeholder('a'), ... }` for the values of a prepared insert. */
const placeholders = <K extends string>(...names: K[]) =>
  Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as unknown as Record<
    K,
    ReturnType<typeof sql.placeholder>
  >;

const insertDeal = preparedFor((db) => {
  const p = placeholders('departureId', 'contactId', 'managerId', 'seats', 'priceMinor', 'depositDueMinor', 'currency', 'status', 'createdBy', 'at');
  return db
    .insert(deals)
    .values({ ...p, createdAt: p.at, updatedAt: p.at })
    .returning({ id: deals.id })
    .prepare();
});

const setStatus = preparedFor((db) =>
  db
    .update(deals)
    .set({ status: sql.placeholder('status') as never, updatedAt: sql.placeholder('at') as never })
    .where(eq(deals.id, sql.placeholder('id')))
    .prepare(),
);

const insertHistory = preparedFor((db) =>
  db
    .insert(dealHistory)
    .values(placeholders('dealId', 'fromStatus', 'toStatus', 'at', 'byUserId', 'note'))
    .prepare(),
);

/** The seat check of every booking path; must run inside a BEGIN IMMEDIATE transaction. */
export function assertBookable(ctx: Ctx, departureId: number, seatsWanted: number, field = 'departureId') {
  const departure = getDeparture(ctx, departureId, field);
  const status = departureStatus(departure, ctx.now);
  if (status === 'cancelled') throw new DomainError('conflict', 'This departure is cancelled', { departureId });
  if (status === 'departed') throw new DomainError('conflict', 'This departure has already left', { departureId });
  const seatsLeft = Math.max(0, departure.seats - departure.seatsBooked);
  if (seatsWanted > seatsLeft) {
    throw new DomainError('sold_out', `Only ${seatsLeft} seat(s) left on this departure`, {
      seatsLeft,
      seatsRequested: seatsWanted,
    });
  }
  return departure;
}

/**
 * Books seats. The capacity check and the insert share one BEGIN IMMEDIATE transaction:
 * the write lock is taken before the seats are counted, so no other request or process
 * can book in between and no seat is sold twice.
 */
export function createDeal(ctx: ActingCtx, input: CreateDealInput): number {
  const contact = getContact(ctx, input.contactId, 'contactId');
  if (input.managerId) requireActiveUser(ctx, input.managerId, 'managerId');
  return atomically(ctx.sqlite, () => {
    const departure = assertBookable(ctx, input.departureId, input.seats);
    const priceMinor = input.priceMinor ?? perSeatTotal(input.seats, departure.priceMinor);
    const depositDueMinor = Math.min(
      input.depositDueMinor ?? perSeatTotal(input.seats, departure.depositMinor),
      priceMinor,
    );
    const facts: DealFacts = {
      priceMinor,
      depositDueMinor,
      paidMinor: 0,
      documentsSentAt: null,
      documentsReceivedAt: null,
      voucherSentAt: null,
      notifiedAt: null,
      cancelledAt: null,
    };
    const status = deriveDealStatus(facts);
    const deal = insertDeal(ctx.db).get({
      departureId: departure.id,
      contactId: contact.id,
      managerId: input.managerId ?? contact.managerId ?? (ctx.actor.role === 'manager' ? ctx.actor.id : null),
      seats: input.seats,
      priceMinor,
      depositDueMinor,
      currency: departure.currency,
      status,
      createdBy: ctx.actor.id,
      at: ctx.now,
    })!;
    if (input.travellers?.length) replaceTravellers(ctx, deal.id, input.travellers);
    insertHistory(ctx.db).run({ dealId: deal.id, fromStatus: null, toStatus: status, at: ctx.now, byUserId: ctx.actor.id, note: null });
    return deal.id;
  });
}

function refuseIfCancelled(row: DealRow): void {
  if (row.cancelledAt !== null) {
    throw new DomainError('invalid_transition', 'This deal is cancelled', { status: 'cancelled' });
  }
}

export function updateDeal(ctx: ActingCtx, dealId: number, input: UpdateDealInput): void {
  if (input.managerId) requireActiveUser(ctx, input.managerId, 'managerId');
  atomically(ctx.sqlite, () => {
    const row = getDealRow(ctx, dealId);
    const seatsChange = input.seats !== undefined && input.seats !== row.seats;
    if (seatsChange || input.priceMinor !== undefined || input.depositDueMinor !== undefined) refuseIfCancelled(row);
    const seats = input.seats ?? row.seats;
    if (seatsChange && seats > row.seats) assertBookable(ctx, row.departureId, seats - row.seats);
    const travellerCount =
      input.travellers?.length ??
      ctx.db.select({ n: sql<number>`count(*)` }).from(travellers).where(eq(travellers.dealId, dealId)).get()!.n;
    if (travellerCount > seats) throw invalid({ travellers: `at most one traveller per seat (${seats})` });
    const priceMinor = input.priceMinor ?? row.priceMinor;
    const depositDueMinor = input.depositDueMinor ?? row.depositDueMinor;
    if (depositDueMinor > priceMinor) throw invalid({ depositDueMinor: 'must not exceed priceMinor' });
    ctx.db
      .update(deals)
      .set({
        seats,
        priceMinor,
        depositDueMinor,
        managerId: input.managerId === undefined ? row.managerId : input.managerId,
      })
      .where(eq(deals.id, dealId))
      .run();
    if (input.travellers) replaceTravellers(ctx, dealId, input.travellers);
    refreshDealStatus(ctx, dealId);
  });
}

/** Records that the documents went out or came back; the first date of each is kept. */
export function recordDocuments(ctx: ActingCtx, dealId: number, input: DocumentsInput): void {
  atomically(ctx.sqlite, () => {
    const row = getDealRow(ctx, dealId);
    refuseIfCancelled(row);
    const sentAt = row.documentsSentAt ?? ctx.now;
    const receivedAt = input.state === 'received' ? (row.documentsReceivedAt ?? ctx.now) : row.documentsReceivedAt;
    ctx.db
      .update(deals)
      .set({ documentsSentAt: sentAt, documentsReceivedAt: receivedAt })
      .where(eq(deals.id, dealId))
      .run();
    refreshDealStatus(ctx, dealId);
  });
}

/** Cancels with a reason: the seats go back at once, money held becomes a refund due. */
export function cancelDeal(ctx: ActingCtx, dealId: number, input: CancelDealInput): void {
  atomically(ctx.sqlite, () => {
    const row = getDealRow(ctx, dealId);
    refuseIfCancelled(row);
    ctx.db
      .update(deals)
      .set({ cancelledAt: ctx.now, cancelReason: input.reason })
      .where(eq(deals.id, dealId))
      .run();
    refreshDealStatus(ctx, dealId, input.reason);
  });
}

export type PaymentRow = typeof payments.$inferSelect;

export function serializePayment(row: PaymentRow, reversedBy?: number | null) {
  return {
    id: row.id,
    dealId: row.dealId,
    kind: row.kind,
    amountMinor: row.amountMinor,
    method: row.method,
    receivedAt: row.receivedAt,
    note: row.note,
    reversesPaymentId: row.reversesPaymentId,
    reversedByPaymentId: reversedBy ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

/** Money figures of a deal, all exact integers. */
export function moneyOf(row: Pick<DealRow, 'priceMinor' | 'cancelledAt'>, paidMinor: number) {
  const cancelled = row.cancelledAt !== null;
  return {
    paidMinor,
    balanceMinor: cancelled ? 0 : Math.max(0, row.priceMinor - paidMinor),
    refundDueMinor: Math.max(0, cancelled ? paidMinor : paidMinor - row.priceMinor),
  };
}

type TravellerRow = typeof travellers.$inferSelect;

function serializeDeal(row: DealRow, paidMinor: number, travellerRows: TravellerRow[]) {
  return {
    id: row.id,
    departureId: row.departureId,
    contactId: row.contactId,
    managerId: row.managerId,
    status: row.status,
    seats: row.seats,
    travellers: travellerRows.map((t) => ({
      id: t.id,
      name: t.name,
      birthDate: t.birthDate,
      documentNumber: t.documentNumber,
    })),
    priceMinor: row.priceMinor,
    depositDueMinor: row.depositDueMinor,
    ...moneyOf(row, paidMinor),
    currency: row.currency,
    documentsSentAt: row.documentsSentAt,
    documentsReceivedAt: row.documentsReceivedAt,
    voucherSentAt: row.voucherSentAt,
    notifiedAt: row.notifiedAt,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type DealView = ReturnType<typeof dealView>;

/** The travellers of several deals in one query, in their order within each deal. */
export function travellersByDeal(ctx: Ctx, dealIds: number[]): Map<number, TravellerRow[]> {
  const byDeal = new Map<number, TravellerRow[]>();
  if (dealIds.length === 0) return byDeal;
  const rows = ctx.db
    .select()
    .from(travellers)
    .where(inArray(travellers.dealId, dealIds))
    .orderBy(asc(travellers.dealId), asc(travellers.position))
    .all();
  for (const row of rows) byDeal.set(row.dealId, [...(byDeal.get(row.dealId) ?? []), row]);
  return byDeal;
}

const travellersOfDeal = preparedFor((db) =>
  db
    .select()
    .from(travellers)
    .where(eq(travellers.dealId, sql.placeholder('dealId')))
    .orderBy(asc(travellers.position))
    .prepare(),
);
const paymentsOfDeal = preparedFor((db) =>
  db
    .select()
    .from(payments)
    .where(eq(payments.dealId, sql.placeholder('dealId')))
    .orderBy(asc(payments.id))
    .prepare(),
);
const historyOfDeal = preparedFor((db) =>
  db
    .select({ entry: dealHistory, byName: users.name })
    .from(dealHistory)
    .leftJoin(users, eq(users.id, dealHistory.byUserId))
    .where(eq(dealHistory.dealId, sql.placeholder('dealId')))
    .orderBy(asc(dealHistory.id))
    .prepare(),
);

/** The whole deal as the API shows it: travellers, money, payments and history. */
export function dealView(ctx: Ctx, dealId: number) {
  const row = getDealRow(ctx, dealId);
  const travellerRows = travellersOfDeal(ctx.db).all({ dealId });
  const ledger = paymentsOfDeal(ctx.db).all({ dealId });
  const reversedBy = new Map(ledger.filter((p) => p.reversesPaymentId).map((p) => [p.reversesPaymentId!, p.id]));
  const history = historyOfDeal(ctx.db).all({ dealId });
  return {
    ...serializeDeal(row, paidMinorOf(ctx, dealId), travellerRows),
    payments: ledger.map((p) => serializePayment(p, reversedBy.get(p.id))),
    history: history.map(({ entry, byName }) => ({
      from: entry.fromStatus,
      to: entry.toStatus,
      at: entry.at,
      by: entry.byUserId,
      byName,
      note: entry.note,
    })),
  };
}

export function listDeals(ctx: Ctx, query: ListDealsQuery) {
  const conditions: SQL[] = [];
  if (query.departureId) conditions.push(eq(deals.departureId, query.departureId));
  if (query.contactId) conditions.push(eq(deals.contactId, query.contactId));
  if (query.managerId) conditions.push(eq(deals.managerId, query.managerId));
  if (query.status) conditions.push(eq(deals.status, query.status));
  const after = decodeCursor<[number]>(query.cursor, ['number']);
  if (after) conditions.push(gt(deals.id, after[0]));
  const rows = ctx.db
    .select({ deal: deals, paidMinor: paidMinorSql })
    .from(deals)
    .where(and(...conditions))
    .orderBy(asc(deals.id))
    .limit(query.limit + 1)
    .all();
  const byDeal = travellersByDeal(ctx, rows.slice(0, query.limit).map((r) => r.deal.id));
  return page(
    rows,
    query.limit,
    (row) => [row.deal.id],
    (row) => serializeDeal(row.deal, Number(row.paidMinor), byDeal.get(row.deal.id) ?? []),
  );
}

/** The voucher went out (handed over, or recorded without mail); the first date is kept. */
export function markVoucherSent(ctx: ActingCtx, dealId: number): void {
  atomically(ctx.sqlite, () => {
    const row = getDealRow(ctx, dealId);
    refuseIfCancelled(row);
    ctx.db.update(deals).set({ voucherSentAt: row.voucherSentAt ?? ctx.now }).where(eq(deals.id, dealId)).run();
    refreshDealStatus(ctx, dealId);
  });
}

