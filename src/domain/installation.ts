import { randomBytes } from 'node:crypto';
import { isSqlite, type SqlHandle } from '../db/handle.js';
import { statement } from '../db/statements.js';
import { engineOf, ownTransaction, type Engine, type InTx } from '../db/transaction.js';

const cache = new WeakMap<Engine, Map<string, string>>();

/**
 * A value of `settings` made once at random: read where the caller reads; when missing (a
 * database restored without it), written once. The write joins a transaction open on the
 * writer (on SQLite one runs to its end within the turn, so it is the caller's own) or takes
 * one of its own. Cached per database: the writer and the reader share it.
 */
async function madeOnce(sqlite: SqlHandle, key: string, bytes: number): Promise<string> {
  const engine = engineOf(sqlite);
  const known = cache.get(engine) ?? new Map<string, string>();
  cache.set(engine, known);
  let value = known.get(key);
  if (value !== undefined) return value;
  const read = async (handle: SqlHandle) => (await statement(handle, `SELECT value FROM settings WHERE key = ?`).get(key)) as { value: string } | undefined;
  value = (await read(sqlite))?.value;
  if (value === undefined) {
    // The connection of a write transaction: the caller's open one, or one of our own.
    const write = async (handle: InTx['sqlite']) => {
      await statement(handle, `INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)`).run(key, randomBytes(bytes).toString('hex'));
      return (await read(handle))!.value;
    };
    // A write transaction open in the caller's context is the caller's: write within it (a
    // transaction of our own would wait for the lock the caller holds).
    const open = isSqlite(sqlite) ? (engine.writer.sqlite.inTransaction ? engine.writer.sqlite : null) : sqlite.writable ? sqlite : null;
    value = open ? await write(open) : await ownTransaction(engine, (tx) => write(tx.writer.sqlite));
  }
  known.set(key, value);
  return value;
}

/**
 * A random id of this installation's data, made when its database was created: two
 * installations, or a database made anew, never share it, so Message-IDs built from it are
 * unique in the world while a retry of one mail keeps its own.
 */
export function installationId(sqlite: SqlHandle): Promise<string> {
  return madeOnce(sqlite, 'installation_id', 12);
}

/**
 * A random secret of this installation, made once and kept in `settings` under `key` (the
 * voucher references' key): never shown anywhere, unlike the installation id.
 */
export function installationSecret(sqlite: SqlHandle, key: string): Promise<string> {
  return madeOnce(sqlite, key, 32);
}
