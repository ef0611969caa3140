/**
 * A bank statement into the ledger. Each credit whose text names one booking becomes that
 * booking's payment (method `bank`, the bank's entry id as its reference); the others wait
 * for a person. Every credit is kept once by the bank's entry id, so the same statement
 * imported again records nothing new. A dry run says all this and writes nothing.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { bankEntries, bankStatements, deals, departures, payments } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, ActingTxCtx, Ctx } from '../context.js';
import { emitMoneyEvents, getDealRow, insertMoneyRow, refreshDealStatus } from '../deals/index.js';
import { forEachInOrder } from '../in-order.js';
import { DomainError, notFound } from '../errors.js';
import { requireRole } from '../users/users.js';
import { dealsNamedIn, openBookings, suggestFor, type OpenBooking, type Suggestion } from './match.js';
import { parseBankStatement } from './parse.js';
import type { BankCredit, ParsedStatement } from './types.js';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
export const BankImportQuery = z.object({ dryRun: flag.default(false) });
export type BankImportQuery = z.infer<typeof BankImportQuery>;

/** The payment method of money a bank statement brought in. */
export const BANK_METHOD = 'bank';

export type RefusalReason = 'currency' | 'several_bookings';

export interface MatchedEntry { entryId: string; dealId: number; amountMinor: number; currency: string; payerName: string | null; bookedOn: string | null; text: string; paymentId: number | null; receiptNumber: string | null; cancelled: boolean }
export interface UnmatchedEntry { entryId: string; amountMinor: number; currency: string; payerName: string | null; bookedOn: string | null; text: string; bankEntryId: number | null; suggestions: Suggestion[]; reason: RefusalReason | null; dealIds: number[] }
export interface AlreadyImportedEntry { entryId: string; amountMinor: number; currency: string; dealId: number | null; paymentId: number | null; text: string }
export interface RefusedEntry { entryId: string; amountMinor: number; currency: string; dealId: number | null; reason: RefusalReason; expectedCurrency: string | null; text: string }

export interface BankImportResult {
  dryRun: boolean;
  statementId: number | null;
  format: ParsedStatement['format'];
  account: string | null;
  /** The credits the statement holds (its debits are counted apart and left alone). */
  entries: number;
  debits: number;
  matched: MatchedEntry[];
  unmatched: UnmatchedEntry[];
  alreadyImported: AlreadyImportedEntry[];
  refused: RefusedEntry[];
}

type Verdict =
  | { kind: 'already'; dealId: number | null; paymentId: number | null }
  | { kind: 'waiting'; bankEntryId: number; dealIds: number[] }
  | { kind: 'matched'; dealId: number; cancelled: boolean }
  | { kind: 'refused'; dealId: number | null; reason: 'currency'; expectedCurrency: string | null }
  | { kind: 'unmatched'; dealIds: number[] };

/** What becomes of one credit, from what is on file and the text's reference. */
async function verdictOf(ctx: Ctx, credit: BankCredit, currencies: Set<string>): Promise<Verdict> {
  const known = await ctx.db.select().from(bankEntries).where(eq(bankEntries.entryId, credit.entryId)).get();
  if (known?.paymentId != null || known?.refusal) return { kind: 'already', dealId: known.dealId, paymentId: known.paymentId };
  const byBank = await ctx.db
    .select({ id: payments.id, dealId: payments.dealId })
    .from(payments)
    .where(and(eq(payments.method, BANK_METHOD), eq(payments.reference, credit.entryId)))
    .get();
  if (byBank) return { kind: 'already', dealId: byBank.dealId, paymentId: byBank.id };
  const dealIds = await dealsNamedIn(ctx, credit.text);
  if (known) return { kind: 'waiting', bankEntryId: known.id, dealIds };
  if (dealIds.length === 1) {
    const deal = await ctx.db.select({ currency: deals.currency, cancelledAt: deals.cancelledAt }).from(deals).where(eq(deals.id, dealIds[0]!)).get();
    if (deal) {
      if (deal.currency !== credit.currency) return { kind: 'refused', dealId: dealIds[0]!, reason: 'currency', expectedCurrency: deal.currency };
      return { kind: 'matched', dealId: dealIds[0]!, cancelled: deal.cancelledAt !== null };
    }
  }
  // Nobody sells in that currency: no booking could take it, by hand or otherwise.
  if (!currencies.has(credit.currency)) return { kind: 'refused', dealId: null, reason: 'currency', expectedCurrency: null };
  return { kind: 'unmatched', dealIds };
}

