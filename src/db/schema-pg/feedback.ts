import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';
import { deals } from './deals.js';
import { departures } from './departures.js';

// Mirrors src/db/schema/feedback.ts. `.unique()` names its constraint (and the index behind
// it) `feedback_deal_id_unique`, the name of SQLite's unique index.
export const feedback = pgTable(
  'feedback',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dealId: integer('deal_id')
      .notNull()
      .unique()
      .references(() => deals.id),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    /** 1 to 5 stars. */
    rating: integer('rating').notNull(),
    comment: text('comment'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('feedback_departure_idx').on(t.departureId, t.id), index('feedback_contact_idx').on(t.contactId, t.id)],
);
