/** A deal's row and its money held; its status is derived and written by status-refresh.ts. */
import { eq, sql } from 'drizzle-orm';
import { paidOf } from '../../db/fragments.js';
import { preparedRead, preparedWrite } from '../../db/prepared.js';
import { dealHistory, deals, payments } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import type { DealFacts } from './status.js';

export type DealRow = typeof deals.$inferSelect;

/** Net money held for a deal: the ledger's signed amounts. */
export const paidMinorSql = sql<number>`${sql.raw(paidOf('"deals"'))}`;

const paidByDeal = preparedRead((db) =>
  db
    .select({ paid: sql<number>`coalesce(sum(${payments.deltaMinor}), 0)` })
    .from(payments)
    .where(eq(payments.dealId, sql.placeholder('dealId')))
    .prepare(),
);

export async function paidMinorOf(ctx: Ctx, dealId: number): Promise<number> {
  return Number((await paidByDeal(ctx.db).get({ dealId }))?.paid ?? 0);
}

const dealById = preparedRead((db) => db.select().from(deals).where(eq(deals.id, sql.placeholder('id'))).prepare());

export async function getDealRow(ctx: Ctx, dealId: number): Promise<DealRow> {
  const row = await dealById(ctx.db).get({ id: dealId });
  if (!row) throw notFound('deal', dealId);
  return row;
}

export const factsOf = (row: DealRow, paidMinor: number): DealFacts => ({ ...row, paidMinor });

/** `{ a: sql.placeholder('a'), ... }` for the values of a prepared insert. */
export const placeholders = <K extends string>(...names: K[]) =>
  Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as unknown as Record<
    K,
    Awaited<ReturnType<typeof sql.placeholder>>
  >;

/** The status column's one writer, `refreshDealStatus` (status-refresh.ts). */
export const setStatus = preparedWrite((db) =>
  db
    .update(deals)
    .set({ status: sql.placeholder('status') as never, updatedAt: sql.placeholder('at') as never })
    .where(eq(deals.id, sql.placeholder('id')))
    .prepare(),
);

export const insertHistory = preparedWrite((db) =>
  db
    .insert(dealHistory)
    .values(placeholders('dealId', 'fromStatus', 'toStatus', 'at', 'byUserId', 'note', 'byClient'))
    .prepare(),
);

export function refuseIfCancelled(row: DealRow): void {
  if (row.cancelledAt !== null) {
    throw new DomainError('invalid_transition', 'This deal is cancelled', { status: 'cancelled' });
  }
}

/** Money figures of a deal, all exact integers: a cancelled one owes back what it holds beyond its fee. */
export function moneyOf(row: Pick<DealRow, 'priceMinor' | 'cancelledAt' | 'feeMinor'>, paidMinor: number) {
  const cancelled = row.cancelledAt !== null;
  return {
    paidMinor,
    balanceMinor: cancelled ? 0 : Math.max(0, row.priceMinor - paidMinor),
    feeMinor: cancelled ? row.feeMinor : 0,
    refundDueMinor: Math.max(0, cancelled ? paidMinor - row.feeMinor : paidMinor - row.priceMinor),
  };
}
