/**
 * Mail: the outbox rows (`GET /notifications`) and what sending a voucher, a confirmation or
 * telling by phone answers.
 */
import { z } from 'zod';
import { BOARDING_STATES } from '../../../domain/boarding/index.js';
import { MONEY_KINDS } from '../../../domain/ledger/ledger.js';
import { LOCALES } from '../../../domain/context.js';
import { DEAL_STATUSES, NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, NOTIFICATION_STATUSES, notifications } from '../../../db/schema/index.js';
import { Day, Instant, Minor, type Answers } from './types.js';

const id = z.number().int();

/** One outbox row: a mail, SMS or Telegram message the system sent or will send. */
export const NotificationAnswer = z
  .object({
    id,
    dealId: id.nullable().meta({ description: 'The booking it is about; a waiting-list offer, a campaign mail or a greeting has none' }),
    waitlistEntryId: id.nullable(),
    departureId: id.nullable().meta({ description: 'The trip it speaks of; campaigns and greetings have none' }),
    contactId: id.nullable(),
    campaignId: id.nullable(),
    kind: z.enum(NOTIFICATION_KINDS),
    scheduleVersion: id.nullable().meta({ description: "A departure notice: the departure's schedule version it tells" }),
    to: z.string().nullable().meta({ description: 'The address, phone number or chat it goes to; null: nothing to send to (no_address)' }),
    channel: z.enum(NOTIFICATION_CHANNELS),
    toldDepartsAt: Instant.nullable().meta({ description: 'A departure notice: the time it tells' }),
    toldMeetingPoint: z.string().nullable(),
    paymentKind: z.enum(notifications.paymentKind.enumValues).nullable().meta({ description: 'A payment reminder: which payment' }),
    dueAt: Instant.nullable().meta({ description: "A payment reminder: the due date it speaks of; a birthday greeting: the birthday's morning" }),
    reminderStage: z.enum(notifications.reminderStage.enumValues).nullable(),
    locale: z.enum(LOCALES),
    status: z.enum(NOTIFICATION_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: Instant.nullable().meta({ description: 'When it is tried next; only while pending' }),
    sentAt: Instant.nullable(),
    error: z.string().nullable().meta({ description: "The last refusal's words" }),
    createdAt: Instant,
  })
  .meta({ id: 'Notification', description: 'A mail or message of the outbox' });

/**
 * The booking as `GET /deals/:id` answers it (travellers, money, payments, history), as the mail
 * routes and booking from an inquiry answer it too.
 */
export const BookingView = z.object({
  id,
  departureId: id,
  contactId: id,
  managerId: id.nullable(),
  stopId: id.nullable(),
  vehicleId: id.nullable(),
  status: z.enum(DEAL_STATUSES),
  seats: z.number().int(),
  extras: z.array(z.string()),
  travellers: z.array(
    z.object({
      id,
      name: z.string(),
      birthDate: Day.nullable(),
      documentNumber: z.string().nullable(),
      category: z.string(),
      extras: z.array(z.string()),
      vehicleId: id.nullable(),
      seat: z.number().int().nullable(),
      boarding: z.enum(BOARDING_STATES),
    }),
  ),
  priceMinor: Minor,
  depositDueMinor: Minor,
  depositDueAt: Instant,
  balanceDueAt: Instant,
  paidMinor: Minor,
  balanceMinor: Minor,
  feeMinor: Minor,
  refundDueMinor: Minor,
  currency: z.string(),
  documentsSentAt: Instant.nullable(),
  documentsReceivedAt: Instant.nullable(),
  voucherSentAt: Instant.nullable(),
  notifiedAt: Instant.nullable(),
  cancelledAt: Instant.nullable(),
  cancelReason: z.string().nullable(),
  source: z.string(),
  createdBy: id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  reference: z.string(),
  manageUrl: z.string(),
  payments: z.array(
    z.object({
      id,
      dealId: id,
      kind: z.enum(MONEY_KINDS),
      amountMinor: Minor,
      deltaMinor: Minor,
      method: z.string(),
      receivedAt: Instant,
      note: z.string().nullable(),
      reference: z.string().nullable(),
      reversesPaymentId: id.nullable(),
      reversedByPaymentId: id.nullable(),
      receiptNumber: z.string().nullable(),
      createdBy: id.nullable(),
      createdAt: Instant,
    }),
  ),
  history: z.array(
    z.object({
      from: z.enum(DEAL_STATUSES).nullable(),
      to: z.enum(DEAL_STATUSES),
      at: Instant,
      by: id.nullable(),
      byName: z.string().nullable(),
      byClient: z.boolean(),
      note: z.string().nullable(),
    }),
  ),
});

const NotificationWithBooking = z
  .object({ notification: NotificationAnswer, deal: BookingView })
  .meta({ id: 'NotificationWithBooking', description: 'The notice and the booking as it now stands' });

export const notificationAnswers: Answers = {
  'get /notifications': z
    .object({ items: z.array(NotificationAnswer), nextCursor: z.string().nullable() })
    .meta({ id: 'NotificationList', description: 'The outbox, oldest first' }),
  'post /departures/:id/vouchers/send': z
    .object({ items: z.array(NotificationAnswer), nextCursor: z.null() })
    .meta({ id: 'VouchersSent', description: 'The vouchers queued, each as it stands after the attempt to send it' }),
  'post /deals/:id/voucher/send': NotificationWithBooking,
  'post /deals/:id/told-by-phone': NotificationWithBooking,
  'post /deals/:id/confirmation': z
    .object({ notificationId: id, channel: z.enum(NOTIFICATION_CHANNELS), status: z.enum(NOTIFICATION_STATUSES) })
    .meta({ id: 'ConfirmationQueued', description: 'The booking confirmation queued: its outbox row, the way it goes, and its status' }),
};
