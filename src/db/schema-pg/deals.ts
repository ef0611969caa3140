import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { DEAL_STATUSES } from '../schema/deals.js';
import { contacts } from './contacts.js';
import { departures } from './departures.js';
import { departureVehicles } from './departure-vehicles.js';
import { departureStops } from './departure-stops.js';
import { users } from './users.js';

// The same array object as the SQLite schema's, so the two `status` types cannot drift apart.
export { DEAL_STATUSES };

// Mirrors src/db/schema/deals.ts.
export const deals = pgTable(
  'deals',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    managerId: integer('manager_id').references(() => users.id),
    stopId: integer('stop_id').references(() => departureStops.id),
    /** The bus the booking rides in, all its travellers together; set by every booking path. */
    vehicleId: integer('vehicle_id').references(() => departureVehicles.id),
    /** JSON `[code]`: the departure's extras sold per booking that it takes. */
    extras: text('extras').notNull().default('[]'),
    seats: integer('seats').notNull(),
    /** The whole booking's price: seats times a seat's price, so bigint like every amount. */
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    depositDueMinor: bigint('deposit_due_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: DEAL_STATUSES }).notNull(),
    documentsSentAt: bigint('documents_sent_at', { mode: 'number' }),
    documentsReceivedAt: bigint('documents_received_at', { mode: 'number' }),
    /** Who of the staff recorded each document stage (null: the client's own page, or before this was kept). */
    documentsSentBy: integer('documents_sent_by').references(() => users.id),
    documentsReceivedBy: integer('documents_received_by').references(() => users.id),
    voucherSentAt: bigint('voucher_sent_at', { mode: 'number' }),
    notifiedAt: bigint('notified_at', { mode: 'number' }),
    cancelledAt: bigint('cancelled_at', { mode: 'number' }),
    cancelReason: text('cancel_reason'),
    feeMinor: bigint('fee_minor', { mode: 'number' }).notNull().default(0),
    /**
     * DEFAULT 0: not in the SQLite drizzle schema, but in the SQLite database, where migration
     * 0013 added these NOT NULL columns with DEFAULT 0 (then backfilled them). The database is
     * the truth, so PostgreSQL has the same default (it makes the columns optional in
     * `$inferInsert` here, unlike SQLite's; the app always sets them).
     */
    depositDueAt: bigint('deposit_due_at', { mode: 'number' }).notNull().default(0),
    balanceDueAt: bigint('balance_due_at', { mode: 'number' }).notNull().default(0),
    priceGiven: boolean('price_given').notNull().default(false),
    /** Where the booking came from: `office` (made by staff) or `online` (the client on /trips). */
    source: text('source').notNull().default('office'),
    /** The client's booking page link carries it: making a new link moves it on, so the old one finds nothing. */
    manageLinkVersion: integer('manage_link_version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('deals_departure_status_idx').on(t.departureId, t.status, t.id),
    index('deals_manager_departure_status_idx').on(t.managerId, t.departureId, t.status),
    index('deals_status_idx').on(t.status, t.id),
    index('deals_contact_idx').on(t.contactId, t.id),
    index('deals_documents_missing_idx')
      .on(t.departureId, t.id)
      .where(sql`documents_received_at is null and cancelled_at is null`),
    index('deals_live_idx').on(t.departureId, t.id).where(sql`cancelled_at is null`),
    index('deals_deposit_due_idx').on(t.depositDueAt).where(sql`status IN ('new', 'documents_sent', 'documents_received')`),
    index('deals_online_unpaid_idx').on(t.depositDueAt).where(sql`source = 'online' and status IN ('new', 'documents_sent', 'documents_received')`),
    index('deals_balance_due_idx').on(t.balanceDueAt).where(sql`status IN ('new', 'documents_sent', 'documents_received', 'deposit_paid')`),
  ],
);
