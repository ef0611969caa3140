import { getTableColumns } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.js';

/**
 * The outbox's rows: every mail (and, later, every message) the system sends is one, written
 * in the transaction of its cause and sent after commit. States: `pending` (due at
 * `nextAttemptAt`), `sending` (claimed by a sender under a lease), then `sent`, `failed`
 * (given up), `uncertain` (handed to the server, answer lost), `superseded` (withdrawn before
 * it went out), `no_address` (nothing to send to: a person must act).
 */
export type NotificationRow = typeof notifications.$inferSelect;

export type DepartureNoticeKind = 'departure_reminder' | 'departure_changed';
export const isDepartureNotice = (kind: NotificationRow['kind']): kind is DepartureNoticeKind => kind === 'departure_reminder' || kind === 'departure_changed';

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
    waitlistEntryId: row.waitlistEntryId,
    departureId: row.departureId,
    contactId: row.contactId,
    campaignId: row.campaignId,
    kind: row.kind,
    scheduleVersion: row.scheduleVersion,
    to: row.toAddress,
    channel: row.channel,
    toldDepartsAt: row.toldDepartsAt,
    toldMeetingPoint: row.toldMeetingPoint,
    paymentKind: row.paymentKind,
    dueAt: row.dueAt,
    reminderStage: row.reminderStage,
    locale: row.locale,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    sentAt: row.sentAt,
    error: row.error,
    createdAt: row.createdAt,
  };
}

/** `id, deal_id AS dealId, ...`: a notification row as the domain names it, for RETURNING. */
export const ROW_COLUMNS = Object.entries(getTableColumns(notifications))
  .map(([key, column]) => `${column.name} AS ${key}`)
  .join(', ');
