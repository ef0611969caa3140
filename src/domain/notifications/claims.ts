import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq } from 'drizzle-orm';
import { statement } from '../../db/statements.js';
import { marketable } from '../../db/fragments.js';
import { notifications } from '../../db/schema/index.js';
import { wallOf, type Ctx, type TxCtx } from '../context.js';
import { recordNotified, recordVoucherSent } from './deal-facts.js';
import { emitNotificationFailed, emitVoucherSent } from './events.js';
import { fallbacksOf } from './channels.js';
import { backoffMs, isDepartureNotice, LEASE_MS, MAX_ATTEMPTS, ROW_COLUMNS, type NotificationRow } from './rows.js';
import { atomically, atomicallyWithoutFsync } from '../../db/transaction.js';

export interface Claim {
  token: string;
  rows: NotificationRow[];
  /** Departure notices found stale (the schedule moved on, or the booking was cancelled). */
  superseded: number;
  /** Departure notices that could no longer go out before departure. */
  tooLate: number;
  /** Rows whose sender stopped after handing the mail over: recorded uncertain, not resent. */
  uncertain: number;
}

const TOO_LATE = 'The departure had left before this notice could be sent';
const CUT_SHORT =
  'The sender stopped after handing this mail to the mail server and before hearing back: it may have arrived. Check with the client.';

const STALE = 'replaced: the booking or its departure changed before it was sent';

interface DueRow {
  id: number;
  kind: NotificationRow['kind'];
  version: number | null;
  /** Null for mails about no trip (campaigns, greetings). */
  departsAt: number | null;
  departureStatus: string | null;
  departureVersion: number | null;
  dealCancelledAt: number | null;
  /** A payment reminder's payment and due date, against the deal's as they are now. */
  paymentKind: 'deposit' | 'balance' | null;
  dueAt: number | null;
  dealStatus: string | null;
  dealDepositDueAt: number | null;
  dealBalanceDueAt: number | null;
  /** A waiting-list offer's entry as it is now. */
  entryStatus: string | null;
  holdUntil: number | null;
  /** A campaign's or greeting's client may still be written to (consent, not barred or unsubscribed). */
  marketable: number | null;
}

const PAID_FOR = {
  deposit: ['new', 'documents_sent', 'documents_received'],
  balance: ['new', 'documents_sent', 'documents_received', 'deposit_paid'],
} as const;

/**
 * Whether a due row is still worth sending, as things are now: `late` once the trip has
 * left; `stale` when what it says is no longer true (another schedule, a cancelled booking
 * or trip, a payment made or moved, an offer no longer open, a confirmation of a booking
 * since cancelled).
 */
function verdict(row: DueRow, now: number): 'send' | 'stale' | 'late' {
  // A voucher asked for, a campaign's test copy to the person checking it: nothing makes them stale.
  if (row.kind === 'voucher' || row.kind === 'campaign_test') return 'send';
  if (row.kind === 'campaign' || row.kind === 'birthday_greeting') return row.marketable ? 'send' : 'stale';
  const departsAt = row.departsAt ?? 0;
  if (row.kind === 'waitlist_offer') {
    return row.departureStatus === 'scheduled' && row.entryStatus === 'offered' && (row.holdUntil ?? 0) > now && departsAt > now ? 'send' : 'stale';
  }
  // Asked after the trip: only a cancelled booking or trip withdraws it.
  if (row.kind === 'feedback_request') return row.departureStatus === 'scheduled' && row.dealCancelledAt === null ? 'send' : 'stale';
  if (row.departureStatus !== 'scheduled' || row.dealCancelledAt !== null) return 'stale';
  // Once the trip has left there is no booking left to confirm.
  if (row.kind === 'booking_confirmation') return departsAt <= now ? 'stale' : 'send';
  if (row.kind === 'payment_reminder') {
    const kind = row.paymentKind ?? 'balance';
    const currentDue = kind === 'deposit' ? row.dealDepositDueAt : row.dealBalanceDueAt;
    const owing = (PAID_FOR[kind] as readonly string[]).includes(row.dealStatus ?? '');
    if (!owing || currentDue !== row.dueAt) return 'stale';
    return departsAt <= now ? 'stale' : 'send';
  }
  if ((row.version ?? 0) < (row.departureVersion ?? 0)) return 'stale';
  return departsAt <= now ? 'late' : 'send';
}

