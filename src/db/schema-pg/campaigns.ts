import { bigint, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { CAMPAIGN_STATUSES } from '../schema/campaigns.js';
import { users } from './users.js';

export { CAMPAIGN_STATUSES };

// Mirrors src/db/schema/campaigns.ts.
export const campaigns = pgTable('campaigns', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  /** JSON text, as in SQLite. */
  texts: text('texts').notNull().default('{}'),
  /** JSON text, as in SQLite. */
  segment: text('segment').notNull().default('{}'),
  status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
  queuedAt: bigint('queued_at', { mode: 'number' }),
  queuedBy: integer('queued_by').references(() => users.id),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});
