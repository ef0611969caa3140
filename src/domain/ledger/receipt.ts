/** What a money row's receipt says: the row, its client and trip, who took it, in the client's language. */
import { eq } from 'drizzle-orm';
import { contacts, deals, departures, payments, users } from '../../db/schema/index.js';
import type { Ctx, Locale } from '../context.js';
import { dealReference } from '../deals/index.js';
import { notFound } from '../errors.js';

export interface ReceiptFacts {
  paymentId: number;
  dealId: number;
  /** The year's receipt number, "2026-000123". */
  receiptNumber: string;
  kind: 'payment' | 'refund' | 'reversal';
  /** When it was recorded. */
  issuedAt: number;
  /** When the money moved. */
  receivedAt: number;
  amountMinor: number;
  currency: string;
  /** cash, card, bank_transfer, bank, or an agency's own word (shown as given). */
  method: string;
  note: string | null;
  /** The bank's entry id or a card checkout id, when any. */
  reference: string | null;
  agency: { name: string; contacts: string };
  client: { name: string; phone: string | null };
  trip: { title: string; departsAt: number; bookingReference: string };
  /** The staff member who took or paid out the money; null when it came online or from a bank statement. */
  takenBy: string | null;
  /** The receipt a reversal cancels. */
  reverses: { receiptNumber: string; kind: 'payment' | 'refund' } | null;
  /** The client's language, else the agency's: the receipt is the client's paper. */
  locale: Locale;
}

export async function receiptFacts(ctx: Ctx, paymentId: number): Promise<ReceiptFacts> {
  const row = await ctx.db
    .select({ payment: payments, deal: deals, title: departures.title, departsAt: departures.departsAt, client: contacts.name, phone: contacts.phone, locale: contacts.locale, takenBy: users.name })
    .from(payments)
    .innerJoin(deals, eq(deals.id, payments.dealId))
    .innerJoin(departures, eq(departures.id, deals.departureId))
    .innerJoin(contacts, eq(contacts.id, deals.contactId))
    .leftJoin(users, eq(users.id, payments.createdBy))
    .where(eq(payments.id, paymentId))
    .get();
  if (!row || row.payment.receiptNumber === null) throw notFound('payment', paymentId);
  const { payment } = row;
  const reversed = payment.reversesPaymentId === null
    ? undefined
    : await ctx.db.select({ receiptNumber: payments.receiptNumber, kind: payments.kind }).from(payments).where(eq(payments.id, payment.reversesPaymentId)).get();
  return {
    paymentId: payment.id,
    dealId: payment.dealId,
    receiptNumber: payment.receiptNumber!,
    kind: payment.kind,
    issuedAt: payment.createdAt,
    receivedAt: payment.receivedAt,
    amountMinor: payment.amountMinor,
    currency: row.deal.currency,
    method: payment.method,
    note: payment.note,
    reference: payment.reference,
    agency: { name: ctx.agency.name, contacts: ctx.agency.contacts },
    client: { name: row.client, phone: row.phone },
    trip: { title: row.title, departsAt: row.departsAt, bookingReference: await dealReference(ctx, payment.dealId) },
    takenBy: row.takenBy,
    reverses: reversed?.receiptNumber && reversed.kind !== 'reversal' ? { receiptNumber: reversed.receiptNumber, kind: reversed.kind } : null,
    locale: row.locale ?? ctx.agency.locale,
  };
}
