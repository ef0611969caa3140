/**
 * What a departure sells besides the seat: lunch, entrance tickets, insurance, the
 * single-room supplement. Each extra is priced per traveller (a traveller takes it) or per
 * booking (the booking does); a booking's list price adds what its travellers and it take.
 */
import { z } from 'zod';
import { minorAmount, sumMinor } from '../money.js';
import { requiredLine } from '../text.js';
import { invalid } from '../errors.js';

export const MAX_EXTRAS = 30;
/** The code a rooming suggestion reads as "wants a room alone". */
export const SINGLE_SUPPLEMENT = 'single';

export const extraCode = z
  .string({ error: 'must be a code of letters, digits, - or _' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'must be a code of letters, digits, - or _ (at most 40)');

const extra = z.object({
  code: extraCode,
  label: requiredLine(80),
  priceMinor: minorAmount,
  per: z.enum(['traveller', 'booking'], { error: 'must be traveller or booking' }),
});
export type Extra = z.infer<typeof extra>;

const unique = (codes: string[], issues: z.RefinementCtx, path: (i: number) => (string | number)[]) => {
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    const key = code.toLowerCase();
    if (seen.has(key)) issues.addIssue({ code: 'custom', path: path(i), message: 'must not repeat another extra' });
    seen.add(key);
  });
};

export const extrasInput = z
  .array(extra)
  .max(MAX_EXTRAS, `must be at most ${MAX_EXTRAS} extras`)
  .superRefine((extras, issues) => unique(extras.map((e) => e.code), issues, (i) => [i, 'code']));

/** The extras a traveller or a booking takes: codes of the departure's extras, each once. */
export const takenExtrasInput = z
  .array(extraCode)
  .max(MAX_EXTRAS, `must be at most ${MAX_EXTRAS} extras`)
  .superRefine((codes, issues) => unique(codes, issues, (i) => [i]));

/** The departure's extras as stored; what cannot be read is none. */
export function extrasOf(departure: { extras: string }): Extra[] {
  try {
    const parsed = extrasInput.safeParse(JSON.parse(departure.extras));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Codes as stored on a traveller or a booking; anything else is none. */
export function takenExtras(stored: string | null | undefined): string[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((code): code is string => typeof code === 'string') : [];
  } catch {
    return [];
  }
}

/** Refuses an extra the departure does not sell that way, naming the traveller's or the booking's field. */
export function checkExtras(extras: Extra[], travellers: { extras?: string[] | null | undefined }[] | undefined, bookingExtras: string[] | undefined): void {
  const sold = (code: string, per: Extra['per']) => extras.some((e) => e.code === code && e.per === per);
  travellers?.forEach((traveller, i) => {
    const wrong = traveller.extras?.find((code) => !sold(code, 'traveller'));
    if (wrong !== undefined) throw invalid({ [`travellers.${i}.extras`]: `is not an extra of this departure sold per traveller (${wrong})` });
  });
  const wrong = bookingExtras?.find((code) => !sold(code, 'booking'));
  if (wrong !== undefined) throw invalid({ extras: `is not an extra of this departure sold per booking (${wrong})` });
}

/** What the extras taken cost; a code the departure no longer sells costs nothing. */
export function extrasPrice(extras: Extra[], travellerExtras: string[][], bookingExtras: string[]): number {
  const price = (code: string) => extras.find((e) => e.code === code)?.priceMinor ?? 0;
  return sumMinor([...travellerExtras.flat(), ...bookingExtras].map(price));
}
