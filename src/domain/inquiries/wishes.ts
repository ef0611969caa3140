/**
 * The client's wishes (where, when, how many, for how much) and the trips that answer them:
 * the inquiry's booking form offers those first.
 */
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import { inquiries } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx } from '../context.js';
import { invalid } from '../errors.js';
import { foldText } from '../contacts/index.js';
import { getInquiryRow, readWishes, storedWishes } from './rows.js';
import type { UpdateInquiryInput, Wishes } from './schemas.js';

export async function updateWishes(ctx: ActingCtx, id: number, input: UpdateInquiryInput) {
  return await atomically(ctx, async (ctx) => {
    const row = await getInquiryRow(ctx, id);
    const wishes = storedWishes(input.wishes, readWishes(row.wishes));
    // The range as it will stand, not only as this change gives it.
    const merged = readWishes(wishes);
    if (merged.dateFrom && merged.dateTo && merged.dateTo < merged.dateFrom) throw invalid({ 'wishes.dateTo': 'must not be before dateFrom' });
    return (await ctx.db.update(inquiries).set({ wishes, updatedAt: ctx.now }).where(eq(inquiries.id, id)).returning().get())!;
  });
}

interface Trip {
  id: number;
  title: string;
  destination: string | null;
  departsAt: number;
  timeZone: string;
  seatsLeft: number;
  priceMinor: number;
}

/**
 * How well a trip answers the wishes: the destination named in its title or destination, the
 * date within the range, seats for everyone, the price per person within the budget (the
 * budget is for the whole party). 0: nothing said matches.
 */
export function wishScore(wishes: Wishes, trip: Trip): number {
  let score = 0;
  if (wishes.destination) {
    const wanted = foldText(wishes.destination);
    if (foldText(`${trip.title} ${trip.destination ?? ''}`).includes(wanted)) score += 4;
  }
  const day = DateTime.fromMillis(trip.departsAt, { zone: trip.timeZone }).toISODate()!;
  if ((wishes.dateFrom || wishes.dateTo) && (!wishes.dateFrom || day >= wishes.dateFrom) && (!wishes.dateTo || day <= wishes.dateTo)) score += 2;
  const people = wishes.people ?? 1;
  if (wishes.people && trip.seatsLeft >= people) score += 1;
  if (wishes.budgetMinor !== undefined && trip.priceMinor * people <= wishes.budgetMinor) score += 1;
  return score;
}

/** The trips in the order to offer them: the best match first, then by date; the best one is preselected. */
export function tripsForWishes<T extends Trip>(wishes: Wishes, trips: T[]): { trips: T[]; preselected: number | null } {
  const scored = trips.map((trip) => ({ trip, score: wishScore(wishes, trip) }));
  scored.sort((a, b) => b.score - a.score || a.trip.departsAt - b.trip.departsAt);
  const best = scored[0];
  return { trips: scored.map((s) => s.trip), preselected: best && best.score > 0 ? best.trip.id : null };
}
