/**
 * The extras a booking and its travellers took, as a reader is shown them: the departure's
 * label and price, or the code itself (priced 0) when the departure no longer sells it; and
 * a booking's list price as lines (seats per category, each extra with how many take it).
 */
import { sumMinor } from '../money.js';
import { extrasOf, takenExtras, type Extra } from './extras.js';
import { DEFAULT_CATEGORY, findCategory, pricesOf, seatCategories } from './prices.js';

/** An extra taken, named: `sold` false when the departure no longer sells the code (its label is then the code). */
export interface NamedExtra {
  code: string;
  label: string;
  per: Extra['per'];
  priceMinor: number;
  sold: boolean;
}

/** Codes taken, named by the departure's extras; a code it no longer sells stays as given, priced 0. */
export function namedExtras(extras: Extra[], codes: readonly string[], per: Extra['per']): NamedExtra[] {
  return codes.map((code) => {
    const extra = extras.find((e) => e.code === code);
    return extra
      ? { code, label: extra.label, per: extra.per, priceMinor: extra.priceMinor, sold: true }
      : { code, label: code, per, priceMinor: 0, sold: false };
  });
}

/** The extras a departure sells per traveller and per booking, in its own order. */
export function extrasOnSale(departure: { extras: string }) {
  const extras = extrasOf(departure);
  return { all: extras, traveller: extras.filter((e) => e.per === 'traveller'), booking: extras.filter((e) => e.per === 'booking') };
}

export interface SeatLine {
  category: string;
  /** The agency's own word for the category; null: the catalogue's (adult, child...). */
  label: string | null;
  count: number;
  unitMinor: number;
  totalMinor: number;
}

export interface ExtraLine extends NamedExtra {
  /** Travellers (per traveller) or 1 (per booking) taking it. */
  count: number;
  totalMinor: number;
}

/** A booking's list price as lines: what its seats cost per category and each extra taken. */
export interface PriceBreakdown {
  seats: SeatLine[];
  extras: ExtraLine[];
  totalMinor: number;
}

/**
 * The lines `listPrice` adds up, for a reader: seats in their travellers' categories (a
 * category no longer sold counts as the default, as the price does), then the extras in the
 * departure's order, then codes it no longer sells (at 0). Nothing is refused here.
 */
export function priceBreakdown(
  departure: { priceMinor: number; depositMinor: number; prices: string; extras: string },
  seats: number,
  travellers: { category?: string | null | undefined; extras?: readonly string[] | string | null | undefined }[],
  bookingExtras: readonly string[] | string | null | undefined,
): PriceBreakdown {
  const prices = pricesOf(departure);
  const extras = extrasOf(departure);
  const codesOf = (value: readonly string[] | string | null | undefined) => (typeof value === 'string' || value === null || value === undefined ? takenExtras(value) : [...value]);
  const seatLines = new Map<string, SeatLine>();
  for (const category of seatCategories(seats, travellers.map((t) => t.category))) {
    const price = findCategory(prices, category) ?? findCategory(prices, DEFAULT_CATEGORY)!;
    const line = seatLines.get(price.category) ?? { category: price.category, label: price.label ?? null, count: 0, unitMinor: price.priceMinor, totalMinor: 0 };
    line.count += 1;
    line.totalMinor += price.priceMinor;
    seatLines.set(price.category, line);
  }
  const counts = new Map<string, { count: number; per: Extra['per'] }>();
  const take = (code: string, per: Extra['per']) => counts.set(code, { count: (counts.get(code)?.count ?? 0) + 1, per: counts.get(code)?.per ?? per });
  for (const traveller of travellers) for (const code of codesOf(traveller.extras)) take(code, 'traveller');
  for (const code of codesOf(bookingExtras)) take(code, 'booking');
  const sold = extras.filter((e) => counts.has(e.code)).map((e) => e.code);
  const gone = [...counts.keys()].filter((code) => !extras.some((e) => e.code === code));
  const extraLines = [...sold, ...gone].map((code): ExtraLine => {
    const { count, per } = counts.get(code)!;
    const [named] = namedExtras(extras, [code], per);
    return { ...named!, count, totalMinor: named!.priceMinor * count };
  });
  const seatList = [...seatLines.values()].sort((a, b) => prices.findIndex((p) => p.category === a.category) - prices.findIndex((p) => p.category === b.category));
  return { seats: seatList, extras: extraLines, totalMinor: sumMinor([...seatList.map((l) => l.totalMinor), ...extraLines.map((l) => l.totalMinor)]) };
}
