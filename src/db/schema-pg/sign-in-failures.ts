import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

// Mirrors src/db/schema/sign-in-failures.ts.
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    email: text('email').notNull(),
    /** The client's socket address; rows from before addresses were kept have ''. */
    address: text('address').notNull().default(''),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('sign_in_failures_email_at_idx').on(t.email, t.at), index('sign_in_failures_email_address_at_idx').on(t.email, t.address, t.at)],
);
