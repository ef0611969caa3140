import { integer, sqliteTable, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { departures } from './departures.js';
import { travellers } from './travellers.js';

/**
 * Who sits where. One row per seated traveller; the unique (departure, seat) index is what
 * makes a seat impossible to hold twice, whatever races to take it.
 */
export const seatAssignments = sqliteTable(
  'seat_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    seat: integer('seat').notNull(),
    travellerId: integer('traveller_id')
      .notNull()
      .references(() => travellers.id),
  },
  (t) => [uniqueIndex('seat_assignments_seat_unique').on(t.departureId, t.seat), uniqueIndex('seat_assignments_traveller_unique').on(t.travellerId)],
);
