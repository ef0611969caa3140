/** The words of a rooming list shared by its page and the hotel's documents. */
import { LOCALES, type Locale } from '../domain/context.js';
import { nightsOf, ROOM_TYPES, type RoomType } from '../domain/rooming/index.js';
import { formatDate, INTL_LOCALE, t, type MessageKey } from './index.js';

const FULL: Record<RoomType, MessageKey> = {
  single: 'rooming.type.single',
  double: 'rooming.type.double',
  twin: 'rooming.type.twin',
  triple: 'rooming.type.triple',
  family: 'rooming.type.family',
};
const SHORT: Record<RoomType, MessageKey> = {
  single: 'rooming.typeShort.single',
  double: 'rooming.typeShort.double',
  twin: 'rooming.typeShort.twin',
  triple: 'rooming.typeShort.triple',
  family: 'rooming.typeShort.family',
};

/** A room type as the hotel reads it (`full`), or short enough for a phone's line; a type the catalogue does not know as stored. */
export function roomTypeWord(locale: Locale, type: RoomType, form: 'full' | 'short' = 'full'): string {
  const key = (form === 'full' ? FULL : SHORT)[type];
  return key ? t(locale, key) : String(type);
}

/** "Arrival 29 Oct 2027 · Departure 31 Oct 2027 · 2 nights": the stay's days in the trip's zone. */
export const stayDates = (locale: Locale, trip: { departsAt: number; returnsAt: number | null; timeZone: string }) =>
  [
    t(locale, 'rooming.arrival', { date: formatDate(locale, trip.departsAt, trip.timeZone) }),
    ...(trip.returnsAt === null ? [] : [t(locale, 'rooming.departure', { date: formatDate(locale, trip.returnsAt, trip.timeZone) })]),
    t(locale, 'rooming.nights', { n: nightsOf(trip) }),
  ].join(' · ');

/** Dates of birth in figures, as a hotel's form asks for them (12.05.1980, 12/05/1980); a calendar date has no zone. */
const BIRTH_DAY = Object.fromEntries(LOCALES.map((locale) => [locale, new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' })])) as Record<Locale, Intl.DateTimeFormat>;

/** A birthday (YYYY-MM-DD) as the language writes a date in figures. */
export const birthDayText = (locale: Locale, iso: string | null) => (iso ? BIRTH_DAY[locale].format(Date.parse(`${iso}T00:00:00Z`)) : '');

/** "3 rooms, 7 people" and the rooms per type ("Double: 2, Family: 1"), in the order of the types. */
export function roomTotals(locale: Locale, rooms: { type: RoomType; travellerIds: number[] }[]): { total: string; byType: string } {
  const people = rooms.reduce((sum, room) => sum + room.travellerIds.length, 0);
  const byType = ROOM_TYPES.map((type) => ({ type, n: rooms.filter((room) => room.type === type).length }))
    .filter(({ n }) => n > 0)
    .map(({ type, n }) => t(locale, 'rooming.byType', { type: roomTypeWord(locale, type), n }))
    .join(', ');
  return { total: t(locale, 'rooming.total', { rooms: rooms.length, people }), byType };
}
