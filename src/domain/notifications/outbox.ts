import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNotNull, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, deals, departures, notifications, users } from '../../db/schema/index.js';
import type { ActingCtx, Ctx } from '../context.js';
import { getDealRow, paidMinorOf, refreshDealStatus } from '../deals/deals.js';
import { isFullyPaid } from '../deals/status.js';
import { DomainError } from '../errors.js';
import { decodeCursor, page, pagingQuery } from '../paging.js';
import { toIso } from '../time.js';
import { toActor } from '../users/users.js';
import { recordNotified } from './departure-notices.js';

export type NotificationRow = typeof notifications.$inferSelect;

/** Sending attempts before a notice is given up as failed and left for a person. */
export const MAX_ATTEMPTS = 5;
/** How long a claimed row is reserved for its sender before another pass may take it. */
export const LEASE_MS = 2 * 60_000;

/** 1, 2, 4, 8 minutes... capped at an hour. */
export const backoffMs = (attempts: number) => Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));

export function serializeNotification(row: NotificationRow) {
  return {
    id: row.id,
    dealId: row.dealId,
    departureId: row.departureId,
    kind: row.kind,
    scheduleVersion: row.scheduleVersion,
    to: row.toAddress,
    channel: row.channel,
    toldDepartsAt: toIso(row.toldDepartsAt),
    toldMeetingPoint: row.toldMeetingPoint,
    locale: row.locale,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? toIso(row.nextAttemptAt) : null,
    sentAt: toIso(row.sentAt),
    error: row.error,
    createdAt: toIso(row.createdAt),
  };
}

/**
 * Queues the voucher mail of a deal paid in full, in one transaction with the checks. A
 * client without an e-mail gets a `no_address` row, so the deal shows why nothing went out.
 */
export function queueVoucher(ctx: ActingCtx, dealId: number): NotificationRow {
  const deal = getDealRow(ctx, dealId);
  if (deal.cancelledAt !== null) {
    throw new DomainError('invalid_transition', 'This deal is cancelled: it has no voucher', { status: 'cancelled' });
  }
  if (!isFullyPaid({ paidMinor: paidMinorOf(ctx, dealId), priceMinor: deal.priceMinor })) {
    throw new DomainError('conflict', 'A voucher is sent once the deal is paid in full', { status: deal.status });
  }
  const contact = ctx.db.select().from(contacts).where(eq(contacts.id, deal.contactId)).get()!;
  return ctx.db
    .insert(notifications)
    .values({
      dealId,
      departureId: deal.departureId,
      kind: 'voucher',
      toAddress: contact.email,
      locale: contact.locale ?? ctx.agency.locale,
      status: contact.email ? 'pending' : 'no_address',
      nextAttemptAt: ctx.now,
      createdBy: ctx.actor.id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning()
    .get();
}

/** Vouchers for every deal of a departure paid in full whose voucher has not gone out. */
export function queueDueVouchers(ctx: ActingCtx, departureId: number): NotificationRow[] {
  const due = ctx.db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.departureId, departureId), eq(deals.status, 'fully_paid')))
    .all();
  return due.map((deal) => queueVoucher(ctx, deal.id));
}

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

/**
 * Claims what is due under the write lock, so two senders never take the same row: pending
 * rows whose time has come, and rows of a sender whose lease ran out before it handed their
 * mail over. One whose mail was handed over is never sent again: it becomes `uncertain`, for
 * a person to check, rather than reach the traveller twice. Departure notices are checked
 * against the departure as it is now: a stale one is superseded, one past departure fails.
 */
export function claimDue(ctx: Ctx, limit: number, onlyIds?: number[]): Claim {
  const token = randomUUID();
  return ctx.sqlite
    .transaction((): Claim => {
      const cutShort = and(eq(notifications.status, 'sending'), lte(notifications.leaseUntil, ctx.now), isNotNull(notifications.handedAt));
      const uncertain = ctx.db
        .update(notifications)
        .set({ status: 'uncertain', error: CUT_SHORT, claimToken: null, leaseUntil: null, updatedAt: ctx.now })
        .where(onlyIds ? and(cutShort, inArray(notifications.id, onlyIds)) : cutShort)
        .run().changes;
      const conditions: SQL[] = [
        or(
          and(eq(notifications.status, 'pending'), lte(notifications.nextAttemptAt, ctx.now)),
          and(eq(notifications.status, 'sending'), lte(notifications.leaseUntil, ctx.now)),
        )!,
      ];
      if (onlyIds) conditions.push(inArray(notifications.id, onlyIds));
      const due = ctx.db
        .select({
          id: notifications.id,
          kind: notifications.kind,
          version: notifications.scheduleVersion,
          departsAt: departures.departsAt,
          departureStatus: departures.status,
          departureVersion: departures.scheduleVersion,
          dealCancelledAt: deals.cancelledAt,
        })
        .from(notifications)
        .innerJoin(departures, eq(departures.id, notifications.departureId))
        .innerJoin(deals, eq(deals.id, notifications.dealId))
        .where(and(...conditions))
        .orderBy(asc(notifications.nextAttemptAt), asc(notifications.id))
        .limit(limit)
        .all();
      const stale: number[] = [];
      const late: number[] = [];
      const claimable: number[] = [];
      for (const row of due) {
        if (row.kind === 'voucher') claimable.push(row.id);
        else if (row.departureStatus !== 'scheduled' || row.dealCancelledAt !== null || (row.version ?? 0) < row.departureVersion) stale.push(row.id);
        else if (row.departsAt <= ctx.now) late.push(row.id);
        else claimable.push(row.id);
      }
      const released = { claimToken: null, leaseUntil: null, updatedAt: ctx.now };
      if (stale.length) {
        ctx.db
          .update(notifications)
          .set({ ...released, status: 'superseded', error: 'replaced: the booking or its departure changed before it was sent' })
          .where(inArray(notifications.id, stale))
          .run();
      }
      if (late.length) {
        ctx.db.update(notifications).set({ ...released, status: 'failed', error: TOO_LATE }).where(inArray(notifications.id, late)).run();
      }
      const rows = claimable.length
        ? ctx.db
            .update(notifications)
            .set({ status: 'sending', claimToken: token, leaseUntil: ctx.now + LEASE_MS, handedAt: null, updatedAt: ctx.now })
            .where(inArray(notifications.id, claimable))
            .returning()
            .all()
        : [];
      return { token, rows, superseded: stale.length, tooLate: late.length, uncertain };
    })
    .immediate();
}

