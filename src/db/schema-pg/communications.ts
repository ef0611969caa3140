import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';
import { users } from './users.js';

// Mirrors src/db/schema/communications.ts.
export const communications = pgTable(
  'communications',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    channel: text('channel', { enum: ['call', 'email', 'meeting', 'messenger', 'sms', 'note'] }).notNull(),
    summary: text('summary').notNull(),
    outcome: text('outcome'),
    at: bigint('at', { mode: 'number' }).notNull(),
    nextContactAt: bigint('next_contact_at', { mode: 'number' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('communications_contact_idx').on(t.contactId, t.at)],
);
