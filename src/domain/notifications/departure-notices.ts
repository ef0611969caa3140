import { and, eq, inArray, lt } from 'drizzle-orm';
import { hasReached, paidOf, toldNotice } from '../../db/fragments.js';
import { routedColumns, type MessageChannel, type Reachable } from './channels.js';
import { statement } from '../../db/statements.js';
import { contacts, departures, notifications } from '../../db/schema/index.js';
import { wallOf, type ActingCtx, type Ctx, type Locale, type TxCtx } from '../context.js';
import { getDealRow } from '../deals/index.js';
import { DomainError } from '../errors.js';
import { DAY_MS } from '../time.js';
import { bookingStop, pickupOf } from '../departures/stops.js';
import { recordNotified } from './deal-facts.js';
import { ROW_COLUMNS, type DepartureNoticeKind, type NotificationRow } from './rows.js';
import { DEPARTURE_NOTICE } from '../../db/schema/notifications.js';
import { atomically } from '../../db/transaction.js';

/**
 * Departure notices: every traveller is told the time and place once per schedule version.
 *
 * A booking is *told* by its latest notice that went out (`sent`, `delivered` by the SMS
 * centre, or `uncertain`: possibly twice); the rule is `toldNotice` in db/fragments.ts. What a
 * notice told is kept on it (toldDepartsAt, toldMeetingPoint), so a change that was undone
 * before anyone heard of it needs no correction.
 */

/** What the notices depend on: when and where the departure leaves, and its schedule version. */
type Schedule = Pick<typeof departures.$inferSelect, 'id' | 'departsAt' | 'meetingPoint' | 'scheduleVersion' | 'status'>;

/** A reminder is owed from 24 elapsed hours before departure (not 24 wall-clock hours). */
export const REMINDER_LEAD_MS = DAY_MS;

export interface PlannedNotice {
  dealId: number;
  departureId: number;
  kind: DepartureNoticeKind;
  scheduleVersion: number;
  /** The first way that reaches the client (null: none, a phone call), and the ways left to fall back on. */
  channel: MessageChannel;
  toAddress: string | null;
  fallbacks: string | null;
  status: 'pending' | 'no_address';
  locale: Locale;
  /** What it tells: the booking's own stop, and its time. */
  toldDepartsAt: number;
  toldMeetingPoint: string;
}

interface DealNoticeState extends Reachable {
  dealId: number;
  locale: Locale | null;
  /** Status of the notice for the departure's current version, if there is one. */
  currentStatus: string | null;
  toldDepartsAt: number | null;
  toldMeetingPoint: string | null;
  /** The booking's stop: minutes after the departure, name and address (null: none recorded). */
  stopOffset: number | null;
  stopName: string | null;
  stopAddress: string | null;
}

const pickupOfState = (departure: Schedule, state: DealNoticeState) =>
  pickupOf(departure, { offset: state.stopOffset, name: state.stopName, address: state.stopAddress });

/**
 * Per live booking of a departure: whether it has a notice for the current schedule
 * version, and what its latest notice that went out told. Index seeks only: deals by
 * departure, the unique (deal, version) index, and the live-notice index per deal.
 */
const DEAL_NOTICE_STATES = `
  SELECT d.id AS dealId, c.email AS email, c.phone AS phone, c.channels AS channels, c.telegram_chat_id AS telegramChatId, c.locale AS locale,
    (SELECT n.status FROM notifications n
      WHERE n.deal_id = d.id AND n.schedule_version = :version AND n.${DEPARTURE_NOTICE}) AS currentStatus,
    told.told_departs_at AS toldDepartsAt, told.told_meeting_point AS toldMeetingPoint,
    s.offset_minutes AS stopOffset, s.name AS stopName, s.address AS stopAddress
  FROM deals d
  JOIN contacts c ON c.id = d.contact_id
  LEFT JOIN departure_stops s ON s.id = d.stop_id
  LEFT JOIN notifications told ON told.id = (
    SELECT t.id FROM notifications t
    WHERE t.deal_id = d.id AND ${toldNotice('t')}
    ORDER BY t.id DESC LIMIT 1)
  WHERE d.departure_id = :departureId AND d.cancelled_at IS NULL`;

async function dealNoticeStates(ctx: Ctx, departure: Schedule): Promise<DealNoticeState[]> {
  return await statement(ctx.sqlite, DEAL_NOTICE_STATES).all({ departureId: departure.id, version: departure.scheduleVersion }) as DealNoticeState[];
}

