import { eq } from 'drizzle-orm';
import { statement } from '../../db/statements.js';
import { deals, users } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { getDealRow, refreshDealStatus } from '../deals/index.js';
import { toActor } from '../users/users.js';
import type { NotificationRow } from './rows.js';

/** The deal's fact: the travellers were told (the first time is the date kept). */
export function recordNotified(ctx: Ctx, dealId: number): void {
  const first = statement(ctx.sqlite, `UPDATE deals SET notified_at = ? WHERE id = ? AND notified_at IS NULL AND cancelled_at IS NULL`).run(ctx.now, dealId);
  if (first.changes > 0) refreshDealStatus(ctx, dealId);
}

/** The deal's fact: its voucher went out, recorded as by whoever queued the mail. */
export function recordVoucherSent(ctx: Ctx, row: NotificationRow & { dealId: number }): void {
  const deal = getDealRow(ctx, row.dealId);
  if (deal.cancelledAt !== null || deal.voucherSentAt !== null) return;
  ctx.db.update(deals).set({ voucherSentAt: ctx.now }).where(eq(deals.id, row.dealId)).run();
  const by = row.createdBy ? ctx.db.select().from(users).where(eq(users.id, row.createdBy)).get() : undefined;
  refreshDealStatus({ ...ctx, actor: by ? toActor(by) : null }, row.dealId);
}
