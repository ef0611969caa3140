import type { Ctx } from '../domain/context.js';
import { claimDue, markHandedOver, recordOutcomes, type Outcome } from '../domain/notifications/outbox.js';
import { composeMail } from './compose.js';
import type { MailMessage, Mailer } from './mailer.js';

export interface DispatchResult {
  sent: number;
  /** Attempts that failed this pass (retried later, or given up). */
  failed: number;
  /** Departure notices withdrawn because the schedule or the booking changed. */
  superseded: number;
  /** Departure notices that could no longer go out before departure. */
  tooLate: number;
  /** Rows a stopped sender had handed over without hearing back: flagged, not resent. */
  uncertain: number;
}

/**
 * Mails in flight at once: enough to keep every pooled connection busy while the next ones
 * are composed. A sender killed mid-pass leaves at most this many rows uncertain.
 */
export const SEND_WINDOW = 6;

/**
 * One pass over the outbox. Rows are claimed a few at a time under the write lock, composed,
 * recorded as handed over, and given to the pooled transport after that commit; answers are
 * recorded together, one transaction for all that arrived at once. The window refills as
 * it empties. A crash before the hand-over leaves rows that are simply sent by a later
 * pass; after it, rows that become `uncertain`.
 */
export async function dispatchOutbox(
  ctxOf: () => Ctx,
  mailer: Mailer,
  options: { limit?: number; onlyIds?: number[]; window?: number } = {},
): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0, superseded: 0, tooLate: 0, uncertain: 0 };
  const window = options.window ?? SEND_WINDOW;
  let budget = options.limit ?? Number.POSITIVE_INFINITY;
  const inFlight = new Set<Promise<void>>();
  const answered: Outcome[] = [];

  const send = (outcome: { row: Outcome['row']; token: string }, message: MailMessage) => {
    const sending: Promise<void> = mailer
      .send(message)
      .then(
        ({ messageId }) => void answered.push({ ...outcome, messageId }),
        (error: unknown) => void answered.push({ ...outcome, error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };

  const record = () => {
    const batch = answered.splice(0);
    recordOutcomes(ctxOf(), batch);
    for (const outcome of batch) {
      if ('messageId' in outcome) result.sent++;
      else result.failed++;
    }
  };

  let drained = false;
  for (;;) {
    if (!drained && budget > 0 && inFlight.size <= window / 2) {
      const want = Math.min(window - inFlight.size, budget);
      const claim = claimDue(ctxOf(), want, options.onlyIds);
      result.superseded += claim.superseded;
      result.tooLate += claim.tooLate;
      result.uncertain += claim.uncertain;
      budget -= claim.rows.length;
      const examined = claim.rows.length + claim.superseded + claim.tooLate;
      if (examined < want) drained = true;
      const ready: { row: Outcome['row']; message: MailMessage }[] = [];
      for (const row of claim.rows) {
        try {
          ready.push({ row, message: await composeMail(ctxOf(), row) });
        } catch (error) {
          answered.push({ row, token: claim.token, error: `could not compose: ${error instanceof Error ? error.message : String(error)}` });
        }
      }
      markHandedOver(ctxOf(), claim.token, ready.map(({ row }) => row.id));
      for (const { row, message } of ready) send({ row, token: claim.token }, message);
      if (examined > 0 && claim.rows.length === 0) continue;
    }
    if (inFlight.size === 0 && answered.length === 0) break;
    if (inFlight.size > 0) await Promise.race(inFlight);
    record();
  }
  return result;
}
