import type { SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy';
import type { SqlHandle } from './handle.js';
import type * as schema from './schema/index.js';

/**
 * Typed queries (drizzle's SQLite builder), typed as its asynchronous (proxy) database: every
 * query answers a promise in the type, so one that is not awaited does not compile or is found
 * by the floating-promises test. On PostgreSQL that is what runs (the proxy, see
 * postgres/engine.ts); on SQLite better-sqlite3 answers at once, which `await` takes alike.
 */
export type Db = SqliteRemoteDatabase<typeof schema>;

/** One connection to the database: the raw handle (prepared statements) and typed queries over it. */
export interface Connection<H extends SqlHandle = SqlHandle> {
  sqlite: H;
  db: Db;
}

/** Typed queries that only read: what a context outside a write transaction offers. */
export type ReadDb = Omit<Db, 'insert' | 'update' | 'delete' | 'run' | 'transaction' | 'batch'>;