/** The day the bank booked it, at noon in the agency's zone (never later than now): the cash book's day is the bank's. */
function receivedAtOf(ctx: Ctx, bookedOn: string | null): number {
  if (!bookedOn) return ctx.now;
  const noon = DateTime.fromISO(bookedOn, { zone: ctx.agency.timeZone }).set({ hour: 12 });
  return noon.isValid ? Math.min(noon.toMillis(), ctx.now) : ctx.now;
}

const noteOf = (credit: Pick<BankCredit, 'payerName' | 'text'>) => [credit.payerName, credit.text].filter(Boolean).join(': ').slice(0, 1000) || null;

/** The payment a credit is: recorded as the booking's, whatever it leaves owed (an overpayment or a cancelled booking shows as a refund due). */
export async function recordBankPayment(ctx: ActingTxCtx, dealId: number, credit: Pick<BankCredit, 'entryId' | 'amountMinor' | 'currency' | 'bookedOn' | 'payerName' | 'text'>) {
  const row = await insertMoneyRow(ctx, {
    dealId,
    kind: 'payment',
    amountMinor: credit.amountMinor,
    deltaMinor: credit.amountMinor,
    method: BANK_METHOD,
    receivedAt: receivedAtOf(ctx, credit.bookedOn),
    note: noteOf(credit),
    reference: credit.entryId,
    createdBy: ctx.actor.id,
    createdAt: ctx.now,
  });
  await refreshDealStatus(ctx, dealId, 'bank statement');
  await emitMoneyEvents(ctx, { dealId, paymentId: row.id, kind: 'payment', amountMinor: row.amountMinor, currency: credit.currency, method: BANK_METHOD });
  return row;
}

async function currenciesSold(ctx: Ctx): Promise<Set<string>> {
  const rows = await ctx.db.selectDistinct({ currency: departures.currency }).from(departures);
  return new Set([ctx.agency.currency, ...rows.map((r) => r.currency)]);
}

export async function importBankStatement(ctx: ActingCtx, file: { bytes: Uint8Array; name: string | null }, query: BankImportQuery): Promise<BankImportResult> {
  requireRole(ctx, 'director');
  const parsed = parseBankStatement(file.bytes, file.name ?? undefined);
  const run = async (ctx: ActingCtx, write: ActingTxCtx | null): Promise<BankImportResult> => {
    const result: BankImportResult = { dryRun: write === null, statementId: null, format: parsed.format, account: parsed.account, entries: parsed.credits.length, debits: parsed.debits, matched: [], unmatched: [], alreadyImported: [], refused: [] };
    const currencies = await currenciesSold(ctx);
    let open: OpenBooking[] | null = null;
    const statementId = write
      ? (await write.db.insert(bankStatements).values({ format: parsed.format, fileName: file.name, account: parsed.account, credits: parsed.credits.length, recorded: 0, importedBy: ctx.actor.id, importedAt: ctx.now }).returning({ id: bankStatements.id }).get()).id
      : null;
    result.statementId = statementId;
    const seen = new Set<string>();
    const keep = async (credit: BankCredit, values: { dealId?: number | null; paymentId?: number | null; refusal?: string | null }) =>
      write ? (await write.db.insert(bankEntries).values({ statementId: statementId!, entryId: credit.entryId, amountMinor: credit.amountMinor, currency: credit.currency, bookedOn: credit.bookedOn, payerName: credit.payerName, payerAccount: credit.payerAccount, text: credit.text, dealId: values.dealId ?? null, paymentId: values.paymentId ?? null, refusal: values.refusal ?? null, createdAt: ctx.now }).returning({ id: bankEntries.id }).get()).id : null;
    await forEachInOrder(parsed.credits, async (credit) => {
      const base = { entryId: credit.entryId, amountMinor: credit.amountMinor, currency: credit.currency, text: credit.text };
      // A statement that lists one credit twice counts it once.
      const verdict: Verdict = seen.has(credit.entryId) ? { kind: 'already', dealId: null, paymentId: null } : await verdictOf(ctx, credit, currencies);
      seen.add(credit.entryId);
      switch (verdict.kind) {
        case 'already':
          result.alreadyImported.push({ ...base, dealId: verdict.dealId, paymentId: verdict.paymentId });
          return;
        case 'refused':
          await keep(credit, { dealId: verdict.dealId, refusal: verdict.reason });
          result.refused.push({ ...base, dealId: verdict.dealId, reason: verdict.reason, expectedCurrency: verdict.expectedCurrency });
          return;
        case 'matched': {
          let payment: { id: number; receiptNumber: string | null } | null = null;
          if (write) {
            payment = await recordBankPayment(write, verdict.dealId, credit);
            await keep(credit, { dealId: verdict.dealId, paymentId: payment.id });
          }
          result.matched.push({ ...base, dealId: verdict.dealId, payerName: credit.payerName, bookedOn: credit.bookedOn, paymentId: payment?.id ?? null, receiptNumber: payment?.receiptNumber ?? null, cancelled: verdict.cancelled });
          return;
        }
        case 'waiting':
        case 'unmatched': {
          open ??= await openBookings(ctx);
          const bankEntryId = verdict.kind === 'waiting' ? verdict.bankEntryId : await keep(credit, {});
          result.unmatched.push({ ...base, payerName: credit.payerName, bookedOn: credit.bookedOn, bankEntryId, suggestions: suggestFor(open, credit), reason: verdict.dealIds.length > 1 ? 'several_bookings' : null, dealIds: verdict.dealIds });
          return;
        }
      }
    });
    if (write && statementId !== null) await write.db.update(bankStatements).set({ recorded: result.matched.length }).where(eq(bankStatements.id, statementId)).run();
    return result;
  };
  if (query.dryRun) return await run(ctx, null);
  return await atomically(ctx, async (tx) => await run(tx, tx));
}

