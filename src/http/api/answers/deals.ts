/**
 * What the bookings area answers: a deal as `dealView` writes it (travellers, money, money
 * rows, history), a deal as the list writes it, a money row recorded or reversed with its
 * deal, and a new booking page link.
 */
import { z } from 'zod';
import { DEAL_STATUSES } from '../../../db/schema/index.js';
import { BOARDING_STATES } from '../../../domain/boarding/index.js';
import type { BookingOrigin } from '../../../domain/deals/index.js';
import { MONEY_KINDS } from '../../../domain/ledger/index.js';
import { currencyCode } from '../../../domain/money.js';
import { Day, Instant, Minor, type Answers } from './types.js';

/**
 * Every value of a union the domain names only as a type, listed for an enum; the compiler
 * refuses a list that misses one or adds one, so the list follows the domain.
 */
export const everyOf =
  <T extends string>() =>
  <const L extends readonly [T, ...T[]]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;

const id = z.number().int().positive();
/** A row the answer names that may be absent (no manager, nobody, not yet). */
const idOrNull = id.nullable();

/** The currency of an amount, as departures take it. */
export const Currency = currencyCode.meta({ description: 'ISO 4217 code' });

/** A money row's receipt number: the year, then its place in the year's receipts. */
export const ReceiptNumber = z.string().regex(/^\d{4}-\d{6}$/).meta({ description: 'YYYY-NNNNNN: consecutive within the year, never reused' });

/** Where a booking came from: made at the desk, or by the client on the agency's site. */
export const DEAL_SOURCES = everyOf<NonNullable<BookingOrigin['source']>>()(['office', 'online']);

export const DealStatus = z.enum(DEAL_STATUSES).meta({ id: 'DealStatus', description: "A booking's stage: the furthest its facts reach, or cancelled" });

export const TravellerAnswer = z
  .object({
    id,
    name: z.string(),
    birthDate: Day.nullable(),
    documentNumber: z.string().nullable(),
    /** One of the departure's price categories (`adult` unless said). */
    category: z.string(),
    /** Codes of the departure's extras sold per traveller that this traveller takes. */
    extras: z.array(z.string()),
    /** The bus the booking rides in (all its travellers together). */
    vehicleId: idOrNull,
    seat: z.number().int().positive().nullable(),
    boarding: z.enum(BOARDING_STATES),
  })
  .meta({ id: 'Traveller', description: 'A traveller of a booking: details, extras taken, bus and seat, and the mark at the bus door' });

export const PaymentAnswer = z
  .object({
    id,
    dealId: id,
    kind: z.enum(MONEY_KINDS),
    /** Always positive: the amount on the receipt. */
    amountMinor: Minor,
    /** What the row did to the money held: + in, - out (a reversal undoes its target). */
    deltaMinor: Minor,
    /** cash, card, bank, bank_transfer...: each agency names its own tills. */
    method: z.string(),
    receivedAt: Instant,
    note: z.string().nullable(),
    /** The provider's or bank's own reference (a card checkout session), when it gave one. */
    reference: z.string().nullable(),
    reversesPaymentId: idOrNull,
    reversedByPaymentId: idOrNull,
    /** `YYYY-NNNNNN`, consecutive within the year. */
    receiptNumber: ReceiptNumber.nullable(),
    /** The member of staff who recorded it; null: the client paying online, or the bank import. */
    createdBy: idOrNull,
    createdAt: Instant,
  })
  .meta({ id: 'Payment', description: 'A money row of a booking: a payment, a refund or the reversal of one; never changed or deleted' });

export const DealHistoryEntryAnswer = z
  .object({
    /** Null on the booking's first row. */
    from: DealStatus.nullable(),
    to: DealStatus,
    at: Instant,
    /** The member of staff, or null (the client, the scheduler). */
    by: idOrNull,
    byName: z.string().nullable(),
    /** Done by the client on their booking page. */
    byClient: z.boolean(),
    note: z.string().nullable(),
  })
  .meta({ id: 'DealHistoryEntry', description: 'A change of a booking: its status before and after, when, by whom, and why' });

/** The fields a deal has in the list and in its own answer alike. */
const dealFields = {
  id,
  departureId: id,
  contactId: id,
  managerId: idOrNull,
  /** The pickup stop; null: the departure's first. */
  stopId: idOrNull,
  /** The bus all its travellers ride in. */
  vehicleId: idOrNull,
  status: DealStatus,
  seats: z.number().int().positive(),
  /** Codes of the departure's extras sold per booking that the booking takes. */
  extras: z.array(z.string()),
  travellers: z.array(TravellerAnswer),
  priceMinor: Minor,
  depositDueMinor: Minor,
  depositDueAt: Instant,
  balanceDueAt: Instant,
  paidMinor: Minor,
  /** What is still to pay (0 once cancelled). */
  balanceMinor: Minor,
  /** Kept by the agency on cancellation (0 while the booking stands). */
  feeMinor: Minor,
  /** Paid beyond the price, or beyond the fee once cancelled, and not refunded yet. */
  refundDueMinor: Minor,
  currency: Currency,
  documentsSentAt: Instant.nullable(),
  documentsReceivedAt: Instant.nullable(),
  voucherSentAt: Instant.nullable(),
  notifiedAt: Instant.nullable(),
  cancelledAt: Instant.nullable(),
  cancelReason: z.string().nullable(),
  source: z.enum(DEAL_SOURCES),
  /** Who made it; null: the client online. */
  createdBy: idOrNull,
  createdAt: Instant,
  updatedAt: Instant,
  /** The voucher's reference, also in its QR code. */
  reference: z.string(),
  /** The client's own booking page (signed link, no sign-in). */
  manageUrl: z.string(),
};

export const DealAnswer = z
  .object({
    ...dealFields,
    /** Every money row, oldest first. */
    payments: z.array(PaymentAnswer),
    /** Every change, oldest first. */
    history: z.array(DealHistoryEntryAnswer),
  })
  .meta({ id: 'Deal', description: 'A booking with its travellers, money, money rows and history' });

export const DealListItemAnswer = z
  .object(dealFields)
  .meta({ id: 'DealListItem', description: 'A booking as a list shows it: the deal without its money rows and history' });

export const DealListAnswer = z
  .object({ items: z.array(DealListItemAnswer), nextCursor: z.string().nullable() })
  .meta({ id: 'DealList', description: 'Bookings in id order; nextCursor gives the next page, null on the last' });

export const RecordedPaymentAnswer = PaymentAnswer.extend({ deal: DealAnswer }).meta({
  id: 'RecordedPayment',
  description: 'The money row just written (a payment, refund or reversal) with its booking as it now stands',
});

export const ManageLinkAnswer = z.object({ manageUrl: z.string() }).meta({ id: 'ManageLink', description: "The client's new booking page link; the old one finds nothing now" });

export const dealAnswers: Answers = {
  'post /deals': DealAnswer,
  'get /deals': DealListAnswer,
  'get /deals/:id': DealAnswer,
  'patch /deals/:id': DealAnswer,
  'post /deals/:id/documents': DealAnswer,
  'post /deals/:id/payments': RecordedPaymentAnswer,
  'post /deals/:id/payments/:paymentId/reverse': RecordedPaymentAnswer,
  'post /deals/:id/cancel': DealAnswer,
  'post /deals/:id/manage-link': ManageLinkAnswer,
};
