import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { departures } from './departures.js';
import { users } from './users.js';

export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** E.164, normalised against the agency's country. */
    phone: text('phone'),
    email: text('email'),
    /** Lower-cased e-mail: the identity used for duplicates. */
    emailNormalized: text('email_normalized'),
    locale: text('locale', { enum: ['en', 'ru', 'bg'] }),
    /** JSON array of the tags staff gave; automatic tags are computed, not stored here. */
    tags: text('tags').notNull().default('[]'),
    managerId: integer('manager_id').references(() => users.id),
    notes: text('notes'),
    nextContactAt: integer('next_contact_at'),
    /** The trip the planned contact follows up ("how was Ohrid, what next"); cleared once they talk. */
    followUpDepartureId: integer('follow_up_departure_id').references(() => departures.id),
    /** ISO calendar date (YYYY-MM-DD), for birthday greetings and the birthday-month segment. */
    birthDate: text('birth_date'),
    /** The client agreed to receive offers and greetings; off until they say so. */
    marketingOptIn: integer('marketing_opt_in', { mode: 'boolean' }).notNull().default(false),
    /** The client unsubscribed (from a campaign's link): no campaign or greeting reaches them again. */
    unsubscribedAt: integer('unsubscribed_at'),
    unsubscribedCampaignId: integer('unsubscribed_campaign_id'),
    /**
     * JSON array of the ways the client wants to be told, in order (`email`, `sms`, `telegram`);
     * null: the default, e-mail then SMS.
     */
    channels: text('channels'),
    /** The Telegram chat the client linked by pressing Start in the agency's bot; null: not linked. */
    telegramChatId: text('telegram_chat_id'),
    /**
     * The version the client's Telegram start link is signed with: pressing Start with it links
     * a chat and moves it on, so a link works once and the card then shows a new one.
     */
    telegramLinkVersion: integer('telegram_link_version').notNull().default(1),
    /** When the client was transferred to their manager: shown as newly received until they act. */
    receivedAt: integer('received_at'),
    /**
     * Name, e-mail and phone digits folded to lower case by JavaScript, because SQLite's
     * lower() only folds ASCII and "петров" must find "Петров".
     */
    searchText: text('search_text').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('contacts_phone_unique').on(t.phone).where(sql`phone is not null`),
    uniqueIndex('contacts_email_unique').on(t.emailNormalized).where(sql`email_normalized is not null`),
    index('contacts_name_idx').on(t.name, t.id),
    index('contacts_manager_idx').on(t.managerId, t.nextContactAt),
    index('contacts_next_contact_idx').on(t.nextContactAt),
    // "Newly received" on my-day: the few clients transferred lately, a manager's or the agency's
    // (without them my-day read every client of the manager on every request).
    index('contacts_manager_received_idx').on(t.managerId, t.receivedAt).where(sql`received_at is not null`),
    index('contacts_received_idx').on(t.receivedAt).where(sql`received_at is not null`),
  ],
);
