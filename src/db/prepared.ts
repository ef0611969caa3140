import type { Db, ReadDb } from './connection.js';

/**
 * A query built and prepared once per connection, then reused with placeholders.
 * Drizzle otherwise rebuilds the SQL and better-sqlite3 re-prepares the statement on every
 * call, which measured as half the cost of a booking request.
 */
function preparedOnce<D extends object, T>(build: (db: D) => T): (db: D) => T {
  const cache = new WeakMap<D, T>();
  return (db) => {
    let query = cache.get(db);
    if (query === undefined) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}

/** A prepared read: runs on any connection (the reader, or a transaction's). */
export const preparedRead = <T>(build: (db: ReadDb) => T): ((db: ReadDb) => T) => preparedOnce(build);

/** A prepared write: only a transaction's connection (`InTx['db']`) can run it. */
export const preparedWrite = <T>(build: (db: Db) => T): ((db: Db) => T) => preparedOnce(build);
