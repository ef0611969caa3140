/** The rooming list of a trip: rooms with their travellers, those in no room, and the rooms suggested. */
import { z } from 'zod';
import { ROOM_TYPES } from '../../../domain/rooming/index.js';
import { Day, type Answers } from './types.js';

const id = z.number().int();

const RoomedTraveller = z
  .object({
    id,
    name: z.string(),
    birthDate: Day.nullable(),
    documentNumber: z.string().nullable(),
    dealId: id,
    clientName: z.string().meta({ description: "The booking's client" }),
    singleSupplement: z.boolean().meta({ description: 'Takes the single-room supplement' }),
  })
  .meta({ id: 'RoomedTraveller', description: 'A traveller of a live booking' });

const SuggestedRoom = z
  .object({ type: z.enum(ROOM_TYPES), travellerIds: z.array(id) })
  .meta({ id: 'SuggestedRoom', description: 'A room suggested for travellers in none' });

export const RoomingList = z
  .object({
    departureId: id,
    nights: z.number().int(),
    rooms: z.array(
      z
        .object({ id, type: z.enum(ROOM_TYPES), travellerIds: z.array(id), travellers: z.array(RoomedTraveller) })
        .meta({ id: 'RoomingRoom', description: 'A room and who sleeps in it' }),
    ),
    unroomed: z.array(RoomedTraveller).meta({ description: 'Travellers of live bookings in no room, booking by booking' }),
    suggestion: z.object({ rooms: z.array(SuggestedRoom) }).meta({ description: 'Rooms for the unroomed that keep each booking together' }),
  })
  .meta({ id: 'RoomingList', description: "The trip's rooming list" });

export const roomingAnswers: Answers = {
  'get /departures/:id/rooming': RoomingList,
  'put /departures/:id/rooming': RoomingList,
  'post /departures/:id/rooming/suggest': RoomingList,
};
