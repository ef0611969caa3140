import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stored lower-cased: e-mail addresses are compared case-insensitively. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['operator', 'manager', 'director'] }).notNull(),
    locale: text('locale', { enum: ['en', 'ru', 'bg'] }),
    passwordHash: text('password_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** The calendar feed's link names this; a new link (bumping it) ends the old one at once. */
    calendarVersion: integer('calendar_version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);
