import type { Ctx } from '../domain/context.js';
import { voucherOf } from '../domain/deals/voucher.js';
import { installationId } from '../domain/installation.js';
import { departureNoticeOf } from '../domain/notifications/departure-notices.js';
import type { NotificationRow } from '../domain/notifications/index.js';
import { renderVoucher } from '../documents/voucher-pdf.js';
import { dealReference, getDealRow, manageUrlOf } from '../domain/deals/index.js';
import { clientBooking } from '../domain/online/booking-page.js';
import { bookingMailLines } from '../../templates/mail/booking-mail.js';
import { departureMailLines } from '../../templates/mail/departure-mail.js';
import { mailHtml, mailText, type MailLines } from '../../templates/mail/mail-layout.js';
import { voucherMailLines } from '../../templates/mail/voucher-mail.js';
import { paymentMailLines } from '../../templates/mail/payment-mail.js';
import { waitlistMailLines } from '../../templates/mail/waitlist-mail.js';
import { paymentReminderOf } from '../domain/notifications/payment-reminders.js';
import { waitlistOfferOf } from '../domain/waitlist/offers.js';
import { makeTr } from '../../templates/tr.js';
import { tripIcs } from '../documents/calendar-ics.js';
import { getDeparture } from '../domain/departures/departures.js';
import { feedbackMailLines, greetingMailLines } from '../../templates/mail/aftercare-mail.js';
import { feedbackRequestOf, feedbackToken } from '../domain/aftercare/index.js';
import { getCampaignRow, unsubscribeToken } from '../domain/campaigns/index.js';
import { campaignCopyLines, campaignTestLines } from './campaign-copy.js';
import { getUser } from '../domain/users/users.js';
import { getContact } from '../domain/contacts/index.js';
import type { MailMessage } from '../mail/mailer.js';

/**
 * The mail a notification stands for, in the language it was queued with. Its Message-ID
 * is made from the notification's id and the installation's, so a mail can always be traced
 * to its record, a retry keeps the id, and no other installation ever uses it.
 */
export async function composeMail(ctx: Ctx, row: NotificationRow): Promise<MailMessage> {
  return await composeInClaim(ctx, row) ?? await composeVoucherMail(ctx, row);
}

/** Every mail but the voucher (a PDF to render) is composed synchronously, inside the claim's transaction. */
export async function composeInClaim(ctx: Ctx, row: NotificationRow): Promise<MailMessage | undefined> {
  if (row.kind === 'voucher') return undefined;
  if (row.kind === 'booking_confirmation') return await composeBookingMail(ctx, row);
  if (row.kind === 'payment_reminder') return await composePaymentMail(ctx, row);
  if (row.kind === 'waitlist_offer') return await composeWaitlistMail(ctx, row);
  if (row.kind === 'feedback_request') return await composeFeedbackMail(ctx, row);
  if (row.kind === 'campaign' || row.kind === 'birthday_greeting') return await composeMarketingMail(ctx, row);
  if (row.kind === 'campaign_test') return await composeCampaignTest(ctx, row);
  return await composeNoticeMail(ctx, { ...row, kind: row.kind });
}

const dealOf = (row: NotificationRow): number => {
  if (row.dealId === null) throw new Error(`notification ${row.id} (${row.kind}) has no booking`);
  return row.dealId;
};

const envelope = async (ctx: Ctx, row: NotificationRow, lines: MailLines) => ({
  to: row.toAddress!,
  key: `notification-${row.id}.${await installationId(ctx.sqlite)}`,
  language: row.locale,
  subject: lines.subject,
  text: mailText(lines),
  html: mailHtml(row.locale, lines),
});

const agencyOf = (ctx: Ctx) => ({ agencyName: ctx.agency.name, agencyContacts: ctx.agency.contacts });

