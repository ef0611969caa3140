import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { departures } from './departures.js';

// Mirrors src/db/schema/departure-vehicles.ts.
/**
 * The buses of a departure, in order; its `seats` are their sum. A booking rides in one of
 * them (`deals.vehicle_id`) with all its travellers, and seat numbers count from 1 in each.
 */
export const departureVehicles = pgTable(
  'departure_vehicles',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    seats: integer('seats').notNull(),
    /** JSON `{seatsPerRow, aisleAfter, lastRowSeats?}`; null: the departure's layout. */
    seatLayout: text('seat_layout'),
  },
  (t) => [index('departure_vehicles_departure_idx').on(t.departureId, t.position)],
);
