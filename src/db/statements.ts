import type Database from 'better-sqlite3';

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

/** A raw prepared statement, prepared once per connection and SQL text. */
export function statement(sqlite: Database.Database, sql: string): Database.Statement {
  return cached(caches, sqlite, sql, () => sqlite.prepare(sql));
}

/**
 * The same, answering each row as an array of its columns in SELECT order. better-sqlite3
 * builds a row object through its C++ API at about 1.5 µs a row of 18 columns, a third of a
 * worklist's query; a list that reads hundreds of rows builds its own objects from arrays.
 * Its own cache: `statement()` callers of the same SQL keep getting objects.
 */
export function arrayStatement(sqlite: Database.Database, sql: string): Database.Statement {
  return cached(arrayCaches, sqlite, sql, () => sqlite.prepare(sql).raw(true));
}
