import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users.js';

export const departures = sqliteTable(
  'departures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    destination: text('destination'),
    /** Epoch milliseconds (UTC). */
    departsAt: integer('departs_at').notNull(),
    /** The zone the trip's local times are shown in. */
    timeZone: text('time_zone').notNull(),
    returnsAt: integer('returns_at'),
    meetingPoint: text('meeting_point').notNull(),
    seats: integer('seats').notNull(),
    /** Per seat. */
    priceMinor: integer('price_minor').notNull(),
    /** Per seat. */
    depositMinor: integer('deposit_minor').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['scheduled', 'cancelled'] }).notNull().default('scheduled'),
    /** JSON `[{daysBefore, percent}]`: the fee kept when a booking is cancelled that close to the trip. */
    cancellationFees: text('cancellation_fees').notNull().default('[]'),
    /** JSON `[{category, label?, priceMinor, depositMinor}]`: price categories besides the default (`adult`, the columns above). */
    prices: text('prices').notNull().default('[]'),
    /** JSON `[{code, label, priceMinor, per: traveller|booking}]`: what is sold besides the seat (lunch, tickets, the single-room supplement). */
    extras: text('extras').notNull().default('[]'),
    /** Days after booking the deposit is due, and before departure the balance is; null: the agency's. */
    depositDueDays: integer('deposit_due_days'),
    balanceDueDays: integer('balance_due_days'),
    /** JSON `[{label, amountMinor}]`: what the trip costs the agency; directors only. */
    costs: text('costs').notNull().default('[]'),
    /** JSON `{seatsPerRow, aisleAfter, lastRowSeats?}`: how the seats are numbered on the bus. */
    seatLayout: text('seat_layout'),
    /** Bumped whenever the time or the meeting point changes: notices are owed per version. */
    scheduleVersion: integer('schedule_version').notNull().default(1),
    /** Who runs the trip: the plan's operator and manager tasks go to them. */
    operatorId: integer('operator_id').references(() => users.id),
    managerId: integer('manager_id').references(() => users.id),
    /** Sold online: listed at /trips and in the public JSON, bookable there. */
    public: integer('public', { mode: 'boolean' }).notNull().default(false),
    /** What the trip is, for the client reading /trips. */
    description: text('description'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('departures_departs_at_idx').on(t.departsAt, t.id)],
);
