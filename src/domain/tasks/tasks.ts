/** Tasks created, moved, completed with their report, and listed. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { contacts, deals, departures, tasks, users } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx } from '../context.js';
import { requireActiveUser } from '../users/active.js';
import { DomainError, notFound } from '../errors.js';
import { decodeCursor, page } from '../paging.js';
import { parseInstant } from '../time.js';
import type { CompleteTaskInput, CreateTaskInput, ListTasksQuery, UpdateTaskInput } from './schemas.js';

export type TaskRow = typeof tasks.$inferSelect;

/** A task as answers show it: with the names of the people and things it is linked to. */
export interface TaskView extends TaskRow {
  assigneeName: string | null;
  departureTitle: string | null;
  departsAt: number | null;
  contactName: string | null;
  doneByName: string | null;
}

export function serializeTask(row: TaskView, now: number) {
  return {
    id: row.id,
    title: row.title,
    note: row.note,
    dueAt: row.dueAt,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeName,
    departureId: row.departureId,
    departureTitle: row.departureTitle,
    departsAt: row.departsAt,
    dealId: row.dealId,
    contactId: row.contactId,
    contactName: row.contactName,
    /** A stage of the departure's plan (moves with the departure while open). */
    planned: row.planDaysBefore !== null,
    planRole: row.planRole,
    daysBeforeDeparture: row.planDaysBefore,
    status: row.status,
    overdue: row.status === 'open' && row.dueAt < now,
    report: row.report,
    doneAt: row.doneAt,
    doneBy: row.doneBy,
    doneByName: row.doneByName,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type TaskAnswer = Awaited<ReturnType<typeof serializeTask>>;

const TASK_VIEW = sql`SELECT t.*, a.name AS assigneeName, dep.title AS departureTitle, dep.departs_at AS departsAt,
    c.name AS contactName, b.name AS doneByName
  FROM tasks t
  JOIN users a ON a.id = t.assignee_id
  LEFT JOIN departures dep ON dep.id = t.departure_id
  LEFT JOIN contacts c ON c.id = t.contact_id
  LEFT JOIN users b ON b.id = t.done_by`;

/** Raw rows use the columns' SQL names; the view speaks the domain's. */
function viewOf(raw: Record<string, unknown>): TaskView {
  return {
    id: raw.id as number,
    title: raw.title as string,
    note: (raw.note as string | null) ?? null,
    dueAt: raw.due_at as number,
    assigneeId: raw.assignee_id as number,
    departureId: (raw.departure_id as number | null) ?? null,
    dealId: (raw.deal_id as number | null) ?? null,
    contactId: (raw.contact_id as number | null) ?? null,
    planDaysBefore: (raw.plan_days_before as number | null) ?? null,
    planRole: (raw.plan_role as TaskRow['planRole']) ?? null,
    status: raw.status as TaskRow['status'],
    report: (raw.report as string | null) ?? null,
    doneAt: (raw.done_at as number | null) ?? null,
    doneBy: (raw.done_by as number | null) ?? null,
    createdBy: (raw.created_by as number | null) ?? null,
    createdAt: raw.created_at as number,
    updatedAt: raw.updated_at as number,
    assigneeName: (raw.assigneeName as string | null) ?? null,
    departureTitle: (raw.departureTitle as string | null) ?? null,
    departsAt: (raw.departsAt as number | null) ?? null,
    contactName: (raw.contactName as string | null) ?? null,
    doneByName: (raw.doneByName as string | null) ?? null,
  };
}

export async function getTask(ctx: Ctx, id: number): Promise<TaskView> {
  const raw = await ctx.db.get<Record<string, unknown>>(sql`${TASK_VIEW} WHERE t.id = ${id}`);
  if (!raw) throw notFound('task', id);
  return viewOf(raw);
}

/** The links a task names must exist; a booking's client and trip are taken from it when not given. */
async function linksOf(ctx: Ctx, input: Pick<CreateTaskInput, 'departureId' | 'dealId' | 'contactId'>) {
  let departureId = input.departureId ?? null;
  let contactId = input.contactId ?? null;
  if (input.dealId) {
    const deal = await ctx.db.select({ departureId: deals.departureId, contactId: deals.contactId }).from(deals).where(eq(deals.id, input.dealId)).get();
    if (!deal) throw notFound('deal', input.dealId, 'dealId');
    departureId ??= deal.departureId;
    contactId ??= deal.contactId;
  }
  if (departureId && !await ctx.db.select({ id: departures.id }).from(departures).where(eq(departures.id, departureId)).get()) {
    throw notFound('departure', departureId, 'departureId');
  }
  if (contactId && !await ctx.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId)).get()) {
    throw notFound('contact', contactId, 'contactId');
  }
  return { departureId, contactId, dealId: input.dealId ?? null };
}

