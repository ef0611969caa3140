/** Directors subscribe a URL to events; the delivery log shows what went out and what came back. */
import { randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { WEBHOOK_EVENTS, webhookDeliveries, webhooks } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx } from '../context.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { checkWebhookTarget, internalAddressMessage, systemResolve, webhookUrlProblem, type ResolveHost } from './targets.js';

export const CreateWebhookInput = z.object({
  /** Taken as written (not trimmed): see `webhookUrlProblem`; where it may point is checked by `checkWebhookInput`. */
  url: z
    .string()
    .max(2000)
    .superRefine((value, issues) => {
      const problem = webhookUrlProblem(value);
      if (problem) issues.addIssue({ code: 'custom', message: problem });
    }),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, `must name at least one of ${WEBHOOK_EVENTS.join(', ')}`).max(WEBHOOK_EVENTS.length),
  /** Standard Webhooks secret (`whsec_` and base64); none: one is made. */
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'must be whsec_ followed by a base64 key of at least 12 bytes')
    .optional(),
});
export type CreateWebhookInput = z.infer<typeof CreateWebhookInput>;

export type WebhookRow = typeof webhooks.$inferSelect;

const refuseUnlessDirector = (ctx: ActingCtx) => {
  if (ctx.actor.role !== 'director') throw new DomainError('forbidden', 'Only a director manages webhooks');
};

export function serializeWebhook(row: WebhookRow, withSecret = false) {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    active: row.active,
    ...(withSecret ? { secret: row.secret } : {}),
    createdAt: row.createdAt,
  };
}

declare const checked: unique symbol;
/** A subscription whose receiver was checked by `checkWebhookInput`: the only input `createWebhook` takes. */
export type CheckedWebhookInput = CreateWebhookInput & { readonly [checked]: true };

/**
 * Refuses a receiver inside the agency's network (see targets.ts) unless the installation
 * allows it. Awaited before the write, since it may resolve the host name. A name that does
 * not resolve now is taken: it may be set up later, and every delivery checks it again.
 */
export async function checkWebhookInput(ctx: ActingCtx, input: CreateWebhookInput, resolve: ResolveHost = systemResolve): Promise<CheckedWebhookInput> {
  refuseUnlessDirector(ctx);
  const target = await checkWebhookTarget(input.url, { allowPrivate: ctx.agency.webhookAllowPrivate === true, resolve });
  if (!target.ok && target.reason === 'internal') throw invalid({ url: internalAddressMessage(target) });
  return input as CheckedWebhookInput;
}

export async function createWebhook(ctx: ActingCtx, input: CheckedWebhookInput): Promise<WebhookRow> {
  refuseUnlessDirector(ctx);
  return await atomically(ctx, async (ctx) =>
    await ctx.db
      .insert(webhooks)
      .values({
        url: input.url,
        events: JSON.stringify([...new Set(input.events)]),
        secret: input.secret ?? `whsec_${randomBytes(24).toString('base64')}`,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
      })
      .returning()
      .get(),
  );
}

export async function getWebhook(ctx: ActingCtx, id: number): Promise<WebhookRow> {
  refuseUnlessDirector(ctx);
  const row = await ctx.db.select().from(webhooks).where(eq(webhooks.id, id)).get();
  if (!row || !row.active) throw notFound('webhook', id);
  return row;
}

export async function listWebhooks(ctx: ActingCtx): Promise<WebhookRow[]> {
  refuseUnlessDirector(ctx);
  return await ctx.db.select().from(webhooks).where(eq(webhooks.active, true)).orderBy(webhooks.id).all();
}

/** Unsubscribing keeps the log; deliveries still pending are dropped. */
export async function deleteWebhook(ctx: ActingCtx, id: number): Promise<void> {
  await getWebhook(ctx, id);
  await atomically(ctx, async (ctx) => {
    await ctx.db.update(webhooks).set({ active: false }).where(eq(webhooks.id, id)).run();
    await ctx.db
      .update(webhookDeliveries)
      .set({ status: 'failed', error: 'the subscription was deleted', updatedAt: ctx.now })
      .where(sql`${webhookDeliveries.webhookId} = ${id} AND ${webhookDeliveries.status} IN ('pending', 'sending')`)
      .run();
  });
}

export async function deliveriesOf(ctx: Ctx, webhookId: number, limit = 100) {
  return (await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit)
    .all())
    .map(deliveryView);
}

/** A delivery as the log shows it (the API's `deliveries` items). */
export function deliveryView(d: typeof webhookDeliveries.$inferSelect) {
  return {
    id: d.id,
    messageId: d.messageId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    error: d.error,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
  };
}

export type DeliveryView = ReturnType<typeof deliveryView>;
