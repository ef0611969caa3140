/** An inquiry as read: its client, history, allowed moves and contacts since the offer. */
import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { communications, contacts, inquiries, inquiryEvents, users } from '../../db/schema/index.js';
import { getContact } from '../contacts/index.js';
import type { Ctx } from '../context.js';
import { decodeCursor, page } from '../paging.js';
import { allowedMoves } from './moves.js';
import { ListInquiriesQuery, type InquiryRow } from './schemas.js';
import { getInquiryRow, serializeInquiry } from './rows.js';

/** Recorded contacts with the client since the offer was made. */
export async function contactsSinceOffer(ctx: Ctx, row: Pick<InquiryRow, 'contactId' | 'offerMadeAt'>): Promise<number> {
  if (row.offerMadeAt === null) return 0;
  return Number(
    (await ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(communications)
      .where(and(eq(communications.contactId, row.contactId), sql`${communications.at} >= ${row.offerMadeAt}`))
      .get())?.n ?? 0,
  );
}

/** The inquiry with its client, history and what may happen next. */
export async function inquiryView(ctx: Ctx, id: number) {
  const row = await getInquiryRow(ctx, id);
  const contact = await getContact(ctx, row.contactId);
  const events = await ctx.db
    .select({ event: inquiryEvents, byName: users.name })
    .from(inquiryEvents)
    .leftJoin(users, eq(users.id, inquiryEvents.byUserId))
    .where(eq(inquiryEvents.inquiryId, id))
    .orderBy(asc(inquiryEvents.id))
    .all();
  return {
    ...serializeInquiry(row),
    contact: { id: contact.id, name: contact.name, phone: contact.phone, email: contact.email },
    allowedMoves: allowedMoves(row.status),
    contactsSinceOffer: await contactsSinceOffer(ctx, row),
    history: events.map(({ event, byName }) => ({
      kind: event.kind,
      from: event.fromStatus,
      to: event.toStatus,
      reason: event.reason,
      note: event.note,
      message: event.message,
      source: event.source,
      at: event.at,
      by: event.byUserId,
      byName,
    })),
  };
}

export async function listInquiries(ctx: Ctx, query: ListInquiriesQuery) {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(inquiries.status, query.status));
  if (query.managerId) conditions.push(eq(inquiries.managerId, query.managerId));
  if (query.contactId) conditions.push(eq(inquiries.contactId, query.contactId));
  const after = decodeCursor<[number]>(query.cursor, ['number']);
  if (after) conditions.push(gt(inquiries.id, after[0]));
  const rows = await ctx.db
    .select({ inquiry: inquiries, name: contacts.name })
    .from(inquiries)
    .innerJoin(contacts, eq(contacts.id, inquiries.contactId))
    .where(and(...conditions))
    .orderBy(asc(inquiries.id))
    .limit(query.limit + 1)
    .all();
  return page(rows, query.limit, (row) => [row.inquiry.id], (row) => ({ ...serializeInquiry(row.inquiry), contactName: row.name }));
}
