import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { contacts } from './contacts.js';
import { deals } from './deals.js';
import { departures } from './departures.js';

/** How a trip was, in the traveller's words: one answer per booking, given once on a public page. */
export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('feedback_departure_idx').on(t.departureId, t.id), index('feedback_contact_idx').on(t.contactId, t.id)],
);
