/**
 * What the public side answers, without sign-in: the trips sold online, a booking made online,
 * the client's own booking (`clientBooking`), a card checkout, the provider's webhook, and the
 * plain receipt of a site form (an inquiry, a wish to wait for seats).
 */
import { z } from 'zod';
import { CHECKOUT_PURPOSES } from '../../../db/schema/index.js';
import { LOCALES } from '../../../domain/context.js';
import type { departureStatus } from '../../../domain/departures/departures.js';
import { extrasInput } from '../../../domain/departures/extras.js';
import type { SettleOutcome } from '../../../domain/online/index.js';
import { Currency, DealStatus, everyOf } from './deals.js';
import { Day, Instant, Minor, type Answers } from './types.js';

const id = z.number().int().positive();
const count = z.number().int().nonnegative();

/** How an extra is sold: per traveller (a traveller takes it) or per booking. */
const ExtraPer = z.enum(extrasInput.element.shape.per.options);

/** Where a trip stands for its client: not left yet, left, or cancelled. */
const TRIP_STATUSES = everyOf<ReturnType<typeof departureStatus>>()(['scheduled', 'departed', 'cancelled']);

/** What became of a provider's event: not one read, or what settling a completed checkout did. */
const WEBHOOK_OUTCOMES = everyOf<SettleOutcome | 'ignored'>()(['ignored', 'recorded', 'replayed', 'unknown_session', 'mismatch', 'not_paid']);

export const PublicDepartureAnswer = z
  .object({
    id,
    title: z.string(),
    destination: z.string().nullable(),
    description: z.string().nullable(),
    departsAt: Instant,
    returnsAt: Instant.nullable(),
    /** The zone its times are told in (IANA). */
    timeZone: z.string(),
    meetingPoint: z.string(),
    /** The pickup stops in route order, each with its own time. */
    stops: z.array(z.object({ id, name: z.string(), address: z.string().nullable(), departsAt: Instant })),
    /** The price categories a booking names (`adult` first); label null: the catalogue's word. */
    prices: z.array(z.object({ category: z.string(), label: z.string().nullable(), priceMinor: Minor, depositMinor: Minor })),
    /** What the trip sells besides the seat; a booking names these codes. */
    extras: z.array(z.object({ code: z.string(), label: z.string(), priceMinor: Minor, per: ExtraPer })),
    currency: Currency,
    seats: count,
    seatsLeft: count,
  })
  .meta({ id: 'PublicDeparture', description: 'A trip sold online: its times, stops, prices, extras and seats left' });

export const PublicDepartureListAnswer = z
  .object({ items: z.array(PublicDepartureAnswer), nextCursor: z.null() })
  .meta({ id: 'PublicDepartureList', description: 'The trips sold online that have not left, soonest first (one page: nextCursor is always null)' });

export const OnlineBookingAnswer = z
  .object({
    /** The voucher's reference. */
    reference: z.string(),
    /** The client's own booking page. */
    manageUrl: z.string(),
    /** By when the deposit must be paid, or the booking is cancelled. */
    depositDueAt: Instant,
  })
  .meta({ id: 'OnlineBooking', description: 'A booking made online: its reference, its page and when the deposit is due' });

/** An extra taken, named: `sold` false when the trip no longer sells the code (label is then the code, price 0). */
const NamedExtra = z.object({ code: z.string(), label: z.string(), per: ExtraPer, priceMinor: Minor, sold: z.boolean() });

export const ClientBookingAnswer = z
  .object({
    reference: z.string(),
    status: DealStatus,
    cancelled: z.boolean(),
    /** The language the client reads. */
    locale: z.enum(LOCALES),
    client: z.object({ name: z.string() }),
    trip: z.object({
      title: z.string(),
      destination: z.string().nullable(),
      description: z.string().nullable(),
      departsAt: Instant,
      returnsAt: Instant.nullable(),
      timeZone: z.string(),
      status: z.enum(TRIP_STATUSES),
    }),
    /** The booking's stop, its time and the place as one line. */
    pickup: z.object({ name: z.string(), address: z.string().nullable(), place: z.string(), at: Instant }),
    seats: z.number().int().positive(),
    travellers: z.array(
      z.object({
        id,
        name: z.string(),
        birthDate: Day.nullable(),
        documentNumber: z.string().nullable(),
        category: z.string(),
        /** The agency's word for the category when the trip sells several; else null. */
        categoryLabel: z.string().nullable(),
        seat: z.number().int().positive().nullable(),
        extras: z.array(NamedExtra),
      }),
    ),
    /** The extras the whole booking takes. */
    extras: z.array(NamedExtra),
    /** The list price as lines: the seats per category and each extra taken. */
    priceLines: z.object({
      seats: z.array(z.object({ category: z.string(), label: z.string().nullable(), count: count, unitMinor: Minor, totalMinor: Minor })),
      extras: z.array(NamedExtra.extend({ count: count, totalMinor: Minor })),
      totalMinor: Minor,
    }),
    money: z.object({
      currency: Currency,
      priceMinor: Minor,
      paidMinor: Minor,
      balanceMinor: Minor,
      depositDueMinor: Minor,
      depositDueAt: Instant,
      balanceDueAt: Instant,
      refundDueMinor: Minor,
      /** What to pay next and by when; null when nothing is owed (or the booking is cancelled). */
      next: z.object({ purpose: z.enum(CHECKOUT_PURPOSES), amountMinor: Minor, dueAt: Instant, balanceMinor: Minor }).nullable(),
    }),
    documentsReceived: z.boolean(),
    /** The voucher was sent (its PDF is on the page). */
    voucher: z.boolean(),
    /** Until when the client may correct the travellers' details. */
    editableUntil: Instant,
    editable: z.boolean(),
    /** A card payment can be opened now. */
    payOnline: z.boolean(),
    paymentInstructions: z.string(),
    agency: z.object({ name: z.string(), contacts: z.string() }),
    manageUrl: z.string(),
  })
  .meta({ id: 'ClientBooking', description: "The client's own booking: trip, pickup, travellers, price lines, money and what is due" });

export const CheckoutAnswer = z
  .object({ url: z.url() })
  .meta({ id: 'Checkout', description: "The provider's checkout page for the deposit or the balance" });

export const PaymentEventReceiptAnswer = z
  .object({ received: z.literal(true), outcome: z.enum(WEBHOOK_OUTCOMES) })
  .meta({ id: 'PaymentEventReceipt', description: 'A signed provider event taken: what it did (a completed checkout is recorded once)' });

/** A public form taken: it says no more, whatever became of it. */
const Received = z.object({ received: z.literal(true) });

export const publicAnswers: Answers = {
  'post /public/inquiries': Received,
  'get /public/departures': PublicDepartureListAnswer,
  'get /public/departures/:id': PublicDepartureAnswer,
  'post /public/bookings': OnlineBookingAnswer,
  'post /public/waitlist': Received,
  'get /public/bookings/:token': ClientBookingAnswer,
  'patch /public/bookings/:token': ClientBookingAnswer,
  'post /public/bookings/:token/checkout': CheckoutAnswer,
  'post /public/payments/webhook': PaymentEventReceiptAnswer,
};
