import { inSavepoint, TurnWatch, type Engine, type Tx } from './transaction.js';

interface Job {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit. Writes that arrive while the event loop is busy are run together in one
 * BEGIN IMMEDIATE transaction, one after another, each inside its own savepoint, so one
 * write's error rolls back only that write. Nobody is answered before the shared COMMIT, so
 * every answer still means "on disk" under synchronous=FULL, but one fsync serves the batch.
 */
export class WriteQueue {
  private queue: Job[] = [];
  private scheduled = false;
  constructor(
    private readonly engine: Engine,
    private readonly maxBatch = 256,
  ) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch);
    this.scheduled = this.queue.length > 0;
    if (this.scheduled) setImmediate(() => void this.flush());

    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.engine.lock.run(async () => {
        const open = await this.engine.begin('write');
        // SQLite only: on PostgreSQL every statement awaits the network (see ownTransaction).
        const watch = this.engine.kind === 'sqlite' ? new TurnWatch() : null;
        try {
          const tx: Tx = { writer: open.connection, depth: 0 };
          for (const job of batch) {
            try {
              outcomes.push({ ok: true, value: await inSavepoint(tx, job.work) });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
          watch?.end();
          await open.commit();
        } catch (error) {
          watch?.stop();
          await open.rollback();
          throw error;
        }
      });
    } catch (error) {
      // The commit itself failed (disk full, lock timeout): nothing of the batch is stored.
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
