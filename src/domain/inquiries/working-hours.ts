import { DateTime } from 'luxon';
import { HOUR_MS } from '../time.js';

/** The agency's office hours: which weekdays (1 = Monday) and from when to when, local time. */
export interface WorkingHours {
  days: number[];
  openMinute: number;
  closeMinute: number;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Reads `Mon-Fri 09:00-18:00` (or `Mon-Sat 10:00-19:00`, `Mon,Wed,Fri 9:00-17:00`). Returns
 * null with nothing given; throws a sentence when the text cannot be read.
 */
export function parseWorkingHours(text: string | undefined): WorkingHours | null {
  if (!text) return null;
  const match = /^\s*([a-z,\- ]+?)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/i.exec(text);
  if (!match) throw new Error('must look like "Mon-Fri 09:00-18:00"');
  const dayOf = (name: string) => {
    const index = DAY_NAMES.indexOf(name.trim().toLowerCase().slice(0, 3));
    if (index < 0) throw new Error(`has an unknown day "${name.trim()}"`);
    return index + 1;
  };
  const days = new Set<number>();
  for (const part of match[1]!.split(',')) {
    const [from, to] = part.split('-');
    const first = dayOf(from!);
    const last = to === undefined ? first : dayOf(to);
    for (let d = first; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === last) break;
    }
  }
  const openMinute = Number(match[2]) * 60 + Number(match[3]);
  const closeMinute = Number(match[4]) * 60 + Number(match[5]);
  if (closeMinute <= openMinute || closeMinute > 24 * 60) throw new Error('must close after it opens, within one day');
  return { days: [...days].sort(), openMinute, closeMinute };
}

/**
 * `hours` after `from`, counted only while the office is open (in its zone, so a DST night
 * changes nothing), or plain elapsed hours when no office hours are set.
 */
export function addWorkingHours(from: number, hours: number, zone: string, office: WorkingHours | null | undefined): number {
  if (!office) return from + hours * HOUR_MS;
  let remaining = hours * 60;
  let cursor = DateTime.fromMillis(from, { zone });
  for (let guard = 0; guard < 400 && remaining > 0; guard++) {
    const dayStart = cursor.startOf('day');
    const open = dayStart.plus({ minutes: office.openMinute });
    const close = dayStart.plus({ minutes: office.closeMinute });
    if (!office.days.includes(cursor.weekday) || cursor >= close) {
      cursor = dayStart.plus({ days: 1 });
      continue;
    }
    if (cursor < open) cursor = open;
    const available = close.diff(cursor, 'minutes').minutes;
    if (available >= remaining) return cursor.plus({ minutes: remaining }).toMillis();
    remaining -= available;
    cursor = dayStart.plus({ days: 1 });
  }
  return cursor.toMillis();
}
