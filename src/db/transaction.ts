import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Connection, Db } from './connection.js';
import { WriteLock } from './lock.js';
import * as schema from './schema/index.js';
import { statement } from './statements.js';

/**
 * An open write transaction. Only `atomically` (and the group-commit queue) make one, and
 * only they commit it; what runs inside gets it in its context and writes through it, so
 * "whoever opened the transaction commits" holds by construction: a function that writes is
 * handed the transaction (`InTx`), it never opens or commits one of its own.
 */
export interface Tx {
  readonly writer: Connection;
  /** Savepoints open inside it, for naming the next one. */
  readonly depth: number;
}

/** What a context carries inside a transaction: the transaction, and its connection for every read and write. */
export interface InTx {
  tx: Tx;
  db: Db;
  sqlite: Database.Database;
}

/** The part of a context a transaction needs: where it reads, and how it commits. */
export interface Transactional {
  sqlite: Database.Database;
  tx?: Tx | undefined;
  /** How this context commits a write (a request's: the group-commit queue); absent, a transaction of its own. */
  write?: (<T>(work: (tx: Tx) => Promise<T>) => Promise<T>) | undefined;
}

/**
 * The engine behind a context: the connection that writes (one writer, under a lock) and the
 * one that reads outside writes. A file database has both (WAL lets the reader read while the
 * writer writes); an in-memory one is a single connection.
 */
export interface Engine {
  writer: Connection;
  reader: Connection;
  lock: WriteLock;
  /** One read transaction at a time on the reader; the write lock itself when the reader is the writer. */
  readLock: WriteLock;
}

const engines = new WeakMap<Database.Database, Engine>();

export function registerEngine(engine: Engine): Engine {
  engines.set(engine.writer.sqlite, engine);
  engines.set(engine.reader.sqlite, engine);
  return engine;
}

/** The engine a connection belongs to; a bare connection (a test's) is its own writer and reader. */
export function engineOf(sqlite: Database.Database): Engine {
  const known = engines.get(sqlite);
  if (known) return known;
  const connection = { sqlite, db: drizzle(sqlite, { schema }) };
  const lock = new WriteLock();
  return registerEngine({ writer: connection, reader: connection, lock, readLock: lock });
}

const run = (sqlite: Database.Database, sql: string) => statement(sqlite, sql).run();

/**
 * Watches that a transaction ends in the turn of the event loop it began. On SQLite every
 * database call answers at once, so work that crosses a turn awaited something else (a
 * password hash, the network, a timer) while holding the write lock: every other write
 * would wait for it. That is refused (the transaction is rolled back), which is how "nothing
 * but the database is awaited inside a transaction" is enforced.
 */
export class TurnWatch {
  private crossed = false;
  private readonly timer: NodeJS.Immediate;
  constructor() {
    this.timer = setImmediate(() => {
      this.crossed = true;
    });
  }
  /** Throws when the transaction crossed a turn. */
  end(): void {
    clearImmediate(this.timer);
    if (this.crossed) {
      throw new Error('A transaction awaited something other than the database; do that before the write, not inside it');
    }
  }
  stop(): void {
    clearImmediate(this.timer);
  }
}

/**
 * Runs `work` in a write transaction of its own on the engine's writer: takes the lock,
 * `BEGIN IMMEDIATE` (the write lock is held before anything is read: a seat count and the
 * insert after it are one step), commits at the end or rolls back on an error.
 */
export interface TransactionOptions {
  /** false: commit without waiting for the disk (synchronous=NORMAL). */
  waitForDisk?: boolean;
  /**
   * The work may await more than the database (the demo: hashing passwords, reading files),
   * holding the write lock meanwhile. Only for a process that owns its connection: a server's
   * other writes would all wait.
   */
  holdAcrossAwaits?: boolean;
}

export async function ownTransaction<T>(engine: Engine, work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  return engine.lock.run(async () => {
    const { sqlite } = engine.writer;
    if (options.waitForDisk === false) {
      const full = sqlite.pragma('synchronous', { simple: true });
      sqlite.pragma('synchronous = NORMAL');
      try {
        return await transact(engine, work, options);
      } finally {
        sqlite.pragma(`synchronous = ${full}`);
      }
    }
    return transact(engine, work, options);
  });
}

