/** A booking's list price: its seats in their travellers' price categories. */
import type { DepartureRow } from '../departures/departures.js';
import { bookingPrice, findCategory, pricesOf, seatCategories } from '../departures/prices.js';
import { invalid } from '../errors.js';
import type { TravellerInput } from './schemas.js';

/** Refuses a traveller in a category the departure does not sell, naming the traveller. */
export function checkCategories(departure: Pick<DepartureRow, 'priceMinor' | 'depositMinor' | 'prices'>, travellers: TravellerInput[] | undefined): void {
  const prices = pricesOf(departure);
  travellers?.forEach((traveller, i) => {
    if (traveller.category && !findCategory(prices, traveller.category)) {
      throw invalid({ [`travellers.${i}.category`]: 'is not a price category of this departure' });
    }
  });
}

export function listPrice(departure: Pick<DepartureRow, 'priceMinor' | 'depositMinor' | 'prices'>, seats: number, travellers: TravellerInput[] | undefined) {
  checkCategories(departure, travellers);
  return bookingPrice(pricesOf(departure), seatCategories(seats, (travellers ?? []).map((t) => t.category)));
}
