import type Database from 'better-sqlite3';
import { isSqlite, type SqlHandle, type SqlStatement } from './handle.js';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const arrayCaches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function cached(store: WeakMap<Database.Database, Map<string, Database.Statement>>, sqlite: Database.Database, sql: string, prepare: () => Database.Statement) {
  let cache = store.get(sqlite);
  if (!cache) {
    cache = new Map();
    store.set(sqlite, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = prepare();
    cache.set(sql, prepared);
  }
  return prepared;
}

/**
 * A raw prepared statement, prepared once per connection and SQL text. On PostgreSQL the
 * statement's translation is what is kept (per SQL text, see postgres/translate.ts).
 */
export function statement(sqlite: Database.Database, sql: string): Database.Statement;
export function statement(handle: SqlHandle, sql: string): SqlStatement;
export function statement(handle: SqlHandle, sql: string): SqlStatement | Database.Statement {
  if (!isSqlite(handle)) return handle.prepare(sql);
  return cached(caches, handle, sql, () => handle.prepare(sql));
}

/**
 * The same, answering each row as an array of its columns in SELECT order. better-sqlite3
 * builds a row object through its C++ API at about 1.5 µs a row of 18 columns, a third of a
 * worklist's query; a list that reads hundreds of rows builds its own objects from arrays.
 * Its own cache: `statement()` callers of the same SQL keep getting objects.
 */
export function arrayStatement(handle: SqlHandle, sql: string): SqlStatement {
  if (!isSqlite(handle)) return handle.prepare(sql).raw(true);
  return cached(arrayCaches, handle, sql, () => handle.prepare(sql).raw(true)) as unknown as SqlStatement;
}

/**
 * Visits each row of a read without holding them all: SQLite steps its cursor and `visit`
 * runs synchronously between steps (an open cursor keeps its connection busy, so nothing is
 * awaited meanwhile); PostgreSQL answers the rows at once and they are visited after.
 */
export async function eachRow(handle: SqlHandle, sql: string, params: unknown, visit: (row: unknown) => void): Promise<void> {
  if (isSqlite(handle)) {
    for (const row of statement(handle, sql).iterate(params)) visit(row);
    return;
  }
  for (const row of await handle.prepare(sql).all(params)) visit(row);
}
