/**
 * What every webhook delivery carries (the payload contract): Standard Webhooks'
 * `{type, timestamp, data}`, `data` holding the event's own fields and the whole object as the
 * API answers it. The objects are the answer schemas by their component names (`Deal`,
 * `Payment`, ...); one not described yet is an open object, so the description stays valid
 * while the areas' answers are written.
 */
import { z } from 'zod';
import { Instant, Minor } from './types.js';

/** The component names the payloads speak of. */
export const PAYLOAD_OBJECTS = ['Deal', 'Payment', 'Departure', 'Inquiry', 'Notification', 'WaitlistEntry'] as const;
export type PayloadObject = (typeof PAYLOAD_OBJECTS)[number];

export interface WebhookEventSchema {
  type: string;
  summary: string;
  payload: z.ZodType;
}

/** The event schemas, each object taken from `named` (an answer schema by component name) or left open. */
export function webhookEventSchemas(named: (id: PayloadObject) => z.ZodType | undefined): WebhookEventSchema[] {
  const object = (id: PayloadObject, description: string) => (named(id) ?? z.looseObject({}).meta({ description: `${description} (${id})` }));
  const deal = () => ({ deal: object('Deal', 'The booking as GET /deals/:id answers it') });
  const envelope = (type: string, summary: string, data: z.ZodRawShape): WebhookEventSchema => ({
    type,
    summary,
    payload: z
      .object({
        type: z.literal(type),
        /** When the event happened. */
        timestamp: Instant,
        // Fields may be added to `data`; none is renamed or removed.
        data: z.looseObject(data),
      })
      .meta({ description: `The body of a ${type} delivery` }),
  });
  const dealId = z.number().int();
  const money = {
    dealId,
    paymentId: z.number().int(),
    kind: z.enum(['payment', 'refund', 'reversal']),
    amountMinor: Minor,
    currency: z.string(),
    method: z.string(),
    payment: object('Payment', 'The money row as GET /deals/:id lists it in its payments'),
    ...deal(),
  };
  return [
    envelope('deal.created', 'A booking was made', {
      dealId,
      departureId: z.number().int(),
      contactId: z.number().int(),
      seats: z.number().int(),
      priceMinor: Minor,
      currency: z.string(),
      status: z.string(),
      /** `office`, `online`, ... */
      source: z.string(),
      ...deal(),
    }),
    envelope('deal.updated', 'A booking was changed (travellers, seats, stop, due dates)', { dealId, ...deal() }),
    envelope('deal.status_changed', "A booking's status moved", { dealId, departureId: z.number().int(), from: z.string(), to: z.string(), ...deal() }),
    envelope('deal.cancelled', 'A booking was cancelled', { dealId, reason: z.string(), feeMinor: Minor.nullable(), ...deal() }),
    envelope('payment.recorded', 'A money row was recorded on a booking (a payment, refund or reversal: see kind)', money),
    envelope('refund.recorded', 'A refund was recorded (also sent as payment.recorded)', money),
    envelope('departure.changed', 'A departure was changed', {
      departureId: z.number().int(),
      /** The time or place changed: the travellers are told. */
      scheduleChanged: z.boolean(),
      departsAt: Instant,
      meetingPoint: z.string(),
      seats: z.number().int(),
      status: z.string(),
      departure: object('Departure', 'The departure as GET /departures/:id answers it'),
    }),
    envelope('inquiry.created', 'An inquiry came in', {
      inquiryId: z.number().int(),
      contactId: z.number().int(),
      source: z.string().nullable(),
      departureId: z.number().int().nullable(),
      reactivation: z.boolean(),
      inquiry: object('Inquiry', 'The inquiry as GET /inquiries/:id answers it'),
    }),
    envelope('voucher.sent', 'The voucher went out', { dealId, notificationId: z.number().int(), channel: z.string(), ...deal() }),
    envelope('notification.failed', 'A notice could not be delivered by any channel', {
      notificationId: z.number().int(),
      dealId: dealId.nullable(),
      kind: z.string(),
      channel: z.string().nullable(),
      error: z.string().nullable(),
      notification: object('Notification', 'The notification as GET /notifications lists it'),
    }),
    envelope('waitlist.offered', 'Freed seats were offered to a waiting-list entry', {
      entryId: z.number().int(),
      departureId: z.number().int(),
      holdUntil: Instant,
      entry: object('WaitlistEntry', 'The entry as GET /waitlist/:id answers it'),
    }),
    envelope('webhook.test', 'A test delivery (POST /webhooks/:id/test)', { webhookId: z.number().int(), message: z.string() }),
  ];
}
