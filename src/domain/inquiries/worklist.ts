import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { DAY_MS } from '../time.js';
import { priorityOf, urgencyOf } from '../worklists/priority.js';
import type { Scope, WorkItem } from '../worklists/worklists.js';
import { OFFER_MIN_CONTACTS } from './inquiries.js';

export const INQUIRY_LIST_NAMES = ['new', 'first-offer-overdue', 'offer-expiring'] as const;
export type InquiryListName = (typeof INQUIRY_LIST_NAMES)[number];

/** A lead not yet answered is worth a call before most paperwork. */
const LEAD_BASE = 30;

export type InquiryReason =
  | { code: 'new_inquiry'; source: string | null; reactivation: boolean }
  | { code: 'first_offer_overdue'; dueAt: number }
  | { code: 'offer_expiring'; expiresAt: number; contacts: number; tooFewContacts: boolean };

/** A lead on a worklist: a work item whose reason is about an inquiry. */
export type InquiryItem = WorkItem & { kind: 'inquiry'; reason: InquiryReason };

interface Row {
  id: number;
  contactId: number;
  contactName: string;
  managerId: number | null;
  departureId: number | null;
  departureTitle: string | null;
  departsAt: number | null;
  source: string | null;
  reactivation: number;
  firstOfferDueAt: number;
  offerExpiresAt: number | null;
  contacts: number;
}

/** Each list is an index range over live leads (flagged clients are on none). */
const WHERE: Record<InquiryListName, { where: string; order: string; key: string }> = {
  new: { where: `i.status = 'new'`, order: 'i.id', key: 'i.id' },
  'first-offer-overdue': {
    where: `i.status IN ('new', 'selecting') AND i.first_offer_due_at <= :now`,
    order: 'i.first_offer_due_at, i.id',
    key: 'i.first_offer_due_at',
  },
  'offer-expiring': { where: `i.status = 'offer_made' AND i.offer_expires_at <= :now + ${DAY_MS}`, order: 'i.offer_expires_at, i.id', key: 'i.offer_expires_at' },
};

/** The SQL of an inquiry list, exposed so tests can check its query plan. */
export function inquiryListSql(name: InquiryListName, filters: { departure: boolean; manager: boolean; after: boolean }) {
  const rule = WHERE[name];
  return `
    SELECT i.id, i.contact_id AS contactId, c.name AS contactName, i.manager_id AS managerId, i.departure_id AS departureId,
      dep.title AS departureTitle, dep.departs_at AS departsAt, i.source, i.reactivation,
      i.first_offer_due_at AS firstOfferDueAt, i.offer_expires_at AS offerExpiresAt,
      ${name === 'offer-expiring' ? '(SELECT count(*) FROM communications m WHERE m.contact_id = i.contact_id AND m.at >= i.offer_made_at)' : '0'} AS contacts
    FROM inquiries i
    JOIN contacts c ON c.id = i.contact_id
    LEFT JOIN departures dep ON dep.id = i.departure_id
    WHERE ${rule.where} AND i.flagged = 0
      ${filters.manager ? 'AND i.manager_id = :managerId' : ''}
      ${filters.departure ? 'AND i.departure_id = :departureId' : ''}
      ${filters.after ? `AND (${rule.key} > :afterAt OR (${rule.key} = :afterAt AND i.id > :afterId))` : ''}
    ORDER BY ${rule.order}
    LIMIT :limit`;
}


/** One inquiry list as work items, with their paging keys. */
export function inquiryItems(ctx: Ctx, name: InquiryListName, scope: Scope): { items: InquiryItem[]; keys: [number, number][] } {
  const filters = { departure: !!scope.departureId, manager: !!scope.managerId, after: !!scope.after };
  const rows = statement(ctx.sqlite, inquiryListSql(name, filters)).all({
    now: ctx.now,
    limit: scope.limit,
    ...(scope.departureId ? { departureId: scope.departureId } : {}),
    ...(scope.managerId ? { managerId: scope.managerId } : {}),
    ...(scope.after ? { afterAt: scope.after[0], afterId: scope.after[1] } : {}),
  }) as Row[];
  const items = rows.map((row): InquiryItem => {
    const reason: InquiryReason =
      name === 'new'
        ? { code: 'new_inquiry', source: row.source, reactivation: !!row.reactivation }
        : name === 'first-offer-overdue'
          ? { code: 'first_offer_overdue', dueAt: row.firstOfferDueAt }
          : { code: 'offer_expiring', expiresAt: row.offerExpiresAt!, contacts: row.contacts, tooFewContacts: row.contacts < OFFER_MIN_CONTACTS };
    const dueAt = name === 'offer-expiring' ? row.offerExpiresAt! : row.firstOfferDueAt;
    const priority = Math.min(100, LEAD_BASE + priorityOf({ now: ctx.now, dueAt, departsAt: row.departsAt }));
    return {
      kind: 'inquiry',
      id: row.id,
      list: name,
      contactId: row.contactId,
      contactName: row.contactName,
      managerId: row.managerId,
      departureId: row.departureId,
      departureTitle: row.departureTitle,
      departsAt: row.departsAt,
      dealStatus: null,
      amountMinor: 0,
      currency: null,
      reason,
      dueAt,
      priority,
      urgency: urgencyOf(priority),
    };
  });
  const keys = rows.map((row): [number, number] => [name === 'new' ? row.id : name === 'offer-expiring' ? row.offerExpiresAt! : row.firstOfferDueAt, row.id]);
  return { items, keys };
}
