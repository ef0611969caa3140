import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { idempotencyKeys } from '../db/schema/index.js';
import type { TxCtx } from './context.js';
import { DomainError } from './errors.js';

/** Stable JSON: object keys sorted, so the same body written in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const fingerprint = (request: unknown) => createHash('sha256').update(canonical(request)).digest('hex');

/**
 * Runs `action` once per (scope, key). Must be called inside the write transaction of the
 * action, so the key and its effect commit together. The same key with the same request
 * answers the stored first result; with a different request it is a conflict.
 */
export async function once<T>(
  ctx: TxCtx,
  scope: string,
  key: string | undefined,
  request: unknown,
  action: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (key === undefined) return { result: await action(), replayed: false };
  const requestHash = fingerprint(request);
  const stored = await ctx.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
    .get();
  if (stored) {
    if (stored.requestHash !== requestHash) {
      throw new DomainError('conflict', 'This Idempotency-Key was already used with a different request', {
        idempotencyKey: key,
      });
    }
    return { result: JSON.parse(stored.result) as T, replayed: true };
  }
  const result = await action();
  await ctx.db
    .insert(idempotencyKeys)
    .values({ scope, key, requestHash, result: JSON.stringify(result), createdAt: ctx.now })
    .run();
  return { result, replayed: false };
}
