import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { waitlistEntries } from './waitlist-entries.js';
import { users } from './users.js';
import { contacts } from './contacts.js';
import { campaigns } from './campaigns.js';

export const NOTIFICATION_KINDS = ['voucher', 'booking_confirmation', 'departure_reminder', 'departure_changed', 'payment_reminder', 'waitlist_offer', 'feedback_request', 'campaign', 'birthday_greeting', 'campaign_test'] as const;
/** The notices that tell a booking when and where its bus leaves, one per schedule version. */
export const DEPARTURE_NOTICE = `kind IN ('departure_reminder', 'departure_changed')`;
/**
 * `superseded`: a departure notice replaced before it went out by one for the departure's
 * newer time or place, so the old one is never sent.
 */
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'delivered', 'failed', 'no_address', 'uncertain', 'superseded'] as const;
/** How a notice reached the traveller: by mail, SMS or Telegram, or told by phone by a person. */
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'telegram', 'phone'] as const;

/**
 * The outbox: every mail the system sends, written in the transaction of the fact that
 * causes it, claimed and sent after commit, then marked.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The booking it is about; a waiting-list offer has none yet. */
    dealId: integer('deal_id').references(() => deals.id),
    waitlistEntryId: integer('waitlist_entry_id').references(() => waitlistEntries.id),
    /** The trip it speaks of; campaigns and greetings have none. */
    departureId: integer('departure_id').references(() => departures.id),
    /**
     * The client it goes to, when no booking says who (campaigns, greetings); a campaign's test
     * copy names the client whose name it carries (it goes to `to_address`, never to them).
     */
    contactId: integer('contact_id').references(() => contacts.id),
    campaignId: integer('campaign_id').references(() => campaigns.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    /** The departure's schedule version a notice speaks of; reminders are owed once per version. */
    scheduleVersion: integer('schedule_version'),
    toAddress: text('to_address'),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull().default('email'),
    /**
     * The channels left to try, in the client's order, when this one fails: a JSON array of
     * `{channel, to}`. Fixed when the notice is queued.
     */
    fallbacks: text('fallbacks'),
    /** The SMS centre's delivery receipt said it arrived. */
    deliveredAt: integer('delivered_at'),
    /** What a departure notice tells: the time and place as they stood when it was queued. */
    toldDepartsAt: integer('told_departs_at'),
    toldMeetingPoint: text('told_meeting_point'),
    /** A payment reminder: which payment, the due date it speaks of, and whether it comes before it or on the day it is overdue. */
    paymentKind: text('payment_kind', { enum: ['deposit', 'balance'] }),
    dueAt: integer('due_at'),
    reminderStage: text('reminder_stage', { enum: ['upcoming', 'overdue'] }),
    /**
     * When the current attempt's mail was handed to the mail server. A sender that stops
     * after this and before marking the row leaves it `uncertain`: it may have arrived.
     */
    handedAt: integer('handed_at'),
    locale: text('locale', { enum: ['en', 'ru', 'bg'] }).notNull(),
    status: text('status', { enum: NOTIFICATION_STATUSES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    claimToken: text('claim_token'),
    /** Which process holds the claim (`host:pid`), so a pass can tell a dead sender's rows at once. */
    claimedBy: text('claimed_by'),
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
    // One departure notice per deal and schedule version, reminder or correction alike: the
    // database refuses a second, whoever plans it.
    uniqueIndex('notifications_departure_notice_unique')
      .on(t.dealId, t.scheduleVersion)
      .where(sql.raw(DEPARTURE_NOTICE)),
    // The latest live departure notice of a deal, for the planner and notify-due.
    index('notifications_deal_notice_idx')
      .on(t.dealId, t.id)
      .where(sql.raw(`${DEPARTURE_NOTICE} AND status <> 'superseded'`)),
    // Once per deal, payment, due date and stage: a second planner's insert is a no-op.
    uniqueIndex('notifications_payment_reminder_unique')
      .on(t.dealId, t.paymentKind, t.dueAt, t.reminderStage)
      .where(sql`kind = 'payment_reminder'`),
    // One offer mail per waiting-list entry: an entry is offered seats once.
    uniqueIndex('notifications_waitlist_offer_unique').on(t.waitlistEntryId).where(sql`kind = 'waitlist_offer'`),
    // One feedback request per booking, one campaign mail per client and campaign, one greeting per client and birthday.
    uniqueIndex('notifications_feedback_unique').on(t.dealId).where(sql`kind = 'feedback_request'`),
    uniqueIndex('notifications_campaign_unique').on(t.campaignId, t.contactId).where(sql`kind = 'campaign'`),
    uniqueIndex('notifications_greeting_unique').on(t.contactId, t.dueAt).where(sql`kind = 'birthday_greeting'`),
    index('notifications_contact_idx').on(t.contactId, t.id),
    // An SMS centre's delivery receipt names the message by the id it gave.
    index('notifications_message_idx').on(t.channel, t.messageId).where(sql`message_id IS NOT NULL`),
  ],
);
