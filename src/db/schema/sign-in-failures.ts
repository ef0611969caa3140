import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Failed sign-ins per e-mail and client address, kept in the database so every process
 * sharing the file sees them.
 */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    /** The client's socket address; rows from before addresses were kept have ''. */
    address: text('address').notNull().default(''),
    at: integer('at').notNull(),
  },
  (t) => [index('sign_in_failures_email_at_idx').on(t.email, t.at), index('sign_in_failures_email_address_at_idx').on(t.email, t.address, t.at)],
);
