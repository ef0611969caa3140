/**
 * The writer's lock: one transaction at a time on the write connection, in the order asked.
 * Free, it is taken at once (no extra turn of the event loop), so a lone write pays nothing.
 */
export class WriteLock {
  private held = false;
  private waiting: (() => void)[] = [];

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held = true;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.held = false;
    }
  }

  get busy(): boolean {
    return this.held;
  }
}
