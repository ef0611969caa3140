import type { Db } from './client.js';

/**
 * A query built and prepared once per connection, then reused with placeholders.
 * Drizzle otherwise rebuilds the SQL and better-sqlite3 re-prepares the statement on every
 * call, which measured as half the cost of a booking request.
 */
export function preparedFor<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let query = cache.get(db);
    if (query === undefined) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}
