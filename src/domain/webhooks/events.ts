/**
 * What happened, for the agency's other tools: an event is written as one delivery per active
 * subscription to it, in the caller's transaction (a change that is undone sends nothing), and
 * posted after commit by the scheduler. Imports nothing of the areas that emit, so each can call it:
 * an area hands over how to build its object, and it is built here only when someone listens.
 */
import { randomUUID } from 'node:crypto';
import { toApiJson } from '../../api-json.js';
import { statement } from '../../db/statements.js';
import type { DELIVERY_EVENTS, WEBHOOK_EVENTS } from '../../db/schema/index.js';
import { wallOf, type TxCtx } from '../context.js';

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];

/**
 * The whole object an event carries (`{deal}`, `{payment, deal}`, ...), as the API answers it:
 * read in the same transaction, after the change, so it is what a GET would answer at commit.
 */
export type EventObjects = (ctx: TxCtx) => Promise<Record<string, unknown>>;

/**
 * The event's body as Standard Webhooks lays it out: type, timestamp, data. `data` is the
 * event's own fields and, when `objects` is given, the objects it builds, their instants
 * written as the API writes them (ISO 8601). Subscribers are asked first: with nobody
 * listening nothing is built (a booking does not pay for a deal view no one reads).
 */
export async function emitEvent(ctx: TxCtx, type: WebhookEvent, data: Record<string, unknown>, objects?: EventObjects): Promise<number> {
  const subscribers = await statement(
    ctx.sqlite,
    `SELECT w.id FROM webhooks w WHERE w.active = 1 AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = :type)`,
  ).all({ type }) as { id: number }[];
  if (subscribers.length === 0) return 0;
  const carried = objects ? { ...data, ...(toApiJson(await objects(ctx)) as Record<string, unknown>) } : data;
  const payload = JSON.stringify({ type, timestamp: new Date(ctx.now).toISOString(), data: carried });
  const insert = statement(
    ctx.sqlite,
    `INSERT INTO webhook_deliveries (webhook_id, message_id, event, payload, status, next_attempt_at, created_at, updated_at)
     VALUES (:webhookId, :messageId, :type, :payload, 'pending', :wall, :now, :now)`,
  );
  for (const { id } of subscribers) await insert.run({ webhookId: id, messageId: `msg_${randomUUID()}`, type, payload, wall: wallOf(ctx), now: ctx.now });
  return subscribers.length;
}
