import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { contacts } from './contacts.js';
import { departures } from './departures.js';
import { departureVehicles } from './departure-vehicles.js';
import { departureStops } from './departure-stops.js';
import { users } from './users.js';

export const DEAL_STATUSES = [
  'new',
  'documents_sent',
  'documents_received',
  'deposit_paid',
  'fully_paid',
  'voucher_sent',
  'notified',
  'cancelled',
] as const;

export const deals = sqliteTable(
  'deals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    managerId: integer('manager_id').references(() => users.id),
    /** The pickup stop; null: the departure's first. */
    stopId: integer('stop_id').references(() => departureStops.id),
    /** The bus the booking rides in, all its travellers together; set by every booking path. */
    vehicleId: integer('vehicle_id').references(() => departureVehicles.id),
    /** JSON `[code]`: the departure's extras sold per booking that it takes. */
    extras: text('extras').notNull().default('[]'),
    seats: integer('seats').notNull(),
    priceMinor: integer('price_minor').notNull(),
    depositDueMinor: integer('deposit_due_minor').notNull(),
    currency: text('currency').notNull(),
    /** Derived from the facts below by deriveDealStatus; stored only so lists can use an index. */
    status: text('status', { enum: DEAL_STATUSES }).notNull(),
    documentsSentAt: integer('documents_sent_at'),
    documentsReceivedAt: integer('documents_received_at'),
    /** Who of the staff recorded each document stage (null: the client's own page, or before this was kept). */
    documentsSentBy: integer('documents_sent_by').references(() => users.id),
    documentsReceivedBy: integer('documents_received_by').references(() => users.id),
    voucherSentAt: integer('voucher_sent_at'),
    notifiedAt: integer('notified_at'),
    cancelledAt: integer('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /** Kept by the agency on cancellation (at most what was paid); the rest of the money is a refund due. */
    feeMinor: integer('fee_minor').notNull().default(0),
    /** By when the deposit and the balance are due (epoch ms); moved by a manager, planned reminders follow. */
    depositDueAt: integer('deposit_due_at').notNull(),
    balanceDueAt: integer('balance_due_at').notNull(),
    /** The price (and deposit) were given, not the sum of the travellers' categories: a change of travellers keeps them. */
    priceGiven: integer('price_given', { mode: 'boolean' }).notNull().default(false),
    /** Where the booking came from: `office` (made by staff) or `online` (the client on /trips). */
    source: text('source').notNull().default('office'),
    /** The client's booking page link carries it: making a new link moves it on, so the old one finds nothing. */
    manageLinkVersion: integer('manage_link_version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('deals_departure_status_idx').on(t.departureId, t.status, t.id),
    // manager, then departure: the inner seek of a manager's worklist, one departure at a time.
    index('deals_manager_departure_status_idx').on(t.managerId, t.departureId, t.status),
    index('deals_status_idx').on(t.status, t.id),
    index('deals_contact_idx').on(t.contactId, t.id),
    // Worklists that are not a status: partial indexes hold only the deals still owing the fact.
    index('deals_documents_missing_idx')
      .on(t.departureId, t.id)
      .where(sql`documents_received_at is null and cancelled_at is null`),
    // Bookings still going, per departure: departure notices and notify-due.
    index('deals_live_idx').on(t.departureId, t.id).where(sql`cancelled_at is null`),
    // Payment reminders: the deals still owing a deposit, or anything, by due date.
    index('deals_deposit_due_idx').on(t.depositDueAt).where(sql`status IN ('new', 'documents_sent', 'documents_received')`),
    // Online bookings still owing their deposit: the scheduler cancels them when it is overdue.
    index('deals_online_unpaid_idx').on(t.depositDueAt).where(sql`source = 'online' and status IN ('new', 'documents_sent', 'documents_received')`),
    index('deals_balance_due_idx').on(t.balanceDueAt).where(sql`status IN ('new', 'documents_sent', 'documents_received', 'deposit_paid')`),
  ],
);
