import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users.js';

export const CAMPAIGN_STATUSES = ['draft', 'sending', 'sent'] as const;

/**
 * A mail to a part of the client base: greetings, offers. A draft until sent; sending queues
 * one outbox row per recipient, handed over at the agency's campaign rate.
 */
export const campaigns = sqliteTable('campaigns', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  /** The text for every reader whose language has no text of its own in `texts`. */
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  /** JSON `{en?: {subject, body}, ru?: ..., bg?: ...}`: one text per language. */
  texts: text('texts').notNull().default('{}'),
  /** JSON: whom it reaches (tags, stages, languages, trips, last trip, birthday month). */
  segment: text('segment').notNull().default('{}'),
  status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
  queuedAt: integer('queued_at'),
  queuedBy: integer('queued_by').references(() => users.id),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
