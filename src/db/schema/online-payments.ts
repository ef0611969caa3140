import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { deals } from './deals.js';
import { payments } from './payments.js';

export const CHECKOUT_PURPOSES = ['deposit', 'balance'] as const;
export const CHECKOUT_STATES = ['open', 'paid'] as const;

/** A checkout the client opened at the card provider for a booking's deposit or balance. */
export const checkoutSessions = sqliteTable(
  'checkout_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id),
    /** The provider's id of the session (`cs_...`): the paid event names it, the payment carries it as its reference. */
    providerId: text('provider_id').notNull(),
    purpose: text('purpose', { enum: CHECKOUT_PURPOSES }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    /** Where the provider's payment page is. */
    url: text('url').notNull(),
    status: text('status', { enum: CHECKOUT_STATES }).notNull().default('open'),
    paymentId: integer('payment_id').references(() => payments.id),
    createdAt: integer('created_at').notNull(),
    paidAt: integer('paid_at'),
  },
  (t) => [uniqueIndex('checkout_sessions_provider_idx').on(t.providerId), index('checkout_sessions_deal_idx').on(t.dealId, t.id)],
);

/**
 * Every event the provider's webhook received, and what became of it: recorded, a replay, or
 * refused (a forged signature, an amount or currency that does not match the session, an
 * unknown session). Kept so a person can see why a payment was not counted.
 */
export const paymentEvents = sqliteTable(
  'payment_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id'),
    type: text('type'),
    providerSessionId: text('provider_session_id'),
    dealId: integer('deal_id').references(() => deals.id),
    outcome: text('outcome').notNull(),
    detail: text('detail'),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [
    index('payment_events_deal_idx').on(t.dealId, t.id),
    // How many unsigned calls came this hour: the cap on keeping them.
    index('payment_events_outcome_idx').on(t.outcome, t.receivedAt),
  ],
);
