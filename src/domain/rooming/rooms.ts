/** The rooms of a rooming list: their types, how many each sleeps, and what a list must hold to. */
import { z } from 'zod';
import { MAX_SEATS } from '../departures/departures.js';
import { invalid } from '../errors.js';

export const ROOM_TYPES = ['single', 'double', 'twin', 'triple', 'family'] as const;
export type RoomType = (typeof ROOM_TYPES)[number];

/** Travellers a room of each type sleeps at most. */
export const ROOM_CAPACITY: Record<RoomType, number> = { single: 1, double: 2, twin: 2, triple: 3, family: 5 };

const id = z.number({ error: 'must be an id (a positive whole number)' }).int('must be an id (a positive whole number)').positive('must be an id (a positive whole number)');

export const RoomTypeInput = z.enum(ROOM_TYPES, { error: `must be one of ${ROOM_TYPES.join(', ')}` });

/**
 * The whole list as a request gives it. Only its shape is checked here; what a list must hold
 * to (room sizes, a traveller once, travellers of the trip) is checked by `checkRooms` and
 * `putRooming`, so an edit made on the page meets the same rules as the API's list.
 */
export const RoomingInput = z.object({
  rooms: z
    .array(
      z.object({
        /** A room already on the list keeps its id; a room without one is new. */
        id: id.optional(),
        type: RoomTypeInput,
        travellerIds: z.array(id).max(MAX_SEATS, `must be at most ${MAX_SEATS} travellers`),
      }),
    )
    .max(MAX_SEATS, `must be at most ${MAX_SEATS} rooms`),
});
export type RoomingInput = z.infer<typeof RoomingInput>;
export type RoomPlan = RoomingInput['rooms'][number];

/**
 * Refuses a list no hotel can take, naming the room's field: an empty room, more travellers
 * than the type sleeps, a traveller in two rooms (or twice in one), a room id given twice.
 */
export function checkRooms(rooms: RoomPlan[]): void {
  const placed = new Set<number>();
  const roomIds = new Set<number>();
  rooms.forEach((room, i) => {
    if (room.id !== undefined) {
      if (roomIds.has(room.id)) throw invalid({ [`rooms.${i}.id`]: 'must not repeat another room' });
      roomIds.add(room.id);
    }
    const field = `rooms.${i}.travellerIds`;
    if (room.travellerIds.length === 0) throw invalid({ [field]: 'must name at least one traveller' });
    const capacity = ROOM_CAPACITY[room.type];
    if (room.travellerIds.length > capacity) throw invalid({ [field]: `at most ${capacity} traveller${capacity === 1 ? '' : 's'} in a ${room.type} room` });
    for (const travellerId of room.travellerIds) {
      if (placed.has(travellerId)) throw invalid({ [field]: `names traveller ${travellerId} more than once` });
      placed.add(travellerId);
    }
  });
}
