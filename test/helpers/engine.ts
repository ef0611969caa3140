import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type Database_, type SqliteDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { postgresDatabase } from '../../src/db/open.js';
import { TEMPLATE_DATABASE } from './postgres-setup.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's admin URL, when the suite runs on PostgreSQL. */
    postgresUrl: string;
  }
}

/** The engine this run of the suite uses: the `*-pg` projects set TOURDESK_TEST_ENGINE=postgres. */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.TOURDESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated, empty database of the engine under test: an in-memory SQLite database,
 * or a PostgreSQL database made from the migrated template (CREATE DATABASE ... TEMPLATE).
 * Typed as SQLite's: the tests that reach for SQLite's own handle run on SQLite only.
 */
export async function freshDatabase(): Promise<SqliteDatabase> {
  if (TEST_ENGINE === 'sqlite') {
    const database = openDb(':memory:');
    migrate(database.sqlite);
    return database;
  }
  return (await freshPostgres()) as unknown as SqliteDatabase;
}

async function freshPostgres(): Promise<Database_> {
  return postgresDatabase(await freshPostgresUrl(), { poolSize: 4, idleMs: 200 });
}

/** A new database made from the migrated template, with an installation id of its own. */
async function freshPostgresUrl(): Promise<string> {
  const admin = new URL(inject('postgresUrl'));
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await client.end();
  }
  admin.pathname = `/${name}`;
  const made = new pg.Client({ connectionString: admin.toString() });
  await made.connect();
  try {
    // A database migrated on its own gets a random installation id; one copied from the
    // template would share the template's, so it is drawn again here.
    await made.query(`UPDATE settings SET value = substr(md5(gen_random_uuid()::text), 1, 24) WHERE key = 'installation_id'`);
  } finally {
    await made.end();
  }
  return admin.toString();
}


/**
 * A database that server and command-line processes share, of the engine under test: a
 * migrated SQLite file (DATABASE_PATH) or a PostgreSQL database (DATABASE_URL). `open` gives
 * the test its own connection to it; close it before `dispose`.
 */
export interface SharedDatabase {
  env: Record<string, string>;
  open(): Promise<SqliteDatabase>;
  dispose(): Promise<void>;
}

export async function sharedDatabase(): Promise<SharedDatabase> {
  if (TEST_ENGINE === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tourdesk-shared-'));
    const file = join(dir, 'agency.sqlite');
    const database = openDb(file);
    migrate(database.sqlite);
    database.close();
    return { env: { DATABASE_PATH: file }, open: async () => openDb(file), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = await freshPostgresUrl();
  return { env: { DATABASE_URL: url }, open: async () => postgresDatabase(url, { poolSize: 4, idleMs: 200 }) as unknown as SqliteDatabase, dispose: async () => undefined };
}
