import { Webhook } from 'standardwebhooks';
import type { Ctx } from '../domain/context.js';
import { claimDeliveries, recordDelivery, type ClaimedDelivery } from '../domain/webhooks/index.js';

/** A receiver gets this long to answer; one that hangs is cut off and retried later. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Posts in flight at once, and claimed per round. */
const IN_FLIGHT = 4;
const CLAIM_BATCH = 20;

export interface WebhookReport {
  delivered: number;
  failed: number;
}

/** One post, signed per Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`. */
async function post(delivery: ClaimedDelivery, now: Date, timeoutMs: number): Promise<{ status: number | null; error: string | null }> {
  const signature = new Webhook(delivery.secret).sign(delivery.messageId, now, delivery.payload);
  try {
    const answer = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'tourdesk-webhooks',
        'webhook-id': delivery.messageId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: delivery.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await answer.body?.cancel();
    return { status: answer.status, error: answer.ok ? null : `answered ${answer.status}` };
  } catch (error) {
    const name = (error as { name?: string }).name;
    return { status: null, error: name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Posts the due deliveries, a few at once, outside any transaction: a slow or failing receiver
 * holds up only this loop (in the scheduler), never a request of the desk. Answers are recorded
 * as they come; a refused or missing answer is retried with backoff.
 */
export async function deliverWebhooks(ctxOf: () => Ctx, options: { timeoutMs?: number } = {}): Promise<WebhookReport> {
  const report: WebhookReport = { delivered: 0, failed: 0 };
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  for (;;) {
    const claimed = claimDeliveries(ctxOf(), CLAIM_BATCH);
    if (claimed.length === 0) return report;
    for (let i = 0; i < claimed.length; i += IN_FLIGHT) {
      await Promise.all(
        claimed.slice(i, i + IN_FLIGHT).map(async (delivery) => {
          // The signed timestamp is the real moment of sending: receivers check it against their clock.
          const outcome = await post(delivery, new Date(), timeoutMs);
          const status = recordDelivery(ctxOf(), delivery, outcome);
          if (status === 'delivered') report.delivered++;
          else report.failed++;
        }),
      );
    }
  }
}
