/** What the money ledger and the bank statement routes answer. */
import { z } from 'zod';
import { Instant, Minor, type Answers } from './types.js';

const totals = z.array(z.object({ currency: z.string(), count: z.number().int(), receivedMinor: Minor, paidOutMinor: Minor, netMinor: Minor }));

export const LedgerEntryAnswer = z
  .object({
    id: z.number().int(),
    /** YYYY-NNNNNN, consecutive within a year; null for a reversal. */
    receiptNumber: z.string().nullable(),
    dealId: z.number().int(),
    dealReference: z.string(),
    departureId: z.number().int(),
    departureTitle: z.string(),
    departsAt: Instant,
    contactId: z.number().int(),
    contactName: z.string(),
    kind: z.enum(['payment', 'refund', 'reversal']),
    method: z.string(),
    /** As written on the receipt: always positive. */
    amountMinor: Minor,
    /** What the row did to the money held: + received, - paid out. */
    deltaMinor: Minor,
    currency: z.string(),
    receivedAt: Instant,
    recordedAt: Instant,
    recordedById: z.number().int().nullable(),
    /** Who took the money; null when the client paid online or a bank statement brought it in. */
    recordedBy: z.string().nullable(),
    note: z.string().nullable(),
    reference: z.string().nullable(),
    reversesPaymentId: z.number().int().nullable(),
    reversesReceiptNumber: z.string().nullable(),
    managerId: z.number().int().nullable(),
  })
  .meta({ id: 'LedgerEntry', description: 'A money row of the ledger: a payment, refund or reversal' });

export const LedgerAnswer = z.object({
  items: z.array(LedgerEntryAnswer),
  nextCursor: z.string().nullable(),
  /** Per currency, over the whole filter (every page). */
  totals,
});

const Suggestion = z.object({
  dealId: z.number().int(),
  contactName: z.string(),
  departureTitle: z.string(),
  departsAt: Instant,
  balanceMinor: Minor,
  currency: z.string(),
  /** What looks alike: the payer's name, the amount. */
  because: z.array(z.enum(['name', 'amount'])),
});

const refusal = z.enum(['currency', 'several_bookings']);
const common = { entryId: z.string(), amountMinor: Minor, currency: z.string(), text: z.string() };

export const BankImportAnswer = z
  .object({
    dryRun: z.boolean(),
    /** null on a dry run. */
    statementId: z.number().int().nullable(),
    format: z.enum(['camt.053', '1c']),
    account: z.string().nullable(),
    /** The credits the statement holds. */
    entries: z.number().int(),
    /** Debit entries seen and left alone. */
    debits: z.number().int(),
    matched: z.array(z.object({ ...common, dealId: z.number().int(), payerName: z.string().nullable(), bookedOn: z.string().nullable(), paymentId: z.number().int().nullable(), receiptNumber: z.string().nullable(), cancelled: z.boolean() })),
    unmatched: z.array(z.object({ ...common, payerName: z.string().nullable(), bookedOn: z.string().nullable(), bankEntryId: z.number().int().nullable(), suggestions: z.array(Suggestion), reason: refusal.nullable(), dealIds: z.array(z.number().int()) })),
    alreadyImported: z.array(z.object({ ...common, dealId: z.number().int().nullable(), paymentId: z.number().int().nullable() })),
    refused: z.array(z.object({ ...common, dealId: z.number().int().nullable(), reason: refusal, expectedCurrency: z.string().nullable() })),
  })
  .meta({ id: 'BankImport', description: 'What a bank statement brought: credits recorded as payments, waiting for a person, seen before, refused' });

export const BankStatementAnswer = z
  .object({
    id: z.number().int(),
    format: z.string(),
    fileName: z.string().nullable(),
    account: z.string().nullable(),
    credits: z.number().int(),
    recorded: z.number().int(),
    importedBy: z.number().int().nullable(),
    importedAt: Instant,
  })
  .meta({ id: 'BankStatement', description: 'A bank statement imported' });

const bankEntry = {
  id: z.number().int(),
  statementId: z.number().int(),
  entryId: z.string(),
  amountMinor: Minor,
  currency: z.string(),
  bookedOn: z.string().nullable(),
  payerName: z.string().nullable(),
  payerAccount: z.string().nullable(),
  text: z.string(),
  dealId: z.number().int().nullable(),
  paymentId: z.number().int().nullable(),
  /** Why it cannot be recorded as it stands (`currency`), or null. */
  refusal: z.string().nullable(),
  assignedBy: z.number().int().nullable(),
  createdAt: Instant,
};

export const BankEntryAnswer = z
  .object({ ...bankEntry, suggestions: z.array(Suggestion) })
  .meta({ id: 'BankEntry', description: 'A bank credit waiting for a person, with the bookings it may be for' });

export const moneyAnswers: Answers = {
  'get /payments': LedgerAnswer,
  'post /imports/bank-statement': BankImportAnswer,
  'get /imports/bank-statement': z.object({ items: z.array(BankStatementAnswer), nextCursor: z.string().nullable() }),
  'get /imports/bank-statement/entries': z.object({ items: z.array(BankEntryAnswer), nextCursor: z.string().nullable() }),
  'post /imports/bank-statement/entries/:id/assign': z.object({ ...bankEntry, payment: z.object({ id: z.number().int(), receiptNumber: z.string().nullable() }) }),
};