/** This process, as it signs its claims. */
const CLAIMANT = `${hostname()}:${process.pid}`;

/**
 * Whether the process that holds a claim is gone. Only a process on this machine can be
 * checked (signal 0 asks whether a pid exists); anything else keeps its lease until it runs
 * out. A pid taken over by another process reads as alive: the lease then runs its course.
 */
function claimantIsGone(claimedBy: string): boolean {
  const [host, pid] = [claimedBy.slice(0, claimedBy.lastIndexOf(':')), Number(claimedBy.slice(claimedBy.lastIndexOf(':') + 1))];
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The claim's statements, raw and prepared once: the sender runs them for every few mails. */
const CLAIM_SQL = {
  cutShort: `UPDATE notifications SET status = 'uncertain', error = :error, claim_token = NULL, lease_until = NULL, claimed_by = NULL, updated_at = :now
    WHERE status = 'sending' AND lease_until <= :now AND handed_at IS NOT NULL
      AND (CAST(:only AS TEXT) IS NULL OR id IN (SELECT CAST(value AS INTEGER) FROM json_each(:only)))`,
  // Two statements, not one OR: each walks notifications_due_idx in order and stops at the
  // limit, however many rows are due (one OR query sorted them all on every claim).
  ...Object.fromEntries(
    (['sending', 'pending'] as const).map((status) => [
      status,
      `SELECT n.id, n.kind, n.schedule_version AS version, dep.departs_at AS departsAt, dep.status AS departureStatus,
          dep.schedule_version AS departureVersion, d.cancelled_at AS dealCancelledAt,
          n.payment_kind AS paymentKind, n.due_at AS dueAt, d.status AS dealStatus,
          d.deposit_due_at AS dealDepositDueAt, d.balance_due_at AS dealBalanceDueAt,
          w.status AS entryStatus, w.hold_until AS holdUntil,
          CASE WHEN n.kind IN ('campaign', 'birthday_greeting') THEN ${marketable('c')} END AS marketable
        FROM notifications n
        LEFT JOIN departures dep ON dep.id = n.departure_id
        LEFT JOIN contacts c ON c.id = n.contact_id
        LEFT JOIN deals d ON d.id = n.deal_id
        LEFT JOIN waitlist_entries w ON w.id = n.waitlist_entry_id
        WHERE n.status = '${status}' AND ${status === 'pending' ? 'n.next_attempt_at' : 'n.lease_until'} <= :now
          AND (CAST(:only AS TEXT) IS NULL OR n.id IN (SELECT CAST(value AS INTEGER) FROM json_each(:only)))
        ORDER BY n.next_attempt_at, n.id
        LIMIT :limit`,
    ]),
  ) as Record<'sending' | 'pending', string>,
  release: `UPDATE notifications SET status = :status, error = :error, claim_token = NULL, lease_until = NULL, claimed_by = NULL, updated_at = :now
    WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids))`,
  claim: `UPDATE notifications SET status = 'sending', claim_token = :token, claimed_by = :claimant, lease_until = :leaseUntil, handed_at = NULL, updated_at = :now
    WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids))
    RETURNING ${ROW_COLUMNS}`,
  // Claimants of rows still leased: a dead one's lease is ended now instead of in two minutes.
  claimants: `SELECT DISTINCT claimed_by AS claimedBy FROM notifications WHERE status = 'sending' AND lease_until > :now AND claimed_by IS NOT NULL`,
  endLeases: `UPDATE notifications SET lease_until = :now WHERE status = 'sending' AND claimed_by = :claimedBy AND lease_until > :now`,
};

/**
 * Claims what is due under the write lock, so two senders never take the same row: pending
 * rows whose time has come, and rows of a sender whose lease ran out before it handed their
 * mail over. One whose mail was handed over is never sent again: it becomes `uncertain`, for
 * a person to check, rather than reach the traveller twice. Departure notices are checked
 * against the departure as it is now: a stale one is superseded, one past departure fails.
 */
export async function claimDue(ctx: Ctx, limit: number, onlyIds?: number[]): Promise<Claim> {
  const token = randomUUID();
  const only = onlyIds ? JSON.stringify(onlyIds) : null;
  // Leases and retry times are on the wall clock; "too late" is a question about the trip, on ctx.now.
  const wall = wallOf(ctx);
  return await atomically(ctx, async (ctx): Promise<Claim> => {
      await endDeadClaims(ctx, wall);
      const uncertain = (await statement(ctx.sqlite, CLAIM_SQL.cutShort).run({ now: wall, error: CUT_SHORT, only })).changes;
      const leased = await statement(ctx.sqlite, CLAIM_SQL.sending).all({ now: wall, only, limit }) as DueRow[];
      const pending = await statement(ctx.sqlite, CLAIM_SQL.pending).all({ now: wall, only, limit: limit - leased.length }) as DueRow[];
      const due = [...leased, ...pending];
      const stale: number[] = [];
      const late: number[] = [];
      const claimable: number[] = [];
      for (const row of due) {
        const decided = verdict(row, ctx.now);
        (decided === 'send' ? claimable : decided === 'stale' ? stale : late).push(row.id);
      }
      const release = statement(ctx.sqlite, CLAIM_SQL.release);
      if (stale.length) await release.run({ ids: JSON.stringify(stale), status: 'superseded', error: STALE, now: wall });
      if (late.length) {
        await release.run({ ids: JSON.stringify(late), status: 'failed', error: TOO_LATE, now: wall });
        await emitNotificationFailed(ctx, late);
      }
      const rows = claimable.length
        ? (await statement(ctx.sqlite, CLAIM_SQL.claim).all({ ids: JSON.stringify(claimable), token, claimant: CLAIMANT, leaseUntil: wall + LEASE_MS, now: wall }) as NotificationRow[])
        : [];
      return { token, rows, superseded: stale.length, tooLate: late.length, uncertain };
    });
}

/** Rows claimed by a process that no longer runs: their lease ends now, so this claim settles them. */
async function endDeadClaims(ctx: Ctx, wall: number): Promise<void> {
  const claimants = await statement(ctx.sqlite, CLAIM_SQL.claimants).all({ now: wall }) as { claimedBy: string }[];
  for (const { claimedBy } of claimants) {
    if (claimantIsGone(claimedBy)) await statement(ctx.sqlite, CLAIM_SQL.endLeases).run({ now: wall, claimedBy });
  }
}

/**
 * The mails of these claimed rows are about to be given to the mail server. Answers how many
 * were marked: a row whose claim no longer holds (its lease ran out and another sender took
 * it) is not marked, and its mail must not go out from here.
 */
export async function markHandedOver(ctx: TxCtx, token: string, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const marked = await statement(ctx.sqlite, `UPDATE notifications SET handed_at = :now WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids)) AND claim_token = :token`).run({
    now: wallOf(ctx),
    ids: JSON.stringify(ids),
    token,
  });
  return marked.changes;
}

/**
 * Between claims, the sender's small write: the answers that arrived and the mails about to
 * go out, committed without waiting for the disk. That survives the process dying (the
 * WAL is written) but not a power cut, which can lose the last of these writes: a lost
 * answer leaves its row uncertain, a lost hand-over lets a later pass send that mail again.
 * The next claim's commit (a full fsync) makes everything before it durable.
 */
export async function settle(ctx: Ctx, answered: Outcome[], handingOver: { token: string; id: number }[]): Promise<Set<number>> {
  if (answered.length === 0 && handingOver.length === 0) return new Set();
  return await atomicallyWithoutFsync(ctx, async (ctx) => {
    await recordOutcomes(ctx, answered);
    const handed = new Set<number>();
    for (const { token, id } of handingOver) if ((await markHandedOver(ctx, token, [id])) === 1) handed.add(id);
    return handed;
  });
}

/** What the mail server answered for one claimed row. */
export type Outcome = { row: NotificationRow; token: string } & ({ messageId: string } | { error: string });

export interface Exchange<T> {
  claim: Claim;
  /** Claimed rows prepared in the transaction, ready to hand over and send. */
  ready: { row: NotificationRow; item: T }[];
  /** Claimed rows `prepare` left for later (prepared outside the transaction). */
  later: NotificationRow[];
  /** Claimed rows `prepare` could not make: recorded failed. */
  unprepared: number;
}

/**
 * The sender's durable write every few dozen mails: records the answers that arrived,
 * claims more due rows and prepares each (its mail), all in one transaction.
 */
export async function exchange<T>(
  ctx: Ctx,
  answered: Outcome[],
  want: { limit: number; onlyIds?: number[] | undefined },
  prepare: (ctx: Ctx, row: NotificationRow) => Promise<T | undefined>,
): Promise<Exchange<T>> {
  return await atomically(ctx, async (ctx): Promise<Exchange<T>> => {
      await recordOutcomes(ctx, answered);
      const claim = await claimDue(ctx, want.limit, want.onlyIds);
      const ready: { row: NotificationRow; item: T }[] = [];
      const later: NotificationRow[] = [];
      let unprepared = 0;
      for (const row of claim.rows) {
        try {
          const item = await prepare(ctx, row);
          if (item === undefined) later.push(row);
          else ready.push({ row, item });
        } catch (error) {
          await markFailed(ctx, row, claim.token, `could not compose: ${error instanceof Error ? error.message : String(error)}`);
          unprepared++;
        }
      }
      return { claim, ready, later, unprepared };
    });
}

/** Records answers together, in the caller's transaction. */
async function recordOutcomes(ctx: TxCtx, outcomes: Outcome[]): Promise<void> {
  for (const outcome of outcomes) {
    if ('messageId' in outcome) await markSent(ctx, outcome.row, outcome.token, outcome.messageId);
    else await markFailed(ctx, outcome.row, outcome.token, outcome.error);
  }
}

/**
 * The mail server took it: record that, and the deal's fact (voucher sent, travellers
 * told), in the caller's transaction.
 */
async function markSent(ctx: TxCtx, row: NotificationRow, token: string, messageId: string): Promise<void> {
  const updated = await statement(
    ctx.sqlite,
    // A notice that reached the client after another channel failed keeps that channel's error, so the desk sees both.
    `UPDATE notifications SET status = 'sent', sent_at = :now, message_id = :messageId, attempts = attempts + 1,
       error = CASE WHEN error LIKE 'sms: %' OR error LIKE 'telegram: %' OR error LIKE 'email: %' THEN error END,
       claim_token = NULL, lease_until = NULL, claimed_by = NULL, updated_at = :now
     WHERE id = :id AND claim_token = :token`,
  ).run({ now: wallOf(ctx), messageId, id: row.id, token });
  if (updated.changes === 0) return;
  if (row.kind === 'voucher' && row.dealId !== null) {
    await recordVoucherSent(ctx, { ...row, dealId: row.dealId });
    await emitVoucherSent(ctx, { ...row, dealId: row.dealId });
  } else if (isDepartureNotice(row.kind) && row.dealId !== null) await recordNotified(ctx, row.dealId);
}

/**
 * Sending failed: try again later with backoff, or give up after MAX_ATTEMPTS. A departure
 * notice whose next try would come after departure is given up at once, so a person can
 * phone while there is still time.
 */
async function markFailed(ctx: TxCtx, row: NotificationRow, token: string, error: string): Promise<void> {
  if (await fallBack(ctx, row, error, token)) return;
  const attempts = row.attempts + 1;
  const nextAttemptAt = wallOf(ctx) + backoffMs(attempts);
  const departsAt = row.kind === 'voucher' ? null : (row.toldDepartsAt ?? null);
  const noTimeLeft = departsAt !== null && ctx.now + backoffMs(attempts) >= departsAt;
  const giveUp = attempts >= MAX_ATTEMPTS || noTimeLeft;
  await ctx.db
    .update(notifications)
    .set({
      status: giveUp ? 'failed' : 'pending',
      attempts,
      nextAttemptAt,
      handedAt: null,
      error: `${error.slice(0, 900)}${noTimeLeft && attempts < MAX_ATTEMPTS ? ' (no time left to retry before departure)' : ''}`,
      claimToken: null,
      claimedBy: null,
      leaseUntil: null,
      updatedAt: wallOf(ctx),
    })
    .where(and(eq(notifications.id, row.id), eq(notifications.claimToken, token)))
    .run();
  // The row is read back: one whose claim was lost meanwhile was not updated here, is not failed, and announces nothing.
  if (giveUp) await emitNotificationFailed(ctx, [row.id]);
}

/**
 * A channel that failed (an SMS refused, a bot the client blocked, a mail server that would
 * not take it) hands the notice to the client's next channel at once, due now. Returns false
 * when none is left: the last channel retries as mail always has.
 */
export async function fallBack(ctx: TxCtx, row: NotificationRow, error: string, token: string | null): Promise<boolean> {
  const [next, ...rest] = fallbacksOf(row.fallbacks);
  if (!next) return false;
  const moved = await statement(
    ctx.sqlite,
    `UPDATE notifications SET channel = :channel, to_address = :to, fallbacks = :rest, status = 'pending', attempts = 0,
       next_attempt_at = :wall, handed_at = NULL, message_id = NULL, error = :error, claim_token = NULL, claimed_by = NULL,
       lease_until = NULL, updated_at = :wall
     WHERE id = :id AND (CAST(:token AS TEXT) IS NULL OR claim_token = :token)`,
  ).run({ channel: next.channel, to: next.to, rest: rest.length ? JSON.stringify(rest) : null, wall: wallOf(ctx), error: `${row.channel}: ${error.slice(0, 800)}`, id: row.id, token });
  return moved.changes > 0;
}

/**
 * The SMS centre's delivery receipt for a message it accepted: delivered, or undeliverable
 * (then the client's next channel is tried). A receipt for nothing we sent is ignored.
 */
export async function recordReceipt(ctx: Ctx, receipt: { messageId: string; delivered: boolean; state: string }): Promise<'delivered' | 'fell_back' | 'failed' | 'unknown'> {
  return await atomically(ctx, async (ctx) => {
    const row = await statement(ctx.sqlite, `SELECT ${ROW_COLUMNS} FROM notifications WHERE channel = 'sms' AND message_id = ? AND status IN ('sent', 'uncertain')`).get(receipt.messageId) as NotificationRow | undefined;
    if (!row) return 'unknown';
    if (receipt.delivered) {
      await statement(ctx.sqlite, `UPDATE notifications SET status = 'delivered', delivered_at = :wall, updated_at = :wall WHERE id = :id`).run({ wall: wallOf(ctx), id: row.id });
      return 'delivered';
    }
    const error = `the SMS centre could not deliver it (${receipt.state})`;
    if (await fallBack(ctx, row, error, null)) return 'fell_back';
    await statement(ctx.sqlite, `UPDATE notifications SET status = 'failed', error = :error, updated_at = :wall WHERE id = :id`).run({ wall: wallOf(ctx), id: row.id, error });
    await emitNotificationFailed(ctx, [row.id]);
    return 'failed';
  });
}
