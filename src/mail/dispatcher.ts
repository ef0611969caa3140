import type { Ctx } from '../domain/context.js';
import { claimDue, markFailed, markSent } from '../domain/notifications/outbox.js';
import { composeMail } from './compose.js';
import type { Mailer } from './mailer.js';

export interface DispatchResult {
  sent: number;
  failed: number;
}

/**
 * One pass over the outbox: claim what is due under the write lock, send each after
 * commit, mark each. A crash in between leaves rows whose lease expires and are retried.
 */
export async function dispatchOutbox(ctxOf: () => Ctx, mailer: Mailer, options: { limit?: number; onlyIds?: number[] } = {}): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0 };
  const { token, rows } = claimDue(ctxOf(), options.limit ?? 50, options.onlyIds);
  for (const row of rows) {
    try {
      const message = await composeMail(ctxOf(), row);
      const { messageId } = await mailer.send(message);
      markSent(ctxOf(), row, token, messageId);
      result.sent++;
    } catch (error) {
      markFailed(ctxOf(), row, token, error instanceof Error ? error.message : String(error));
      result.failed++;
    }
  }
  return result;
}
