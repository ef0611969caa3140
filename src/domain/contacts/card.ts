import { desc, eq } from 'drizzle-orm';
import { deals, departures } from '../../db/schema/index.js';
import { listInquiries } from '../inquiries/index.js';
import { clientTimeline } from './timeline.js';
import type { Ctx } from '../context.js';
import { moneyOf, paidMinorSql } from '../deals/index.js';
import { automaticTagsOf, contactFacts, stageOf, type AutomaticTag } from './facts.js';
import { listCommunications, serializeCommunication } from './communications.js';
import { getContact } from './reads.js';
import { serializeContact } from './rows.js';
import { telegramLinkOf } from './telegram.js';

/** The automatic tags of one client (see facts.ts). */
export async function automaticTags(ctx: Ctx, contactId: number): Promise<AutomaticTag[]> {
  const facts = (await contactFacts(ctx, [contactId])).get(contactId);
  return facts ? automaticTagsOf(facts, ctx.now) : [];
}

/** The client card: details, automatic tags, communications and bookings in one answer. */
export async function contactCard(ctx: Ctx, contactId: number) {
  const contact = await getContact(ctx, contactId);
  const given = serializeContact(contact, ctx.agency);
  const dealRows = await ctx.db
    .select({ deal: deals, paidMinor: paidMinorSql, title: departures.title, departsAt: departures.departsAt })
    .from(deals)
    .innerJoin(departures, eq(departures.id, deals.departureId))
    .where(eq(deals.contactId, contactId))
    .orderBy(desc(departures.departsAt))
    .all();
  const facts = (await contactFacts(ctx, [contactId])).get(contactId)!;
  const auto = automaticTagsOf(facts, ctx.now);
  const timeline = await clientTimeline(ctx, contactId);
  return {
    ...given,
    tags: [...new Set([...given.tags, ...auto])],
    givenTags: given.tags,
    automaticTags: auto,
    stage: stageOf(facts, ctx.now),
    /** The client's link to the agency's bot: pressing Start in it links their chat. */
    telegramLink: await telegramLinkOf(ctx, ctx.agency.telegram ? ctx.agency.telegramBot : null, contactId),
    lastTripAt: facts.lastTripAt,
    communications: (await listCommunications(ctx, contactId)).map(serializeCommunication),
    inquiries: (await listInquiries(ctx, { contactId, limit: 500 })).items,
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
