import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { deals } from './deals.js';

// Mirrors src/db/schema/travellers.ts.
export const travellers = pgTable(
  'travellers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** ISO calendar date (YYYY-MM-DD), text as in SQLite. */
    birthDate: text('birth_date'),
    documentNumber: text('document_number'),
    category: text('category').notNull().default('adult'),
    /** JSON `[code]`: the departure's extras sold per traveller that this traveller takes. */
    extras: text('extras').notNull().default('[]'),
    boarding: text('boarding', { enum: ['expected', 'boarded', 'no_show'] }).notNull().default('expected'),
    boardingAt: bigint('boarding_at', { mode: 'number' }),
    boardingBy: integer('boarding_by'),
  },
  (t) => [index('travellers_deal_idx').on(t.dealId, t.position)],
);
