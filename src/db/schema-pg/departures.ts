import { bigint, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './users.js';

// Mirrors src/db/schema/departures.ts. Money per seat is bigint like every amount (see index.ts).
export const departures = pgTable(
  'departures',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    title: text('title').notNull(),
    destination: text('destination'),
    /** Epoch milliseconds (UTC). */
    departsAt: bigint('departs_at', { mode: 'number' }).notNull(),
    /** The zone the trip's local times are shown in. */
    timeZone: text('time_zone').notNull(),
    returnsAt: bigint('returns_at', { mode: 'number' }),
    meetingPoint: text('meeting_point').notNull(),
    seats: integer('seats').notNull(),
    /** Per seat. */
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    /** Per seat. */
    depositMinor: bigint('deposit_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['scheduled', 'cancelled'] }).notNull().default('scheduled'),
    /** JSON `[{daysBefore, percent}]`. */
    cancellationFees: text('cancellation_fees').notNull().default('[]'),
    /** JSON `[{category, label?, priceMinor, depositMinor}]`. */
    prices: text('prices').notNull().default('[]'),
    /** JSON `[{code, label, priceMinor, per: traveller|booking}]`: what is sold besides the seat (lunch, tickets, the single-room supplement). */
    extras: text('extras').notNull().default('[]'),
    /** Days, not instants: small numbers. */
    depositDueDays: integer('deposit_due_days'),
    balanceDueDays: integer('balance_due_days'),
    /** JSON `[{label, amountMinor}]`. */
    costs: text('costs').notNull().default('[]'),
    /** JSON `{seatsPerRow, aisleAfter, lastRowSeats?}`. */
    seatLayout: text('seat_layout'),
    scheduleVersion: integer('schedule_version').notNull().default(1),
    operatorId: integer('operator_id').references(() => users.id),
    managerId: integer('manager_id').references(() => users.id),
    public: boolean('public').notNull().default(false),
    description: text('description'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('departures_departs_at_idx').on(t.departsAt, t.id)],
);
