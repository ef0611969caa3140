/** The SMS or Telegram text a notification stands for, in the language it was queued with. */
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import type { Ctx } from '../domain/context.js';
import { departureNoticeOf } from '../domain/notifications/departure-notices.js';
import { paymentReminderOf } from '../domain/notifications/payment-reminders.js';
import type { NotificationRow } from '../domain/notifications/index.js';
import { waitlistOfferOf } from '../domain/waitlist/offers.js';
import { getDealRow, manageUrlOf } from '../domain/deals/index.js';
import { clientBooking } from '../domain/online/booking-page.js';
import { bookingText, departureText, paymentText, waitlistText } from '../../templates/mail/short-texts.js';
import { makeTr } from '../../templates/tr.js';

/** The first phone number in the agency's contacts line, as a client at home dials it. */
export function agencyPhone(ctx: Pick<Ctx, 'agency'>): string {
  const found = findPhoneNumbersInText(ctx.agency.contacts ?? '', ctx.agency.country as CountryCode)[0];
  return found ? found.number.formatInternational() : '';
}

export async function composeShortText(ctx: Ctx, row: NotificationRow): Promise<string> {
  const forSms = row.channel === 'sms';
  const common = { agencyName: ctx.agency.name, agencyPhone: agencyPhone(ctx) };
  if (row.kind === 'departure_reminder' || row.kind === 'departure_changed') {
    if (row.dealId === null) throw new Error(`notification ${row.id} has no booking`);
    const notice = await departureNoticeOf(ctx, { ...row, dealId: row.dealId });
    return departureText({ ...common, tr: makeTr(row.locale, notice.zone), kind: row.kind, trip: notice.trip, departsAt: notice.departsAt, meetingPoint: notice.meetingPoint, previous: notice.previous }, forSms);
  }
  if (row.kind === 'booking_confirmation') {
    if (row.dealId === null) throw new Error(`notification ${row.id} has no booking`);
    const booking = await clientBooking(ctx, await getDealRow(ctx, row.dealId));
    return bookingText({ ...common, tr: makeTr(row.locale, booking.trip.timeZone), reference: booking.reference, trip: booking.trip.title, departsAt: booking.pickup.at, link: booking.manageUrl }, forSms);
  }
  if (row.kind === 'payment_reminder') {
    if (row.dealId === null) throw new Error(`notification ${row.id} has no booking`);
    const facts = await paymentReminderOf(ctx, row.dealId, row.paymentKind ?? 'balance');
    const link = await manageUrlOf(ctx, await getDealRow(ctx, row.dealId));
    return paymentText({ ...common, tr: makeTr(row.locale, facts.zone), paymentKind: row.paymentKind ?? 'balance', stage: row.reminderStage ?? 'upcoming', trip: facts.trip, departsAt: facts.departsAt, dueAt: row.dueAt ?? facts.dueAt, amountMinor: facts.amountMinor, currency: facts.currency, link, payOnline: Boolean(ctx.agency.onlinePayments) }, forSms);
  }
  if (row.kind === 'waitlist_offer') {
    if (row.waitlistEntryId === null) throw new Error(`notification ${row.id} has no waiting-list entry`);
    const offer = await waitlistOfferOf(ctx, row.waitlistEntryId);
    return waitlistText({ ...common, tr: makeTr(row.locale, offer.zone), trip: offer.trip, departsAt: offer.departsAt, seats: offer.seats, holdUntil: offer.holdUntil }, forSms);
  }
  throw new Error(`a ${row.kind} goes by e-mail only`);
}
