import { bigint, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

// Mirrors src/db/schema/idempotency-keys.ts.
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** The result as first answered, JSON text. */
    result: text('result').notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
