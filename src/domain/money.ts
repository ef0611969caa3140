import { z } from 'zod';

/** The largest amount accepted anywhere: far beyond any trip, far below float trouble. */
export const MAX_MINOR = 1_000_000_000_000;

export const minorAmount = z
  .number({ error: 'must be an integer number of minor units (cents)' })
  .int('must be an integer number of minor units (cents)')
  .min(0, 'must not be negative')
  .max(MAX_MINOR, `must be at most ${MAX_MINOR}`);

export const positiveMinorAmount = minorAmount.refine((value) => value > 0, 'must be greater than 0');

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');

/** seats x per-seat amount, refusing anything that would leave exact integer arithmetic. */
export function perSeatTotal(seats: number, perSeatMinor: number): number {
  const total = seats * perSeatMinor;
  if (!Number.isSafeInteger(total)) throw new RangeError(`amount out of range: ${seats} x ${perSeatMinor}`);
  return total;
}

/** Sums integer amounts exactly, failing loudly rather than rounding. */
export function sumMinor(amounts: Iterable<number>): number {
  let total = 0;
  for (const amount of amounts) {
    if (!Number.isInteger(amount)) throw new RangeError(`not an integer amount: ${amount}`);
    total += amount;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('sum out of range');
  return total;
}

/** Digits after the point a currency is written with (2 for EUR, 0 for JPY): the scale of its minor units. */
export function currencyDigits(currency: string): number {
  let digits = DIGITS.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    // Building a number format is the cost; an agency has a handful of currencies (bounded anyway).
    if (DIGITS.size < 1000) DIGITS.set(currency, digits);
  }
  return digits;
}

const DIGITS = new Map<string, number>();

/** "150.00 EUR"-style text for logs and CLI output; pages format with Intl at the edge. */
export function formatMinor(amountMinor: number, currency: string, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 10 ** currencyDigits(currency));
}
