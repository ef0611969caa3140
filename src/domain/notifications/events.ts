/**
 * The outbox's webhook events: `notification.failed` when a notice is given up (out of
 * attempts, too late for the trip, undeliverable with no channel left), and `voucher.sent`
 * when a voucher was handed over.
 */
import { eq } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.js';
import type { TxCtx } from '../context.js';
import { emitDealEvent } from '../deals/index.js';
import { emitEvent } from '../webhooks/events.js';
import { serializeNotification, type NotificationRow } from './rows.js';

/** `{notificationId, dealId (or null), kind, channel, error, notification}`, the row as it stands now (failed). */
export async function emitNotificationFailed(ctx: TxCtx, ids: number[]): Promise<void> {
  for (const id of ids) {
    const row = await ctx.db.select().from(notifications).where(eq(notifications.id, id)).get();
    if (!row || row.status !== 'failed') continue;
    await emitEvent(
      ctx,
      'notification.failed',
      { notificationId: row.id, dealId: row.dealId, kind: row.kind, channel: row.channel, error: row.error },
      async () => ({ notification: serializeNotification(row) }),
    );
  }
}

/** `{dealId, notificationId, channel, deal}`: every voucher handed over, a resent one too. */
export async function emitVoucherSent(ctx: TxCtx, row: NotificationRow & { dealId: number }): Promise<void> {
  await emitDealEvent(ctx, 'voucher.sent', { dealId: row.dealId, notificationId: row.id, channel: row.channel });
}
