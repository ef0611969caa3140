import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema/index.js';
import { WriteQueue } from './write-queue.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Database_ {
  /** The raw handle: transactions (`BEGIN IMMEDIATE`), prepared statements, backup. */
  sqlite: Database.Database;
  /** Typed queries over the same connection. */
  db: Db;
  /** Request writes go through here to share commits (group commit). */
  writes: WriteQueue;
}

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 10_000;
/** Every commit waits for the disk; see openDb. */
export const SYNCHRONOUS = 'FULL';

/**
 * Opens (and creates) the database file with the pragmas the product relies on:
 * WAL so readers never block the writer, synchronous=FULL so a committed booking survives
 * a power cut, foreign keys, and a busy timeout so processes sharing the file queue up.
 */
export function openDb(path: string): Database_ {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${SYNCHRONOUS}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return { sqlite, db: drizzle(sqlite, { schema }), writes: new WriteQueue(sqlite) };
}
