import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { departures } from './departures.js';
import { users } from './users.js';

// Mirrors src/db/schema/contacts.ts.
export const contacts = pgTable(
  'contacts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    /** E.164, normalised against the agency's country. */
    phone: text('phone'),
    email: text('email'),
    /** Lower-cased e-mail: the identity used for duplicates. */
    emailNormalized: text('email_normalized'),
    locale: text('locale', { enum: ['en', 'ru', 'bg'] }),
    /** JSON array of the tags staff gave. */
    tags: text('tags').notNull().default('[]'),
    managerId: integer('manager_id').references(() => users.id),
    notes: text('notes'),
    nextContactAt: bigint('next_contact_at', { mode: 'number' }),
    followUpDepartureId: integer('follow_up_departure_id').references(() => departures.id),
    /** ISO calendar date (YYYY-MM-DD), text as in SQLite. */
    birthDate: text('birth_date'),
    marketingOptIn: boolean('marketing_opt_in').notNull().default(false),
    unsubscribedAt: bigint('unsubscribed_at', { mode: 'number' }),
    /** No foreign key, as in SQLite. */
    unsubscribedCampaignId: integer('unsubscribed_campaign_id'),
    /** JSON array of channels, or null. */
    channels: text('channels'),
    telegramChatId: text('telegram_chat_id'),
    telegramLinkVersion: integer('telegram_link_version').notNull().default(1),
    receivedAt: bigint('received_at', { mode: 'number' }),
    /** Folded to lower case by JavaScript (the same text on both engines). */
    searchText: text('search_text').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('contacts_phone_unique').on(t.phone).where(sql`phone is not null`),
    uniqueIndex('contacts_email_unique').on(t.emailNormalized).where(sql`email_normalized is not null`),
    index('contacts_name_idx').on(t.name, t.id),
    index('contacts_manager_idx').on(t.managerId, t.nextContactAt),
    index('contacts_next_contact_idx').on(t.nextContactAt),
    index('contacts_manager_received_idx').on(t.managerId, t.receivedAt).where(sql`received_at is not null`),
    index('contacts_received_idx').on(t.receivedAt).where(sql`received_at is not null`),
  ],
);
