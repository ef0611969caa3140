import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { workItem } from './item.js';
import { priorityOf } from './priority.js';
import { filtersOf, scopeParams, type Filters, type Scope } from './scope.js';
import type { Listed } from './types.js';

/** Offers not yet booked, soonest hold end first (the waitlist_hold_idx order). */
export function waitlistOffersSql(filters: Filters): string {
  return `
    SELECT w.id AS entryId, w.seats, w.hold_until AS holdUntil, c.id AS contactId, c.name AS contactName,
      coalesce(w.manager_id, c.manager_id) AS managerId, dep.id AS departureId, dep.title AS departureTitle,
      dep.departs_at AS departsAt, dep.price_minor * w.seats AS amountMinor, dep.currency
    FROM waitlist_entries w
    JOIN contacts c ON c.id = w.contact_id
    JOIN departures dep ON dep.id = w.departure_id
    WHERE w.status = 'offered'
      ${filters.departure ? 'AND w.departure_id = :departureId' : ''}
      ${filters.manager ? 'AND coalesce(w.manager_id, c.manager_id) = :managerId' : ''}
      ${filters.after ? 'AND w.hold_until >= :afterAt AND (w.hold_until > :afterAt OR w.id > :afterId)' : ''}
    ORDER BY w.hold_until, w.id
    LIMIT :limit`;
}

/** Clients offered freed seats: call them before the hold ends, or the seats go to the next. */
export async function waitlistItems(ctx: Ctx, scope: Scope): Promise<Listed> {
  const rows = await statement(ctx.sqlite, waitlistOffersSql(filtersOf(scope))).all(scopeParams(ctx, scope)) as {
    entryId: number;
    seats: number;
    holdUntil: number;
    contactId: number;
    contactName: string;
    managerId: number | null;
    departureId: number;
    departureTitle: string;
    departsAt: number;
    amountMinor: number;
    currency: string;
  }[];
  const items = rows.map((row) =>
    workItem({
      kind: 'contact',
      id: row.contactId,
      list: 'waitlist-offers',
      contactId: row.contactId,
      contactName: row.contactName,
      managerId: row.managerId,
      departureId: row.departureId,
      departureTitle: row.departureTitle,
      departsAt: row.departsAt,
      amountMinor: row.amountMinor,
      currency: row.currency,
      waitlistEntryId: row.entryId,
      reason: { code: 'waitlist_offer', seats: row.seats, holdUntil: row.holdUntil },
      dueAt: row.holdUntil,
      priority: priorityOf({ now: ctx.now, departsAt: row.departsAt, amountMinor: row.amountMinor, dueAt: row.holdUntil }),
    }),
  );
  return { items, keys: rows.map((row) => [row.holdUntil, row.entryId]) };
}
