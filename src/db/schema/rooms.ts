import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { departures } from './departures.js';
import { travellers } from './travellers.js';

/** The rooming list of a trip with nights: rooms by type, in the order the hotel gets them. */
export const rooms = sqliteTable(
  'rooms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    departureId: integer('departure_id')
      .notNull()
      .references(() => departures.id),
    position: integer('position').notNull(),
    /** single, double, twin, triple or family. */
    type: text('type').notNull(),
  },
  (t) => [index('rooms_departure_idx').on(t.departureId, t.position)],
);

/** Who sleeps in a room; a traveller is in one room at most (the unique index). */
export const roomTravellers = sqliteTable(
  'room_travellers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roomId: integer('room_id')
      .notNull()
      .references(() => rooms.id),
    travellerId: integer('traveller_id')
      .notNull()
      .references(() => travellers.id),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('room_travellers_traveller_unique').on(t.travellerId), index('room_travellers_room_idx').on(t.roomId, t.position)],
);
