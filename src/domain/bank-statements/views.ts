/**
 * The bank pages' reads: the credits waiting for a person with the bookings they may be for,
 * the statements imported, one statement with what became of each credit.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { bankEntries, bankStatements, contacts, deals, departures, payments, users } from '../../db/schema/index.js';
import type { ActingCtx, Ctx } from '../context.js';
import { dealReference } from '../deals/index.js';
import { notFound } from '../errors.js';
import { BANK_METHOD, listBankStatements, waitingBankEntries } from './import.js';
import { dealsNamedIn, type Suggestion } from './match.js';

/** A booking as the bank pages name it: its reference (linked), its client and trip. */
export interface BookingFacts {
  dealId: number;
  reference: string;
  clientName: string;
  title: string;
  departsAt: number;
  currency: string;
  cancelled: boolean;
}

/** A credit no reference matched, waiting for a person, with the bookings it may be for. */
export interface WaitingEntryView {
  id: number;
  bookedOn: string | null;
  payerName: string | null;
  payerAccount: string | null;
  amountMinor: number;
  currency: string;
  text: string;
  /** `currency` when it cannot be recorded as it stands; null when it only needs a booking. */
  refusal: string | null;
  /** The currency of the booking its text named, for a refusal. */
  expectedCurrency: string | null;
  /** The bookings its text named (a refused one's, or several). */
  named: BookingFacts[];
  suggestions: (Suggestion & { reference: string })[];
}

export interface StatementListEntry {
  id: number;
  format: string;
  fileName: string | null;
  credits: number;
  recorded: number;
  importedAt: number;
  by: string | null;
}

/** The payment a person has just assigned. */
export interface AssignedView {
  paymentId: number;
  receiptNumber: string | null;
  booking: BookingFacts;
}

/** One credit of an imported statement and what became of it. */
export interface StatementEntryView {
  id: number;
  bookedOn: string | null;
  payerName: string | null;
  amountMinor: number;
  currency: string;
  text: string;
  paymentId: number | null;
  receiptNumber: string | null;
  refusal: string | null;
  expectedCurrency: string | null;
  byHand: boolean;
  booking: BookingFacts | null;
}

export interface StatementView {
  id: number;
  format: string;
  fileName: string | null;
  account: string | null;
  credits: number;
  recorded: number;
  importedAt: number;
  by: string | null;
  entries: StatementEntryView[];
}

/** Bookings by id as the pages name them, read in slices (a statement may name thousands). */
export async function bookingsOf(ctx: Ctx, ids: Iterable<number | null>): Promise<Map<number, BookingFacts>> {
  const wanted = [...new Set([...ids].filter((id): id is number => id !== null))];
  const found = new Map<number, BookingFacts>();
  for (let at = 0; at < wanted.length; at += 500) {
    const rows = await ctx.db
      .select({ dealId: deals.id, clientName: contacts.name, title: departures.title, departsAt: departures.departsAt, currency: deals.currency, cancelledAt: deals.cancelledAt })
      .from(deals)
      .innerJoin(contacts, eq(contacts.id, deals.contactId))
      .innerJoin(departures, eq(departures.id, deals.departureId))
      .where(inArray(deals.id, wanted.slice(at, at + 500)));
    for (const row of rows) {
      found.set(row.dealId, { dealId: row.dealId, reference: await dealReference(ctx, row.dealId), clientName: row.clientName, title: row.title, departsAt: row.departsAt, currency: row.currency, cancelled: row.cancelledAt !== null });
    }
  }
  return found;
}

