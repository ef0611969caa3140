/**
 * Each person's calendar: the departures they run or sell and their open tasks, behind a
 * private link they paste into Google Calendar or Outlook. The link is signed with the
 * person's calendar version; "a new link" bumps it, so the old one stops at once.
 */
import { eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import { statement } from '../../db/statements.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx, Locale } from '../context.js';
import { notFound } from '../errors.js';
import { readLink, signLink } from '../links.js';
import { DAY_MS } from '../time.js';

/** How far back and ahead the feed reaches. */
const PAST_DAYS = 30;
const AHEAD_DAYS = 400;

export async function calendarToken(ctx: Ctx, userId: number): Promise<string> {
  const user = await ctx.db.select({ version: users.calendarVersion }).from(users).where(eq(users.id, userId)).get();
  if (!user) throw notFound('user', userId);
  return await signLink(ctx.sqlite, 'calendar', [userId, user.version]);
}

/** A new private link: the old one answers nothing from now on. */
export async function renewCalendarToken(ctx: ActingCtx): Promise<string> {
  await atomically(ctx, async (ctx) => {
    await ctx.db.update(users).set({ calendarVersion: sql`${users.calendarVersion} + 1`, updatedAt: ctx.now }).where(eq(users.id, ctx.actor.id)).run();
  });
  return await calendarToken(ctx, ctx.actor.id);
}

export interface CalendarOwner {
  id: number;
  name: string;
  role: 'operator' | 'manager' | 'director';
  locale: Locale | null;
}

/** Whose feed a link opens: an active person whose link is the current one; anything else is not found. */
export async function calendarOwner(ctx: Ctx, token: string): Promise<CalendarOwner> {
  const ids = await readLink(ctx.sqlite, 'calendar', token, 2);
  const user = ids ? await ctx.db.select().from(users).where(eq(users.id, ids[0]!)).get() : undefined;
  if (!ids || !user || !user.active || user.calendarVersion !== ids[1]) throw notFound('calendar', token);
  return { id: user.id, name: user.name, role: user.role, locale: user.locale };
}

export interface CalendarDeparture {
  id: number;
  title: string;
  departsAt: number;
  returnsAt: number | null;
  timeZone: string;
  meetingPoint: string;
  seats: number;
  seatsBooked: number;
  updatedAt: number;
}

export interface CalendarTask {
  id: number;
  title: string;
  dueAt: number;
  note: string | null;
  departureTitle: string | null;
  updatedAt: number;
}

/**
 * A director's feed has every trip; anyone else's the trips they run (operator or manager of
 * the departure) or have bookings on. Open tasks are the person's own.
 */
export async function calendarOf(ctx: Ctx, owner: CalendarOwner): Promise<{ departures: CalendarDeparture[]; tasks: CalendarTask[] }> {
  const window = { from: ctx.now - PAST_DAYS * DAY_MS, to: ctx.now + AHEAD_DAYS * DAY_MS, user: owner.id };
  const mine = owner.role === 'director' ? '' : `AND (dep.operator_id = :user OR dep.manager_id = :user OR EXISTS (SELECT 1 FROM deals d WHERE d.departure_id = dep.id AND d.manager_id = :user))`;
  const departures = await statement(
    ctx.sqlite,
    `SELECT dep.id, dep.title, dep.departs_at AS departsAt, dep.returns_at AS returnsAt, dep.time_zone AS timeZone, dep.meeting_point AS meetingPoint,
       dep.seats, (SELECT coalesce(sum(d.seats), 0) FROM deals d WHERE d.departure_id = dep.id AND d.status <> 'cancelled') AS seatsBooked, dep.updated_at AS updatedAt
     FROM departures dep
     WHERE dep.departs_at >= :from AND dep.departs_at < :to AND dep.status = 'scheduled' ${mine}
     ORDER BY dep.departs_at, dep.id`,
  ).all(owner.role === 'director' ? { from: window.from, to: window.to } : window) as CalendarDeparture[];
  const tasks = await statement(
    ctx.sqlite,
    `SELECT t.id, t.title, t.due_at AS dueAt, t.note, dep.title AS departureTitle, t.updated_at AS updatedAt
     FROM tasks t LEFT JOIN departures dep ON dep.id = t.departure_id
     WHERE t.assignee_id = :user AND t.status = 'open' AND t.due_at >= :from AND t.due_at < :to
     ORDER BY t.due_at, t.id`,
  ).all(window) as CalendarTask[];
  return { departures, tasks };
}
