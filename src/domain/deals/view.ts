/** A deal as the API and pages read it: travellers, money, payments and history. */
import { mapInOrder } from '../in-order.js';
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { preparedRead } from '../../db/prepared.js';
import { dealHistory, deals, payments, users } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { decodeCursor, pageInOrder } from '../paging.js';
import { ListDealsQuery } from './schemas.js';
import { getDealRow, moneyOf, paidMinorOf, paidMinorSql, type DealRow } from './rows.js';
import { seatsOf, travellersByDeal, travellersOfDeal, type TravellerRow } from './travellers.js';
import { dealIdOfReference, dealReference } from './reference.js';
import { manageUrlOf } from './manage-link.js';
import { takenExtras } from '../departures/extras.js';

export type PaymentRow = typeof payments.$inferSelect;

export function serializePayment(row: PaymentRow, reversedBy?: number | null) {
  return {
    id: row.id,
    dealId: row.dealId,
    kind: row.kind,
    amountMinor: row.amountMinor,
    /** What the row did to the money held: + in, - out (a reversal undoes its target). */
    deltaMinor: row.deltaMinor,
    method: row.method,
    receivedAt: row.receivedAt,
    note: row.note,
    reference: row.reference,
    reversesPaymentId: row.reversesPaymentId,
    reversedByPaymentId: reversedBy ?? null,
    receiptNumber: row.receiptNumber,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}


function serializeDeal(row: DealRow, paidMinor: number, travellerRows: TravellerRow[], seats: Map<number, number>) {
  return {
    id: row.id,
    departureId: row.departureId,
    contactId: row.contactId,
    managerId: row.managerId,
    stopId: row.stopId,
    /** The bus all its travellers ride in. */
    vehicleId: row.vehicleId,
    status: row.status,
    seats: row.seats,
    extras: takenExtras(row.extras),
    travellers: travellerRows.map((t) => ({
      id: t.id,
      name: t.name,
      birthDate: t.birthDate,
      documentNumber: t.documentNumber,
      category: t.category,
      extras: takenExtras(t.extras),
      vehicleId: row.vehicleId,
      seat: seats.get(t.id) ?? null,
      boarding: t.boarding,
    })),
    priceMinor: row.priceMinor,
    depositDueMinor: row.depositDueMinor,
    depositDueAt: row.depositDueAt,
    balanceDueAt: row.balanceDueAt,
    ...moneyOf(row, paidMinor),
    currency: row.currency,
    documentsSentAt: row.documentsSentAt,
    documentsReceivedAt: row.documentsReceivedAt,
    voucherSentAt: row.voucherSentAt,
    notifiedAt: row.notifiedAt,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    source: row.source,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type DealView = Awaited<ReturnType<typeof dealView>>;

const paymentsOfDeal = preparedRead((db) =>
  db
    .select()
    .from(payments)
    .where(eq(payments.dealId, sql.placeholder('dealId')))
    .orderBy(asc(payments.id))
    .prepare(),
);
const historyOfDeal = preparedRead((db) =>
  db
    .select({ entry: dealHistory, byName: users.name })
    .from(dealHistory)
    .leftJoin(users, eq(users.id, dealHistory.byUserId))
    .where(eq(dealHistory.dealId, sql.placeholder('dealId')))
    .orderBy(asc(dealHistory.id))
    .prepare(),
);

/** The whole deal as the API shows it: travellers, money, payments and history. */
export async function dealView(ctx: Ctx, dealId: number) {
  const row = await getDealRow(ctx, dealId);
  const travellerRows = await travellersOfDeal(ctx.db).all({ dealId });
  const ledger = await paymentsOfDeal(ctx.db).all({ dealId });
  const reversedBy = new Map(ledger.filter((p) => p.reversesPaymentId).map((p) => [p.reversesPaymentId!, p.id]));
  const history = await historyOfDeal(ctx.db).all({ dealId });
  return {
    ...serializeDeal(row, await paidMinorOf(ctx, dealId), travellerRows, await seatsOf(ctx, travellerRows.map((t) => t.id))),
    reference: await dealReference(ctx, dealId),
    manageUrl: await manageUrlOf(ctx, row),
    payments: ledger.map((p) => serializePayment(p, reversedBy.get(p.id))),
    history: history.map(({ entry, byName }) => ({
      from: entry.fromStatus,
      to: entry.toStatus,
      at: entry.at,
      by: entry.byUserId,
      byName,
      byClient: entry.byClient,
      note: entry.note,
    })),
  };
}

export async function listDeals(ctx: Ctx, query: ListDealsQuery) {
  const conditions: SQL[] = [];
  if (query.departureId) conditions.push(eq(deals.departureId, query.departureId));
  if (query.contactId) conditions.push(eq(deals.contactId, query.contactId));
  if (query.managerId) conditions.push(eq(deals.managerId, query.managerId));
  if (query.status) conditions.push(eq(deals.status, query.status));
  // A reference names one booking; a forged or altered one names none.
  if (query.reference !== undefined) conditions.push(eq(deals.id, await dealIdOfReference(ctx, query.reference) ?? 0));
  const after = decodeCursor<[number]>(query.cursor, ['number']);
  if (after) conditions.push(gt(deals.id, after[0]));
  const rows = await ctx.db
    .select({ deal: deals, paidMinor: paidMinorSql })
    .from(deals)
    .where(and(...conditions))
    .orderBy(asc(deals.id))
    .limit(query.limit + 1)
    .all();
  const byDeal = await travellersByDeal(ctx, rows.slice(0, query.limit).map((r) => r.deal.id));
  const seats = await seatsOf(ctx, [...byDeal.values()].flat().map((t) => t.id));
  const references = new Map(await mapInOrder(rows.slice(0, query.limit), async (row) => [row.deal.id, await dealReference(ctx, row.deal.id)] as const));
  return await pageInOrder(
    rows,
    query.limit,
    (row) => [row.deal.id],
    async (row) => ({ ...serializeDeal(row.deal, Number(row.paidMinor), byDeal.get(row.deal.id) ?? [], seats), reference: references.get(row.deal.id)!, manageUrl: await manageUrlOf(ctx, row.deal) }),
  );
}
