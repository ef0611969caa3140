import { bigint, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { DEAL_STATUSES, deals } from './deals.js';
import { users } from './users.js';

// Mirrors src/db/schema/deal-history.ts.
export const dealHistory = pgTable(
  'deal_history',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id),
    fromStatus: text('from_status', { enum: DEAL_STATUSES }),
    toStatus: text('to_status', { enum: DEAL_STATUSES }).notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
    byUserId: integer('by_user_id').references(() => users.id),
    note: text('note'),
    byClient: boolean('by_client').notNull().default(false),
  },
  (t) => [index('deal_history_deal_idx').on(t.dealId, t.id)],
);
