/** A booking's list price: its seats in their travellers' price categories, and the extras taken. */
import type { DepartureRow } from '../departures/departures.js';
import { checkExtras, extrasOf, extrasPrice } from '../departures/extras.js';
import { bookingPrice, findCategory, pricesOf, seatCategories } from '../departures/prices.js';
import { invalid } from '../errors.js';
import type { TravellerInput } from './schemas.js';

/** Refuses a traveller in a category the departure does not sell, naming the traveller. */
export function checkCategories(departure: Pick<DepartureRow, 'priceMinor' | 'depositMinor' | 'prices'>, travellers: Pick<TravellerInput, 'category'>[] | undefined): void {
  const prices = pricesOf(departure);
  travellers?.forEach((traveller, i) => {
    if (traveller.category && !findCategory(prices, traveller.category)) {
      throw invalid({ [`travellers.${i}.category`]: 'is not a price category of this departure' });
    }
  });
}

/**
 * The price of the seats in their categories plus the extras the travellers and the booking
 * take; the deposit is the seats' (extras are paid with the balance).
 */
export function listPrice(
  departure: Pick<DepartureRow, 'priceMinor' | 'depositMinor' | 'prices' | 'extras'>,
  seats: number,
  travellers: Pick<TravellerInput, 'category' | 'extras'>[] | undefined,
  bookingExtras: string[] = [],
) {
  checkCategories(departure, travellers);
  const extras = extrasOf(departure);
  checkExtras(extras, travellers, bookingExtras);
  const seatsPrice = bookingPrice(pricesOf(departure), seatCategories(seats, (travellers ?? []).map((t) => t.category)));
  return { ...seatsPrice, priceMinor: seatsPrice.priceMinor + extrasPrice(extras, (travellers ?? []).map((t) => t.extras ?? []), bookingExtras) };
}
