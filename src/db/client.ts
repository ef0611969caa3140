import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Connection, Db } from './connection.js';
import { WriteLock } from './lock.js';
import * as schema from './schema/index.js';
import { registerEngine, type Engine } from './transaction.js';
import { WriteQueue } from './write-queue.js';

export type { Db } from './connection.js';

export interface Database_ {
  /** The writer's raw handle: transactions (`BEGIN IMMEDIATE`), prepared statements, backup, tools. */
  sqlite: Database.Database;
  /** Typed queries over the writer. */
  db: Db;
  /** Reads outside writes: its own connection for a file (WAL: it reads while the writer writes). */
  reader: Connection;
  /** Request writes go through here to share commits (group commit). */
  writes: WriteQueue;
  engine: Engine;
  /** Closes both connections. */
  close(): void;
}

/** How long a writer waits for another process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 10_000;
/** Every commit waits for the disk; see openDb. */
export const SYNCHRONOUS = 'FULL';

/**
 * Opens (and creates) the database file with the pragmas the product relies on:
 * WAL so readers never block the writer, synchronous=FULL so a committed booking survives
 * a power cut, foreign keys, and a busy timeout so processes sharing the file queue up.
 * A file gets a second, read-only connection for reads outside writes.
 */
export function openDb(path: string): Database_ {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${SYNCHRONOUS}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const writer: Connection = { sqlite, db: drizzle(sqlite, { schema }) };
  const reader = path === ':memory:' ? writer : openReader(path);
  const lock = new WriteLock();
  const engine = registerEngine({ writer, reader, lock, readLock: reader === writer ? lock : new WriteLock() });
  return {
    sqlite,
    db: writer.db,
    reader,
    writes: new WriteQueue(sqlite),
    engine,
    close: () => {
      if (reader !== writer) reader.sqlite.close();
      sqlite.close();
    },
  };
}

function openReader(path: string): Connection {
  const sqlite = new Database(path, { readonly: true, timeout: BUSY_TIMEOUT_MS });
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return { sqlite, db: drizzle(sqlite, { schema }) };
}
