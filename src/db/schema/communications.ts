import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { contacts } from './contacts.js';
import { users } from './users.js';

export const communications = sqliteTable(
  'communications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    channel: text('channel', { enum: ['call', 'email', 'meeting', 'messenger', 'sms', 'note'] }).notNull(),
    summary: text('summary').notNull(),
    outcome: text('outcome'),
    at: integer('at').notNull(),
    nextContactAt: integer('next_contact_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('communications_contact_idx').on(t.contactId, t.at)],
);
