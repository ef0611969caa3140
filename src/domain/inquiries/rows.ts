/** An inquiry's row, its history events, and the client's open one. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { inquiries, inquiryEvents } from '../../db/schema/index.js';
import { type ContactRow } from '../contacts/index.js';
import type { Ctx, TxCtx } from '../context.js';
import { notFound } from '../errors.js';
import { OPEN_STATUSES } from './moves.js';
import { DO_NOT_CONTACT, type InquiryRow, type Wishes, type WishesInput } from './schemas.js';

/** Stored wishes: only the fields given, as given. */
export function readWishes(stored: string): Wishes {
  try {
    const value = JSON.parse(stored) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Wishes) : {};
  } catch {
    return {};
  }
}

/** The wishes that were given, nulls left out: what is stored. */
export const storedWishes = (wishes: WishesInput | undefined, before: Wishes = {}): string =>
  JSON.stringify(Object.fromEntries(Object.entries({ ...before, ...(wishes ?? {}) }).filter(([, value]) => value !== null && value !== undefined && value !== '')));

export function serializeInquiry(row: InquiryRow) {
  return {
    id: row.id,
    contactId: row.contactId,
    managerId: row.managerId,
    status: row.status,
    source: row.source,
    departureId: row.departureId,
    reactivation: row.reactivation,
    flagged: row.flagged,
    reason: row.reason,
    firstOfferDueAt: row.firstOfferDueAt,
    firstOfferAt: row.firstOfferAt,
    offerMadeAt: row.offerMadeAt,
    offerExpiresAt: row.offerExpiresAt,
    dealId: row.dealId,
    lastMessageAt: row.lastMessageAt,
    wishes: readWishes(row.wishes),
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function addEvent(ctx: TxCtx, inquiryId: number, event: Omit<typeof inquiryEvents.$inferInsert, 'inquiryId' | 'at' | 'byUserId'>) {
  await ctx.db
    .insert(inquiryEvents)
    .values({ ...event, inquiryId, at: ctx.now, byUserId: ctx.actor?.id ?? null })
    .run();
}

export async function getInquiryRow(ctx: Ctx, id: number): Promise<InquiryRow> {
  const row = await ctx.db.select().from(inquiries).where(eq(inquiries.id, id)).get();
  if (!row) throw notFound('inquiry', id);
  return row;
}

/** The client's open inquiry, if any: where a new message belongs. */
export async function openInquiryOf(ctx: Ctx, contactId: number): Promise<InquiryRow | undefined> {
  return await ctx.db
    .select()
    .from(inquiries)
    .where(and(eq(inquiries.contactId, contactId), inArray(inquiries.status, [...OPEN_STATUSES])))
    .orderBy(desc(inquiries.id))
    .get();
}

/** Black-listed before, or marked "do not contact" by a director: recorded, but on no list. */
export async function isBarred(ctx: Ctx, contact: ContactRow): Promise<boolean> {
  if ((JSON.parse(contact.tags) as string[]).includes(DO_NOT_CONTACT)) return true;
  return !!await ctx.db
    .select({ id: inquiries.id })
    .from(inquiries)
    .where(and(eq(inquiries.contactId, contact.id), eq(inquiries.status, 'blacklisted')))
    .get();
}
