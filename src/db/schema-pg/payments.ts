import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { deals } from './deals.js';
import { users } from './users.js';

// Mirrors src/db/schema/payments.ts. Amounts are bigint: a group's payment can pass 2^31 minor units.
export const payments = pgTable(
  'payments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dealId: integer('deal_id')
      .notNull()
      .references(() => deals.id),
    kind: text('kind', { enum: ['payment', 'refund', 'reversal'] }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    deltaMinor: bigint('delta_minor', { mode: 'number' }).notNull(),
    method: text('method').notNull(),
    receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
    note: text('note'),
    reference: text('reference'),
    /** No foreign key, as in SQLite. */
    reversesPaymentId: integer('reverses_payment_id'),
    receiptNumber: text('receipt_number'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('payments_deal_idx').on(t.dealId, t.id),
    index('payments_deal_amount_idx').on(t.dealId, t.deltaMinor),
    uniqueIndex('payments_reference_unique').on(t.method, t.reference).where(sql`reference is not null`),
    uniqueIndex('payments_receipt_unique').on(t.receiptNumber),
    index('payments_received_idx').on(t.receivedAt, t.id),
    uniqueIndex('payments_reversal_unique').on(t.reversesPaymentId).where(sql`reverses_payment_id is not null`),
  ],
);
