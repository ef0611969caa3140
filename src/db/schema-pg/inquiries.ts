import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { BLACKLIST_REASONS, INQUIRY_EVENTS, INQUIRY_STATUSES, REFUSAL_REASONS } from '../schema/inquiries.js';
import { contacts } from './contacts.js';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { users } from './users.js';

export { BLACKLIST_REASONS, INQUIRY_EVENTS, INQUIRY_STATUSES, REFUSAL_REASONS };

// Mirrors src/db/schema/inquiries.ts.
export const inquiries = pgTable(
  'inquiries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    managerId: integer('manager_id').references(() => users.id),
    status: text('status', { enum: INQUIRY_STATUSES }).notNull(),
    source: text('source'),
    departureId: integer('departure_id').references(() => departures.id),
    reactivation: boolean('reactivation').notNull().default(false),
    flagged: boolean('flagged').notNull().default(false),
    reason: text('reason'),
    firstOfferDueAt: bigint('first_offer_due_at', { mode: 'number' }).notNull(),
    firstOfferAt: bigint('first_offer_at', { mode: 'number' }),
    offerMadeAt: bigint('offer_made_at', { mode: 'number' }),
    offerExpiresAt: bigint('offer_expires_at', { mode: 'number' }),
    dealId: integer('deal_id').references(() => deals.id),
    /** JSON text, as in SQLite. */
    wishes: text('wishes').notNull().default('{}'),
    lastMessageAt: bigint('last_message_at', { mode: 'number' }),
    closedAt: bigint('closed_at', { mode: 'number' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('inquiries_contact_idx').on(t.contactId, t.id),
    index('inquiries_status_idx').on(t.status, t.createdAt),
    index('inquiries_manager_status_idx').on(t.managerId, t.status),
    // SQLite's `flagged = 0`: a PostgreSQL boolean compares with false, not 0.
    index('inquiries_first_offer_idx')
      .on(t.firstOfferDueAt)
      .where(sql`status IN ('new', 'selecting') AND flagged = false`),
    index('inquiries_offer_expiry_idx')
      .on(t.offerExpiresAt)
      .where(sql`status = 'offer_made'`),
  ],
);

export const inquiryEvents = pgTable(
  'inquiry_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    inquiryId: integer('inquiry_id')
      .notNull()
      .references(() => inquiries.id),
    kind: text('kind', { enum: INQUIRY_EVENTS }).notNull(),
    fromStatus: text('from_status', { enum: INQUIRY_STATUSES }),
    toStatus: text('to_status', { enum: INQUIRY_STATUSES }),
    reason: text('reason'),
    note: text('note'),
    message: text('message'),
    source: text('source'),
    at: bigint('at', { mode: 'number' }).notNull(),
    byUserId: integer('by_user_id').references(() => users.id),
  },
  (t) => [index('inquiry_events_inquiry_idx').on(t.inquiryId, t.id)],
);

export const intakeHits = pgTable(
  'intake_hits',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    address: text('address').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('intake_hits_address_idx').on(t.address, t.at)],
);
