import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An instant as given in a request: ISO 8601 with any offset, or without one, in which case
 * it is read in a zone the caller chooses (the departure's or the agency's). Kept as text
 * until that zone is known.
 */
export const instantInput = z
  .string()
  .regex(DATE_TIME, 'must be an ISO 8601 date and time, e.g. 2026-10-29T07:30:00+03:00')
  .refine((value) => DateTime.fromISO(value, { zone: 'UTC' }).isValid, 'is not a real date and time');

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value, { zone: 'UTC' }).isValid, 'is not a real date');

export const timeZoneName = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), 'is not a known IANA time zone such as Europe/Sofia');

/** Epoch ms of an instant; a value without offset is wall-clock time in `zone`. */
export function parseInstant(value: string, zone: string): number {
  const parsed = DateTime.fromISO(value, { zone, setZone: false });
  if (!parsed.isValid) throw new RangeError(`invalid instant: ${value}`);
  return parsed.toMillis();
}

/** Responses speak UTC. */
export function toIso(ms: number): string;
export function toIso(ms: number | null | undefined): string | null;
export function toIso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
