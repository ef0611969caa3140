import { bigint, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { DELIVERY_EVENTS, DELIVERY_STATUSES, WEBHOOK_EVENTS } from '../schema/webhooks.js';
import { users } from './users.js';

export { DELIVERY_EVENTS, DELIVERY_STATUSES, WEBHOOK_EVENTS };

// Mirrors src/db/schema/webhooks.ts.
export const webhooks = pgTable('webhooks', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  url: text('url').notNull(),
  /** JSON array of event types, text as in SQLite. */
  events: text('events').notNull(),
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    messageId: text('message_id').notNull(),
    event: text('event', { enum: DELIVERY_EVENTS }).notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
    leaseUntil: bigint('lease_until', { mode: 'number' }),
    claimToken: text('claim_token'),
    responseStatus: integer('response_status'),
    error: text('error'),
    deliveredAt: bigint('delivered_at', { mode: 'number' }),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.id),
  ],
);
