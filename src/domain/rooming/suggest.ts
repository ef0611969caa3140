/**
 * The suggested rooms for travellers without one. Each booking stays together, since people
 * who booked together share; a traveller who pays the single-room supplement sleeps alone.
 */
import { extrasOf, SINGLE_SUPPLEMENT, takenExtras } from '../departures/extras.js';
import { ROOM_CAPACITY, type RoomType } from './rooms.js';

/**
 * The single-room supplement is an extra sold per traveller with one of these codes (the
 * code the extras name it by, and its long spelling), compared without case. A label is the
 * agency's own wording in any language, so the code alone decides.
 */
export const SINGLE_SUPPLEMENT_CODES: readonly string[] = [SINGLE_SUPPLEMENT, 'single_supplement'];

/** The departure's codes that are the single-room supplement, lower-cased. */
export function singleSupplementCodes(departure: { extras: string }): Set<string> {
  return new Set(
    extrasOf(departure)
      .filter((extra) => extra.per === 'traveller' && SINGLE_SUPPLEMENT_CODES.includes(extra.code.toLowerCase()))
      .map((extra) => extra.code.toLowerCase()),
  );
}

/** Whether a traveller's extras (as stored) take one of those codes. */
export const takesSingle = (codes: Set<string>, stored: string) => codes.size > 0 && takenExtras(stored).some((code) => codes.has(code.toLowerCase()));

export interface SuggestedRoom {
  type: RoomType;
  travellerIds: number[];
}

/** The room for a party of up to five: one to a single, two to a double, three to a triple, four or five to a family room. */
const ROOM_FOR: Record<number, RoomType> = { 1: 'single', 2: 'double', 3: 'triple', 4: 'family', 5: 'family' };

/**
 * A booking's rooms: its single-supplement travellers each alone, the rest together. A party
 * larger than a family room fills family rooms of five until five or fewer are left, who get
 * the room for their number (six: a family room and a single).
 */
export function roomsForBooking(travellers: { id: number; single: boolean }[]): SuggestedRoom[] {
  const rooms: SuggestedRoom[] = travellers.filter((t) => t.single).map((t) => ({ type: 'single', travellerIds: [t.id] }));
  let rest = travellers.filter((t) => !t.single).map((t) => t.id);
  while (rest.length > ROOM_CAPACITY.family) {
    rooms.push({ type: 'family', travellerIds: rest.slice(0, ROOM_CAPACITY.family) });
    rest = rest.slice(ROOM_CAPACITY.family);
  }
  if (rest.length) rooms.push({ type: ROOM_FOR[rest.length]!, travellerIds: rest });
  return rooms;
}

/** Rooms for everyone without one, booking by booking in the order given. */
export function suggestRooms(unroomed: { id: number; dealId: number; single: boolean }[]): SuggestedRoom[] {
  const byDeal = new Map<number, { id: number; single: boolean }[]>();
  for (const traveller of unroomed) byDeal.set(traveller.dealId, [...(byDeal.get(traveller.dealId) ?? []), traveller]);
  return [...byDeal.values()].flatMap(roomsForBooking);
}
