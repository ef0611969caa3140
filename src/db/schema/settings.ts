import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Facts of this installation kept with its data, such as the id that makes its mails' Message-IDs unique. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
