/**
 * Single changes to a list, for a desk that edits a room at a time (the page's forms): each
 * answers the whole new list, which `editRooming` saves through `putRooming` and its checks.
 */
import { invalid } from '../errors.js';
import type { RoomPlan, RoomType } from './rooms.js';

/** A new room after the others. */
export const withRoomAdded = (list: RoomPlan[], type: RoomType, travellerIds: number[]): RoomPlan[] => [...list, { type, travellerIds }];

/** The suggested rooms for everyone without one, after the rooms there are. */
export const withSuggestion = (list: RoomPlan[], rooming: { suggestion: { rooms: RoomPlan[] } }): RoomPlan[] => [...list, ...rooming.suggestion.rooms];

/** Without the room; a room already gone leaves the list as it is (the form sent twice). */
export const withRoomRemoved = (list: RoomPlan[], roomId: number): RoomPlan[] => list.filter((room) => room.id !== roomId);

export const withRoomType = (list: RoomPlan[], roomId: number, type: RoomType): RoomPlan[] => list.map((room) => (room.id === roomId ? { ...room, type } : room));

/**
 * The traveller out of their room and into another (last in it), or into none (`null`). A
 * room left empty by the move is removed: a hotel gets no room nobody sleeps in.
 */
export function withTravellerMoved(list: RoomPlan[], travellerId: number, toRoomId: number | null): RoomPlan[] {
  if (toRoomId !== null && !list.some((room) => room.id === toRoomId)) throw invalid({ roomId: 'is not a room of this departure' });
  return list
    .map((room) => {
      const others = room.travellerIds.filter((id) => id !== travellerId);
      return { ...room, travellerIds: room.id === toRoomId ? [...others, travellerId] : others };
    })
    .filter((room) => room.travellerIds.length > 0);
}
