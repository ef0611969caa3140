import { telegramLinkOf } from '../contacts/telegram.js';
import { eq } from 'drizzle-orm';
import { contacts } from '../../db/schema/index.js';
import type { Ctx, Locale } from '../context.js';
import { getDeparture } from '../departures/departures.js';
import { bookingStop, pickupOf } from '../departures/stops.js';
import { DEFAULT_CATEGORY, findCategory, pricesOf } from '../departures/prices.js';
import { DomainError } from '../errors.js';
import { extrasOf } from '../departures/extras.js';
import { namedExtras } from '../departures/extras-taken.js';
import { dealView } from './view.js';

/** Everything a voucher shows, with the language and zone it is written in. */
export async function voucherOf(ctx: Ctx, dealId: number) {
  const deal = await dealView(ctx, dealId);
  if (deal.status === 'cancelled') {
    throw new DomainError('invalid_transition', 'This deal is cancelled: it has no voucher', { status: 'cancelled' });
  }
  const departure = await getDeparture(ctx, deal.departureId);
  // The traveller boards at their own stop, at its own time.
  const stop = await bookingStop(ctx, departure.id, deal.stopId);
  const pickup = pickupOf(departure, { offset: stop.offsetMinutes, name: stop.name, address: stop.address });
  const contact = (await ctx.db.select().from(contacts).where(eq(contacts.id, deal.contactId)).get())!;
  const locale: Locale = contact.locale ?? ctx.agency.locale;
  const prices = pricesOf(departure);
  const extras = extrasOf(departure);
  // An extra by the agency's label; a code the trip no longer sells by the code itself.
  const extraLabels = (codes: string[], per: 'traveller' | 'booking') => namedExtras(extras, codes, per).map((e) => e.label);
  return {
    locale,
    zone: departure.timeZone,
    departureId: departure.id,
    /** The departure's schedule version: a calendar entry made from the voucher carries it. */
    scheduleVersion: departure.scheduleVersion,
    email: contact.email,
    deal,
    data: {
      dealId: deal.id,
      reference: deal.reference,
      /** The QR code: a link to the booking's boarding on the desk (the reference alone without an address). */
      qr: ctx.agency.publicUrl ? `${ctx.agency.publicUrl}/v/${deal.reference}` : deal.reference,
      agency: { name: ctx.agency.name, contacts: ctx.agency.contacts },
      trip: {
        title: departure.title,
        destination: departure.destination,
        departsAt: pickup.at,
        returnsAt: departure.returnsAt,
        meetingPoint: pickup.place,
        /** The trip's own zone when it is not the agency's: its times are then named with it. */
        foreignZone: departure.timeZone === ctx.agency.timeZone ? null : departure.timeZone,
      },
      client: { name: contact.name, phone: contact.phone, email: contact.email },
      // A traveller's price category is named when the trip sells more than one (the agency's own word, when it gave one).
      travellers: (deal.travellers.length ? deal.travellers : [{ name: contact.name, birthDate: null, documentNumber: null, category: DEFAULT_CATEGORY, extras: [] as string[] }]).map((t) => ({
        ...t,
        category: prices.length > 1 ? t.category : null,
        categoryLabel: prices.length > 1 ? (findCategory(prices, t.category)?.label ?? null) : null,
        extras: extraLabels(t.extras, 'traveller'),
      })),
      /** The extras of the whole booking, by label. */
      extras: extraLabels(deal.extras, 'booking'),
      seats: deal.seats,
      priceMinor: deal.priceMinor,
      paidMinor: deal.paidMinor,
      balanceMinor: deal.balanceMinor,
      paymentInstructions: ctx.agency.paymentInstructions ?? '',
      currency: deal.currency,
      /** For a client not linked yet: the agency's bot, where they can get their notices. */
      telegramLink: contact.telegramChatId ? null : await telegramLinkOf(ctx, ctx.agency.telegram ? ctx.agency.telegramBot : null, contact.id),
    },
  };
}
