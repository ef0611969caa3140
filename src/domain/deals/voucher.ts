import { eq } from 'drizzle-orm';
import { contacts } from '../../db/schema/index.js';
import type { Ctx, Locale } from '../context.js';
import { getDeparture } from '../departures/departures.js';
import { bookingStop, pickupOf } from '../departures/stops.js';
import { DomainError } from '../errors.js';
import { dealView } from './view.js';

/** Everything a voucher shows, with the language and zone it is written in. */
export function voucherOf(ctx: Ctx, dealId: number) {
  const deal = dealView(ctx, dealId);
  if (deal.status === 'cancelled') {
    throw new DomainError('invalid_transition', 'This deal is cancelled: it has no voucher', { status: 'cancelled' });
  }
  const departure = getDeparture(ctx, deal.departureId);
  // The traveller boards at their own stop, at its own time.
  const stop = bookingStop(ctx, departure.id, deal.stopId);
  const pickup = pickupOf(departure, { offset: stop.offsetMinutes, name: stop.name, address: stop.address });
  const contact = ctx.db.select().from(contacts).where(eq(contacts.id, deal.contactId)).get()!;
  const locale: Locale = contact.locale ?? ctx.agency.locale;
  return {
    locale,
    zone: departure.timeZone,
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
      travellers: deal.travellers.length ? deal.travellers : [{ name: contact.name, birthDate: null, documentNumber: null }],
      seats: deal.seats,
      priceMinor: deal.priceMinor,
      paidMinor: deal.paidMinor,
      balanceMinor: deal.balanceMinor,
      currency: deal.currency,
    },
  };
}
