import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { communications, deals, departures, inquiries } from '../../db/schema/index.js';
import { listInquiries } from '../inquiries/index.js';
import { clientTimeline } from './timeline.js';
import type { Ctx } from '../context.js';
import { moneyOf, paidMinorSql } from '../deals/index.js';
import { DAY_MS } from '../time.js';
import { listCommunications, serializeCommunication } from './communications.js';
import { getContact } from './reads.js';
import { serializeContact } from './rows.js';

/** "1.5 years" in the agencies' own rules for regular and cold clients. */
const EIGHTEEN_MONTHS_MS = 548 * DAY_MS;

export type AutomaticTag = 'regular' | 'cold' | 'never_bought' | 'bought_elsewhere';

/**
 * Tags that follow from the client's history, computed whenever the card is read (so they
 * are never stale): regular (3+ trips in 18 months), cold (no purchase or contact for 18
 * months), never_bought (2+ inquiries, no booking), bought_elsewhere (refused for that reason).
 */
export function automaticTags(ctx: Ctx, contactId: number, createdAt: number): AutomaticTag[] {
  const since = ctx.now - EIGHTEEN_MONTHS_MS;
  const bought = ctx.db
    .select({ n: sql<number>`count(*)`, recent: sql<number>`sum(${departures.departsAt} > ${since})`, last: sql<number>`max(${deals.createdAt})` })
    .from(deals)
    .innerJoin(departures, eq(departures.id, deals.departureId))
    .where(and(eq(deals.contactId, contactId), ne(deals.status, 'cancelled')))
    .get()!;
  const lastContact = ctx.db
    .select({ at: sql<number | null>`max(${communications.at})` })
    .from(communications)
    .where(eq(communications.contactId, contactId))
    .get()?.at;
  const leads = ctx.db
    .select({ n: sql<number>`count(*)`, elsewhere: sql<number>`sum(${inquiries.status} = 'refused' AND ${inquiries.reason} = 'bought_elsewhere')` })
    .from(inquiries)
    .where(eq(inquiries.contactId, contactId))
    .get()!;
  const tags: AutomaticTag[] = [];
  if (Number(bought.recent ?? 0) >= 3) tags.push('regular');
  if (Number(bought.n) === 0 && Number(leads.n) >= 2) tags.push('never_bought');
  if (Number(leads.elsewhere ?? 0) > 0) tags.push('bought_elsewhere');
  const lastActivity = Math.max(createdAt, Number(bought.last ?? 0), Number(lastContact ?? 0));
  if (lastActivity < since) tags.push('cold');
  return tags;
}

/** The client card: details, automatic tags, communications and bookings in one answer. */
export function contactCard(ctx: Ctx, contactId: number) {
  const contact = getContact(ctx, contactId);
  const given = serializeContact(contact);
  const dealRows = ctx.db
    .select({ deal: deals, paidMinor: paidMinorSql, title: departures.title, departsAt: departures.departsAt })
    .from(deals)
    .innerJoin(departures, eq(departures.id, deals.departureId))
    .where(eq(deals.contactId, contactId))
    .orderBy(desc(departures.departsAt))
    .all();
  const auto = automaticTags(ctx, contactId, contact.createdAt);
  const timeline = clientTimeline(ctx, contactId);
  return {
    ...given,
    tags: [...new Set([...given.tags, ...auto])],
    givenTags: given.tags,
    automaticTags: auto,
    communications: listCommunications(ctx, contactId).map(serializeCommunication),
    inquiries: listInquiries(ctx, { contactId, limit: 500 }).items,
    payments: timeline
      .filter((entry) => entry.type === 'payment')
      .map((entry) => ({ id: entry.id, dealId: entry.dealId, kind: entry.what, method: entry.detail, amountMinor: entry.amountMinor, currency: entry.currency, receivedAt: entry.at })),
    timeline,
    deals: dealRows.map(({ deal, paidMinor, title, departsAt }) => ({
      id: deal.id,
      departureId: deal.departureId,
      departureTitle: title,
      departsAt: departsAt,
      status: deal.status,
      seats: deal.seats,
      priceMinor: deal.priceMinor,
      currency: deal.currency,
      ...moneyOf(deal, Number(paidMinor)),
    })),
  };
}
