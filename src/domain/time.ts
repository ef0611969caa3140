import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { invalid } from './errors.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An instant as given in a request: ISO 8601 with any offset, or without one, in which case
 * it is read in a zone the caller chooses (the departure's or the agency's). Kept as text
 * until that zone is known.
 */
export const instantInput = z
  .string()
  .regex(DATE_TIME, 'must be an ISO 8601 date and time, e.g. 2026-10-29T07:30:00+03:00')
  .refine((value) => offsetMinutesOf(value) === null || Math.abs(offsetMinutesOf(value)!) <= MAX_OFFSET_MINUTES, {
    message: 'has an offset beyond ±14:00, which no place on Earth uses',
  })
  .refine((value) => DateTime.fromISO(value, { zone: 'UTC' }).isValid, 'is not a real date and time');

/** The earliest and latest years a trip or a payment can plausibly have: anything else is a typing slip. */
export const YEARS = { min: 2000, max: 2100 } as const;

/**
 * An instant of a real event (a departure, a payment): the same as `instantInput`, with a
 * year from 2000 to 2100, so "0026" or "20266" is refused instead of stored.
 */
export const eventInstantInput = instantInput.refine((value) => {
  const year = Number(value.slice(0, 4));
  return year >= YEARS.min && year <= YEARS.max;
}, `must be in the years ${YEARS.min} to ${YEARS.max}`);

/** No zone on Earth is further than 14 hours from UTC (Kiribati); -12 is the other edge. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** The offset written in an ISO text, in minutes; null when it has none (or says Z: 0). */
function offsetMinutesOf(value: string): number | null {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  if (!match || !/T/i.test(value)) return /Z$/i.test(value) ? 0 : null;
  const [, sign, hours, minutes] = match;
  if (Number(minutes) >= 60) return Number.POSITIVE_INFINITY;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value, { zone: 'UTC' }).isValid, 'is not a real date');

export const timeZoneName = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), 'is not a known IANA time zone such as Europe/Sofia');

/**
 * Epoch ms of an instant; a value without offset is wall-clock time in `zone`. A wall-clock
 * time the zone skips (the hour clocks jump forward) does not exist: it is refused, naming
 * `field`, rather than silently moved by an hour.
 */
export function parseInstant(value: string, zone: string, field = 'at'): number {
  const parsed = DateTime.fromISO(value, { zone, setZone: false });
  if (!parsed.isValid) throw invalid({ [field]: 'is not a real date and time' });
  if (offsetMinutesOf(value) === null) {
    const asWritten = DateTime.fromISO(value, { zone: 'UTC' });
    const local = parsed.setZone(zone);
    if (local.hour !== asWritten.hour || local.minute !== asWritten.minute || local.day !== asWritten.day) {
      throw invalid({
        [field]: `does not exist in ${zone}: the clocks move forward an hour that night, so this local time is skipped; give a time outside the gap`,
      });
    }
  }
  return parsed.toMillis();
}

/** Responses speak UTC. */
export function toIso(ms: number): string;
export function toIso(ms: number | null | undefined): string | null;
export function toIso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
