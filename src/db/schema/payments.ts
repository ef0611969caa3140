import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { deals } from './deals.js';
import { users } from './users.js';

/** The money ledger of a deal. Rows are never updated or deleted; a mistake gets a reversal row. */
export const payments = sqliteTable(
  'payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id),
    kind: text('kind', { enum: ['payment', 'refund', 'reversal'] }).notNull(),
    /** Always positive: the amount written on the receipt. */
    amountMinor: integer('amount_minor').notNull(),
    /** Signed effect on the money the agency holds for the deal: +payment, -refund, reversal undoes its target. */
    deltaMinor: integer('delta_minor').notNull(),
    method: text('method').notNull(),
    receivedAt: integer('received_at').notNull(),
    note: text('note'),
    /** The payment's own reference where a provider or bank gives one (a checkout session's id): one payment per reference and method. */
    reference: text('reference'),
    reversesPaymentId: integer('reverses_payment_id'),
    /** "2026-000123": consecutive within the year it was recorded in (the agency's zone), never reused; given in the row's own insert. */
    receiptNumber: text('receipt_number'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('payments_deal_idx').on(t.dealId, t.id),
    // Covers "paid so far" (sum of delta per deal), the sum every worklist and report takes.
    index('payments_deal_amount_idx').on(t.dealId, t.deltaMinor),
    // A row can be reversed once; the database refuses a second reversal even under a race.
    uniqueIndex('payments_reference_unique').on(t.method, t.reference).where(sql`reference is not null`),
    // One number per row; the year's last number is read from this index's end.
    uniqueIndex('payments_receipt_unique').on(t.receiptNumber),
    // The ledger and the cash book read money by the day it moved.
    index('payments_received_idx').on(t.receivedAt, t.id),
    uniqueIndex('payments_reversal_unique').on(t.reversesPaymentId).where(sql`reverses_payment_id is not null`),
  ],
);
