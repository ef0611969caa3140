/** What a statement that writes reports, on either engine. */
export interface RunResult {
  changes: number;
}

/**
 * A raw SQL statement (written in SQLite's dialect, see src/db/postgres/translate.ts) on
 * either engine. On SQLite it answers at once, on PostgreSQL with a promise: callers always
 * `await` what it answers, so the same code runs on both.
 */
export interface SqlStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[] | Promise<unknown[]>;
  run(...params: unknown[]): RunResult | Promise<RunResult>;
  /** Rows one by one: SQLite steps its cursor; PostgreSQL reads them all first. */
  iterate(...params: unknown[]): Iterable<unknown> | AsyncIterable<unknown>;
}
