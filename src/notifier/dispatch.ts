import type { Ctx } from '../domain/context.js';
import { exchange, settle, type NotificationRow, type Outcome } from '../domain/notifications/index.js';
import { composeInClaim, composeMail } from './compose.js';
import { composeShortText } from './short-compose.js';
import { MAIL_POOL, type MailMessage, type Mailer } from '../mail/mailer.js';

/** Sends a plain text to an SMS number or a Telegram chat; answers the id the other side gave it. */
export interface TextSender {
  send(to: string, text: string): Promise<{ messageId: string }>;
}

/** The channels besides mail this process can send by. */
export interface TextChannels {
  sms?: TextSender | undefined;
  telegram?: TextSender | undefined;
}

/** A mail, or the plain text of an SMS or Telegram message. */
type Outgoing = MailMessage | { shortText: string };

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

/** Mails handed over per small write: two halves the writes and keeps a connection from idling. */
const HAND_OVER_GROUP = 2;
/**
 * Mails handed to the transport at once: one per pooled connection and a group waiting. A
 * sender killed mid-pass leaves at most this many rows uncertain.
 */
export const IN_FLIGHT = MAIL_POOL.maxConnections + HAND_OVER_GROUP;
/**
 * Rows claimed and composed per durable write (a full fsync). A crash leaves claimed rows
 * that were not handed over to a later pass, so a large batch costs nothing in safety.
 */
export const CLAIM_BATCH = 50;

/** Mails and texts are composed inside the claim's transaction; vouchers (a PDF to render) after it. */
/** Composes a claimed row inside the claim's transaction (its context), or leaves it for after (undefined). */
const composeWithClaim = async (ctx: Ctx, row: NotificationRow): Promise<Outgoing | undefined> =>
  row.channel === 'sms' || row.channel === 'telegram' ? { shortText: await composeShortText(ctx, row) } : await composeInClaim(ctx, row);

interface Ready {
  row: NotificationRow;
  token: string;
  message: Outgoing;
}

/** Hands one message to the transport of its row's channel; a channel this process lacks fails (and falls back). */
function transmit(row: NotificationRow, message: Outgoing, mailer: Mailer, channels: TextChannels): Promise<{ messageId: string }> {
  if ('shortText' in message) {
    const sender = row.channel === 'sms' ? channels.sms : row.channel === 'telegram' ? channels.telegram : undefined;
    return sender ? sender.send(row.toAddress!, message.shortText) : Promise.reject(new Error(`${row.channel} is not set up in this process`));
  }
  return mailer.send(message);
}

/**
 * One pass over the outbox. Every few dozen mails one durable transaction claims and composes
 * the next rows (and records what was answered). Between those, each turn records the
 * answers that arrived and the mails about to go out in one small write, then hands those to
 * the pooled transport, a few in flight at once. A crash leaves claimed rows not yet handed
 * over, which a later pass sends once their lease runs out, and at most IN_FLIGHT handed-over
 * rows without an answer, which become `uncertain`: never sent twice.
 */
export async function dispatchOutbox(ctxOf: () => Ctx, mailer: Mailer, options: { limit?: number; onlyIds?: number[]; channels?: TextChannels } = {}): Promise<DispatchResult> {
  const channels = options.channels ?? {};
  const result: DispatchResult = { sent: 0, failed: 0, superseded: 0, tooLate: 0, uncertain: 0 };
  let budget = options.limit ?? Number.POSITIVE_INFINITY;
  const inFlight = new Set<Promise<void>>();
  const answered: Outcome[] = [];
  const queue: Ready[] = [];
  let drained = false;

  const count = (outcomes: Outcome[]) => {
    for (const outcome of outcomes) {
      if ('messageId' in outcome) result.sent++;
      else result.failed++;
    }
    return outcomes;
  };

  const send = ({ row, token, message }: Ready) => {
    const sending: Promise<void> = transmit(row, message, mailer, channels)
      .then(
        ({ messageId }) => void answered.push({ row, token, messageId }),
        (error: unknown) => void answered.push({ row, token, error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };

  /** When the queue runs low: claim and compose more, in one durable transaction. */
  const refill = async () => {
    if (drained || budget <= 0 || queue.length > CLAIM_BATCH / 2) return;
    const room = Math.min(CLAIM_BATCH - queue.length, budget);
    const { claim, ready, later, unprepared } = await exchange(ctxOf(), count(answered.splice(0)), { limit: room, onlyIds: options.onlyIds }, composeWithClaim);
    result.superseded += claim.superseded;
    result.tooLate += claim.tooLate;
    result.uncertain += claim.uncertain;
    result.failed += unprepared;
    budget -= claim.rows.length;
    if (claim.rows.length + claim.superseded + claim.tooLate < room) drained = true;
    for (const { row, item } of ready) queue.push({ row, token: claim.token, message: item });
    for (const row of later) {
      try {
        queue.push({ row, token: claim.token, message: await composeMail(ctxOf(), row) });
      } catch (error) {
        answered.push({ row, token: claim.token, error: `could not compose: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  };

  for (;;) {
    await refill();
    const free = IN_FLIGHT - inFlight.size;
    const starting = free >= Math.min(HAND_OVER_GROUP, queue.length) ? queue.splice(0, free) : [];
    // Answers wait for the next hand-over's write (or the end); unrecorded and in flight
    // together never exceed IN_FLIGHT.
    if (starting.length > 0 || inFlight.size === 0) {
      const handed = await settle(ctxOf(), count(answered.splice(0)), starting.map(({ row, token }) => ({ token, id: row.id })));
      // A row whose claim was lost meanwhile belongs to another sender now: not sent from here.
      for (const ready of starting) if (handed.has(ready.row.id)) send(ready);
    }
    if (inFlight.size > 0) await Promise.race(inFlight);
    else if (queue.length === 0 && (drained || budget <= 0)) break;
  }
  return result;
}
