/**
 * The rooming list of a trip with nights: who sleeps in which room, as the hotel gets it.
 * Travellers of cancelled bookings are not on it (their rows stay until the list is next
 * saved), and a room nobody of a live booking sleeps in is left out.
 */
import { and, asc, eq, inArray, ne, notInArray } from 'drizzle-orm';
import { contacts, deals, rooms, roomTravellers, travellers } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx } from '../context.js';
import { getDeparture, type DepartureWithSeats } from '../departures/departures.js';
import { invalid } from '../errors.js';
import { forEachInOrder } from '../in-order.js';
import { withSuggestion } from './edits.js';
import { nightsOf } from './nights.js';
import { checkRooms, type RoomingInput, type RoomPlan, type RoomType } from './rooms.js';
import { singleSupplementCodes, suggestRooms, takesSingle, type SuggestedRoom } from './suggest.js';

export interface RoomedTraveller {
  id: number;
  name: string;
  birthDate: string | null;
  documentNumber: string | null;
  dealId: number;
  /** The booking's client, to tell whose travellers they are. */
  clientName: string;
  /** Takes the single-room supplement (see SINGLE_SUPPLEMENT_CODES). */
  singleSupplement: boolean;
}

export interface Room {
  id: number;
  type: RoomType;
  travellerIds: number[];
  travellers: RoomedTraveller[];
}

export interface Rooming {
  departureId: number;
  nights: number;
  rooms: Room[];
  /** Travellers of live bookings in no room, booking by booking. */
  unroomed: RoomedTraveller[];
  /** Rooms for the unroomed that keep each booking together; applying it adds them. */
  suggestion: { rooms: SuggestedRoom[] };
}

/** The travellers of the departure's bookings not cancelled, booking by booking, in their order. */
async function liveTravellers(ctx: Ctx, departure: DepartureWithSeats): Promise<RoomedTraveller[]> {
  const rows = await ctx.db
    .select({
      id: travellers.id,
      name: travellers.name,
      birthDate: travellers.birthDate,
      documentNumber: travellers.documentNumber,
      extras: travellers.extras,
      dealId: deals.id,
      clientName: contacts.name,
    })
    .from(travellers)
    .innerJoin(deals, eq(deals.id, travellers.dealId))
    .innerJoin(contacts, eq(contacts.id, deals.contactId))
    .where(and(eq(deals.departureId, departure.id), ne(deals.status, 'cancelled')))
    .orderBy(asc(deals.id), asc(travellers.position))
    .all();
  const singles = singleSupplementCodes(departure);
  return rows.map(({ extras, ...row }) => ({ ...row, singleSupplement: takesSingle(singles, extras) }));
}

/** The departure's rooms in order, with who is in each as stored. */
async function storedRooms(ctx: Ctx, departureId: number) {
  const list = await ctx.db.select().from(rooms).where(eq(rooms.departureId, departureId)).orderBy(asc(rooms.position), asc(rooms.id)).all();
  const members = list.length
    ? await ctx.db
        .select({ roomId: roomTravellers.roomId, travellerId: roomTravellers.travellerId })
        .from(roomTravellers)
        .where(inArray(roomTravellers.roomId, list.map((room) => room.id)))
        .orderBy(asc(roomTravellers.roomId), asc(roomTravellers.position))
        .all()
    : [];
  return list.map((room) => ({ id: room.id, type: room.type as RoomType, travellerIds: members.filter((m) => m.roomId === room.id).map((m) => m.travellerId) }));
}

/** The list with the departure it belongs to (for the documents' titles and the page). */
export async function readRooming(ctx: Ctx, departureId: number): Promise<{ departure: DepartureWithSeats; rooming: Rooming }> {
  const departure = await getDeparture(ctx, departureId);
  const live = await liveTravellers(ctx, departure);
  const byId = new Map(live.map((traveller) => [traveller.id, traveller]));
  const roomed = new Set<number>();
  const list: Room[] = [];
  for (const room of await storedRooms(ctx, departureId)) {
    const present = room.travellerIds.flatMap((id) => byId.get(id) ?? []);
    if (present.length === 0) continue;
    for (const traveller of present) roomed.add(traveller.id);
    list.push({ id: room.id, type: room.type, travellerIds: present.map((t) => t.id), travellers: present });
  }
  const unroomed = live.filter((traveller) => !roomed.has(traveller.id));
  const suggestion = { rooms: suggestRooms(unroomed.map((t) => ({ id: t.id, dealId: t.dealId, single: t.singleSupplement }))) };
  return { departure, rooming: { departureId, nights: nightsOf(departure), rooms: list, unroomed, suggestion } };
}

export async function roomingOf(ctx: Ctx, departureId: number): Promise<Rooming> {
  return (await readRooming(ctx, departureId)).rooming;
}