export const AssignBankEntryInput = z.object({
  dealId: z.coerce.number({ error: 'must be a booking number' }).int('must be a booking number').positive('must be a booking number'),
});
export type AssignBankEntryInput = z.infer<typeof AssignBankEntryInput>;

/** A person decides whose payment a credit is; it is recorded as if its text had named the booking. */
export async function assignBankEntry(ctx: ActingCtx, bankEntryId: number, input: AssignBankEntryInput) {
  requireRole(ctx, 'director');
  return await atomically(ctx, async (ctx) => {
    const entry = await ctx.db.select().from(bankEntries).where(eq(bankEntries.id, bankEntryId)).get();
    if (!entry) throw notFound('bank entry', bankEntryId);
    if (entry.paymentId !== null) {
      throw new DomainError('conflict', 'This bank entry is already recorded', { paymentId: entry.paymentId, dealId: entry.dealId, reason: 'already_recorded' });
    }
    const deal = await getDealRow(ctx, input.dealId);
    if (deal.currency !== entry.currency) {
      throw new DomainError('conflict', `The entry is in ${entry.currency}, the booking in ${deal.currency}: amounts are never converted`, { currency: entry.currency, expectedCurrency: deal.currency, reason: 'currency' });
    }
    const payment = await recordBankPayment(ctx, deal.id, entry);
    await ctx.db.update(bankEntries).set({ dealId: deal.id, paymentId: payment.id, refusal: null, assignedBy: ctx.actor.id }).where(eq(bankEntries.id, entry.id)).run();
    return { ...(await bankEntryView(ctx, entry.id)), payment: { id: payment.id, receiptNumber: payment.receiptNumber } };
  });
}

export type BankEntryRow = typeof bankEntries.$inferSelect;

async function bankEntryView(ctx: Ctx, id: number) {
  const row = await ctx.db.select().from(bankEntries).where(eq(bankEntries.id, id)).get();
  if (!row) throw notFound('bank entry', id);
  return serializeBankEntry(row);
}

export function serializeBankEntry(row: BankEntryRow) {
  return {
    id: row.id,
    statementId: row.statementId,
    entryId: row.entryId,
    amountMinor: row.amountMinor,
    currency: row.currency,
    bookedOn: row.bookedOn,
    payerName: row.payerName,
    payerAccount: row.payerAccount,
    text: row.text,
    dealId: row.dealId,
    paymentId: row.paymentId,
    refusal: row.refusal,
    assignedBy: row.assignedBy,
    createdAt: row.createdAt,
  };
}

/** The credits still waiting for a person, newest first, each with its suggestions. */
export async function waitingBankEntries(ctx: ActingCtx) {
  requireRole(ctx, 'director');
  const rows = await ctx.db.select().from(bankEntries).where(isNull(bankEntries.paymentId)).orderBy(desc(bankEntries.id)).limit(500);
  const open = rows.some((r) => r.refusal === null) ? await openBookings(ctx) : [];
  return {
    items: rows.map((row) => ({ ...serializeBankEntry(row), suggestions: row.refusal === null ? suggestFor(open, row) : [] })),
    nextCursor: null,
  };
}

/** The statements imported, newest first. */
export async function listBankStatements(ctx: ActingCtx, limit = 20) {
  requireRole(ctx, 'director');
  return await ctx.db.select().from(bankStatements).orderBy(desc(bankStatements.id)).limit(limit);
}


