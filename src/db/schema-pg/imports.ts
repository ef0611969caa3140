import { bigint, customType, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { IMPORT_SOURCES, IMPORT_STATUSES } from '../schema/imports.js';
import { users } from './users.js';

export { IMPORT_SOURCES, IMPORT_STATUSES };

/**
 * SQLite's `blob({ mode: 'buffer' })`: drizzle-orm 0.45 has no bytea column for PostgreSQL,
 * so a custom one. node-postgres sends a Buffer as bytea and parses bytea back to a Buffer,
 * so the app gets the same type from both engines.
 */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

// Mirrors src/db/schema/imports.ts.
export const imports = pgTable(
  'imports',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    fileName: text('file_name').notNull(),
    file: bytea('file'),
    status: text('status', { enum: IMPORT_STATUSES }).notNull(),
    source: text('source', { enum: IMPORT_SOURCES }).notNull(),
    rows: integer('rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    merged: integer('merged').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    managerId: integer('manager_id').references(() => users.id),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: bigint('uploaded_at', { mode: 'number' }).notNull(),
    appliedBy: integer('applied_by').references(() => users.id),
    appliedAt: bigint('applied_at', { mode: 'number' }),
  },
  (t) => [index('imports_uploaded_idx').on(t.uploadedAt)],
);
