import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { deals } from './deals.js';
import { payments } from './payments.js';
import { users } from './users.js';

/** A bank statement file someone imported: what it was and who brought it. */
export const bankStatements = sqliteTable('bank_statements', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  format: text('format').notNull(),
  fileName: text('file_name'),
  /** The statement's own account (IBAN or number), when it names one. */
  account: text('account'),
  credits: integer('credits').notNull(),
  recorded: integer('recorded').notNull(),
  importedBy: integer('imported_by').references(() => users.id),
  importedAt: integer('imported_at').notNull(),
});

/**
 * Every credit a statement brought, once (the bank's entry id is unique): recorded as a
 * booking's payment, or waiting for a person to assign it, or refused (another currency).
 * Importing the same statement again finds its entries here and records nothing new.
 */
export const bankEntries = sqliteTable(
  'bank_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    statementId: integer('statement_id')
      .notNull()
      .references(() => bankStatements.id),
    entryId: text('entry_id').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    bookedOn: text('booked_on'),
    payerName: text('payer_name'),
    payerAccount: text('payer_account'),
    text: text('text').notNull(),
    /** Set once the entry is a booking's payment, by its reference or by hand. */
    dealId: integer('deal_id').references(() => deals.id),
    paymentId: integer('payment_id').references(() => payments.id),
    /** Why it cannot be recorded as it stands (`currency`), or null. */
    refusal: text('refusal'),
    assignedBy: integer('assigned_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('bank_entries_entry_idx').on(t.entryId),
    // The entries still waiting for a person, newest first.
    index('bank_entries_open_idx').on(t.paymentId, t.id),
  ],
);
