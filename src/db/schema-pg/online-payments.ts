import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { CHECKOUT_PURPOSES, CHECKOUT_STATES } from '../schema/online-payments.js';
import { deals } from './deals.js';
import { payments } from './payments.js';

// Mirrors src/db/schema/online-payments.ts, with the same enum arrays.
export { CHECKOUT_PURPOSES, CHECKOUT_STATES };
export const checkoutSessions = pgTable(
  'checkout_sessions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id),
    providerId: text('provider_id').notNull(),
    purpose: text('purpose', { enum: CHECKOUT_PURPOSES }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    url: text('url').notNull(),
    status: text('status', { enum: CHECKOUT_STATES }).notNull().default('open'),
    paymentId: integer('payment_id').references(() => payments.id),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    paidAt: bigint('paid_at', { mode: 'number' }),
  },
  (t) => [uniqueIndex('checkout_sessions_provider_idx').on(t.providerId), index('checkout_sessions_deal_idx').on(t.dealId, t.id)],
);

export const paymentEvents = pgTable(
  'payment_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    eventId: text('event_id'),
    type: text('type'),
    providerSessionId: text('provider_session_id'),
    dealId: integer('deal_id').references(() => deals.id),
    outcome: text('outcome').notNull(),
    detail: text('detail'),
    receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('payment_events_deal_idx').on(t.dealId, t.id),
    // How many unsigned calls came this hour: the cap on keeping them.
    index('payment_events_outcome_idx').on(t.outcome, t.receivedAt),
  ],
);
