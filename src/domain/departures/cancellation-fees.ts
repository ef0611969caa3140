/** A departure's cancellation policy: how much of a booking's price is kept when it is cancelled close to the trip. */
import { DateTime } from 'luxon';
import { z } from 'zod';

export const MAX_FEE_RULES = 20;

const feeRule = z.object({
  daysBefore: z
    .number({ error: 'must be a whole number from 0 to 365' })
    .int('must be a whole number from 0 to 365')
    .min(0, 'must be a whole number from 0 to 365')
    .max(365, 'must be a whole number from 0 to 365'),
  percent: z
    .number({ error: 'must be a whole number from 0 to 100' })
    .int('must be a whole number from 0 to 100')
    .min(0, 'must be a whole number from 0 to 100')
    .max(100, 'must be a whole number from 0 to 100'),
});
export type FeeRule = z.infer<typeof feeRule>;

/** The rules as given, kept sorted from the farthest to the closest; one rule per number of days. */
export const cancellationFeesInput = z
  .array(feeRule)
  .max(MAX_FEE_RULES, `must be at most ${MAX_FEE_RULES} rules`)
  .superRefine((rules, issues) => {
    const seen = new Set<number>();
    rules.forEach((rule, i) => {
      if (seen.has(rule.daysBefore)) issues.addIssue({ code: 'custom', path: [i, 'daysBefore'], message: 'must not repeat another rule' });
      seen.add(rule.daysBefore);
    });
  })
  .transform((rules) => [...rules].sort((a, b) => b.daysBefore - a.daysBefore));

export function readFeeRules(stored: string): FeeRule[] {
  try {
    const parsed = cancellationFeesInput.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Whole calendar days from `now` to the departure's day, in the trip's own zone; 0 once it is the day or later. */
export function daysBeforeDeparture(departsAt: number, timeZone: string, now: number): number {
  const day = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).startOf('day');
  return Math.max(0, Math.round(day(departsAt).diff(day(now), 'days').days));
}

/** The percent kept: the highest of the rules that reach this close to the trip (none: 0). */
export function feePercent(rules: FeeRule[], daysBefore: number): number {
  return rules.filter((rule) => daysBefore <= rule.daysBefore).reduce((max, rule) => Math.max(max, rule.percent), 0);
}

/**
 * The fee the policy proposes for a booking cancelled now: its percent of the price, rounded
 * to the minor unit, never more than was paid (the agency keeps money, it does not bill it).
 */
export function proposedFee(
  departure: { departsAt: number; timeZone: string; cancellationFees: string },
  deal: { priceMinor: number; paidMinor: number },
  now: number,
): { percent: number; daysBefore: number; feeMinor: number } {
  const daysBefore = daysBeforeDeparture(departure.departsAt, departure.timeZone, now);
  const percent = feePercent(readFeeRules(departure.cancellationFees), daysBefore);
  const byPolicy = Math.round((deal.priceMinor * percent) / 100);
  return { percent, daysBefore, feeMinor: Math.max(0, Math.min(byPolicy, deal.paidMinor)) };
}