async function userNames(ctx: Ctx, ids: Iterable<number | null>): Promise<Map<number, string>> {
  const wanted = [...new Set([...ids].filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The credits waiting for a person, with the bookings their text names and the ones suggested. */
export async function waitingViews(ctx: ActingCtx): Promise<WaitingEntryView[]> {
  const { items } = await waitingBankEntries(ctx);
  const named = new Map<number, number[]>();
  for (const item of items) named.set(item.id, item.refusal !== null ? (item.dealId !== null ? [item.dealId] : []) : await dealsNamedIn(ctx, item.text));
  const bookings = await bookingsOf(ctx, [...[...named.values()].flat(), ...items.flatMap((i) => i.suggestions.map((s) => s.dealId))]);
  return items.map((item) => {
    const namedBookings = (named.get(item.id) ?? []).flatMap((id) => bookings.get(id) ?? []);
    return {
      id: item.id,
      bookedOn: item.bookedOn,
      payerName: item.payerName,
      payerAccount: item.payerAccount,
      amountMinor: item.amountMinor,
      currency: item.currency,
      text: item.text,
      refusal: item.refusal,
      expectedCurrency: item.refusal === 'currency' ? (namedBookings[0]?.currency ?? null) : null,
      named: namedBookings,
      suggestions: item.suggestions.map((s) => ({ ...s, reference: bookings.get(s.dealId)?.reference ?? `#${s.dealId}` })),
    };
  });
}

export async function statementList(ctx: ActingCtx): Promise<StatementListEntry[]> {
  const rows = await listBankStatements(ctx);
  const names = await userNames(ctx, rows.map((r) => r.importedBy));
  return rows.map((r) => ({ id: r.id, format: r.format, fileName: r.fileName, credits: r.credits, recorded: r.recorded, importedAt: r.importedAt, by: r.importedBy !== null ? (names.get(r.importedBy) ?? null) : null }));
}

/** A bank payment just assigned, as the confirmation names it; null when the address names none. */
export async function assignedView(ctx: ActingCtx, paymentId: number): Promise<AssignedView | null> {
  const row = await ctx.db.select({ id: payments.id, dealId: payments.dealId, receiptNumber: payments.receiptNumber, method: payments.method }).from(payments).where(eq(payments.id, paymentId)).get();
  if (!row || row.method !== BANK_METHOD) return null;
  const booking = (await bookingsOf(ctx, [row.dealId])).get(row.dealId);
  return booking ? { paymentId: row.id, receiptNumber: row.receiptNumber, booking } : null;
}

/** One imported statement, each of its credits with what became of it. */
export async function statementView(ctx: ActingCtx, id: number): Promise<StatementView> {
  const row = await ctx.db.select().from(bankStatements).where(eq(bankStatements.id, id)).get();
  if (!row) throw notFound('bank statement', id);
  const entries = await ctx.db
    .select({
      id: bankEntries.id,
      bookedOn: bankEntries.bookedOn,
      payerName: bankEntries.payerName,
      amountMinor: bankEntries.amountMinor,
      currency: bankEntries.currency,
      text: bankEntries.text,
      dealId: bankEntries.dealId,
      paymentId: bankEntries.paymentId,
      refusal: bankEntries.refusal,
      assignedBy: bankEntries.assignedBy,
      receiptNumber: payments.receiptNumber,
    })
    .from(bankEntries)
    .leftJoin(payments, eq(payments.id, bankEntries.paymentId))
    .where(eq(bankEntries.statementId, id))
    .orderBy(asc(bankEntries.id));
  const bookings = await bookingsOf(ctx, entries.map((e) => e.dealId));
  const names = await userNames(ctx, [row.importedBy]);
  return {
    id: row.id,
    format: row.format,
    fileName: row.fileName,
    account: row.account,
    credits: row.credits,
    recorded: row.recorded,
    importedAt: row.importedAt,
    by: row.importedBy !== null ? (names.get(row.importedBy) ?? null) : null,
    entries: entries.map((e) => {
      const booking = e.dealId !== null ? (bookings.get(e.dealId) ?? null) : null;
      return {
        id: e.id,
        bookedOn: e.bookedOn,
        payerName: e.payerName,
        amountMinor: e.amountMinor,
        currency: e.currency,
        text: e.text,
        paymentId: e.paymentId,
        receiptNumber: e.receiptNumber ?? null,
        refusal: e.refusal,
        expectedCurrency: e.refusal === 'currency' ? (booking?.currency ?? null) : null,
        byHand: e.assignedBy !== null,
        booking,
      };
    }),
  };
}
