import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type SqliteDatabase } from '../../src/db/client.js';
import { statement } from '../../src/db/statements.js';
import { atomically, readConsistently } from '../../src/db/transaction.js';

const opened: { database: SqliteDatabase; dir: string }[] = [];
afterEach(() => {
  for (const { database, dir } of opened.splice(0)) {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A file database (writer and reader connections) with one counter row; a context reads through the reader, as a request's does. */
function fileDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-tx-'));
  const database = openDb(join(dir, 'tx.sqlite'));
  opened.push({ database, dir });
  database.sqlite.exec('CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0)');
  const ctx = { db: database.reader.db, sqlite: database.reader.sqlite };
  const read = (sqlite = database.sqlite) => (statement(sqlite, 'SELECT n FROM counter').get() as { n: number }).n;
  return { database, ctx, read };
}

describe('transactions', () => {
  it('a transaction that awaits something besides the database is rolled back, and says why', async () => {
    const { ctx, read } = fileDatabase();
    await expect(
      atomically(ctx, async (ctx) => {
        statement(ctx.sqlite, 'UPDATE counter SET n = n + 1').run();
        await new Promise((resolve) => setTimeout(resolve, 5)); // the network, a hash, a timer
      }),
    ).rejects.toThrow(/awaited something other than the database/);
    expect(read()).toBe(0);
    // The lock was given back: the next write goes through.
    await atomically(ctx, async (ctx) => void statement(ctx.sqlite, 'UPDATE counter SET n = n + 1').run());
    expect(read()).toBe(1);
  });

  it('a step given the transaction runs as a savepoint: its failure undoes only itself', async () => {
    const { ctx, read } = fileDatabase();
    await atomically(ctx, async (ctx) => {
      statement(ctx.sqlite, 'UPDATE counter SET n = n + 1').run();
      await atomically(ctx, async (ctx) => {
        statement(ctx.sqlite, 'UPDATE counter SET n = n + 10').run();
        throw new Error('refused');
      }).catch(() => {});
      statement(ctx.sqlite, 'UPDATE counter SET n = n + 100').run();
    });
    expect(read()).toBe(101);
  });

  it('writes started together take the writer one at a time: read, then write, never interleaved', async () => {
    const { ctx, read } = fileDatabase();
    const increment = () =>
      atomically(ctx, async (ctx) => {
        const n = (await statement(ctx.sqlite, 'SELECT n FROM counter').get() as { n: number }).n;
        await Promise.resolve(); // another async step in between, as the domain's are
        statement(ctx.sqlite, 'UPDATE counter SET n = ?').run(n + 1);
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect(read()).toBe(20);
  });

  it('reads outside a write go to the read-only connection: writing there fails, and it sees what was committed', async () => {
    const { database, ctx, read } = fileDatabase();
    expect(database.reader.sqlite).not.toBe(database.sqlite);
    expect(() => statement(ctx.sqlite, 'UPDATE counter SET n = 5').run()).toThrow(/readonly/i);
    await atomically(ctx, async (ctx) => void statement(ctx.sqlite, 'UPDATE counter SET n = 7').run());
    expect(read(database.reader.sqlite)).toBe(7);
    // Reads that must agree run in one read transaction there.
    expect(await readConsistently(ctx, async (ctx) => read(ctx.sqlite) + read(ctx.sqlite))).toBe(14);
  });

  it('inside a write the context reads through the writer: it sees its own changes before the commit, the reader does not', async () => {
    const { database, ctx, read } = fileDatabase();
    await atomically(ctx, async (ctx) => {
      statement(ctx.sqlite, 'UPDATE counter SET n = 3').run();
      expect(read(ctx.sqlite)).toBe(3);
      expect(read(database.reader.sqlite)).toBe(0);
    });
    expect(read(database.reader.sqlite)).toBe(3);
  });
});
