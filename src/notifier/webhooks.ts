import { atomically } from '../db/transaction.js';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { ActingCtx, Ctx } from '../domain/context.js';
import {
  checkWebhookTarget,
  claimDeliveries,
  recordDelivery,
  recordTestDelivery,
  startTestDelivery,
  systemResolve,
  type ClaimedDelivery,
  type DeliveryView,
  type ResolvedAddress,
  type ResolveHost,
} from '../domain/webhooks/index.js';

/** A receiver gets this long to answer; one that hangs is cut off and retried later. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Posts in flight at once, and claimed per round. */
const IN_FLIGHT = 4;
const CLAIM_BATCH = 20;

export interface WebhookReport {
  delivered: number;
  failed: number;
}

export interface DeliveryOptions {
  timeoutMs?: number;
  /** How receivers' host names are resolved (tests answer for DNS); default: the system's resolver. */
  resolve?: ResolveHost;
}

type Outcome = { status: number | null; error: string | null };

/**
 * Connects only to the addresses that were checked: the connection asks this instead of
 * DNS, so a name whose answer changes between the check and the connection (DNS
 * rebinding) cannot send the post anywhere else. Answers in both of node's shapes (one
 * address, or all of them for the happy-eyeballs connect).
 */
const pinnedTo =
  (addresses: ResolvedAddress[]): LookupFunction =>
  (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    if (wanted.length === 0) return callback(Object.assign(new Error('no checked address of that family'), { code: 'ENOTFOUND' }), '', 0);
    if (options.all) return (callback as unknown as (error: null, all: ResolvedAddress[]) => void)(null, wanted);
    return callback(null, wanted[0]!.address, wanted[0]!.family);
  };

/** One POST of `body` to the checked target, answered by its status; bounded by `timeoutMs`. */
function postTo(url: URL, addresses: ResolvedAddress[], headers: Record<string, string>, body: string, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const options: RequestOptions = {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      lookup: pinnedTo(addresses),
      // A connection of its own, closed after the answer: no kept-alive socket outlives the check.
      agent: false,
    };
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (response: IncomingMessage) => {
      clearTimeout(timer);
      const status = response.statusCode ?? null;
      // Only the status matters; the receiver's body is not read.
      response.destroy();
      resolve({ status, error: status !== null && status >= 200 && status < 300 ? null : `answered ${status}` });
    });
    const timer = setTimeout(() => {
      request.destroy();
      resolve({ status: null, error: `no answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, error: error.message });
    });
    request.end(body);
  });
}

/**
 * One post, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`), to where the receiver's name resolves now, if that is allowed (see
 * domain/webhooks/targets.ts). A refused address is recorded like a receiver that did not
 * answer: retried with backoff (the name may be corrected), then given up.
 */
async function post(delivery: ClaimedDelivery, now: Date, timeoutMs: number, policy: { allowPrivate: boolean; resolve: ResolveHost }): Promise<Outcome> {
  const target = await checkWebhookTarget(delivery.url, { ...policy, timeoutMs });
  if (!target.ok) {
    return {
      status: null,
      error: target.reason === 'internal' ? `refused: ${target.hostname} resolves to ${target.address}, a private, loopback or link-local address` : `could not resolve ${target.hostname}`,
    };
  }
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'tourdesk-webhooks',
    'webhook-id': delivery.messageId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(delivery.secret).sign(delivery.messageId, now, delivery.payload),
  };
  return postTo(target.url, target.addresses, headers, delivery.payload, timeoutMs);
}

/**
 * Posts the due deliveries, a few at once, outside any transaction: a slow or failing receiver
 * holds up only this loop (in the scheduler), never a request of the desk. Answers are recorded
 * as they come; a refused or missing answer is retried with backoff.
 */
export async function deliverWebhooks(ctxOf: () => Ctx, options: DeliveryOptions = {}): Promise<WebhookReport> {
  const report: WebhookReport = { delivered: 0, failed: 0 };
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const policy = { allowPrivate: ctxOf().agency.webhookAllowPrivate === true, resolve: options.resolve ?? systemResolve };
  for (;;) {
    const claimed = await claimDeliveries(ctxOf(), CLAIM_BATCH);
    if (claimed.length === 0) return report;
    for (let i = 0; i < claimed.length; i += IN_FLIGHT) {
      // A few posts in flight at once; each answer is recorded in its own short write.
      await Promise.all(
        claimed.slice(i, i + IN_FLIGHT).map(async (delivery) => {
          // The signed timestamp is the real moment of sending: receivers check it against their clock.
          const outcome = await post(delivery, new Date(), timeoutMs, policy);
          const status = await atomically(ctxOf(), (ctx) => recordDelivery(ctx, delivery, outcome));
          if (status === 'delivered') report.delivered++;
          else report.failed++;
        }),
      );
    }
  }
}

/** What a test told: delivered or not, the receiver's status when it answered, why not, and the log's row. */
export interface TestPingResult {
  delivered: boolean;
  responseStatus?: number;
  error?: string;
  delivery: DeliveryView;
}

/**
 * `POST /webhooks/:id/test` and the page's "Send a test": a signed `webhook.test` posted now,
 * not at the scheduler's next pass, through the same target check, pinning and signing as
 * every delivery. Written to the log before the post and answered after it, each in a short
 * write of `ctx` (a page form's first write keeps its one-time token); the post itself holds
 * no transaction. A receiver that is down or answers 500 is an answer, not an error.
 */
export async function sendTestPing(ctx: ActingCtx, webhookId: number, options: DeliveryOptions = {}): Promise<TestPingResult> {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const claimed = await atomically(ctx, async (ctx) => await startTestDelivery(ctx, webhookId));
  const outcome = await post(claimed, new Date(), timeoutMs, { allowPrivate: ctx.agency.webhookAllowPrivate === true, resolve: options.resolve ?? systemResolve });
  const delivery = await atomically(ctx, async (ctx) => await recordTestDelivery(ctx, claimed, outcome));
  return {
    delivered: delivery.status === 'delivered',
    ...(outcome.status !== null ? { responseStatus: outcome.status } : {}),
    ...(delivery.status !== 'delivered' ? { error: delivery.error ?? outcome.error ?? `answered ${outcome.status}` } : {}),
    delivery,
  };
}
