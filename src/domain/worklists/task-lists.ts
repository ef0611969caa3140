import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { DAY_MS } from '../time.js';
import { workItem } from './item.js';
import { priorityOf } from './priority.js';
import { filtersOf, scopeParams, type Filters, type Scope } from './scope.js';
import type { Listed } from './types.js';

/** A task is on the list from a day before its deadline. */
const TASK_HORIZON_MS = DAY_MS;

/** Open tasks due within a day or overdue, earliest first (tasks_open_due_idx, or the assignee's). Tasks of a cancelled trip are left out. */
export function tasksDueSql(filters: Filters): string {
  return `
    SELECT t.id, t.title, t.due_at AS dueAt, t.assignee_id AS managerId, t.plan_days_before AS planDaysBefore,
      coalesce(t.contact_id, 0) AS contactId, coalesce(c.name, '') AS contactName,
      dep.id AS departureId, dep.title AS departureTitle, dep.departs_at AS departsAt
    FROM tasks t
    LEFT JOIN contacts c ON c.id = t.contact_id
    LEFT JOIN departures dep ON dep.id = t.departure_id
    WHERE t.status = 'open' AND t.due_at <= :horizon
      AND (dep.id IS NULL OR dep.status = 'scheduled')
      ${filters.departure ? 'AND t.departure_id = :departureId' : ''}
      ${filters.manager ? 'AND t.assignee_id = :managerId' : ''}
      ${filters.after ? 'AND t.due_at >= :afterAt AND (t.due_at > :afterAt OR t.id > :afterId)' : ''}
    ORDER BY t.due_at, t.id
    LIMIT :limit`;
}

/**
 * Work someone was given with a deadline: a plan stage or a colleague's request. On the
 * assignee's day from the day before it is due; overdue ones climb as the days pass.
 */
export async function taskItems(ctx: Ctx, scope: Scope): Promise<Listed> {
  const rows = await statement(ctx.sqlite, tasksDueSql(filtersOf(scope))).all({ ...scopeParams(ctx, scope), horizon: ctx.now + TASK_HORIZON_MS }) as {
    id: number;
    title: string;
    dueAt: number;
    managerId: number;
    planDaysBefore: number | null;
    contactId: number;
    contactName: string;
    departureId: number | null;
    departureTitle: string | null;
    departsAt: number | null;
  }[];
  const items = rows.map((row) =>
    workItem({
      kind: 'task',
      id: row.id,
      list: 'tasks-due',
      contactId: row.contactId,
      contactName: row.contactName,
      managerId: row.managerId,
      departureId: row.departureId,
      departureTitle: row.departureTitle,
      departsAt: row.departsAt,
      reason: { code: 'task_due', title: row.title, overdue: row.dueAt < ctx.now, planned: row.planDaysBefore !== null },
      dueAt: row.dueAt,
      priority: priorityOf({ now: ctx.now, departsAt: row.departsAt, dueAt: row.dueAt }),
    }),
  );
  return { items, keys: rows.map((row) => [row.dueAt, row.id]) };
}
