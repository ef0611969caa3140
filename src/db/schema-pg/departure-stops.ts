import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { departures } from './departures.js';

// Mirrors src/db/schema/departure-stops.ts.
export const departureStops = pgTable(
  'departure_stops',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    address: text('address'),
    /** Minutes after the departure's time: small, so a plain integer. */
    offsetMinutes: integer('offset_minutes').notNull(),
  },
  (t) => [index('departure_stops_departure_idx').on(t.departureId, t.position)],
);
