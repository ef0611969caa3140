import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { departureVehicles } from './departure-vehicles.js';
import { travellers } from './travellers.js';

/**
 * Who sits where. One row per seated traveller; the unique (departure, seat) index is what
 * makes a seat impossible to hold twice, whatever races to take it.
 *
 * A booking may have fewer names than seats: such a seat is still on the bus, so it is held
 * for the booking's traveller at that position (`heldForDealId`, `heldForPosition`, no
 * `travellerId`) and passes to the traveller when they are named.
 */
export const seatAssignments = sqliteTable(
  'seat_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    /** The bus; seat numbers count from 1 in each. */
    vehicleId: integer('vehicle_id')
      .notNull()
      .references(() => departureVehicles.id),
    seat: integer('seat').notNull(),
    travellerId: integer('traveller_id').references(() => travellers.id),
    heldForDealId: integer('held_for_deal_id').references(() => deals.id),
    /** The unnamed traveller's place in the booking, counted from 0 as travellers' `position`. */
    heldForPosition: integer('held_for_position'),
  },
  (t) => [
    uniqueIndex('seat_assignments_seat_unique').on(t.vehicleId, t.seat),
    index('seat_assignments_departure_idx').on(t.departureId),
    uniqueIndex('seat_assignments_traveller_unique').on(t.travellerId),
    uniqueIndex('seat_assignments_held_unique').on(t.heldForDealId, t.heldForPosition),
    check(
      'seat_assignments_someone',
      // Column names bare: the rebuild that adds this constraint renames the table.
      sql`(traveller_id IS NOT NULL AND held_for_deal_id IS NULL AND held_for_position IS NULL) OR (traveller_id IS NULL AND held_for_deal_id IS NOT NULL AND held_for_position IS NOT NULL)`,
    ),
  ],
);
