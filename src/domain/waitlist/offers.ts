/**
 * Seats held for the waiting list, and the offers that hold them. Kept apart from the
 * entries' verbs so the capacity check (departures, deals) can count holds and a freed seat
 * can be offered without the booking code and the waiting list importing each other.
 */
import { eq, sql } from 'drizzle-orm';
import { waitlistEntries } from '../../db/schema/index.js';
import { statement } from '../../db/statements.js';
import { routedColumns, type Reachable } from '../notifications/channels.js';
import { atomically } from '../../db/transaction.js';
import { wallOf, type Ctx } from '../context.js';
import { HOUR_MS } from '../time.js';
import { emitEvent } from '../webhooks/events.js';
import { serializeEntry } from './entry-view.js';

export const DEFAULT_WAITLIST_HOLD_HOURS = 24;

/** Seats held by offers not yet booked, expired or withdrawn, for the departure `"departures"`. */
export const seatsHeldSql = sql<number>`(select coalesce(sum(w.seats), 0) from waitlist_entries w
  where w.departure_id = "departures"."id" and w.status = 'offered')`;

/** Seats the departure's offers hold, apart from one entry's own (the one now booking). */
export async function heldSeats(ctx: Ctx, departureId: number, exceptEntryId?: number): Promise<number> {
  const row = await statement(
    ctx.sqlite,
    `SELECT coalesce(sum(seats), 0) AS held FROM waitlist_entries WHERE departure_id = ? AND status = 'offered' AND id <> ?`,
  ).get(departureId, exceptEntryId ?? 0) as { held: number };
  return row.held;
}

interface Waiting extends Reachable {
  id: number;
  seats: number;
  locale: string | null;
}

/**
 * After seats became free (a cancellation, a smaller booking, a bigger bus, an offer that
 * lapsed), inside that change's transaction: the earliest waiting entries that fit are
 * offered, each holding its seats until the hold ends, and each client gets an offer mail.
 * Returns how many entries were offered.
 */
export async function offerFreedSeats(ctx: Ctx, departureId: number): Promise<number> {
  return await atomically(ctx, async (ctx) => {
    const departure = await statement(
      ctx.sqlite,
      `SELECT dep.seats - (SELECT coalesce(sum(d.seats), 0) FROM deals d WHERE d.departure_id = dep.id AND d.status <> 'cancelled')
         - (SELECT coalesce(sum(w.seats), 0) FROM waitlist_entries w WHERE w.departure_id = dep.id AND w.status = 'offered') AS free
       FROM departures dep WHERE dep.id = ? AND dep.status = 'scheduled' AND dep.departs_at > ?`,
    ).get(departureId, ctx.now) as { free: number } | undefined;
    if (!departure || departure.free <= 0) return 0;
    let free = departure.free;
    const waiting = await statement(
      ctx.sqlite,
      `SELECT w.id, w.seats, c.email, c.phone, c.channels, c.telegram_chat_id AS telegramChatId, c.locale FROM waitlist_entries w JOIN contacts c ON c.id = w.contact_id
       WHERE w.departure_id = ? AND w.status = 'waiting' ORDER BY w.id`,
    ).all(departureId) as Waiting[];
    const holdUntil = ctx.now + (ctx.agency.waitlistHoldHours ?? DEFAULT_WAITLIST_HOLD_HOURS) * HOUR_MS;
    let offered = 0;
    for (const entry of waiting) {
      if (entry.seats > free) continue;
      await statement(ctx.sqlite, `UPDATE waitlist_entries SET status = 'offered', offered_at = :now, hold_until = :holdUntil, updated_at = :now WHERE id = :id`).run({
        id: entry.id,
        now: ctx.now,
        holdUntil,
      });
      await statement(
        ctx.sqlite,
        `INSERT INTO notifications (waitlist_entry_id, departure_id, kind, channel, to_address, fallbacks, locale, status, next_attempt_at, due_at, created_at, updated_at)
         VALUES (:entryId, :departureId, 'waitlist_offer', :channel, :toAddress, :fallbacks, :locale, :status, :wall, :holdUntil, :now, :now)
         ON CONFLICT DO NOTHING`,
      ).run({
        entryId: entry.id,
        departureId,
        ...routedColumns(ctx.agency, entry),
        locale: entry.locale ?? ctx.agency.locale,
        wall: wallOf(ctx),
        holdUntil,
        now: ctx.now,
      });
      await emitEvent(
        ctx,
        'waitlist.offered',
        { entryId: entry.id, departureId, holdUntil: new Date(holdUntil).toISOString() },
        async (ctx) => ({ entry: serializeEntry((await ctx.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, entry.id)).get())!) }),
      );
      free -= entry.seats;
      offered++;
      if (free <= 0) break;
    }
    return offered;
  });
}

/**
 * The scheduler's step: offers whose hold ran out become `expired` and their seats go to
 * the next entries. Under the write lock, so two passes at once expire each offer once.
 */
export async function expireHolds(ctx: Ctx): Promise<{ expired: number; offered: number }> {
  return await atomically(ctx, async (ctx) => {
    const lapsed = await statement(
      ctx.sqlite,
      `UPDATE waitlist_entries SET status = 'expired', updated_at = :now
       WHERE status = 'offered' AND hold_until <= :now
       RETURNING departure_id AS departureId`,
    ).all({ now: ctx.now }) as { departureId: number }[];
    let offered = 0;
    for (const departureId of new Set(lapsed.map((row) => row.departureId))) offered += await offerFreedSeats(ctx, departureId);
    return { expired: lapsed.length, offered };
  });
}

/** What an offer mail says: the trip, the seats and how long they are held. */
export async function waitlistOfferOf(ctx: Ctx, entryId: number) {
  return await statement(
    ctx.sqlite,
    `SELECT c.name AS clientName, dep.title AS trip, dep.departs_at AS departsAt, dep.time_zone AS zone, w.seats, w.hold_until AS holdUntil
     FROM waitlist_entries w JOIN contacts c ON c.id = w.contact_id JOIN departures dep ON dep.id = w.departure_id WHERE w.id = ?`,
  ).get(entryId) as { clientName: string; trip: string; departsAt: number; zone: string; seats: number; holdUntil: number };
}
