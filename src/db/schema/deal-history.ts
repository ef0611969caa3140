import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DEAL_STATUSES, deals } from './deals.js';
import { users } from './users.js';

export const dealHistory = sqliteTable(
  'deal_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id),
    fromStatus: text('from_status', { enum: DEAL_STATUSES }),
    toStatus: text('to_status', { enum: DEAL_STATUSES }).notNull(),
    at: integer('at').notNull(),
    byUserId: integer('by_user_id').references(() => users.id),
    note: text('note'),
    /** Done by the client on their booking page (no user): their travellers' details, their card payment. */
    byClient: integer('by_client', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('deal_history_deal_idx').on(t.dealId, t.id)],
);