/** The suggestion alone: rooms for everyone without one. */
export async function suggestRooming(ctx: Ctx, departureId: number): Promise<{ rooms: SuggestedRoom[] }> {
  return (await roomingOf(ctx, departureId)).suggestion;
}

/**
 * Refuses a traveller who is not one of the departure's live bookings, naming the room:
 * another trip's, a cancelled booking's, or no traveller at all.
 */
async function checkTravellers(ctx: Ctx, departureId: number, list: RoomPlan[]): Promise<void> {
  const ids = list.flatMap((room) => room.travellerIds);
  if (ids.length === 0) return;
  const found = await ctx.db
    .select({ id: travellers.id, departureId: deals.departureId, status: deals.status })
    .from(travellers)
    .innerJoin(deals, eq(deals.id, travellers.dealId))
    .where(inArray(travellers.id, ids))
    .all();
  const byId = new Map(found.map((row) => [row.id, row]));
  list.forEach((room, i) => {
    for (const travellerId of room.travellerIds) {
      const row = byId.get(travellerId);
      if (!row || row.departureId !== departureId) throw invalid({ [`rooms.${i}.travellerIds`]: `names traveller ${travellerId}, who is not on this departure` });
      if (row.status === 'cancelled') throw invalid({ [`rooms.${i}.travellerIds`]: `names traveller ${travellerId}, whose booking is cancelled` });
    }
  });
}

/**
 * Replaces the whole list in one transaction: a room given with its id keeps it, a room left
 * out is removed, the rest are new; rooms are numbered in the order given. Answers the list.
 */
export async function putRooming(ctx: ActingCtx, departureId: number, input: RoomingInput): Promise<Rooming> {
  return await atomically(ctx, async (ctx) => {
    await getDeparture(ctx, departureId);
    checkRooms(input.rooms);
    const existing = await ctx.db.select({ id: rooms.id }).from(rooms).where(eq(rooms.departureId, departureId)).all();
    const existingIds = new Set(existing.map((room) => room.id));
    input.rooms.forEach((room, i) => {
      if (room.id !== undefined && !existingIds.has(room.id)) throw invalid({ [`rooms.${i}.id`]: 'is not a room of this departure' });
    });
    await checkTravellers(ctx, departureId, input.rooms);

    // Everyone is placed anew: first out of every room of this trip, and out of any room a
    // traveller still had on a trip their booking moved from (a traveller is in one room at most).
    const listed = input.rooms.flatMap((room) => room.travellerIds);
    if (existing.length) await ctx.db.delete(roomTravellers).where(inArray(roomTravellers.roomId, [...existingIds])).run();
    if (listed.length) await ctx.db.delete(roomTravellers).where(inArray(roomTravellers.travellerId, listed)).run();
    const kept = input.rooms.flatMap((room) => (room.id === undefined ? [] : [room.id]));
    const dropped = kept.length ? and(eq(rooms.departureId, departureId), notInArray(rooms.id, kept)) : eq(rooms.departureId, departureId);
    await ctx.db.delete(rooms).where(dropped).run();

    await forEachInOrder(input.rooms, async (room, position) => {
      let roomId = room.id;
      if (roomId === undefined) {
        roomId = (await ctx.db.insert(rooms).values({ departureId, position, type: room.type }).returning({ id: rooms.id }).get()).id;
      } else {
        await ctx.db.update(rooms).set({ position, type: room.type }).where(eq(rooms.id, roomId)).run();
      }
      const id = roomId;
      await forEachInOrder(room.travellerIds, async (travellerId, place) => await ctx.db.insert(roomTravellers).values({ roomId: id, travellerId, position: place }).run());
    });
    return await roomingOf(ctx, departureId);
  });
}

/** The list as it reads, in the shape `putRooming` takes: what an edit starts from. */
export const planOf = (rooming: Rooming): RoomPlan[] => rooming.rooms.map((room) => ({ id: room.id, type: room.type, travellerIds: room.travellerIds }));

/**
 * One change to the list as it stands (a room added or removed, a traveller moved), read and
 * saved in one transaction, so two people editing at once each change what the other left.
 */
export async function editRooming(ctx: ActingCtx, departureId: number, edit: (rooms: RoomPlan[], rooming: Rooming) => RoomPlan[]): Promise<Rooming> {
  return await atomically(ctx, async (ctx) => {
    const rooming = await roomingOf(ctx, departureId);
    return await putRooming(ctx, departureId, { rooms: edit(planOf(rooming), rooming) });
  });
}

/** Adds the suggested rooms for everyone without one after the rooms there are. */
export async function applySuggestion(ctx: ActingCtx, departureId: number): Promise<Rooming> {
  return await editRooming(ctx, departureId, withSuggestion);
}
