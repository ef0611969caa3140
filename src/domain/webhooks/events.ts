/**
 * What happened, for the agency's other tools: an event is written as one delivery per active
 * subscription to it, in the caller's transaction (a change that is undone sends nothing), and
 * posted after commit by the scheduler. Imports nothing of the areas that emit, so each can call it.
 */
import { randomUUID } from 'node:crypto';
import { statement } from '../../db/statements.js';
import type { WEBHOOK_EVENTS } from '../../db/schema/index.js';
import { wallOf, type TxCtx } from '../context.js';

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The event's body as Standard Webhooks lays it out: type, timestamp, data. */
export async function emitEvent(ctx: TxCtx, type: WebhookEvent, data: Record<string, unknown>): Promise<number> {
  const subscribers = await statement(
    ctx.sqlite,
    `SELECT w.id FROM webhooks w WHERE w.active = 1 AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = :type)`,
  ).all({ type }) as { id: number }[];
  if (subscribers.length === 0) return 0;
  const payload = JSON.stringify({ type, timestamp: new Date(ctx.now).toISOString(), data });
  const insert = statement(
    ctx.sqlite,
    `INSERT INTO webhook_deliveries (webhook_id, message_id, event, payload, status, next_attempt_at, created_at, updated_at)
     VALUES (:webhookId, :messageId, :type, :payload, 'pending', :wall, :now, :now)`,
  );
  for (const { id } of subscribers) await insert.run({ webhookId: id, messageId: `msg_${randomUUID()}`, type, payload, wall: wallOf(ctx), now: ctx.now });
  return subscribers.length;
}
