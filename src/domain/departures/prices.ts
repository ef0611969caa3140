/**
 * A departure's price categories: the default `adult` (the departure's own price and
 * deposit) and any others the agency sells (child, senior, or its own words). A booking's
 * price and deposit are the sum over its seats: each named traveller's category, the
 * default for seats without one.
 */
import { z } from 'zod';
import { minorAmount, sumMinor } from '../money.js';
import { line, requiredLine } from '../text.js';

export const DEFAULT_CATEGORY = 'adult';
export const MAX_PRICE_CATEGORIES = 20;

export const categoryName = requiredLine(40);

const priceCategory = z
  .object({ category: categoryName, label: line(80).nullish(), priceMinor: minorAmount, depositMinor: minorAmount })
  .superRefine((price, issues) => {
    if (price.depositMinor > price.priceMinor) issues.addIssue({ code: 'custom', path: ['depositMinor'], message: 'must not exceed priceMinor' });
  });
export type PriceCategory = z.infer<typeof priceCategory>;

export const pricesInput = z
  .array(priceCategory)
  .max(MAX_PRICE_CATEGORIES, `must be at most ${MAX_PRICE_CATEGORIES} categories`)
  .superRefine((prices, issues) => {
    const seen = new Set<string>();
    prices.forEach((price, i) => {
      const key = price.category.toLocaleLowerCase();
      if (seen.has(key)) issues.addIssue({ code: 'custom', path: [i, 'category'], message: 'must not repeat another category' });
      seen.add(key);
    });
  });

/** Every category of a departure, the default first; what is stored holds only the others. */
export function pricesOf(departure: { priceMinor: number; depositMinor: number; prices: string }): PriceCategory[] {
  let others: PriceCategory[] = [];
  try {
    const parsed = pricesInput.safeParse(JSON.parse(departure.prices));
    if (parsed.success) others = parsed.data.filter((p) => p.category !== DEFAULT_CATEGORY);
  } catch {
    others = [];
  }
  return [{ category: DEFAULT_CATEGORY, label: null, priceMinor: departure.priceMinor, depositMinor: departure.depositMinor }, ...others];
}

/**
 * Splits a `prices` list into what the departure stores: the default category's price and
 * deposit (when the list names it) and the others, as JSON.
 */
export function storedPrices(prices: PriceCategory[]): { adult: PriceCategory | undefined; others: string } {
  const adult = prices.find((p) => p.category === DEFAULT_CATEGORY);
  return { adult, others: JSON.stringify(prices.filter((p) => p.category !== DEFAULT_CATEGORY).map((p) => ({ ...p, label: p.label ?? null }))) };
}

export const findCategory = (prices: PriceCategory[], category: string) => prices.find((p) => p.category === category);

/** Per seat, the category it is sold in: the named travellers' in order, then the default. */
export function seatCategories(seats: number, travellerCategories: (string | null | undefined)[]): string[] {
  return Array.from({ length: seats }, (_, i) => travellerCategories[i] ?? DEFAULT_CATEGORY);
}

/** The list price and deposit of a booking's seats; a category the departure no longer sells counts as the default. */
export function bookingPrice(prices: PriceCategory[], categories: string[]): { priceMinor: number; depositMinor: number } {
  const of = (category: string) => findCategory(prices, category) ?? prices[0]!;
  return {
    priceMinor: sumMinor(categories.map((c) => of(c).priceMinor)),
    depositMinor: sumMinor(categories.map((c) => of(c).depositMinor)),
  };
}

/**
 * A booking's price split over the categories of its seats, in proportion to their list
 * prices, to the minor unit (largest remainders): the parts always add up to the price.
 */
export function revenueByCategory(priceMinor: number, prices: PriceCategory[], categories: string[]): Map<string, number> {
  const weights = categories.map((c) => (findCategory(prices, c) ?? prices[0]!).priceMinor);
  const total = sumMinor(weights);
  const shares = categories.map((_, i) => (total === 0 ? priceMinor / categories.length : (priceMinor * weights[i]!) / total));
  const floors = shares.map(Math.floor);
  let left = priceMinor - sumMinor(floors);
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left--;
  }
  const byCategory = new Map<string, number>();
  categories.forEach((c, i) => {
    const key = findCategory(prices, c) ? c : DEFAULT_CATEGORY;
    byCategory.set(key, (byCategory.get(key) ?? 0) + floors[i]!);
  });
  return byCategory;
}
