import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { departureVehicles } from './departure-vehicles.js';
import { travellers } from './travellers.js';

// Mirrors src/db/schema/seat-assignments.ts, check constraint included.
export const seatAssignments = pgTable(
  'seat_assignments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    heldForPosition: integer('held_for_position'),
  },
  (t) => [
    uniqueIndex('seat_assignments_seat_unique').on(t.vehicleId, t.seat),
    index('seat_assignments_departure_idx').on(t.departureId),
    uniqueIndex('seat_assignments_traveller_unique').on(t.travellerId),
    uniqueIndex('seat_assignments_held_unique').on(t.heldForDealId, t.heldForPosition),
    check(
      'seat_assignments_someone',
      sql`(traveller_id IS NOT NULL AND held_for_deal_id IS NULL AND held_for_position IS NULL) OR (traveller_id IS NULL AND held_for_deal_id IS NOT NULL AND held_for_position IS NOT NULL)`,
    ),
  ],
);
