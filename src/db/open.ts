import type pg from 'pg';
import { openDb, type Database_ } from './client.js';
import { migrate } from './migrate.js';
import { migratePg } from './migrate-pg.js';
import { openPostgres } from './postgres/engine.js';
import { WriteQueue } from './write-queue.js';

export interface OpenedDatabase {
  database: Database_;
  /** Migrations applied by this start. */
  applied: number;
}

/**
 * The agency's database, migrated: PostgreSQL when `DATABASE_URL` is set (several processes
 * may share it), else the SQLite file at `DATABASE_PATH`.
 */
export async function openDatabase(config: { DATABASE_URL?: string | undefined; DATABASE_PATH: string }): Promise<OpenedDatabase> {
  if (!config.DATABASE_URL) {
    const database = openDb(config.DATABASE_PATH);
    return { database, applied: migrate(database.sqlite) };
  }
  const database = postgresDatabase(config.DATABASE_URL);
  try {
    return { database, applied: await migratePg(database.pool) };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** An open PostgreSQL database at `url` (not migrated), as the app uses it. */
export function postgresDatabase(url: string, options: { poolSize?: number; idleMs?: number } = {}): Database_ & { pool: pg.Pool } {
  const { pool, engine, connection } = openPostgres(url, options);
  return { sqlite: connection.sqlite, db: connection.db, reader: connection, writes: new WriteQueue(engine), engine, pool, close: () => pool.end() };
}

/** Where the agency's data is, for messages: the SQLite file, or the PostgreSQL URL without its password. */
export function whereDataLives(config: { DATABASE_URL?: string | undefined; DATABASE_PATH: string }): string {
  return config.DATABASE_URL ? redactedUrl(config.DATABASE_URL) : config.DATABASE_PATH;
}

/** A database URL without its password, for printing. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
