import type Database from 'better-sqlite3';
import type { PgHandle } from './postgres/handle.js';

import type { RunResult } from './sql-statement.js';

export type { RunResult, SqlStatement } from './sql-statement.js';

/**
 * A connection handle of either engine: better-sqlite3's database, or a PostgreSQL pool or
 * a client checked out for one transaction. Contexts carry it as `sqlite` (the name predates
 * the second engine); raw SQL goes through `statement()`, never through the handle itself.
 */
export type SqlHandle = Database.Database | PgHandle;

export const isSqlite = (handle: SqlHandle): handle is Database.Database => !('dialect' in handle);

/** Rows a write changed: better-sqlite3's RunResult and the PostgreSQL proxy's answer both carry `changes`. */
export const changesOf = (result: unknown): number => (result as RunResult).changes;
