import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Connection, Db } from './connection.js';
import { isSqlite, type SqlHandle } from './handle.js';
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
  sqlite: SqlHandle;
}

/** The part of a context a transaction needs: where it reads, and how it commits. */
export interface Transactional {
  sqlite: SqlHandle;
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
  kind: 'sqlite' | 'postgres';
  /** SQLite: the one connection that writes. PostgreSQL: the pool (a transaction takes a client of its own, see begin). */
  writer: Connection;
  reader: Connection;
  /** Write transactions of this process, one at a time in the order asked. */
  lock: WriteLock;
  /** One read transaction at a time on the reader; the write lock itself when the reader is the writer. */
  readLock: WriteLock;
  /**
   * Opens a transaction and gives the connection it runs on. 'write' holds the database's
   * write lock from its first statement on (SQLite: BEGIN IMMEDIATE; PostgreSQL: the agency's
   * advisory lock), 'write-nowait' commits without waiting for the disk, 'read' is one snapshot.
   */
  begin(mode: 'write' | 'write-nowait' | 'read'): Promise<OpenTransaction>;
}

export interface OpenTransaction {
  connection: Connection;
  commit(): Promise<void>;
  /** Rolls back if still open; never throws. */
  rollback(): Promise<void>;
}

const engines = new WeakMap<Database.Database, Engine>();
/** PostgreSQL engines by their dialect, which every handle of theirs carries. */
const pgEngines = new WeakMap<object, Engine>();

export function registerPgEngine(dialect: object, engine: Engine): Engine {
  pgEngines.set(dialect, engine);
  return engine;
}

const run = (sqlite: Database.Database, sql: string) => statement(sqlite, sql).run();

/** A SQLite engine over its writer and reader connections (the same one for an in-memory database). */
export function registerEngine(parts: { writer: Connection<Database.Database>; reader: Connection<Database.Database> }): Engine {
  const { writer, reader } = parts;
  const lock = new WriteLock();
  const begin = async (mode: 'write' | 'write-nowait' | 'read'): Promise<OpenTransaction> => {
    const connection = mode === 'read' ? reader : writer;
    const { sqlite } = connection;
    const full = mode === 'write-nowait' ? sqlite.pragma('synchronous', { simple: true }) : undefined;
    if (full !== undefined) sqlite.pragma('synchronous = NORMAL');
    const restore = () => full !== undefined && sqlite.pragma(`synchronous = ${full}`);
    try {
      run(sqlite, mode === 'read' ? 'BEGIN' : 'BEGIN IMMEDIATE');
    } catch (error) {
      restore();
      throw error;
    }
    return {
      connection,
      commit: async () => {
        try {
          run(sqlite, 'COMMIT');
        } finally {
          if (!sqlite.inTransaction) restore();
        }
      },
      rollback: async () => {
        if (sqlite.inTransaction) run(sqlite, 'ROLLBACK');
        restore();
      },
    };
  };
  const engine: Engine = { kind: 'sqlite', writer, reader, lock, readLock: reader === writer ? lock : new WriteLock(), begin };
  engines.set(writer.sqlite, engine);
  engines.set(reader.sqlite, engine);
  return engine;
}

/** The engine a connection belongs to; a bare SQLite connection (a test's) is its own writer and reader. */
export function engineOf(handle: SqlHandle): Engine {
  if (!isSqlite(handle)) {
    const engine = pgEngines.get(handle.dialect);
    if (!engine) throw new Error('a PostgreSQL handle without its engine');
    return engine;
  }
  const known = engines.get(handle);
  if (known) return known;
  const connection = { sqlite: handle, db: drizzle(handle, { schema }) as unknown as Db };
  return registerEngine({ writer: connection, reader: connection });
}

/** Runs a statement that answers nothing (BEGIN, SAVEPOINT, ...) on either engine. */
const exec = async (handle: SqlHandle, sql: string) => {
  await statement(handle, sql).run();
};

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
    const open = await engine.begin(options.waitForDisk === false ? 'write-nowait' : 'write');
    // On PostgreSQL every call awaits the network: the turn rule is SQLite's to check, and the
    // same code runs on both (see docs/decisions.md, "One transaction rule").
    const watch = options.holdAcrossAwaits || engine.kind !== 'sqlite' ? null : new TurnWatch();
    try {
      const result = await work({ writer: open.connection, depth: 0 });
      watch?.end();
      await open.commit();
      return result;
    } catch (error) {
      watch?.stop();
      await open.rollback();
      throw error;
    }
  });
}

/** Runs `work` in a savepoint of an open transaction: its failure undoes only its own work. */
export async function inSavepoint<T>(tx: Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  const depth = tx.depth + 1;
  const name = `s${depth}`;
  const { sqlite } = tx.writer;
  await exec(sqlite, `SAVEPOINT ${name}`);
  try {
    const result = await work({ writer: tx.writer, depth });
    await exec(sqlite, `RELEASE ${name}`);
    return result;
  } catch (error) {
    if (sqlite.inTransaction) {
      await exec(sqlite, `ROLLBACK TO ${name}`);
      await exec(sqlite, `RELEASE ${name}`);
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
export async function readConsistently<C extends Transactional & { db: unknown }, T>(ctx: C, work: (ctx: C) => Promise<T>): Promise<T> {
  if (ctx.tx) return work(ctx);
  const engine = engineOf(ctx.sqlite);
  if (engine.kind !== 'sqlite') {
    // PostgreSQL: one snapshot on a client of its own, for as long as the reads take.
    const open = await engine.begin('read');
    try {
      return await work({ ...ctx, sqlite: open.connection.sqlite, db: open.connection.db });
    } finally {
      await open.rollback();
    }
  }
  // A read transaction holds its connection: one at a time there (on a single connection,
  // none while a write is open).
  const lock = ctx.sqlite === engine.writer.sqlite ? engine.lock : engine.readLock;
  return lock.run(async () => {
    const sqlite = ctx.sqlite as Database.Database;
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
