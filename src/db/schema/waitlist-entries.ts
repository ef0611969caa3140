import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { contacts } from './contacts.js';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { users } from './users.js';

export const WAITLIST_STATUSES = ['waiting', 'offered', 'booked', 'expired', 'withdrawn'] as const;

/**
 * A client waiting for seats on a full departure. `offered` entries hold their seats until
 * `holdUntil`: the capacity check counts them as taken for everyone else.
 */
export const waitlistEntries = sqliteTable(
  'waitlist_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    managerId: integer('manager_id').references(() => users.id),
    seats: integer('seats').notNull(),
    note: text('note'),
    status: text('status', { enum: WAITLIST_STATUSES }).notNull().default('waiting'),
    offeredAt: integer('offered_at'),
    holdUntil: integer('hold_until'),
    /** The booking it turned into. */
    dealId: integer('deal_id').references(() => deals.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('waitlist_departure_idx').on(t.departureId, t.status, t.id),
    // The scheduler's expiry: offers whose hold has run out.
    index('waitlist_hold_idx').on(t.holdUntil).where(sql`status = 'offered'`),
  ],
);
