/**
 * Calendar days in a time zone, cheaply. Lists count "overdue by N days" for hundreds of rows
 * per request; building a zoned date for each (luxon asks Intl for the zone's offset every
 * time) was most of a list's cost.
 *
 * A zone's offset is remembered per quarter of an hour: every zone changes its offset on a
 * quarter hour, at most once in one, so when a quarter starts and ends on the same offset
 * the whole quarter has it. A quarter with a change in it is asked about instant by instant.
 */
import { Info } from 'luxon';
import { DAY_MS, MINUTE_MS } from './time.js';

const QUARTER_MS = 15 * MINUTE_MS;
/** Quarters remembered (a few hundred KiB at most); cleared when full. */
const MAX_REMEMBERED = 20_000;
/** The offset of each quarter, in ms; null: the offset changes within that quarter. */
const quarters = new Map<string, number | null>();

/** The zone's offset from UTC at an instant, in ms (NaN for a zone nobody knows). */
function zoneOffset(ms: number, zone: string): number {
  const found = Info.normalizeZone(zone);
  return found && found.isValid ? found.offset(ms) * MINUTE_MS : Number.NaN;
}

function offsetAt(ms: number, zone: string): number {
  const quarter = Math.floor(ms / QUARTER_MS);
  const key = `${zone}|${quarter}`;
  let offset = quarters.get(key);
  if (offset === undefined) {
    const first = zoneOffset(quarter * QUARTER_MS, zone);
    offset = first === zoneOffset((quarter + 1) * QUARTER_MS - 1, zone) ? first : null;
    if (quarters.size >= MAX_REMEMBERED) quarters.clear();
    quarters.set(key, offset);
  }
  return offset ?? zoneOffset(ms, zone);
}

/** The calendar day an instant falls on in a zone, as a count of days since 1970-01-01. */
export function dayNumberIn(ms: number, zone: string): number {
  return Math.floor((ms + offsetAt(ms, zone)) / DAY_MS);
}
