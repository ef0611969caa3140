import { sql } from 'drizzle-orm';
import { check, integer, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { travellers } from './travellers.js';

// Mirrors src/db/schema/seat-assignments.ts, check constraint included.
export const seatAssignments = pgTable(
  'seat_assignments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    seat: integer('seat').notNull(),
    travellerId: integer('traveller_id').references(() => travellers.id),
    heldForDealId: integer('held_for_deal_id').references(() => deals.id),
    heldForPosition: integer('held_for_position'),
  },
  (t) => [
    uniqueIndex('seat_assignments_seat_unique').on(t.departureId, t.seat),
    uniqueIndex('seat_assignments_traveller_unique').on(t.travellerId),
    uniqueIndex('seat_assignments_held_unique').on(t.heldForDealId, t.heldForPosition),
    check(
      'seat_assignments_someone',
      sql`(traveller_id IS NOT NULL AND held_for_deal_id IS NULL AND held_for_position IS NULL) OR (traveller_id IS NULL AND held_for_deal_id IS NOT NULL AND held_for_position IS NOT NULL)`,
    ),
  ],
);
