import { eq } from 'drizzle-orm';
import { statement } from '../../db/statements.js';
import { deals, users } from '../../db/schema/index.js';
import type { TxCtx } from '../context.js';
import { getDealRow, refreshDealStatus } from '../deals/index.js';
import { toActor } from '../users/users.js';
import type { NotificationRow } from './rows.js';

/** The deal's fact: the travellers were told (the first time is the date kept). */
export async function recordNotified(ctx: TxCtx, dealId: number): Promise<void> {
  const first = await statement(ctx.sqlite, `UPDATE deals SET notified_at = ? WHERE id = ? AND notified_at IS NULL AND cancelled_at IS NULL`).run(ctx.now, dealId);
  if (first.changes > 0) await refreshDealStatus(ctx, dealId);
}

/** The deal's fact: its voucher went out, recorded as by whoever queued the mail. */
export async function recordVoucherSent(ctx: TxCtx, row: NotificationRow & { dealId: number }): Promise<void> {
  const deal = await getDealRow(ctx, row.dealId);
  if (deal.cancelledAt !== null || deal.voucherSentAt !== null) return;
  await ctx.db.update(deals).set({ voucherSentAt: ctx.now }).where(eq(deals.id, row.dealId)).run();
  const by = row.createdBy ? await ctx.db.select().from(users).where(eq(users.id, row.createdBy)).get() : undefined;
  await refreshDealStatus({ ...ctx, actor: by ? toActor(by) : null }, row.dealId);
}
