import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { WAITLIST_STATUSES } from '../schema/waitlist-entries.js';
import { contacts } from './contacts.js';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { users } from './users.js';

// The SQLite schema's own array: one list of statuses for both engines.
export { WAITLIST_STATUSES };

// Mirrors src/db/schema/waitlist-entries.ts.
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    offeredAt: bigint('offered_at', { mode: 'number' }),
    holdUntil: bigint('hold_until', { mode: 'number' }),
    dealId: integer('deal_id').references(() => deals.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('waitlist_departure_idx').on(t.departureId, t.status, t.id),
    index('waitlist_hold_idx').on(t.holdUntil).where(sql`status = 'offered'`),
  ],
);