/** A departure reminder or correction: synchronous, so it can be written in the claim's transaction. */
async function composeNoticeMail(ctx: Ctx, row: NotificationRow & { kind: 'departure_reminder' | 'departure_changed' }): Promise<MailMessage> {
  const dealId = dealOf(row);
  const notice = await departureNoticeOf(ctx, { ...row, dealId });
  const tr = makeTr(row.locale, notice.zone);
  const zoneName = notice.zone === ctx.agency.timeZone ? null : tr.zoneName(notice.zone, notice.departsAt);
  const reference = await dealReference(ctx, dealId);
  return {
    ...await envelope(ctx, row, departureMailLines({ ...notice, ...agencyOf(ctx), tr, kind: row.kind, zoneName, reference })),
    attachments: [await tripAttachment(ctx, { dealId, departureId: row.departureId!, version: row.scheduleVersion ?? 1, title: notice.trip, start: notice.departsAt, place: notice.meetingPoint, reference })],
  };
}

/**
 * The booking's trip as a calendar entry (their stop and its time), attached to the mails that
 * tell it: one entry per booking and trip, its sequence the schedule version, so a correction
 * moves the entry in the client's calendar.
 */
async function tripAttachment(ctx: Ctx, trip: { dealId: number; departureId: number; version: number; title: string; start: number; place: string; reference: string }) {
  const returnsAt = (await getDeparture(ctx, trip.departureId)).returnsAt;
  const content = tripIcs({
    uid: `trip-${trip.departureId}-${trip.dealId}@${await installationId(ctx.sqlite)}`,
    sequence: trip.version,
    title: trip.title,
    start: trip.start,
    end: returnsAt,
    place: trip.place,
    description: [trip.reference, ctx.agency.name, ctx.agency.contacts].filter(Boolean).join('\n'),
    agency: ctx.agency.name,
  });
  return { filename: 'trip.ics', content: Buffer.from(content, 'utf8'), contentType: 'text/calendar; charset=utf-8' };
}

async function composePaymentMail(ctx: Ctx, row: NotificationRow): Promise<MailMessage> {
  const dealId = dealOf(row);
  const facts = await paymentReminderOf(ctx, dealId, row.paymentKind ?? 'balance');
  const tr = makeTr(row.locale, facts.zone);
  return await envelope(
    ctx,
    row,
    paymentMailLines({
      ...facts,
      ...agencyOf(ctx),
      tr,
      paymentKind: row.paymentKind ?? 'balance',
      stage: row.reminderStage ?? 'upcoming',
      dueAt: row.dueAt ?? facts.dueAt,
      reference: await dealReference(ctx, dealId),
      instructions: ctx.agency.paymentInstructions ?? '',
      manageUrl: await manageUrlOf(ctx, await getDealRow(ctx, dealId)),
      payOnline: Boolean(ctx.agency.onlinePayments),
    }),
  );
}

/**
 * The booking is made: what the client booked, what is due and by when, and their booking
 * page, told from the same facts that page shows.
 */
async function composeBookingMail(ctx: Ctx, row: NotificationRow): Promise<MailMessage> {
  const booking = await clientBooking(ctx, await getDealRow(ctx, dealOf(row)));
  const zone = booking.trip.timeZone;
  const tr = makeTr(row.locale, zone);
  return await envelope(
    ctx,
    row,
    bookingMailLines({
      ...agencyOf(ctx),
      tr,
      clientName: booking.client.name,
      trip: booking.trip.title,
      departsAt: booking.pickup.at,
      meetingPoint: booking.pickup.place,
      zoneName: zone === ctx.agency.timeZone ? null : tr.zoneName(zone, booking.pickup.at),
      reference: booking.reference,
      seats: booking.seats,
      travellers: booking.travellers.map((t) => t.name).filter(Boolean),
      // Each extra taken once, with how many take it: "Lunch × 2, Transfer".
      extras: booking.priceLines.extras.map((e) => (e.count > 1 ? `${e.label} × ${e.count}` : e.label)),
      priceMinor: booking.money.priceMinor,
      paidMinor: booking.money.paidMinor,
      currency: booking.money.currency,
      next: booking.money.next,
      balanceDueAt: booking.money.balanceDueAt,
      instructions: booking.paymentInstructions,
      payOnline: booking.payOnline,
      manageUrl: booking.manageUrl,
    }),
  );
}

async function composeWaitlistMail(ctx: Ctx, row: NotificationRow): Promise<MailMessage> {
  if (row.waitlistEntryId === null) throw new Error(`notification ${row.id} has no waiting-list entry`);
  const offer = await waitlistOfferOf(ctx, row.waitlistEntryId);
  const tr = makeTr(row.locale, offer.zone);
  return await envelope(ctx, row, waitlistMailLines({ ...offer, ...agencyOf(ctx), tr }));
}

