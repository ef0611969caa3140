import { dayNumberIn } from '../zone-days.js';

/**
 * Nights a trip spends away: calendar days in the trip's zone from the day it leaves to the
 * day it comes back (a bus leaving at 23:00 and back at 07:00 the next morning is one night).
 * A trip without a return, or back the same day, has none.
 */
export function nightsOf(trip: { departsAt: number; returnsAt: number | null; timeZone: string }): number {
  if (trip.returnsAt === null) return 0;
  return Math.max(0, dayNumberIn(trip.returnsAt, trip.timeZone) - dayNumberIn(trip.departsAt, trip.timeZone));
}
