import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';
import { atomically } from '../db/transaction.js';

const cache = new WeakMap<Database.Database, string>();

/**
 * A random id of this installation's data, made when its database was created: two
 * installations, or a database made anew, never share it, so Message-IDs built from it are
 * unique in the world while a retry of one mail keeps its own.
 */
export function installationId(sqlite: Database.Database): string {
  let id = cache.get(sqlite);
  if (id === undefined) {
    // The migration that made the database wrote it; a database restored without it gets one now.
    id = atomically(sqlite, () => {
      statement(sqlite, `INSERT OR IGNORE INTO settings (key, value) VALUES ('installation_id', ?)`).run(randomBytes(12).toString('hex'));
      return (statement(sqlite, `SELECT value FROM settings WHERE key = 'installation_id'`).get() as { value: string }).value;
    });
    cache.set(sqlite, id);
  }
  return id;
}

const secrets = new WeakMap<Database.Database, Map<string, string>>();

/**
 * A random secret of this installation, made once and kept in `settings` under `key` (the
 * voucher references' key): never shown anywhere, unlike the installation id.
 */
export function installationSecret(sqlite: Database.Database, key: string): string {
  const known = secrets.get(sqlite) ?? new Map<string, string>();
  secrets.set(sqlite, known);
  let value = known.get(key);
  if (value === undefined) {
    value = atomically(sqlite, () => {
      statement(sqlite, `INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)`).run(key, randomBytes(32).toString('hex'));
      return (statement(sqlite, `SELECT value FROM settings WHERE key = ?`).get(key) as { value: string }).value;
    });
    known.set(key, value);
  }
  return value;
}
