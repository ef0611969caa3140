import type { Room } from '../domain/rooming/index.js';
import type { MessageKey } from '../i18n/index.js';
import { roomTotals, roomTypeWord, stayDates } from '../i18n/rooming-words.js';
import type { Tr } from '../../templates/tr.js';
import { date, number, text, type Cell, type Table } from './table.js';

/** The trip a hotel's list is for, as its title says it. */
export interface RoomingTrip {
  title: string;
  departsAt: number;
  returnsAt: number | null;
  timeZone: string;
}

export const ROOMING_COLUMNS: MessageKey[] = ['rooming.col.room', 'rooming.col.type', 'rooming.col.name', 'rooming.col.birthDate', 'rooming.col.document'];

/**
 * The hotel's list as a table: a line per traveller, the room's number and type on its first
 * line, then the totals and what the list is for. The header stays the first row, so a hotel's
 * system that reads the sheet finds its columns where they always are.
 */
export function roomingTable(trip: RoomingTrip, rooms: Room[], agencyName: string, tr: Tr): Table {
  const rows: Cell[][] = rooms.flatMap((room, i) =>
    room.travellers.map((traveller, j) => [
      j === 0 ? number(i + 1) : null,
      j === 0 ? text(roomTypeWord(tr.locale, room.type)) : null,
      text(traveller.name),
      date(traveller.birthDate),
      text(traveller.documentNumber),
    ]),
  );
  const totals = roomTotals(tr.locale, rooms);
  const line = (value: string): Cell[] => [text(value)];
  return {
    title: tr.t('rooming.doc.title'),
    // The first column is as narrow as its numbers; the lines below the rooms run on over the empty cells beside them.
    columns: ROOMING_COLUMNS.map((key, i) => ({ header: tr.t(key), ...(i === 0 ? { width: Math.max(6, tr.t(key).length + 2) } : {}) })),
    rows: [...rows, [], line(totals.total), ...(totals.byType ? [line(totals.byType)] : []), [], line(trip.title), line(stayDates(tr.locale, trip)), line(agencyName)],
  };
}
