import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineOf } from '../../src/db/transaction.js';
import { WriteQueue } from '../../src/db/write-queue.js';

function setup() {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table t (v integer not null unique)');
  const insert = sqlite.prepare('insert into t (v) values (?)');
  const values = () => (sqlite.prepare('select v from t order by v').all() as { v: number }[]).map((r) => r.v);
  return { sqlite, insert, values, queue: new WriteQueue(engineOf(sqlite)) };
}

describe('WriteQueue (group commit)', () => {
  it('runs writes that arrive together in one transaction, each answered with its own result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'write-queue-'));
    const file = join(dir, 'q.sqlite');
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table t (v integer not null unique)');
    const reader = new Database(file, { readonly: true });
    const committedRows = async () => (await reader.prepare('select count(*) as n from t').get() as { n: number }).n;
    const insert = sqlite.prepare('insert into t (v) values (?)');
    const queue = new WriteQueue(engineOf(sqlite));
    const seenByOthers: number[] = [];
    const results = await Promise.all(
      [1, 2, 3].map((v) =>
        queue.run(async () => {
          await insert.run(v);
          seenByOthers.push(await committedRows());
          return v * 10;
        }),
      ),
    );
    expect(results).toEqual([10, 20, 30]);
    // while the batch ran, another connection saw none of it: one transaction, one commit
    expect(seenByOthers).toEqual([0, 0, 0]);
    expect(await committedRows()).toBe(3);
    reader.close();
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rolls back only the write that failed; the others in its batch are kept', async () => {
    const { insert, values, queue } = setup();
    const outcomes = await Promise.allSettled([
      queue.run(async () => await insert.run(1)),
      queue.run(async () => {
        await insert.run(2);
        throw new Error('refused after writing');
      }),
      queue.run(async () => await insert.run(1)), // unique violation
      queue.run(async () => await insert.run(3)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(values()).toEqual([1, 3]);
  });

  it('answers nobody before the shared commit: a failed commit rejects the whole batch', async () => {
    const { sqlite, insert, values, queue } = setup();
    // A deferred constraint that only fails at COMMIT.
    sqlite.exec('create table parent (id integer primary key); create table child (p integer references parent(id) deferrable initially deferred)');
    sqlite.pragma('foreign_keys = ON');
    const outcomes = await Promise.allSettled([
      queue.run(async () => await insert.run(1)),
      queue.run(async () => await sqlite.prepare('insert into child (p) values (42)').run()),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(values()).toEqual([]);
  });

  it('keeps taking writes after a batch', async () => {
    const { insert, values, queue } = setup();
    await queue.run(async () => await insert.run(1));
    await queue.run(async () => await insert.run(2));
    expect(values()).toEqual([1, 2]);
  });
});
