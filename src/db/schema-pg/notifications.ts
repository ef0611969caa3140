import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { DEPARTURE_NOTICE, NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, NOTIFICATION_STATUSES } from '../schema/notifications.js';
import { campaigns } from './campaigns.js';
import { contacts } from './contacts.js';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { users } from './users.js';
import { waitlistEntries } from './waitlist-entries.js';

// The SQLite schema's own constants: `DEPARTURE_NOTICE` is plain SQL both engines read alike.
export { DEPARTURE_NOTICE, NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, NOTIFICATION_STATUSES };

// Mirrors src/db/schema/notifications.ts.
export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dealId: integer('deal_id').references(() => deals.id),
    waitlistEntryId: integer('waitlist_entry_id').references(() => waitlistEntries.id),
    departureId: integer('departure_id').references(() => departures.id),
    contactId: integer('contact_id').references(() => contacts.id),
    campaignId: integer('campaign_id').references(() => campaigns.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    scheduleVersion: integer('schedule_version'),
    toAddress: text('to_address'),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull().default('email'),
    /** JSON text, as in SQLite. */
    fallbacks: text('fallbacks'),
    deliveredAt: bigint('delivered_at', { mode: 'number' }),
    toldDepartsAt: bigint('told_departs_at', { mode: 'number' }),
    toldMeetingPoint: text('told_meeting_point'),
    paymentKind: text('payment_kind', { enum: ['deposit', 'balance'] }),
    dueAt: bigint('due_at', { mode: 'number' }),
    reminderStage: text('reminder_stage', { enum: ['upcoming', 'overdue'] }),
    handedAt: bigint('handed_at', { mode: 'number' }),
    locale: text('locale', { enum: ['en', 'ru', 'bg'] }).notNull(),
    status: text('status', { enum: NOTIFICATION_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
    claimToken: text('claim_token'),
    claimedBy: text('claimed_by'),
    leaseUntil: bigint('lease_until', { mode: 'number' }),
    sentAt: bigint('sent_at', { mode: 'number' }),
    messageId: text('message_id'),
    error: text('error'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('notifications_due_idx').on(t.status, t.nextAttemptAt),
    index('notifications_deal_idx').on(t.dealId, t.id),
    index('notifications_departure_idx').on(t.departureId, t.id),
    uniqueIndex('notifications_departure_notice_unique')
      .on(t.dealId, t.scheduleVersion)
      .where(sql.raw(DEPARTURE_NOTICE)),
    index('notifications_deal_notice_idx')
      .on(t.dealId, t.id)
      .where(sql.raw(`${DEPARTURE_NOTICE} AND status <> 'superseded'`)),
    uniqueIndex('notifications_payment_reminder_unique')
      .on(t.dealId, t.paymentKind, t.dueAt, t.reminderStage)
      .where(sql`kind = 'payment_reminder'`),
    uniqueIndex('notifications_waitlist_offer_unique').on(t.waitlistEntryId).where(sql`kind = 'waitlist_offer'`),
    uniqueIndex('notifications_feedback_unique').on(t.dealId).where(sql`kind = 'feedback_request'`),
    uniqueIndex('notifications_campaign_unique').on(t.campaignId, t.contactId).where(sql`kind = 'campaign'`),
    uniqueIndex('notifications_greeting_unique').on(t.contactId, t.dueAt).where(sql`kind = 'birthday_greeting'`),
    index('notifications_contact_idx').on(t.contactId, t.id),
    index('notifications_message_idx').on(t.channel, t.messageId).where(sql`message_id IS NOT NULL`),
  ],
);
