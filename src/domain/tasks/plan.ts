/**
 * The trip's plan: the agency's stages (task templates), and the tasks each departure gets
 * from them. Imports nothing of departures, so creating and moving a departure can call it.
 */
import { forEachInOrder } from '../in-order.js';
import { DateTime } from 'luxon';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { taskTemplates, tasks } from '../../db/schema/index.js';
import { statement } from '../../db/statements.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx, Locale, TxCtx } from '../context.js';
import { DomainError } from '../errors.js';
import { defaultPlan } from './default-plan.js';
import type { PlanInput } from './schemas.js';

export interface PlanEntry {
  title: string;
  daysBeforeDeparture: number;
  role: 'operator' | 'manager';
}

export async function readPlan(ctx: Ctx): Promise<PlanEntry[]> {
  return await ctx.db
    .select({ title: taskTemplates.title, daysBeforeDeparture: taskTemplates.daysBeforeDeparture, role: taskTemplates.role })
    .from(taskTemplates)
    .orderBy(asc(taskTemplates.position), asc(taskTemplates.id))
    .all();
}

/** The director replaces the plan as a whole; departures already planned keep their tasks. */
export async function replacePlan(ctx: ActingCtx, entries: PlanInput): Promise<PlanEntry[]> {
  if (ctx.actor.role !== 'director') throw new DomainError('forbidden', 'Only a director changes the plan of every trip');
  return await atomically(ctx, async (ctx) => {
    await ctx.db.delete(taskTemplates).run();
    await forEachInOrder(entries, async (entry, position) => await ctx.db.insert(taskTemplates).values({ position, ...entry }).run());
    return await readPlan(ctx);
  });
}

/**
 * A new installation starts with the agencies' seven stages in its language, once: a plan
 * the director emptied stays empty.
 */
export async function ensureDefaultPlan(ctx: Ctx, locale: Locale): Promise<void> {
  await atomically(ctx, async (ctx) => {
    const seeded = await statement(ctx.sqlite, `INSERT OR IGNORE INTO settings (key, value) VALUES ('plan_seeded', '1')`).run();
    if (seeded.changes === 0) return;
    const empty = (await ctx.db.select({ n: sql<number>`count(*)` }).from(taskTemplates).get())!.n === 0;
    if (empty) await forEachInOrder(defaultPlan(locale), async (entry, position) => await ctx.db.insert(taskTemplates).values({ position, ...entry }).run());
  });
}

/** What a plan task needs to know of its departure. */
export interface PlannedTrip {
  id: number;
  departsAt: number;
  timeZone: string;
  operatorId: number | null;
  managerId: number | null;
}

/**
 * A stage's deadline: the end of the day so many days before the departure day, in the trip's
 * zone (as due dates count), never after the bus leaves; a stage already past when the trip is
 * planned is due at once rather than late from its first minute.
 */
export function stageDueAt(trip: Pick<PlannedTrip, 'departsAt' | 'timeZone'>, daysBefore: number, now: number): number {
  const day = DateTime.fromMillis(trip.departsAt, { zone: trip.timeZone }).minus({ days: daysBefore }).endOf('day').toMillis();
  return Math.max(Math.min(day, trip.departsAt), Math.min(now, trip.departsAt));
}

const assigneeOf = (trip: PlannedTrip, role: 'operator' | 'manager', fallback: number) =>
  (role === 'operator' ? trip.operatorId : trip.managerId) ?? fallback;

/** One task per stage of the plan, assigned to the trip's operator or manager, else to whoever planned it. */
export async function createPlanTasks(ctx: ActingCtx, trip: PlannedTrip): Promise<number> {
  const plan = await readPlan(ctx);
  await atomically(ctx, async (ctx) => {
    for (const stage of plan) {
      await ctx.db
        .insert(tasks)
        .values({
          title: stage.title,
          dueAt: stageDueAt(trip, stage.daysBeforeDeparture, ctx.now),
          assigneeId: assigneeOf(trip, stage.role, ctx.actor.id),
          departureId: trip.id,
          planDaysBefore: stage.daysBeforeDeparture,
          planRole: stage.role,
          createdBy: ctx.actor.id,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .run();
    }
  });
  return plan.length;
}

/**
 * The departure moved, or changed hands: its open plan tasks follow (new deadlines; the new
 * operator or manager takes that role's stages). Done stages stay as they were reported.
 */
export async function followTrip(ctx: TxCtx, trip: PlannedTrip, changed: { time: boolean; operator: boolean; manager: boolean }): Promise<void> {
  if (!changed.time && !changed.operator && !changed.manager) return;
  const open = await ctx.db
    .select({ id: tasks.id, planDaysBefore: tasks.planDaysBefore, planRole: tasks.planRole })
    .from(tasks)
    .where(and(eq(tasks.departureId, trip.id), eq(tasks.status, 'open'), isNotNull(tasks.planDaysBefore)))
    .all();
  for (const task of open) {
    const set: Partial<typeof tasks.$inferInsert> = { updatedAt: ctx.now };
    if (changed.time) set.dueAt = stageDueAt(trip, task.planDaysBefore!, ctx.now);
    const newPerson = task.planRole === 'operator' ? (changed.operator ? trip.operatorId : null) : changed.manager ? trip.managerId : null;
    if (newPerson) set.assigneeId = newPerson;
    await ctx.db.update(tasks).set(set).where(eq(tasks.id, task.id)).run();
  }
}

export interface StuckTrip {
  departureId: number;
  title: string;
  departsAt: number;
  overdue: number;
  /** The earliest overdue stage: what holds the trip up. */
  firstTitle: string;
  firstDueAt: number;
}

/** For the director: upcoming trips with plan stages past their deadline and still open. */
export async function stuckStages(ctx: Ctx, limit = 50): Promise<StuckTrip[]> {
  return await statement(
    ctx.sqlite,
    `SELECT dep.id AS departureId, dep.title, dep.departs_at AS departsAt, count(*) AS overdue,
        (SELECT f.title FROM tasks f WHERE f.departure_id = dep.id AND f.status = 'open' AND f.plan_days_before IS NOT NULL AND f.due_at < :now ORDER BY f.due_at, f.id LIMIT 1) AS firstTitle,
        min(t.due_at) AS firstDueAt
     FROM tasks t JOIN departures dep ON dep.id = t.departure_id
     WHERE t.status = 'open' AND t.due_at < :now AND t.plan_days_before IS NOT NULL
       AND dep.status = 'scheduled' AND dep.departs_at > :now
     GROUP BY dep.id ORDER BY dep.departs_at, dep.id LIMIT :limit`,
  ).all({ now: ctx.now, limit }) as StuckTrip[];
}
