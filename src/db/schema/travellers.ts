import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { deals } from './deals.js';

export const travellers = sqliteTable(
  'travellers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** ISO calendar date (YYYY-MM-DD): a birthday has no time zone. */
    birthDate: text('birth_date'),
    documentNumber: text('document_number'),
  },
  (t) => [index('travellers_deal_idx').on(t.dealId, t.position)],
);
