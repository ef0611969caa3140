/** Online bookings whose deposit did not come in time give their seats back. */
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { checkoutSessions, deals } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { cancelDeal } from '../deals/index.js';
import { forEachInOrder } from '../in-order.js';
import { DomainError } from '../errors.js';
import { paidOf } from '../../db/fragments.js';

export const UNPAID_ONLINE = 'unpaid_online';
/** A checkout opened this recently may still be paid: the booking waits for it. */
const PAYING_NOW_MS = 60 * 60_000;

/**
 * Cancels online bookings past their deposit's due time with nothing paid, unless the client
 * is paying at the provider right now. Each in its own transaction, with the reason
 * `unpaid_online`; the seats go to the waiting list. A booking a manager gave more time (a
 * later due date) or any money waits.
 */
export async function cancelUnpaidOnline(ctx: Ctx): Promise<number> {
  const due = await ctx.db
    .select({ id: deals.id })
    .from(deals)
    .where(
      and(
        eq(deals.source, 'online'),
        inArray(deals.status, ['new', 'documents_sent', 'documents_received']),
        lt(deals.depositDueAt, ctx.now),
        sql`${sql.raw(paidOf('"deals"'))} = 0`,
        sql`not exists (select 1 from ${checkoutSessions} where ${checkoutSessions.dealId} = "deals"."id" and ${checkoutSessions.status} = 'open' and ${gt(checkoutSessions.createdAt, ctx.now - PAYING_NOW_MS)})`,
      ),
    )
    .limit(500)
    .all();
  let cancelled = 0;
  await forEachInOrder(due, async ({ id }) => {
    try {
      await cancelDeal(ctx, id, { reason: UNPAID_ONLINE });
      cancelled++;
    } catch (error) {
      // Cancelled by someone else meanwhile: nothing to do. Anything else is a fault to see.
      if (!(error instanceof DomainError)) throw error;
    }
  });
  return cancelled;
}