const isReminderDue = (ctx: Ctx, departure: Schedule) =>
  departure.status === 'scheduled' && departure.departsAt > ctx.now && departure.departsAt - REMINDER_LEAD_MS <= ctx.now;

/**
 * What a booking is owed now. Nothing when the current version already has its notice (the
 * sender or a person is on it). A booking that was told something else gets a correction
 * at once, whenever the departure is; one never told gets its reminder from T-24h.
 */
function owedNotice(ctx: Ctx, departure: Schedule, state: DealNoticeState): DepartureNoticeKind | null {
  if (state.currentStatus !== null) return null;
  if (departure.status !== 'scheduled' || departure.departsAt <= ctx.now) return null;
  if (state.toldDepartsAt !== null) {
    // Each booking against its own stop: a change at another stop leaves it told.
    const pickup = pickupOfState(departure, state);
    const stillTrue = state.toldDepartsAt === pickup.at && state.toldMeetingPoint === pickup.place;
    return stillTrue ? null : 'departure_changed';
  }
  return isReminderDue(ctx, departure) ? 'departure_reminder' : null;
}

/** The notices a departure's bookings are owed now; reads only. */
export async function owedNotices(ctx: Ctx, departure: Schedule): Promise<PlannedNotice[]> {
  const planned: PlannedNotice[] = [];
  for (const state of await dealNoticeStates(ctx, departure)) {
    const kind = owedNotice(ctx, departure, state);
    if (!kind) continue;
    const pickup = pickupOfState(departure, state);
    planned.push({
      toldDepartsAt: pickup.at,
      toldMeetingPoint: pickup.place,
      dealId: state.dealId,
      departureId: departure.id,
      kind,
      scheduleVersion: departure.scheduleVersion,
      ...routedColumns(ctx.agency, state),
      locale: state.locale ?? ctx.agency.locale,
    });
  }
  return planned;
}

/**
 * Writes planned notices into the outbox (a booking no channel reaches as `no_address`, for a
 * phone call). The unique (deal, version) index makes a second planner's insert a no-op.
 */
export async function queueNotices(ctx: TxCtx, departure: Schedule, planned: PlannedNotice[]): Promise<NotificationRow[]> {
  const insert = statement(
    ctx.sqlite,
    `INSERT INTO notifications (deal_id, departure_id, kind, schedule_version, channel, to_address, fallbacks, locale, status,
       told_departs_at, told_meeting_point, next_attempt_at, created_at, updated_at)
     VALUES (:dealId, :departureId, :kind, :scheduleVersion, :channel, :toAddress, :fallbacks, :locale, :status,
       :toldDepartsAt, :toldMeetingPoint, :wall, :now, :now)
     ON CONFLICT DO NOTHING
     RETURNING ${ROW_COLUMNS}`,
  );
  const queued: NotificationRow[] = [];
  for (const notice of planned) {
    const row = await insert.get({
      ...notice,
      now: ctx.now,
      // Due at once in the real world, whatever instant the planner was asked about.
      wall: wallOf(ctx),
    }) as NotificationRow | undefined;
    if (row) queued.push(row);
  }
  return queued;
}

/** Departures whose reminders are due: leaving within 24 hours. */
export async function departuresInReminderWindow(ctx: Ctx): Promise<Schedule[]> {
  return await statement(
    ctx.sqlite,
    `SELECT id, departs_at AS departsAt, meeting_point AS meetingPoint, schedule_version AS scheduleVersion, status
     FROM departures WHERE departs_at > :now AND departs_at <= :until AND status = 'scheduled' ORDER BY departs_at, id`,
  ).all({ now: ctx.now, until: ctx.now + REMINDER_LEAD_MS }) as Schedule[];
}

/**
 * After a departure's time or meeting point changed, inside that change's transaction:
 * notices not yet sent for the old schedule are withdrawn, and bookings already told get
 * their correction queued. Several changes before the next pass leave one notice at most.
 */
export async function onScheduleChanged(ctx: TxCtx, departure: Schedule): Promise<NotificationRow[]> {
  await ctx.db
    .update(notifications)
    .set({ status: 'superseded', error: 'replaced by a notice for the new time or place', updatedAt: ctx.now })
    .where(
      and(
        eq(notifications.departureId, departure.id),
        inArray(notifications.kind, ['departure_reminder', 'departure_changed']),
        eq(notifications.status, 'pending'),
        lt(notifications.scheduleVersion, departure.scheduleVersion),
      ),
    )
    .run();
  return await queueNotices(ctx, departure, await owedNotices(ctx, departure));
}

