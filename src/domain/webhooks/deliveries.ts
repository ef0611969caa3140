/** The scheduler's side: claim due deliveries under the write lock, then record what the receiver answered. */
import { randomUUID } from 'node:crypto';
import { statement } from '../../db/statements.js';
import { atomically } from '../../db/transaction.js';
import { wallOf, type Ctx, type TxCtx } from '../context.js';
import { backoffMs, LEASE_MS } from '../notifications/rows.js';

/** Attempts before a delivery is given up (1, 2, 4 ... 60 minutes apart: about four hours). */
export const MAX_DELIVERY_ATTEMPTS = 8;

export interface ClaimedDelivery {
  id: number;
  url: string;
  secret: string;
  messageId: string;
  payload: string;
  attempts: number;
  token: string;
}

export async function claimDeliveries(ctx: Ctx, limit: number): Promise<ClaimedDelivery[]> {
  const wall = wallOf(ctx);
  const token = randomUUID();
  return await atomically(ctx, async (ctx) => {
    const due = await statement(
      ctx.sqlite,
      `SELECT d.id FROM webhook_deliveries d
       WHERE (d.status = 'pending' AND d.next_attempt_at <= :wall) OR (d.status = 'sending' AND d.lease_until <= :wall)
       ORDER BY d.next_attempt_at, d.id LIMIT :limit`,
    ).all({ wall, limit }) as { id: number }[];
    if (due.length === 0) return [];
    await statement(
      ctx.sqlite,
      `UPDATE webhook_deliveries SET status = 'sending', lease_until = :lease, claim_token = :token, updated_at = :wall WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids))`,
    ).run({ ids: JSON.stringify(due.map((d) => d.id)), lease: wall + LEASE_MS, token, wall });
    const rows = await statement(
      ctx.sqlite,
      `SELECT d.id, w.url, w.secret, d.message_id AS messageId, d.payload, d.attempts FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
       WHERE d.id IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids))`,
    ).all({ ids: JSON.stringify(due.map((d) => d.id)) }) as Omit<ClaimedDelivery, 'token'>[];
    return rows.map((row) => ({ ...row, token }));
  });
}

/** What the receiver said: a 2xx delivers; anything else is retried with backoff, then given up. */
export async function recordDelivery(ctx: TxCtx, delivery: ClaimedDelivery, outcome: { status: number | null; error: string | null }): Promise<'delivered' | 'pending' | 'failed'> {
  const wall = wallOf(ctx);
  const attempts = delivery.attempts + 1;
  const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  const status = ok ? 'delivered' : attempts >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending';
  await statement(
    ctx.sqlite,
    `UPDATE webhook_deliveries SET status = :status, attempts = :attempts, response_status = :response, error = :error,
       delivered_at = CASE WHEN :status = 'delivered' THEN :wall ELSE delivered_at END,
       next_attempt_at = :next, lease_until = NULL, claim_token = NULL, updated_at = :wall
     WHERE id = :id AND status = 'sending' AND claim_token = :token`,
  ).run({ status, attempts, response: outcome.status, error: ok ? null : (outcome.error ?? `answered ${outcome.status}`).slice(0, 500), wall, next: wall + backoffMs(attempts), id: delivery.id, token: delivery.token });
  return status;
}
