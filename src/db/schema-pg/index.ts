/**
 * The PostgreSQL schema: the same tables, columns, indexes and constants as ./schema (SQLite),
 * file for file, so the app reads the same JS types from either engine.
 *
 * Type rules:
 * - instants (epoch ms: every `*_at`, `at`, `hold_until`, `lease_until`) and amounts in minor
 *   units: `bigint({ mode: 'number' })`, since Date.now() is past 2^31 and a sum of money may
 *   be; counts, positions, versions, days and ids stay `integer`.
 * - SQLite's integer booleans are `boolean`; blob is `bytea`; JSON stays `text` (the app
 *   stores JSON strings); ids are identities "by default" so a copy can insert its own ids.
 *
 * Collation: SQLite compares text byte by byte (BINARY), so every ORDER BY, range and unique
 * check on text must do the same here. We choose the database's collation rather than a
 * COLLATE on each column: the database is created with LC_COLLATE 'C' and LC_CTYPE 'C'
 * (`CREATE DATABASE ... TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`),
 * and migratePg refuses a database whose default collation is anything else. With C, UTF-8
 * text sorts by code point as SQLite's BINARY does, and lower()/upper() fold ASCII only, as
 * SQLite's do.
 */
export * from './users.js';
export * from './sessions.js';
export * from './sign-in-failures.js';
export * from './departures.js';
export * from './departure-stops.js';
export * from './departure-vehicles.js';
export * from './contacts.js';
export * from './communications.js';
export * from './deals.js';
export * from './travellers.js';
export * from './payments.js';
export * from './deal-history.js';
export * from './idempotency-keys.js';
export * from './notifications.js';
export * from './inquiries.js';
export * from './settings.js';
export * from './seat-assignments.js';
export * from './waitlist-entries.js';
export * from './tasks.js';
export * from './feedback.js';
export * from './campaigns.js';
export * from './webhooks.js';
export * from './imports.js';
export * from './online-payments.js';
export * from './bank-statements.js';
export * from './rooms.js';
