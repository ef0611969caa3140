import type { Ctx } from '../domain/context.js';
import { claimDue, markFailed, markSent, type NotificationRow } from '../domain/notifications/outbox.js';
import { composeMail } from './compose.js';
import type { Mailer } from './mailer.js';

export interface DispatchResult {
  sent: number;
  /** Attempts that failed this pass (retried later, or given up). */
  failed: number;
  /** Departure notices withdrawn because the schedule or the booking changed. */
  superseded: number;
  /** Departure notices that could no longer go out before departure. */
  tooLate: number;
}

/**
 * Mails in flight at once. Enough to keep every pooled connection busy while the next
 * mails are composed; small, because rows in flight when the process is killed can only be
 * recorded as uncertain.
 */
export const SEND_WINDOW = 6;

/**
 * One pass over the outbox: claim a few due rows under the write lock, send them after
 * commit, mark each as the mail server answers, and claim more as the window empties.
 * A crash leaves claimed rows whose lease expires; the next pass sends them again.
 */
export async function dispatchOutbox(
  ctxOf: () => Ctx,
  mailer: Mailer,
  options: { limit?: number; onlyIds?: number[]; window?: number } = {},
): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0, superseded: 0, tooLate: 0 };
  const window = options.window ?? SEND_WINDOW;
  let budget = options.limit ?? Number.POSITIVE_INFINITY;
  const inFlight = new Set<Promise<void>>();

  const sendOne = async (row: NotificationRow, token: string) => {
    try {
      const { messageId } = await mailer.send(await composeMail(ctxOf(), row));
      markSent(ctxOf(), row, token, messageId);
      result.sent++;
    } catch (error) {
      markFailed(ctxOf(), row, token, error instanceof Error ? error.message : String(error));
      result.failed++;
    }
  };

  let drained = false;
  for (;;) {
    // Refill once half the window is free: one claim transaction serves several mails.
    if (!drained && budget > 0 && inFlight.size <= window / 2) {
      const want = Math.min(window - inFlight.size, budget);
      const claim = claimDue(ctxOf(), want, options.onlyIds);
      result.superseded += claim.superseded;
      result.tooLate += claim.tooLate;
      budget -= claim.rows.length;
      const examined = claim.rows.length + claim.superseded + claim.tooLate;
      if (examined < want) drained = true;
      for (const row of claim.rows) {
        const sending: Promise<void> = sendOne(row, claim.token).finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
      if (examined > 0 && claim.rows.length === 0) continue;
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  return result;
}
