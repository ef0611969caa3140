import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { contacts } from './contacts.js';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { users } from './users.js';

export const INQUIRY_STATUSES = ['new', 'no_offer', 'selecting', 'offer_made', 'booked', 'refused', 'blacklisted'] as const;
export const REFUSAL_REASONS = ['not_going', 'changed_mind', 'bought_elsewhere', 'not_relevant', 'price_shopping', 'no_suitable_offer', 'other'] as const;
export const BLACKLIST_REASONS = ['rude', 'lost_contact', 'deceased', 'moved', 'other'] as const;

/**
 * A lead: how a client arrives, and where that conversation stands. Its timers are stored
 * as instants so worklists are plain index ranges.
 */
export const inquiries = sqliteTable(
  'inquiries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    managerId: integer('manager_id').references(() => users.id),
    status: text('status', { enum: INQUIRY_STATUSES }).notNull(),
    /** Where it came from: `phone`, `site`, an ad campaign... as given. */
    source: text('source'),
    departureId: integer('departure_id').references(() => departures.id),
    /** The client came back after an earlier inquiry was closed: counted apart in the funnel. */
    reactivation: integer('reactivation', { mode: 'boolean' }).notNull().default(false),
    /** Black-listed or "do not contact" client: recorded, on no worklist, shown to the director. */
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    reason: text('reason'),
    firstOfferDueAt: integer('first_offer_due_at').notNull(),
    /** When the first offer was made (for the funnel's time to first offer). */
    firstOfferAt: integer('first_offer_at'),
    offerMadeAt: integer('offer_made_at'),
    offerExpiresAt: integer('offer_expires_at'),
    dealId: integer('deal_id').references(() => deals.id),
    /** JSON `{destination?, dateFrom?, dateTo?, people?, budgetMinor?, notes?}`: what the client wants. */
    wishes: text('wishes').notNull().default('{}'),
    /** A new message merged in: the manager sees it as new activity. */
    lastMessageAt: integer('last_message_at'),
    closedAt: integer('closed_at'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('inquiries_contact_idx').on(t.contactId, t.id),
    index('inquiries_status_idx').on(t.status, t.createdAt),
    index('inquiries_manager_status_idx').on(t.managerId, t.status),
    // Worklists: first offers owed, and offers running out, as ranges over live leads.
    index('inquiries_first_offer_idx')
      .on(t.firstOfferDueAt)
      .where(sql`status IN ('new', 'selecting') AND flagged = 0`),
    index('inquiries_offer_expiry_idx')
      .on(t.offerExpiresAt)
      .where(sql`status = 'offer_made'`),
  ],
);

export const INQUIRY_EVENTS = ['created', 'message', 'status', 'booked'] as const;

/** Every move and message of an inquiry, with who and why. */
export const inquiryEvents = sqliteTable(
  'inquiry_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    at: integer('at').notNull(),
    byUserId: integer('by_user_id').references(() => users.id),
  },
  (t) => [index('inquiry_events_inquiry_idx').on(t.inquiryId, t.id)],
);

/** Public intake hits per client address, for the rate limit (shared by every process). */
export const intakeHits = sqliteTable(
  'intake_hits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    address: text('address').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('intake_hits_address_idx').on(t.address, t.at)],
);
