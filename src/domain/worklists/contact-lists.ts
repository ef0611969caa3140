import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { DAY_MS } from '../time.js';
import { workItem } from './item.js';
import { priorityOf } from './priority.js';
import { filtersOf, scopeParams, type Filters, type Scope } from './scope.js';
import type { Listed, Reason, WorkItem } from './types.js';

export function contactsDueSql(filters: Filters): string {
  return `
    SELECT c.id, c.name, c.manager_id AS managerId, c.next_contact_at AS nextContactAt,
      c.follow_up_departure_id AS followUpDepartureId, (SELECT f.title FROM departures f WHERE f.id = c.follow_up_departure_id) AS followUpTrip,
      (SELECT m.summary FROM communications m WHERE m.contact_id = c.id ORDER BY m.at DESC, m.id DESC LIMIT 1) AS summary
    FROM contacts c
    WHERE c.next_contact_at <= :now
      ${filters.manager ? 'AND c.manager_id = :managerId' : ''}
      ${filters.departure ? 'AND EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id AND d.departure_id = :departureId)' : ''}
      ${filters.after ? 'AND c.next_contact_at >= :afterAt AND (c.next_contact_at > :afterAt OR c.id > :afterId)' : ''}
    ORDER BY c.next_contact_at, c.id
    LIMIT :limit`;
}

/** A promise to call back is worth something even with no trip attached. */
const PLANNED_CONTACT_BASE = 20;

/** A client to talk to, with no booking or inquiry attached to the reason. */
function contactItem(ctx: Ctx, row: { id: number; name: string; managerId: number | null }, reason: Reason, dueAt: number): WorkItem {
  const priority = Math.min(100, PLANNED_CONTACT_BASE + priorityOf({ now: ctx.now, dueAt }));
  return workItem({ kind: 'contact', id: row.id, list: 'contacts-due', contactId: row.id, contactName: row.name, managerId: row.managerId, reason, dueAt, priority });
}

export async function contactItems(ctx: Ctx, scope: Scope): Promise<Listed> {
  const rows = await statement(ctx.sqlite, contactsDueSql(filtersOf(scope))).all(scopeParams(ctx, scope)) as {
    id: number;
    name: string;
    managerId: number | null;
    nextContactAt: number;
    summary: string | null;
    followUpDepartureId: number | null;
    followUpTrip: string | null;
  }[];
  // After a trip the planned call is about that trip: "how was Ohrid, what next".
  const items = rows.map((row) =>
    contactItem(
      ctx,
      row,
      row.followUpDepartureId !== null && row.followUpTrip !== null
        ? { code: 'follow_up', trip: row.followUpTrip, departureId: row.followUpDepartureId }
        : { code: 'planned_contact', summary: row.summary },
      row.nextContactAt,
    ),
  );
  return { items, keys: rows.map((row) => [row.nextContactAt, row.id]) };
}

/** How long a transferred client stays marked "newly received" if nobody talks to them. */
export const RECEIVED_DAYS = 7;

/** The SQL of "newly received" clients (exposed for the benchmark's bare baseline). */
export const receivedSql = (manager: boolean) => `SELECT c.id, c.name, c.manager_id AS managerId, c.received_at AS receivedAt FROM contacts c
     WHERE c.received_at > :since ${manager ? 'AND c.manager_id = :managerId' : ''}
       AND NOT EXISTS (SELECT 1 FROM communications m WHERE m.contact_id = c.id AND m.created_at >= c.received_at)
     ORDER BY c.received_at DESC LIMIT :limit`;

/**
 * Clients transferred to a manager who has not talked to them since: "newly received" on
 * that manager's my-day.
 */
export async function receivedItems(ctx: Ctx, scope: Scope): Promise<WorkItem[]> {
  const rows = await statement(ctx.sqlite, receivedSql(!!scope.managerId)).all({
    since: ctx.now - RECEIVED_DAYS * DAY_MS,
    limit: scope.limit,
    ...(scope.managerId ? { managerId: scope.managerId } : {}),
  }) as {
    id: number;
    name: string;
    managerId: number | null;
    receivedAt: number;
  }[];
  return rows.map((row) => contactItem(ctx, row, { code: 'newly_received', receivedAt: row.receivedAt }, row.receivedAt + DAY_MS));
}
