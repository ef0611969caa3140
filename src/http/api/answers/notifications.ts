/**
 * Mail: the outbox rows (`GET /notifications`) and what sending a voucher, a confirmation or
 * telling by phone answers.
 */
import { z } from 'zod';
import { LOCALES } from '../../../domain/context.js';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, NOTIFICATION_STATUSES, notifications } from '../../../db/schema/index.js';
import { DealAnswer } from './deals.js';
import { Instant, type Answers } from './types.js';

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


const NotificationWithBooking = z
  .object({ notification: NotificationAnswer, deal: DealAnswer })
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
