import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users.js';

export const IMPORT_STATUSES = ['checked', 'applied'] as const;
export const IMPORT_SOURCES = ['desk', 'api', 'cli'] as const;

/**
 * A file of clients brought in: on the desk it is uploaded and checked first (the file kept
 * until it is applied, so the preview and the import read the same bytes); every applied
 * import, from the desk, the API or the command line, stays as the record of who brought what.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fileName: text('file_name').notNull(),
    /** The uploaded bytes while the import waits to be applied; dropped once it is. */
    file: blob('file', { mode: 'buffer' }),
    status: text('status', { enum: IMPORT_STATUSES }).notNull(),
    source: text('source', { enum: IMPORT_SOURCES }).notNull(),
    rows: integer('rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    merged: integer('merged').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    /** Whom the new clients were given to. */
    managerId: integer('manager_id').references(() => users.id),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: integer('uploaded_at').notNull(),
    appliedBy: integer('applied_by').references(() => users.id),
    appliedAt: integer('applied_at'),
  },
  (t) => [index('imports_uploaded_idx').on(t.uploadedAt)],
);
