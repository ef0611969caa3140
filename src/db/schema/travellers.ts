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
    /** The departure's price category the traveller pays (`adult` unless said). */
    category: text('category').notNull().default('adult'),
    /** JSON `[code]`: the departure's extras sold per traveller that this traveller takes. */
    extras: text('extras').notNull().default('[]'),
    /** At the bus door: expected until a guide marks them boarded or a no-show. */
    boarding: text('boarding', { enum: ['expected', 'boarded', 'no_show'] }).notNull().default('expected'),
    boardingAt: integer('boarding_at'),
    /** Who marked them (a user id): two guides at one bus see whose mark stands. */
    boardingBy: integer('boarding_by'),
  },
  (t) => [index('travellers_deal_idx').on(t.dealId, t.position)],
);
