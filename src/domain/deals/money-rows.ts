import { and, desc, gte, lt } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { payments } from '../../db/schema/index.js';
import type { TxCtx } from '../context.js';
import { DomainError } from '../errors.js';

export type MoneyRowValues = Omit<typeof payments.$inferInsert, 'id' | 'receiptNumber'>;

/** Six digits after the year: an agency writes far fewer receipts than this in a year. */
const RECEIPTS_PER_YEAR = 999_999;

/**
 * The year's next receipt number, "2026-000124". Read under the write lock that the insert
 * after it holds (one writer at a time on both engines), so two payments never take the same
 * number and none is skipped: a transaction that rolls back takes its number back with it.
 */
async function nextReceiptNumber(ctx: TxCtx): Promise<string> {
  const year = DateTime.fromMillis(ctx.now, { zone: ctx.agency.timeZone }).year;
  const last = await ctx.db
    .select({ receiptNumber: payments.receiptNumber })
    .from(payments)
    // '.' sorts right after '-': the range is exactly this year's numbers, read from the unique index's end.
    .where(and(gte(payments.receiptNumber, `${year}-`), lt(payments.receiptNumber, `${year}.`)))
    .orderBy(desc(payments.receiptNumber))
    .limit(1)
    .get();
  const n = last?.receiptNumber ? Number(last.receiptNumber.slice(5)) + 1 : 1;
  if (n > RECEIPTS_PER_YEAR) throw new DomainError('conflict', `This year's receipt numbers are used up (${RECEIPTS_PER_YEAR})`);
  return `${year}-${String(n).padStart(6, '0')}`;
}

/** Every money row (payment, refund, reversal) is written here, so each gets its receipt number in its own insert. */
export async function insertMoneyRow(ctx: TxCtx, values: MoneyRowValues) {
  return await ctx.db
    .insert(payments)
    .values({ ...values, receiptNumber: await nextReceiptNumber(ctx) })
    .returning()
    .get();
}
