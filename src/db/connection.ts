import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema>;

/** One connection to the database: the raw handle (prepared statements) and typed queries over it. */
export interface Connection {
  sqlite: Database.Database;
  db: Db;
}

/** Typed queries that only read: what a context outside a write transaction offers. */
export type ReadDb = Omit<Db, 'insert' | 'update' | 'delete' | 'run' | 'transaction' | 'batch'>;
