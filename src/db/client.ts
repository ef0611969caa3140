import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Connection, Db } from './connection.js';
import type { SqlHandle } from './handle.js';
import * as schema from './schema/index.js';
import { registerEngine, type Engine } from './transaction.js';
import { WriteQueue } from './write-queue.js';

export type { Db } from './connection.js';

/** An open database of either engine. */
export interface Database_<H extends SqlHandle = SqlHandle> {
  /** SQLite: the writer's raw handle (transactions, prepared statements, backup, tools). PostgreSQL: the pool's. */
  sqlite: H;
  /** Typed queries over it. */
  db: Db;
  /** Reads outside writes: its own connection for a SQLite file (WAL: it reads while the writer writes); the pool on PostgreSQL. */
  reader: Connection<H>;
  /** Request writes go through here to share commits (group commit). */
  writes: WriteQueue;
  engine: Engine;
  /** Closes its connections. */
  close(): void | Promise<void>;
}

export interface SqliteDatabase extends Database_<Database.Database> {
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
export function openDb(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${SYNCHRONOUS}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const writer: Connection<Database.Database> = { sqlite, db: drizzle(sqlite, { schema }) as unknown as Db };
  const reader = path === ':memory:' ? writer : openReader(path);
  const engine = registerEngine({ writer, reader });
  return {
    sqlite,
    db: writer.db,
    reader,
    writes: new WriteQueue(engine),
    engine,
    close: () => {
      if (reader !== writer) reader.sqlite.close();
      sqlite.close();
    },
  };
}

function openReader(path: string): Connection<Database.Database> {
  const sqlite = new Database(path, { readonly: true, timeout: BUSY_TIMEOUT_MS });
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return { sqlite, db: drizzle(sqlite, { schema }) as unknown as Db };
}
