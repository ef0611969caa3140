import { DAY_MS, HOUR_MS } from '../time.js';

export interface PriorityFacts {
  now: number;
  /** When the trip leaves; absent for work that is not tied to a trip (a planned call). */
  departsAt?: number | null;
  /** Money the item is about, in minor units. */
  amountMinor?: number;
  /** By when it should be done. */
  dueAt: number;
  /** Money owed by a date: calendar days past it, which weigh more than hours of other work. */
  overdueDays?: number;
}

/**
 * 0-100: how soon the bus leaves (up to 40), how much money is at stake (up to 30), how
 * overdue the work is (up to 30; a payment past its due day up to 40). A rule a manager can check by eye, not a model.
 */
export function priorityOf(f: PriorityFacts): number {
  let score = 0;
  if (f.departsAt !== undefined && f.departsAt !== null) {
    const days = (f.departsAt - f.now) / DAY_MS;
    score += days <= 1 ? 40 : days <= 3 ? 32 : days <= 7 ? 24 : days <= 14 ? 16 : days <= 30 ? 8 : 2;
  }
  if (f.amountMinor && f.amountMinor > 0) {
    // €10 → 10, €100 → 20, €1,000 → 30: a log scale, so large sums lead without drowning the rest.
    score += Math.min(30, Math.round(10 * Math.log10(1 + f.amountMinor / 100)));
  }
  if (f.overdueDays !== undefined && f.overdueDays > 0) {
    // A payment past its day: the first day already outweighs a payment not yet due, and a stale new booking.
    score += Math.min(40, 30 + 5 * f.overdueDays);
  } else if (f.dueAt <= f.now) {
    const overdueDays = (f.now - f.dueAt) / DAY_MS;
    score += Math.min(30, 10 + Math.floor(overdueDays * 4));
  } else if (f.dueAt - f.now <= 24 * HOUR_MS) {
    score += 5;
  }
  return Math.min(100, score);
}

export type Urgency = 'urgent' | 'today' | 'later';

export const urgencyOf = (priority: number): Urgency => (priority >= 60 ? 'urgent' : priority >= 35 ? 'today' : 'later');
