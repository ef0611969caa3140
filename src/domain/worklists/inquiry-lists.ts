import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { OFFER_MIN_CONTACTS } from '../inquiries/schemas.js';
import { DAY_MS } from '../time.js';
import { placeOf, workItem, type RowPlace } from './item.js';
import { priorityOf } from './priority.js';
import { filtersOf, scopeParams, type Filters, type Scope } from './scope.js';
import type { InquiryItem, InquiryListName, InquiryReason, Listed } from './types.js';

/** A lead not yet answered is worth a call before most paperwork. */
const LEAD_BASE = 30;

interface Row extends RowPlace {
  id: number;
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
export function inquiryListSql(name: InquiryListName, filters: Filters) {
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
export async function inquiryItems(ctx: Ctx, name: InquiryListName, scope: Scope): Promise<Listed<InquiryItem>> {
  const rows = await statement(ctx.sqlite, inquiryListSql(name, filtersOf(scope))).all(scopeParams(ctx, scope)) as Row[];
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
      ...workItem({
        kind: 'inquiry',
        id: row.id,
        list: name,
        ...placeOf(row),
        reason,
        dueAt,
        priority,
      }),
      kind: 'inquiry',
      reason,
    };
  });
  const keys = rows.map((row): [number, number] => [name === 'new' ? row.id : name === 'offer-expiring' ? row.offerExpiresAt! : row.firstOfferDueAt, row.id]);
  return { items, keys };
}
