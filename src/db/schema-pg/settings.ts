import { pgTable, text } from 'drizzle-orm/pg-core';

// Mirrors src/db/schema/settings.ts. The initial migration also writes `installation_id`,
// as SQLite's 0007 does (see drizzle-pg/0000_init.sql).
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
