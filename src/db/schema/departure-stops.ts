import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { departures } from './departures.js';

/** A departure's pickup stops along the route, in order; a booking boards at one of them. */
export const departureStops = sqliteTable(
  'departure_stops',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    /** Minutes after the departure's time: the stop's own time. */
    offsetMinutes: integer('offset_minutes').notNull(),
  },
  (t) => [index('departure_stops_departure_idx').on(t.departureId, t.position)],
);
