/**
 * Which booking a bank credit pays: the booking reference written in the transfer's text,
 * however the bank or the client spelled it; else, for a person to decide, the bookings
 * whose client's name and money owed look like the payer's.
 */
import { and, eq, gte, isNull } from 'drizzle-orm';
import { contacts, deals, departures } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { foldText } from '../contacts/index.js';
import { dealIdOfReference, moneyOf, paidMinorSql } from '../deals/index.js';
import { toLatin } from '../latin.js';
import { DAY_MS } from '../time.js';

/** Cyrillic letters typed for the Latin ones a reference holds (a client on a Cyrillic keyboard). */
const LOOKALIKES: Record<string, string> = { А: 'A', В: 'B', С: 'C', Е: 'E', Т: 'T', Д: 'D', Ф: 'F', Н: 'H', К: 'K', М: 'M', О: 'O', Р: 'P', Х: 'X' };

/**
 * The bookings a text names. Separators are dropped first (banks wrap lines and clients type
 * "TD 000042 3F9A1C" or "td000042-3f9a1c"), then every split of the run after "TD" into the
 * number and the six-character check is tried; only a split the check confirms counts.
 */
export async function dealsNamedIn(ctx: Ctx, text: string): Promise<number[]> {
  const compact = [...text.toUpperCase()].map((c) => LOOKALIKES[c] ?? c).join('').replace(/[^0-9A-Z]/g, '');
  const found = new Set<number>();
  for (const match of compact.matchAll(/TD([0-9A-F]{12,18})/g)) {
    const run = match[1]!;
    for (let digits = 6; digits <= 12 && digits + 6 <= run.length; digits += 1) {
      const number = run.slice(0, digits);
      if (!/^\d+$/.test(number)) break;
      const dealId = await dealIdOfReference(ctx, `TD-${number}-${run.slice(digits, digits + 6)}`);
      if (dealId !== null) found.add(dealId);
    }
  }
  return [...found];
}

export interface Suggestion {
  dealId: number;
  contactName: string;
  departureTitle: string;
  departsAt: number;
  balanceMinor: number;
  currency: string;
  /** What looks alike: the payer's name, the amount (the balance or the deposit still due). */
  because: ('name' | 'amount')[];
}

export interface OpenBooking {
  dealId: number;
  contactName: string;
  departureTitle: string;
  departsAt: number;
  currency: string;
  balanceMinor: number;
  depositLeftMinor: number;
  words: Set<string>;
}

const wordsOf = (name: string) => new Set(foldText(toLatin(name)).split(/[^a-z0-9]+/).filter((w) => w.length > 1));

/** Bookings still owed money whose trip has not long left: the ones a transfer may be for. */
export async function openBookings(ctx: Ctx): Promise<OpenBooking[]> {
  const rows = await ctx.db
    .select({
      dealId: deals.id,
      priceMinor: deals.priceMinor,
      depositDueMinor: deals.depositDueMinor,
      feeMinor: deals.feeMinor,
      cancelledAt: deals.cancelledAt,
      currency: deals.currency,
      contactName: contacts.name,
      departureTitle: departures.title,
      departsAt: departures.departsAt,
      paidMinor: paidMinorSql,
    })
    .from(deals)
    .innerJoin(departures, eq(departures.id, deals.departureId))
    .innerJoin(contacts, eq(contacts.id, deals.contactId))
    .where(and(isNull(deals.cancelledAt), gte(departures.departsAt, ctx.now - 30 * DAY_MS)));
  return rows.flatMap((row) => {
    const { balanceMinor } = moneyOf(row, Number(row.paidMinor));
    if (balanceMinor <= 0) return [];
    return [{
      dealId: row.dealId,
      contactName: row.contactName,
      departureTitle: row.departureTitle,
      departsAt: row.departsAt,
      currency: row.currency,
      balanceMinor,
      depositLeftMinor: Math.max(0, row.depositDueMinor - Number(row.paidMinor)),
      words: wordsOf(row.contactName),
    }];
  });
}

/** At most three bookings, best first: both name and amount, then name, then amount alone. */
export function suggestFor(open: OpenBooking[], credit: { payerName: string | null; amountMinor: number; currency: string }): Suggestion[] {
  const payer = credit.payerName ? wordsOf(credit.payerName) : new Set<string>();
  const scored = open.flatMap((booking) => {
    if (booking.currency !== credit.currency) return [];
    const because: Suggestion['because'] = [];
    const shared = [...payer].filter((w) => booking.words.has(w)).length;
    // Two words of the name (first and family name), or the only word the card has.
    if (shared >= Math.min(2, booking.words.size) && shared > 0) because.push('name');
    if (credit.amountMinor === booking.balanceMinor || credit.amountMinor === booking.depositLeftMinor) because.push('amount');
    return because.length ? [{ booking, because, score: (because.includes('name') ? 2 : 0) + (because.includes('amount') ? 1 : 0) }] : [];
  });
  return scored
    .sort((a, b) => b.score - a.score || a.booking.departsAt - b.booking.departsAt)
    .slice(0, 3)
    .map(({ booking, because }) => ({
      dealId: booking.dealId,
      contactName: booking.contactName,
      departureTitle: booking.departureTitle,
      departsAt: booking.departsAt,
      balanceMinor: booking.balanceMinor,
      currency: booking.currency,
      because,
    }));
}
