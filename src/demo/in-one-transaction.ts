import type Database from 'better-sqlite3';

/**
 * Runs the whole demo set as one transaction: an agency gets all of it or, when any step is
 * refused, none of it (no trips without their bookings, no staff half set up).
 *
 * `atomically` takes only synchronous work, and writing the demo awaits a few times (hashing
 * the staff's passwords, reading the import files). Holding `BEGIN IMMEDIATE` across those
 * awaits is safe here and nowhere in a server: the demo owns its connection, nothing else
 * runs on it meanwhile, and every domain step inside joins this transaction as a savepoint.
 * A server on the same file keeps reading (WAL) and waits its busy timeout to write.
 */
export async function inOneTransaction<T>(sqlite: Database.Database, work: () => Promise<T>): Promise<T> {
  // Inside a caller's transaction, the caller commits or undoes it all.
  if (sqlite.inTransaction) return work();
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    sqlite.exec('COMMIT');
    return result;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}
