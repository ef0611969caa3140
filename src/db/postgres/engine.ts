import { is, type SQL, type SQLWrapper } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import pg from 'pg';
import type { Connection, Db } from '../connection.js';
import { WriteLock } from '../lock.js';
import { PG_TYPES } from '../pg-types.js';
import * as schema from '../schema/index.js';
import { registerPgEngine, type Engine, type OpenTransaction } from '../transaction.js';
import { PgHandle, type PgDialect } from './handle.js';
import { translate, type Translated } from './translate.js';

/**
 * The key of the advisory lock every write transaction takes first, in the agency's own
 * database: writes are one at a time across every process, as on SQLite (BEGIN IMMEDIATE).
 * Every rule that reads and then writes (seats left, an idempotency key, sign-in failures,
 * intake limits, a claim) then holds across processes without a lock of its own; see
 * docs/decisions.md, "Writes on PostgreSQL: one advisory lock per agency".
 */
export const WRITE_LOCK_KEY = '7250918406635212';

/** How long a write waits for another process's write lock before giving up (SQLite's busy timeout). */
const LOCK_TIMEOUT_MS = 10_000;

/** Distinct statement texts whose translation is kept. */
const TRANSLATIONS_KEPT = 5_000;

/** Connections a process keeps: reads run in parallel on them, writes take one at a time. */
const POOL_SIZE = 10;

/**
 * The boolean columns of the schema, by name: `flag = 1` on them is `flag = true` on
 * PostgreSQL. By name alone, so no name may be a boolean in one table and a number in another
 * (test/unit/pg-translate.test.ts holds that).
 */
export function booleanColumns(): Set<string> {
  const names = new Set<string>();
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    for (const column of getTableConfig(value).columns) {
      if (column.columnType === 'SQLiteBoolean') names.add(column.name);
    }
  }
  return names;
}

export function pgDialect(): PgDialect {
  const booleans = booleanColumns();
  const cache = new Map<string, Translated>();
  let named = 0;
  return {
    types: PG_TYPES,
    translated(sql) {
      let translated = cache.get(sql);
      if (!translated) {
        translated = { ...translate(sql, booleans), name: `td${++named}` };
        // The app's statements are a few hundred texts; a text built with values in it would
        // grow the cache without end, so it starts again past a bound.
        if (cache.size >= TRANSLATIONS_KEPT) cache.clear();
        cache.set(sql, translated);
      }
      return translated;
    },
  };
}

/**
 * Typed queries over a PostgreSQL handle: drizzle's SQLite builder (the same queries as on
 * SQLite) through its proxy driver, whose SQL the handle translates.
 */
export function proxyDb(handle: PgHandle): Db {
  const db = drizzle(
    async (sql, params, method) => {
      if (method === 'run') return { rows: [], changes: (await handle.execute(sql, params, false)).rowCount ?? 0 } as { rows: unknown[] };
      const { rows } = await handle.execute(sql, params, true);
      return { rows: method === 'get' ? rows[0] : rows } as { rows: unknown[] };
    },
    // No relational schema: the app does not use db.query, and extracting it costs a third of a millisecond.
  );
  // A raw `db.get(sql...)` / `db.all(sql...)` answers objects by column name on better-sqlite3;
  // the proxy would answer arrays (it has no fields to map them with), so these read as objects.
  const dialect = (db as unknown as { dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } } }).dialect;
  const rawRead = (first: boolean) => async (query: SQLWrapper) => {
    const built = dialect.sqlToQuery(query.getSQL());
    const { rows } = await handle.execute(built.sql, built.params, false);
    return first ? rows[0] : rows;
  };
  Object.assign(db, { get: rawRead(true), all: rawRead(false) });
  return db as unknown as Db;
}

export interface PostgresDatabase {
  pool: pg.Pool;
  engine: Engine;
  connection: Connection;
}

/** Opens a pool on the database at `url` (not migrated: see migratePg). */
export function openPostgres(url: string, options: { poolSize?: number; idleMs?: number } = {}): PostgresDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? POOL_SIZE, idleTimeoutMillis: options.idleMs ?? 10_000, types: PG_TYPES });
  // A connection the server dropped (a restart, a standby promoted) is not the app's error:
  // the query running on it fails (that request answers 500, nothing written), the pool
  // forgets the connection and the next query opens a new one. Without these listeners the
  // 'error' event of a dropped connection would end the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const dialect = pgDialect();
  const poolHandle = new PgHandle(dialect, pool);
  const connection: Connection = { sqlite: poolHandle, db: proxyDb(poolHandle) };
  const lock = new WriteLock();
  // A client keeps its handle and typed queries from one transaction to the next, so what
  // drizzle built and PostgreSQL prepared on that connection is built and prepared once.
  const ofClient = new WeakMap<pg.PoolClient, { handle: PgHandle; connection: Connection }>();
  const begin = async (mode: 'write' | 'read' | 'write-nowait'): Promise<OpenTransaction> => {
    const client = await pool.connect();
    let kept = ofClient.get(client);
    if (!kept) {
      const handle = new PgHandle(dialect, client);
      kept = { handle, connection: { sqlite: handle, db: proxyDb(handle) } };
      ofClient.set(client, kept);
    }
    const { handle, connection } = kept;
    handle.inTransaction = true;
    handle.forWrites = mode !== 'read';
    let released = false;
    const release = (error?: Error) => {
      if (released) return;
      released = true;
      handle.inTransaction = false;
      client.release(error);
    };
    try {
      await client.query(mode === 'read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      if (mode !== 'read') {
        // As SQLite's busy timeout: a write waits this long for another process's, then is refused (503).
        await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT_MS}ms'`);
        await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [WRITE_LOCK_KEY]);
      }
      if (mode === 'write-nowait') await client.query('SET LOCAL synchronous_commit = off');
    } catch (error) {
      release(error as Error);
      throw error;
    }
    return {
      connection,
      commit: async () => {
        await client.query('COMMIT');
        release();
      },
      rollback: async () => {
        let broken: Error | undefined;
        await client.query('ROLLBACK').catch((error: Error) => (broken = error));
        release(broken);
      },
    };
  };
  const engine: Engine = { kind: 'postgres', writer: connection, reader: connection, lock, readLock: new WriteLock(), begin };
  registerPgEngine(dialect, engine);
  return { pool, engine, connection };
}
