import { readMigrationFiles } from 'drizzle-orm/migrator';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const PG_MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle-pg', import.meta.url));

/**
 * The advisory lock every migrating process takes: a fixed, arbitrary bigint, so processes
 * starting at once queue up on it instead of applying the same migration twice.
 */
export const MIGRATION_LOCK_KEY = '7250918406635211';

/**
 * Applies drizzle-kit's PostgreSQL migrations (drizzle-pg/), as src/db/migrate.ts does for
 * SQLite: one transaction, holding pg_advisory_xact_lock, that creates the bookkeeping table
 * `__drizzle_migrations` if need be and applies every migration newer than its last row. A
 * second process waits for the lock, then finds nothing left to do. Returns how many were applied.
 *
 * It first refuses a database that does not sort text as SQLite does (see assertBinaryCollation).
 */
export async function migratePg(client: pg.Pool | pg.Client, folder = PG_MIGRATIONS_FOLDER): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  // A pool: one connection for the whole transaction. A client is used as given.
  const pooled = isPool(client);
  const conn: pg.ClientBase = pooled ? await client.connect() : client;
  let broken: Error | undefined;
  try {
    await assertBinaryCollation(conn);
    await conn.query('BEGIN');
    try {
      await conn.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      await conn.query('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint)');
      const last = await conn.query<{ created_at: string }>('SELECT created_at::text FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1');
      const lastMillis = last.rows[0] ? Number(last.rows[0].created_at) : undefined;
      let applied = 0;
      for (const migration of migrations) {
        if (lastMillis !== undefined && lastMillis >= migration.folderMillis) continue;
        for (const statement of migration.sql) {
          if (statement.trim()) await conn.query(statement);
        }
        await conn.query('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES ($1, $2)', [migration.hash, migration.folderMillis]);
        applied++;
      }
      await conn.query('COMMIT');
      return applied;
    } catch (error) {
      // A connection that cannot even roll back goes back to the pool destroyed, not reused.
      await conn.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    }
  } finally {
    if (pooled) (conn as pg.PoolClient).release(broken);
  }
}

/**
 * SQLite compares text byte by byte; lists, ranges and unique checks on text must agree on
 * both engines, so the database must use the "C" collation (code point order). Checked on
 * the database's default collation, which every text column here uses.
 */
export async function assertBinaryCollation(conn: pg.ClientBase): Promise<void> {
  // to_jsonb: datlocprovider exists from PostgreSQL 15 on; older servers have only libc.
  const { rows } = await conn.query<{ collate: string; ctype: string; provider: string | null }>(
    `SELECT datcollate AS collate, datctype AS ctype, to_jsonb(d) ->> 'datlocprovider' AS provider
       FROM pg_database d WHERE datname = current_database()`,
  );
  const db = rows[0];
  const binary = (locale: string | undefined) => locale === 'C' || locale === 'POSIX';
  if (!db || (db.provider !== null && db.provider !== 'c') || !binary(db.collate) || !binary(db.ctype)) {
    throw new Error(
      `PostgreSQL database must sort text as SQLite does (collation "C"), but has LC_COLLATE ${db?.collate}, LC_CTYPE ${db?.ctype}, provider ${db?.provider}: ` +
        `create it with CREATE DATABASE ... TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
    );
  }
}

function isPool(client: pg.Pool | pg.Client): client is pg.Pool {
  // Duck-typed rather than instanceof, which a second copy of pg in node_modules would defeat.
  return typeof (client as pg.Pool).totalCount === 'number';
}