/** The mails of these claimed rows are about to be given to the mail server. */
export function markHandedOver(ctx: Ctx, token: string, ids: number[]): void {
  if (ids.length === 0) return;
  ctx.db
    .update(notifications)
    .set({ handedAt: ctx.now })
    .where(and(inArray(notifications.id, ids), eq(notifications.claimToken, token)))
    .run();
}

/** What the mail server answered for one claimed row. */
export type Outcome = { row: NotificationRow; token: string } & ({ messageId: string } | { error: string });

/** Records answers together: one transaction for all that arrived at once. */
export function recordOutcomes(ctx: Ctx, outcomes: Outcome[]): void {
  if (outcomes.length === 0) return;
  ctx.sqlite
    .transaction(() => {
      for (const outcome of outcomes) {
        if ('messageId' in outcome) markSent(ctx, outcome.row, outcome.token, outcome.messageId);
        else markFailed(ctx, outcome.row, outcome.token, outcome.error);
      }
    })
    .immediate();
}

/** The mail server took it: record that, and the deal's fact (voucher sent, travellers told), together. */
export function markSent(ctx: Ctx, row: NotificationRow, token: string, messageId: string): void {
  ctx.sqlite
    .transaction(() => {
      const updated = ctx.db
        .update(notifications)
        .set({ status: 'sent', sentAt: ctx.now, messageId, attempts: row.attempts + 1, error: null, claimToken: null, leaseUntil: null, updatedAt: ctx.now })
        .where(and(eq(notifications.id, row.id), eq(notifications.claimToken, token)))
        .run();
      if (updated.changes === 0) return;
      if (row.kind === 'voucher') recordVoucherSent(ctx, row);
      else recordNotified(ctx, row.dealId);
    })
    .immediate();
}

function recordVoucherSent(ctx: Ctx, row: NotificationRow): void {
  const deal = getDealRow(ctx, row.dealId);
  if (deal.cancelledAt !== null || deal.voucherSentAt !== null) return;
  ctx.db.update(deals).set({ voucherSentAt: ctx.now }).where(eq(deals.id, row.dealId)).run();
  const by = row.createdBy ? ctx.db.select().from(users).where(eq(users.id, row.createdBy)).get() : undefined;
  refreshDealStatus({ ...ctx, actor: by ? toActor(by) : null }, row.dealId);
}

/**
 * Sending failed: try again later with backoff, or give up after MAX_ATTEMPTS. A departure
 * notice whose next try would come after departure is given up at once, so a person can
 * phone while there is still time.
 */
export function markFailed(ctx: Ctx, row: NotificationRow, token: string, error: string): void {
  const attempts = row.attempts + 1;
  const nextAttemptAt = ctx.now + backoffMs(attempts);
  const departsAt = row.kind === 'voucher' ? null : (row.toldDepartsAt ?? null);
  const noTimeLeft = departsAt !== null && nextAttemptAt >= departsAt;
  const giveUp = attempts >= MAX_ATTEMPTS || noTimeLeft;
  ctx.db
    .update(notifications)
    .set({
      status: giveUp ? 'failed' : 'pending',
      attempts,
      nextAttemptAt,
      handedAt: null,
      error: `${error.slice(0, 900)}${noTimeLeft && attempts < MAX_ATTEMPTS ? ' (no time left to retry before departure)' : ''}`,
      claimToken: null,
      leaseUntil: null,
      updatedAt: ctx.now,
    })
    .where(and(eq(notifications.id, row.id), eq(notifications.claimToken, token)))
    .run();
}

export function getNotification(ctx: Ctx, id: number): NotificationRow | undefined {
  return ctx.db.select().from(notifications).where(eq(notifications.id, id)).get();
}

export const ListNotificationsQuery = z.object({
  departureId: z.coerce.number().int().positive().optional(),
  dealId: z.coerce.number().int().positive().optional(),
  ...pagingQuery,
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export function listNotifications(ctx: Ctx, query: ListNotificationsQuery) {
  const conditions: SQL[] = [];
  if (query.departureId) conditions.push(eq(notifications.departureId, query.departureId));
  if (query.dealId) conditions.push(eq(notifications.dealId, query.dealId));
  const after = decodeCursor<[number]>(query.cursor, ['number']);
  if (after) conditions.push(gt(notifications.id, after[0]));
  const rows = ctx.db
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(asc(notifications.id))
    .limit(query.limit + 1)
    .all();
  return page(rows, query.limit, (row) => [row.id], serializeNotification);
}