async function transact<T>(engine: Engine, work: (tx: Tx) => Promise<T>, options: TransactionOptions): Promise<T> {
  {
    const { sqlite } = engine.writer;
    run(sqlite, 'BEGIN IMMEDIATE');
    const watch = options.holdAcrossAwaits ? null : new TurnWatch();
    try {
      const result = await work({ writer: engine.writer, depth: 0 });
      watch?.end();
      run(sqlite, 'COMMIT');
      return result;
    } catch (error) {
      watch?.stop();
      if (sqlite.inTransaction) run(sqlite, 'ROLLBACK');
      throw error;
    }
  }
}

/** Runs `work` in a savepoint of an open transaction: its failure undoes only its own work. */
export async function inSavepoint<T>(tx: Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  const depth = tx.depth + 1;
  const name = `s${depth}`;
  const { sqlite } = tx.writer;
  run(sqlite, `SAVEPOINT ${name}`);
  try {
    const result = await work({ writer: tx.writer, depth });
    run(sqlite, `RELEASE ${name}`);
    return result;
  } catch (error) {
    if (sqlite.inTransaction) {
      run(sqlite, `ROLLBACK TO ${name}`);
      run(sqlite, `RELEASE ${name}`);
    }
    throw error;
  }
}

/** The context `ctx` as it is inside the transaction `tx`: reads and writes go through its connection. */
export const within = <C extends Transactional>(ctx: C, tx: Tx): C & InTx => ({ ...ctx, tx, db: tx.writer.db, sqlite: tx.writer.sqlite });

/**
 * The one way a write runs. Inside a transaction (`ctx.tx`: a request's write in the
 * group-commit queue, or an outer domain step) it is a savepoint, so its failure undoes only
 * itself and the outermost transaction commits. Otherwise it goes the way the context
 * commits: a request's through the group-commit queue, anything else (start-up, the CLI, a
 * test) in a transaction of its own.
 *
 * `work` gets the context inside the transaction: read and write through it, never through
 * the outer one (whose reads would not see this transaction's writes).
 */
export function atomically<C extends Transactional, T>(ctx: C, work: (ctx: C & InTx) => Promise<T>): Promise<T> {
  if (ctx.tx) return inSavepoint(ctx.tx, (tx) => work(within(ctx, tx)));
  if (ctx.write) return ctx.write((tx) => work(within(ctx, tx)));
  return ownTransaction(engineOf(ctx.sqlite), (tx) => work(within(ctx, tx)));
}

/**
 * The same, but a transaction of its own commits without waiting for the disk
 * (`synchronous=NORMAL`): for the sender's small marks between its durable claims, where a
 * lost write costs a re-check, not a booking. Inside a transaction it is a savepoint as usual.
 */
export function atomicallyWithoutFsync<C extends Transactional, T>(ctx: C, work: (ctx: C & InTx) => Promise<T>): Promise<T> {
  if (ctx.tx) return inSavepoint(ctx.tx, (tx) => work(within(ctx, tx)));
  return ownTransaction(engineOf(ctx.sqlite), (tx) => work(within(ctx, tx)), { waitForDisk: false });
}

/**
 * Reads that must agree with each other (a count and the rows it counts), outside a write:
 * one read transaction on the reader. Inside a write, the write's own snapshot already is one.
 */
export async function readConsistently<C extends Transactional, T>(ctx: C, work: (ctx: C) => Promise<T>): Promise<T> {
  if (ctx.tx) return work(ctx);
  const engine = engineOf(ctx.sqlite);
  // A read transaction holds its connection: one at a time there (on a single connection,
  // none while a write is open).
  const lock = ctx.sqlite === engine.writer.sqlite ? engine.lock : engine.readLock;
  return lock.run(async () => {
    const { sqlite } = ctx;
    run(sqlite, 'BEGIN');
    const watch = new TurnWatch();
    try {
      const result = await work(ctx);
      watch.end();
      return result;
    } finally {
      watch.stop();
      if (sqlite.inTransaction) run(sqlite, 'COMMIT');
    }
  });
}
