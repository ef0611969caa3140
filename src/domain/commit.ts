import { atomically } from '../db/transaction.js';
import type { Ctx } from './context.js';

/**
 * A write that must first await something (a password hash), or that a caller outside any
 * transaction starts: it goes the way the context commits (the request's queue, or its own
 * transaction), and runs atomically there. Synchronous domain steps use `atomically`, which
 * joins whatever transaction is open.
 */
export function commit<T>(ctx: Ctx, work: () => T): Promise<T> {
  const run = () => atomically(ctx.sqlite, work);
  return ctx.write ? ctx.write(run) : Promise.resolve().then(run);
}
