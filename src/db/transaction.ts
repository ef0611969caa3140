import type Database from 'better-sqlite3';

/**
 * The one way a write runs. Inside a transaction already open on this connection (a
 * request's write in the group-commit queue, or an outer domain step) it runs as a
 * savepoint: its failure undoes only its own work, and the outermost transaction commits.
 * Otherwise it opens its own `BEGIN IMMEDIATE`, so the write lock is held before anything is
 * read (the capacity check depends on that), and commits at the end.
 *
 * The callback must be synchronous: better-sqlite3 cannot keep a transaction open across
 * an await, and an async callback would commit before its work is done.
 */
export function atomically<T>(sqlite: Database.Database, work: () => T): T {
  return sqlite.inTransaction ? sqlite.transaction(work)() : sqlite.transaction(work).immediate();
}
