import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { deals } from './deals.js';
import { payments } from './payments.js';
import { users } from './users.js';

// Mirrors src/db/schema/bank-statements.ts.
export const bankStatements = pgTable('bank_statements', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  format: text('format').notNull(),
  fileName: text('file_name'),
  account: text('account'),
  credits: integer('credits').notNull(),
  recorded: integer('recorded').notNull(),
  importedBy: integer('imported_by').references(() => users.id),
  importedAt: bigint('imported_at', { mode: 'number' }).notNull(),
});

export const bankEntries = pgTable(
  'bank_entries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    statementId: integer('statement_id')
      .notNull()
      .references(() => bankStatements.id),
    entryId: text('entry_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    bookedOn: text('booked_on'),
    payerName: text('payer_name'),
    payerAccount: text('payer_account'),
    text: text('text').notNull(),
    dealId: integer('deal_id').references(() => deals.id),
    paymentId: integer('payment_id').references(() => payments.id),
    refusal: text('refusal'),
    assignedBy: integer('assigned_by').references(() => users.id),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('bank_entries_entry_idx').on(t.entryId), index('bank_entries_open_idx').on(t.paymentId, t.id)],
);
