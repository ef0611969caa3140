import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The first answer to a request sent with an Idempotency-Key, replayed for the same key and body. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** The result as first answered, JSON. */
    result: text('result').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
