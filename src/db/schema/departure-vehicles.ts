import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { departures } from './departures.js';

/**
 * The buses of a departure, in order; its `seats` are their sum. A booking rides in one of
 * them (`deals.vehicle_id`) with all its travellers, and seat numbers count from 1 in each.
 */
export const departureVehicles = sqliteTable(
  'departure_vehicles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