/**
 * The operator told the travellers by phone: this counts as the notice for the current
 * time and place. A notice that could not go out or may not have arrived (no address,
 * failed, waiting, uncertain) is recorded as told by phone; if there is none yet, one is
 * written.
 */
export async function recordToldByPhone(ctx: ActingCtx, dealId: number): Promise<NotificationRow> {
  return await atomically(ctx, async (ctx) => {
      const deal = await getDealRow(ctx, dealId);
      if (deal.cancelledAt !== null) throw new DomainError('invalid_transition', 'This deal is cancelled', { status: 'cancelled' });
      const departure = (await ctx.db.select().from(departures).where(eq(departures.id, deal.departureId)).get())!;
      if (departure.departsAt <= ctx.now) {
        throw new DomainError('conflict', 'This departure has left: there is nothing left to tell', { departsAt: new Date(departure.departsAt).toISOString() });
      }
      const contact = (await ctx.db.select().from(contacts).where(eq(contacts.id, deal.contactId)).get())!;
      const stop = await bookingStop(ctx, departure.id, deal.stopId);
      const pickup = pickupOf(departure, { offset: stop.offsetMinutes, name: stop.name, address: stop.address });
      const told = {
        status: 'sent' as const,
        channel: 'phone' as const,
        toAddress: contact.phone ?? contact.email,
        toldDepartsAt: pickup.at,
        toldMeetingPoint: pickup.place,
        sentAt: ctx.now,
        claimToken: null,
        claimedBy: null,
        leaseUntil: null,
        createdBy: ctx.actor.id,
        updatedAt: ctx.now,
      };
      const current = await ctx.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.dealId, dealId), eq(notifications.scheduleVersion, departure.scheduleVersion), inArray(notifications.kind, ['departure_reminder', 'departure_changed'])))
        .get();
      let row: NotificationRow;
      if (current && hasReached(current.status)) {
        // Already reached them (sent, or delivered by SMS): the call changes nothing.
        row = current;
      } else if (current) {
        row = (await ctx.db.update(notifications).set(told).where(eq(notifications.id, current.id)).returning().get())!;
      } else {
        const everTold = await statement(
          ctx.sqlite,
          `SELECT 1 FROM notifications n WHERE n.deal_id = ? AND ${toldNotice('n')} LIMIT 1`,
        ).get(dealId);
        row = await ctx.db
          .insert(notifications)
          .values({
            ...told,
            dealId,
            departureId: departure.id,
            kind: everTold ? 'departure_changed' : 'departure_reminder',
            scheduleVersion: departure.scheduleVersion,
            locale: contact.locale ?? ctx.agency.locale,
            nextAttemptAt: ctx.now,
            createdAt: ctx.now,
          })
          .returning()
          .get();
      }
      await recordNotified(ctx, dealId);
      return row;
    });
}

/** Everything a departure notice mail says, as the notice was queued. One query per part, all prepared. */
export async function departureNoticeOf(ctx: Ctx, row: NotificationRow & { dealId: number }) {
  const facts = await statement(
    ctx.sqlite,
    `SELECT c.name AS clientName, dep.title AS trip, dep.time_zone AS zone, d.price_minor AS priceMinor, d.currency AS currency,
       ${paidOf('d')} AS paidMinor
     FROM deals d JOIN contacts c ON c.id = d.contact_id JOIN departures dep ON dep.id = d.departure_id
     WHERE d.id = ?`,
  ).get(row.dealId) as { clientName: string; trip: string; zone: string; priceMinor: number; currency: string; paidMinor: number };
  const names = (await statement(ctx.sqlite, `SELECT name FROM travellers WHERE deal_id = ? ORDER BY position`).all(row.dealId) as { name: string }[]).map((t) => t.name);
  const previous =
    row.kind === 'departure_changed'
      ? (await statement(
          ctx.sqlite,
          `SELECT n.told_departs_at AS departsAt, n.told_meeting_point AS meetingPoint FROM notifications n
           WHERE n.deal_id = ? AND n.id < ? AND ${toldNotice('n')}
           ORDER BY id DESC LIMIT 1`,
        ).get(row.dealId, row.id) as { departsAt: number; meetingPoint: string } | undefined)
      : undefined;
  return {
    zone: facts.zone,
    clientName: facts.clientName,
    trip: facts.trip,
    departsAt: row.toldDepartsAt!,
    meetingPoint: row.toldMeetingPoint!,
    previous: previous ?? null,
    travellers: names.length ? names : [facts.clientName],
    balanceMinor: Math.max(0, facts.priceMinor - facts.paidMinor),
    currency: facts.currency,
  };
}
