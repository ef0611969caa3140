/**
 * When a booking's money is due. A due date is the end of a calendar day in the trip's own
 * zone (as the cancellation policy counts days): the deposit `depositDueDays` after the
 * booking day, the balance `balanceDueDays` before the departure day. A booking made after
 * its balance date owes it the same day; the deposit is never due after the balance, and
 * nothing is due after the bus has left.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Agency } from '../context.js';
import { invalid } from '../errors.js';
import { calendarDate, eventInstantInput, parseInstant } from '../time.js';
import { dayNumberIn } from '../zone-days.js';

export const DEFAULT_DEPOSIT_DUE_DAYS = 3;
export const DEFAULT_BALANCE_DUE_DAYS = 14;

export const dueDaysInput = z
  .number({ error: 'must be a whole number of days from 0 to 365' })
  .int('must be a whole number of days from 0 to 365')
  .min(0, 'must be a whole number of days from 0 to 365')
  .max(365, 'must be a whole number of days from 0 to 365');

/** A due date as a request gives it: a calendar day (its end, in the trip's zone) or an instant. */
export const dueDateInput = z.union([calendarDate, eventInstantInput], { error: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant' });

interface TripDays {
  departsAt: number;
  timeZone: string;
  depositDueDays: number | null;
  balanceDueDays: number | null;
}

const endOfDay = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).endOf('day');

export function dueDaysOf(trip: Pick<TripDays, 'depositDueDays' | 'balanceDueDays'>, agency: Agency) {
  return {
    depositDueDays: trip.depositDueDays ?? agency.depositDueDays ?? DEFAULT_DEPOSIT_DUE_DAYS,
    balanceDueDays: trip.balanceDueDays ?? agency.balanceDueDays ?? DEFAULT_BALANCE_DUE_DAYS,
  };
}

/** The due dates of a booking made at `bookedAt`. */
export function dueDatesFor(trip: TripDays, agency: Agency, bookedAt: number): { depositDueAt: number; balanceDueAt: number } {
  const days = dueDaysOf(trip, agency);
  const balanceDay = endOfDay(trip.departsAt, trip.timeZone).minus({ days: days.balanceDueDays }).endOf('day').toMillis();
  const balanceDueAt = Math.min(trip.departsAt, Math.max(balanceDay, endOfDay(bookedAt, trip.timeZone).toMillis()));
  const depositDay = endOfDay(bookedAt, trip.timeZone).plus({ days: days.depositDueDays }).endOf('day').toMillis();
  return { depositDueAt: Math.min(depositDay, balanceDueAt), balanceDueAt };
}

/** A due date given by a person: a bare date is the end of that day in the trip's zone. */
export function parseDueDate(value: string, zone: string, field: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return DateTime.fromISO(value, { zone }).endOf('day').toMillis();
  return parseInstant(value, zone, field);
}

/** A manager's move of the due dates: the deposit not after the balance, neither after the departure. */
export function checkDueDates(dates: { depositDueAt: number; balanceDueAt: number }, departsAt: number, moved: { deposit: boolean; balance: boolean }): void {
  if (moved.balance && dates.balanceDueAt > departsAt) throw invalid({ balanceDueAt: 'must not be after the departure' });
  if (moved.deposit && dates.depositDueAt > departsAt) throw invalid({ depositDueAt: 'must not be after the departure' });
  if (dates.depositDueAt > dates.balanceDueAt) {
    throw invalid(moved.deposit ? { depositDueAt: 'must not be after balanceDueAt' } : { balanceDueAt: 'must not be before depositDueAt' });
  }
}

/**
 * Whole days a payment is overdue: 0 until its due date has passed, then the calendar days
 * since the due day in the trip's zone (at least 1: "overdue by 1 day" the day after).
 */
export function overdueDays(dueAt: number, now: number, zone: string): number {
  if (now <= dueAt) return 0;
  return Math.max(1, dayNumberIn(now, zone) - dayNumberIn(dueAt, zone));
}