export async function createTask(ctx: ActingCtx, input: CreateTaskInput): Promise<TaskView> {
  await requireActiveUser(ctx, input.assigneeId, 'assigneeId');
  const dueAt = parseInstant(input.dueAt, ctx.agency.timeZone, 'dueAt');
  const links = await linksOf(ctx, input);
  const id = await atomically(ctx, async (ctx) =>
    (await ctx.db
      .insert(tasks)
      .values({
        title: input.title,
        note: input.note ?? null,
        dueAt,
        assigneeId: input.assigneeId,
        ...links,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: tasks.id })
      .get()).id,
  );
  return await getTask(ctx, id);
}

/** Its assignee, whoever set it, and a director may change or close a task; nobody else. */
function refuseUnlessMayChange(ctx: ActingCtx, task: TaskRow): void {
  if (ctx.actor.role === 'director' || task.assigneeId === ctx.actor.id || task.createdBy === ctx.actor.id) return;
  throw new DomainError('forbidden', 'Only its assignee, whoever set it, or a director may change this task');
}

export async function updateTask(ctx: ActingCtx, id: number, input: UpdateTaskInput): Promise<TaskView> {
  if (input.assigneeId) await requireActiveUser(ctx, input.assigneeId, 'assigneeId');
  return await atomically(ctx, async (ctx) => {
    const task = await getTask(ctx, id);
    refuseUnlessMayChange(ctx, task);
    if (task.status === 'done') throw new DomainError('invalid_transition', 'The task is done: its report stands', { status: task.status });
    await ctx.db
      .update(tasks)
      .set({
        title: input.title ?? task.title,
        dueAt: input.dueAt !== undefined ? parseInstant(input.dueAt, ctx.agency.timeZone, 'dueAt') : task.dueAt,
        assigneeId: input.assigneeId ?? task.assigneeId,
        note: input.note === undefined ? task.note : input.note,
        updatedAt: ctx.now,
      })
      .where(eq(tasks.id, id))
      .run();
    return await getTask(ctx, id);
  });
}

export async function completeTask(ctx: ActingCtx, id: number, input: CompleteTaskInput): Promise<TaskView> {
  return await atomically(ctx, async (ctx) => {
    const task = await getTask(ctx, id);
    refuseUnlessMayChange(ctx, task);
    if (task.status === 'done') throw new DomainError('invalid_transition', 'The task is already done', { status: task.status });
    await ctx.db
      .update(tasks)
      .set({ status: 'done', report: input.report, doneAt: ctx.now, doneBy: ctx.actor.id, updatedAt: ctx.now })
      .where(and(eq(tasks.id, id), eq(tasks.status, 'open')))
      .run();
    return await getTask(ctx, id);
  });
}

/**
 * Tasks in the order a person works them: open ones first by deadline (overdue on top),
 * then done ones, newest report first. Paged by keyset.
 */
export async function listTasks(ctx: Ctx, query: ListTasksQuery) {
  const where: SQL[] = [sql`1 = 1`];
  if (query.assigneeId) where.push(sql`t.assignee_id = ${query.assigneeId}`);
  if (query.departureId) where.push(sql`t.departure_id = ${query.departureId}`);
  if (query.dealId) where.push(sql`t.deal_id = ${query.dealId}`);
  if (query.contactId) where.push(sql`t.contact_id = ${query.contactId}`);
  if (query.status) where.push(sql`t.status = ${query.status}`);
  if (query.overdue !== undefined) {
    where.push(query.overdue ? sql`t.status = 'open' AND t.due_at < ${ctx.now}` : sql`NOT (t.status = 'open' AND t.due_at < ${ctx.now})`);
  }
  // Open: by deadline; done: latest first (a negated instant keeps one ascending key).
  const key = sql`(CASE WHEN t.status = 'open' THEN 0 ELSE 1 END)`;
  const when = sql`(CASE WHEN t.status = 'open' THEN t.due_at ELSE -coalesce(t.done_at, 0) END)`;
  const after = decodeCursor<[number, number, number]>(query.cursor, ['number', 'number', 'number']);
  if (after) where.push(sql`(${key}, ${when}, t.id) > (${after[0]}, ${after[1]}, ${after[2]})`);
  const rows = (await ctx.db
    .all<Record<string, unknown>>(sql`${TASK_VIEW} WHERE ${sql.join(where, sql` AND `)} ORDER BY ${key}, ${when}, t.id LIMIT ${query.limit + 1}`))
    .map(viewOf);
  const keyOf = (t: TaskView) => [t.status === 'open' ? 0 : 1, t.status === 'open' ? t.dueAt : -(t.doneAt ?? 0), t.id] as const;
  return page(rows, query.limit, keyOf, (t) => serializeTask(t, ctx.now));
}

/** Active staff, for choosing whom to give a task to. */
export async function assignableUsers(ctx: Ctx) {
  return await ctx.db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(eq(users.active, true)).orderBy(users.name).all();
}
