
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users.js';

/** What a subscription may name (API.md's contract: extended, never renamed). */
export const WEBHOOK_EVENTS = [
  'deal.created',
  'deal.status_changed',
  'deal.cancelled',
  'payment.recorded',
  'inquiry.created',
  'departure.changed',
  'deal.updated',
  'voucher.sent',
  'notification.failed',
  'waitlist.offered',
  'refund.recorded',
] as const;
/** What a delivery may carry: the events, and the ping a director sends to try a receiver (no one subscribes to it). */
export const DELIVERY_EVENTS = [...WEBHOOK_EVENTS, 'webhook.test'] as const;
export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;

/** A director's subscription: these events, posted to this URL, signed with this secret (Standard Webhooks). */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  /** JSON array of event types. */
  events: text('events').notNull(),
  /** `whsec_` and the base64 key. */
  secret: text('secret').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: integer('created_at').notNull(),
});

/**
 * One event for one subscription: written in the transaction of the change, posted after
 * commit by the scheduler, retried with backoff; the delivery log.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    /** The Standard Webhooks message id: the same on every retry, so a receiver can drop a repeat. */
    messageId: text('message_id').notNull(),
    event: text('event', { enum: DELIVERY_EVENTS }).notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    leaseUntil: integer('lease_until'),
    /** The claim of the scheduler pass posting it: only that pass records the answer. */
    claimToken: text('claim_token'),
    responseStatus: integer('response_status'),
    error: text('error'),
    deliveredAt: integer('delivered_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.id),
  ],
);
