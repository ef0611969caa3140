import { bigint, boolean, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

// Mirrors src/db/schema/users.ts; see index.ts for the type rules.
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Stored lower-cased: e-mail addresses are compared case-insensitively. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['operator', 'manager', 'director'] }).notNull(),
    locale: text('locale', { enum: ['en', 'ru', 'bg'] }),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    /** The calendar feed's link names this; a new link (bumping it) ends the old one at once. */
    calendarVersion: integer('calendar_version').notNull().default(1),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);