async function composeVoucherMail(ctx: Ctx, row: NotificationRow): Promise<MailMessage> {
  const dealId = dealOf(row);
  const voucher = await voucherOf(ctx, dealId);
  const tr = makeTr(row.locale, voucher.zone);
  const lines = voucherMailLines({
    tr,
    ...agencyOf(ctx),
    clientName: voucher.data.client.name,
    trip: voucher.data.trip.title,
    departsAt: voucher.data.trip.departsAt,
    zoneName: voucher.zone === ctx.agency.timeZone ? null : tr.zoneName(voucher.zone, voucher.data.trip.departsAt),
    meetingPoint: voucher.data.trip.meetingPoint,
    reference: await dealReference(ctx, dealId),
    balanceMinor: voucher.data.balanceMinor,
    currency: voucher.data.currency,
    telegramLink: voucher.data.telegramLink,
    manageUrl: voucher.deal.manageUrl,
  });
  return {
    ...await envelope(ctx, row, lines),
    attachments: [
      { filename: `${await dealReference(ctx, dealId)}.pdf`, content: await renderVoucher(voucher.data, tr), contentType: 'application/pdf' },
      await tripAttachment(ctx, {
        dealId,
        departureId: voucher.departureId,
        version: voucher.scheduleVersion,
        title: voucher.data.trip.title,
        start: voucher.data.trip.departsAt,
        place: voucher.data.trip.meetingPoint,
        reference: await dealReference(ctx, dealId),
      }),
    ],
  };
}

const linkBase = (ctx: Ctx) => ctx.agency.publicUrl ?? '';

async function composeFeedbackMail(ctx: Ctx, row: NotificationRow): Promise<MailMessage> {
  const dealId = dealOf(row);
  const token = await feedbackToken(ctx, dealId);
  const request = await feedbackRequestOf(ctx, token);
  const tr = makeTr(row.locale, request.zone);
  return await envelope(
    ctx,
    row,
    feedbackMailLines({ ...agencyOf(ctx), tr, clientName: request.clientName, trip: request.trip, departsAt: request.departsAt, link: `${linkBase(ctx)}/feedback/${token}` }),
  );
}

/**
 * A campaign or a birthday greeting: written to one client, with a one-click unsubscribe
 * link in the text and in the headers mail programs show as "Unsubscribe" (RFC 8058).
 */
async function composeMarketingMail(ctx: Ctx, row: NotificationRow): Promise<MailMessage> {
  if (row.contactId === null) throw new Error(`notification ${row.id} (${row.kind}) has no client`);
  const client = await getContact(ctx, row.contactId);
  const tr = makeTr(row.locale, ctx.agency.timeZone);
  const unsubscribe = `${linkBase(ctx)}/unsubscribe/${await unsubscribeToken(ctx, row.contactId, row.campaignId)}`;
  let lines: MailLines;
  if (row.kind === 'campaign') {
    if (row.campaignId === null) throw new Error(`notification ${row.id} has no campaign`);
    lines = campaignCopyLines(ctx, await getCampaignRow(ctx, row.campaignId), { name: client.name, locale: row.locale }, unsubscribe);
  } else {
    lines = greetingMailLines({ ...agencyOf(ctx), tr, clientName: client.name, unsubscribe });
  }
  return {
    ...await envelope(ctx, row, lines),
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/**
 * A campaign's test copy: written with the name of the client it stands for (or, when the
 * campaign reached nobody, of the person who asked for it), in the language queued with it.
 */
async function composeCampaignTest(ctx: Ctx, row: NotificationRow): Promise<MailMessage> {
  if (row.campaignId === null) throw new Error(`notification ${row.id} has no campaign`);
  const name = row.contactId !== null ? (await getContact(ctx, row.contactId)).name : row.createdBy !== null ? (await getUser(ctx, row.createdBy)).name : '';
  return await envelope(ctx, row, campaignTestLines(ctx, await getCampaignRow(ctx, row.campaignId), { name, locale: row.locale }));
}
