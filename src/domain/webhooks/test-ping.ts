/**
 * A director tries a receiver: a signed `webhook.test` posted at once (by the caller, outside
 * any transaction), kept in the delivery log like any delivery, and never retried: the
 * director sees the answer now and sends another when the receiver is fixed.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { webhookDeliveries } from '../../db/schema/index.js';
import { statement } from '../../db/statements.js';
import { wallOf, type ActingTxCtx, type Ctx, type TxCtx } from '../context.js';
import { notFound } from '../errors.js';
import { LEASE_MS } from '../notifications/rows.js';
import type { ClaimedDelivery } from './deliveries.js';
import { deliveryView, getWebhook } from './subscriptions.js';

/** What the receiver is told: which subscription, and that it is only a test. */
export const TEST_MESSAGE = 'A test from tourdesk: this subscription reaches this receiver. Nothing happened.';

/**
 * The test's delivery, written as being sent (leased like a claim: should the process stop
 * before the answer is recorded, the scheduler posts it once more later).
 */
export async function startTestDelivery(ctx: ActingTxCtx, webhookId: number): Promise<ClaimedDelivery> {
  const hook = await getWebhook(ctx, webhookId);
  const wall = wallOf(ctx);
  const token = randomUUID();
  const messageId = `msg_${randomUUID()}`;
  const payload = JSON.stringify({ type: 'webhook.test', timestamp: new Date(ctx.now).toISOString(), data: { webhookId: hook.id, message: TEST_MESSAGE } });
  const row = await ctx.db
    .insert(webhookDeliveries)
    .values({ webhookId: hook.id, messageId, event: 'webhook.test', payload, status: 'sending', attempts: 0, nextAttemptAt: wall, leaseUntil: wall + LEASE_MS, claimToken: token, createdAt: ctx.now, updatedAt: wall })
    .returning({ id: webhookDeliveries.id })
    .get();
  return { id: row.id, url: hook.url, secret: hook.secret, messageId, payload, attempts: 0, token };
}

/** The receiver's answer: delivered on a 2xx, else failed for good (a test is not retried). */
export async function recordTestDelivery(ctx: TxCtx, delivery: ClaimedDelivery, outcome: { status: number | null; error: string | null }) {
  const wall = wallOf(ctx);
  const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  await statement(
    ctx.sqlite,
    `UPDATE webhook_deliveries SET status = :status, attempts = attempts + 1, response_status = :response, error = :error,
       delivered_at = CASE WHEN :status = 'delivered' THEN :wall ELSE delivered_at END,
       lease_until = NULL, claim_token = NULL, updated_at = :wall
     WHERE id = :id AND claim_token = :token`,
  ).run({ status: ok ? 'delivered' : 'failed', response: outcome.status, error: ok ? null : (outcome.error ?? `answered ${outcome.status}`).slice(0, 500), wall, id: delivery.id, token: delivery.token });
  return await deliveryOf(ctx, delivery.id);
}

/** One delivery as the log lists it. */
export async function deliveryOf(ctx: Ctx, id: number) {
  const row = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get();
  if (!row) throw notFound('webhook delivery', id);
  return deliveryView(row);
}
