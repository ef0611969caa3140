import type pg from 'pg';
import type { RunResult, SqlStatement } from '../sql-statement.js';
import type { Translated } from './translate.js';

/** What a handle needs of its engine: the translation of a statement (cached) and the type parsers. */
export interface PgDialect {
  translated(sql: string): Translated;
  types: pg.CustomTypesConfig;
}

/**
 * A PostgreSQL connection handle as the app's raw SQL sees it: the pool (reads outside a
 * transaction, each query on whichever connection is free) or one client checked out for a
 * transaction. Statements are the app's SQLite text, translated once (see translate.ts).
 */
export class PgHandle {
  constructor(
    readonly dialect: PgDialect,
    private readonly client: pg.Pool | pg.PoolClient,
    /** True for a client checked out for a transaction, until it commits or rolls back. */
    public inTransaction = false,
    /** A write transaction's (it holds the write lock), not a read snapshot's. */
    public forWrites = false,
  ) {}

  /** Whether a write through this handle joins an open write transaction. */
  get writable(): boolean {
    return this.inTransaction && this.forWrites;
  }

  prepare(sql: string): PgStatement {
    return new PgStatement(this, sql, false);
  }

  async execute(sql: string, params: unknown[], arrays: boolean): Promise<pg.QueryResult> {
    const translated = this.dialect.translated(sql);
    const values = bind(translated, params);
    try {
      return await this.client.query({ name: translated.name, text: translated.sql, values, rowMode: arrays ? 'array' : undefined, types: this.dialect.types } as pg.QueryConfig);
    } catch (error) {
      // The statement as PostgreSQL saw it, for the log: the app's SQLite text alone hides a translation's fault.
      if (error instanceof Error) Object.assign(error, { query: translated.sql });
      throw error;
    }
  }
}

export class PgStatement implements SqlStatement {
  constructor(
    private readonly handle: PgHandle,
    private readonly sql: string,
    private readonly arrays: boolean,
  ) {}

  /** Rows as arrays of their columns in SELECT order (better-sqlite3's `raw(true)`). */
  raw(arrays = true): PgStatement {
    return new PgStatement(this.handle, this.sql, arrays);
  }

  async get(...params: unknown[]): Promise<unknown> {
    return (await this.handle.execute(this.sql, params, this.arrays)).rows[0];
  }

  async all(...params: unknown[]): Promise<unknown[]> {
    return (await this.handle.execute(this.sql, params, this.arrays)).rows;
  }

  async run(...params: unknown[]): Promise<RunResult> {
    return { changes: (await this.handle.execute(this.sql, params, false)).rowCount ?? 0 };
  }

  async *iterate(...params: unknown[]): AsyncIterable<unknown> {
    yield* await this.all(...params);
  }
}

/**
 * better-sqlite3's ways of passing parameters: positional values (or one array of them), or
 * one object by name for `:name`. A named parameter the object lacks is an error there, and here.
 */
export function bind(translated: Translated, params: unknown[]): unknown[] {
  if (translated.names) {
    const byName = (params[0] ?? {}) as Record<string, unknown>;
    return translated.names.map((name) => {
      if (!(name in byName)) throw new RangeError(`Missing named parameter "${name}"`);
      return toValue(byName[name]);
    });
  }
  const flat = params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : params;
  return flat.map(toValue);
}

/** undefined binds as NULL on SQLite (drizzle never passes it; raw callers may). */
const toValue = (value: unknown) => (value === undefined ? null : value);
