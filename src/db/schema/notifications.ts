import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { users } from './users.js';

export const NOTIFICATION_KINDS = ['voucher', 'departure_reminder', 'departure_changed'] as const;
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'no_address', 'uncertain'] as const;

/**
 * The outbox: every mail the system sends, written in the transaction of the fact that
 * causes it, claimed and sent after commit, then marked.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    /** The departure's schedule version a notice speaks of; reminders are owed once per version. */
    scheduleVersion: integer('schedule_version'),
    toAddress: text('to_address'),
    locale: text('locale', { enum: ['en', 'ru', 'bg'] }).notNull(),
    status: text('status', { enum: NOTIFICATION_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    claimToken: text('claim_token'),
    leaseUntil: integer('lease_until'),
    sentAt: integer('sent_at'),
    messageId: text('message_id'),
    error: text('error'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('notifications_due_idx').on(t.status, t.nextAttemptAt),
    index('notifications_deal_idx').on(t.dealId, t.id),
    index('notifications_departure_idx').on(t.departureId, t.id),
    // A departure notice is owed once per deal and schedule version: the database refuses a second.
    uniqueIndex('notifications_notice_unique')
      .on(t.dealId, t.kind, t.scheduleVersion)
      .where(sql`kind <> 'voucher'`),
  ],
);
