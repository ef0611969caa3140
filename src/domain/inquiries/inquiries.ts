import { and, asc, desc, eq, gt, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { line, prose, requiredLine } from '../text.js';
import { BLACKLIST_REASONS, communications, contacts, inquiries, inquiryEvents, INQUIRY_STATUSES, REFUSAL_REASONS, users } from '../../db/schema/index.js';
import { createContact, findByIdentity, getContact, identityOf, type ContactRow } from '../contacts/contacts.js';
import type { ActingCtx, Ctx } from '../context.js';
import { createDeal, dealView, TravellerInput } from '../deals/index.js';
import { getDeparture } from '../departures/departures.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { decodeCursor, page, pagingQuery } from '../paging.js';
import { calendarDate, DAY_MS, instantInput, parseInstant } from '../time.js';
import { allowedMoves, isOpen, OPEN_STATUSES, type InquiryStatus } from './moves.js';
import { addWorkingHours } from './working-hours.js';
import { atomically } from '../../db/transaction.js';

export type InquiryRow = typeof inquiries.$inferSelect;

/** The first offer is owed within 8 hours (office hours, when the agency set them). */
export const FIRST_OFFER_HOURS = 8;
/** An offer without an agreed decision date lasts a week. */
export const OFFER_DAYS = 7;
/** An offer should see at least this many recorded contacts before it runs out. */
export const OFFER_MIN_CONTACTS = 2;
/** The given tag that keeps a client off every list; only a director sets or removes it. */
export const DO_NOT_CONTACT = 'do_not_contact';


export const CreateInquiryInput = z
  .object({
    name: requiredLine(200),
    phone: line(40).nullish(),
    email: z.string().trim().email('must be an e-mail address').max(254).nullish(),
    message: prose(10_000).nullish(),
    source: line(100).nullish(),
    departureId: z.number({ error: 'must be an id (a positive whole number)' }).int().positive().nullish(),
  })
  .superRefine((input, issues) => {
    if (!input.phone && !input.email) issues.addIssue({ code: 'custom', path: ['phone'], message: 'phone or email is required' });
  });
export type CreateInquiryInput = z.infer<typeof CreateInquiryInput>;

export const MoveInquiryInput = z.object({
  status: z.enum(INQUIRY_STATUSES, { error: `must be one of ${INQUIRY_STATUSES.join(', ')}` }),
  reason: z.string().trim().optional(),
  decisionDate: z.union([calendarDate, instantInput]).optional(),
  note: prose(2000).optional(),
});
export type MoveInquiryInput = z.infer<typeof MoveInquiryInput>;

export const BookInquiryInput = z.object({
  departureId: z.number({ error: 'must be an id (a positive whole number)' }).int().positive(),
  seats: z.number({ error: 'must be a whole number of seats' }).int().min(1).max(1000),
  travellers: z.array(TravellerInput).max(1000).optional(),
});
export type BookInquiryInput = z.infer<typeof BookInquiryInput>;

export const ListInquiriesQuery = z.object({
  status: z.enum(INQUIRY_STATUSES).optional(),
  managerId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  ...pagingQuery,
});
export type ListInquiriesQuery = z.infer<typeof ListInquiriesQuery>;

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
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function addEvent(ctx: Ctx, inquiryId: number, event: Omit<typeof inquiryEvents.$inferInsert, 'inquiryId' | 'at' | 'byUserId'>) {
  ctx.db
    .insert(inquiryEvents)
    .values({ ...event, inquiryId, at: ctx.now, byUserId: ctx.actor?.id ?? null })
    .run();
}

export function getInquiryRow(ctx: Ctx, id: number): InquiryRow {
  const row = ctx.db.select().from(inquiries).where(eq(inquiries.id, id)).get();
  if (!row) throw notFound('inquiry', id);
  return row;
}

/** The client's open inquiry, if any: where a new message belongs. */
export function openInquiryOf(ctx: Ctx, contactId: number): InquiryRow | undefined {
  return ctx.db
    .select()
    .from(inquiries)
    .where(and(eq(inquiries.contactId, contactId), inArray(inquiries.status, [...OPEN_STATUSES])))
    .orderBy(desc(inquiries.id))
    .get();
}

/** Black-listed before, or marked "do not contact" by a director: recorded, but on no list. */
export function isBarred(ctx: Ctx, contact: ContactRow): boolean {
  if ((JSON.parse(contact.tags) as string[]).includes(DO_NOT_CONTACT)) return true;
  return !!ctx.db
    .select({ id: inquiries.id })
    .from(inquiries)
    .where(and(eq(inquiries.contactId, contact.id), eq(inquiries.status, 'blacklisted')))
    .get();
}

export interface IntakeResult {
  inquiry: InquiryRow;
  contact: ContactRow;
  merged: boolean;
}

/**
 * One intake for the phone, the desk and the web site. The same person (normalised phone or
 * e-mail) with an open inquiry: the message joins it as new activity. Otherwise a new
 * inquiry, a reactivation when an earlier one was closed. A new person becomes a contact.
 */
export function takeInquiry(ctx: Ctx, input: CreateInquiryInput): IntakeResult {
  const identity = identityOf(ctx, input);
  if (input.departureId) getDeparture(ctx, input.departureId);
  return atomically(ctx.sqlite, (): IntakeResult => {
      const contact =
        findByIdentity(ctx, identity) ?? createContact(ctx, { name: input.name, phone: input.phone ?? null, email: input.email ?? null });
      const open = openInquiryOf(ctx, contact.id);
      if (open) {
        addEvent(ctx, open.id, { kind: 'message', message: input.message ?? null, source: input.source ?? null });
        const inquiry = ctx.db
          .update(inquiries)
          .set({ lastMessageAt: ctx.now, updatedAt: ctx.now, departureId: open.departureId ?? input.departureId ?? null })
          .where(eq(inquiries.id, open.id))
          .returning()
          .get()!;
        return { inquiry, contact, merged: true };
      }
      const earlier = ctx.db.select({ id: inquiries.id }).from(inquiries).where(eq(inquiries.contactId, contact.id)).get();
      const inquiry = ctx.db
        .insert(inquiries)
        .values({
          contactId: contact.id,
          managerId: contact.managerId ?? (ctx.actor?.role === 'manager' ? ctx.actor.id : null),
          status: 'new',
          source: input.source ?? null,
          departureId: input.departureId ?? null,
          reactivation: !!earlier,
          flagged: isBarred(ctx, contact),
          firstOfferDueAt: addWorkingHours(ctx.now, FIRST_OFFER_HOURS, ctx.agency.timeZone, ctx.agency.workingHours),
          createdBy: ctx.actor?.id ?? null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning()
        .get();
      addEvent(ctx, inquiry.id, { kind: 'created', toStatus: 'new', message: input.message ?? null, source: input.source ?? null });
      return { inquiry, contact, merged: false };
    });
}

/** A decision date is the end of that day in the agency's zone; an instant is taken as given. */
function decisionInstant(ctx: Ctx, value: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return DateTime.fromISO(value, { zone: ctx.agency.timeZone }).endOf('day').toMillis();
  return parseInstant(value, ctx.agency.timeZone, 'decisionDate');
}

function checkReason(status: InquiryStatus, reason: string | undefined): string | null {
  const allowed = status === 'refused' ? REFUSAL_REASONS : status === 'blacklisted' ? BLACKLIST_REASONS : null;
  if (!allowed) return null;
  if (!reason) throw invalid({ reason: `is required when ${status}: one of ${allowed.join(', ')}` });
  if (!(allowed as readonly string[]).includes(reason)) throw invalid({ reason: `must be one of ${allowed.join(', ')}` });
  return reason;
}

/** A move by hand: checked against the table, with its reason and note kept in the history. */
export function moveInquiry(ctx: ActingCtx, id: number, input: MoveInquiryInput): InquiryRow {
  return atomically(ctx.sqlite, () => {
      const current = getInquiryRow(ctx, id);
      const to = input.status;
      const allowed = allowedMoves(current.status);
      if (!allowed.includes(to)) {
        const why =
          to === 'booked' && isOpen(current.status)
            ? 'An inquiry is booked by booking it (POST /inquiries/:id/book)'
            : `An inquiry in ${current.status} cannot move to ${to}`;
        throw new DomainError('invalid_transition', why, { status: current.status, allowed });
      }
      if (to === 'blacklisted' && ctx.actor.role !== 'director') {
        throw new DomainError('forbidden', 'Only a director puts a client on the black list');
      }
      const reason = checkReason(to, input.reason);
      let offerExpiresAt: number | null = null;
      if (to === 'offer_made') {
        offerExpiresAt = input.decisionDate ? decisionInstant(ctx, input.decisionDate) : ctx.now + OFFER_DAYS * DAY_MS;
        if (offerExpiresAt <= ctx.now) throw invalid({ decisionDate: 'must be in the future' });
      } else if (input.decisionDate) {
        throw invalid({ decisionDate: 'is only for offer_made' });
      }
      const closing = to === 'refused' || to === 'blacklisted';
      const row = ctx.db
        .update(inquiries)
        .set({
          status: to,
          reason: closing ? reason : current.reason,
          offerMadeAt: to === 'offer_made' ? ctx.now : current.offerMadeAt,
          firstOfferAt: to === 'offer_made' ? (current.firstOfferAt ?? ctx.now) : current.firstOfferAt,
          offerExpiresAt,
          closedAt: closing ? ctx.now : null,
          updatedAt: ctx.now,
        })
        .where(eq(inquiries.id, id))
        .returning()
        .get()!;
      addEvent(ctx, id, { kind: 'status', fromStatus: current.status, toStatus: to, reason, note: input.note ?? null });
      return row;
    });
}

/**
 * Books an open inquiry: the deal goes through the same capacity transaction as any
 * booking, and a refusal there (sold out) leaves the inquiry as it was.
 */
export function bookInquiry(ctx: ActingCtx, id: number, input: BookInquiryInput) {
  return atomically(ctx.sqlite, () => {
      const current = getInquiryRow(ctx, id);
      if (!isOpen(current.status)) {
        throw new DomainError('invalid_transition', `An inquiry in ${current.status} cannot be booked`, { status: current.status, allowed: [] });
      }
      const dealId = createDeal(ctx, {
        departureId: input.departureId,
        contactId: current.contactId,
        seats: input.seats,
        travellers: input.travellers,
        managerId: current.managerId ?? undefined,
      });
      const row = ctx.db
        .update(inquiries)
        .set({ status: 'booked', dealId, departureId: input.departureId, closedAt: ctx.now, offerExpiresAt: null, updatedAt: ctx.now })
        .where(eq(inquiries.id, id))
        .returning()
        .get()!;
      addEvent(ctx, id, { kind: 'booked', fromStatus: current.status, toStatus: 'booked' });
      return { inquiry: row, deal: dealView(ctx, dealId) };
    });
}

/** Offers past their date go back to selecting, with a history row; a scheduler pass. */
export function expireOffers(ctx: Ctx): number {
  return atomically(ctx.sqlite, () => {
      const due = ctx.db
        .select({ id: inquiries.id })
        .from(inquiries)
        .where(and(eq(inquiries.status, 'offer_made'), lte(inquiries.offerExpiresAt, ctx.now)))
        .all();
      for (const { id } of due) {
        ctx.db.update(inquiries).set({ status: 'selecting', offerExpiresAt: null, updatedAt: ctx.now }).where(eq(inquiries.id, id)).run();
        addEvent(ctx, id, { kind: 'status', fromStatus: 'offer_made', toStatus: 'selecting', note: 'offer expired without a decision' });
      }
      return due.length;
    });
}

/** Recorded contacts with the client since the offer was made. */
export function contactsSinceOffer(ctx: Ctx, row: Pick<InquiryRow, 'contactId' | 'offerMadeAt'>): number {
  if (row.offerMadeAt === null) return 0;
  return Number(
    ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(communications)
      .where(and(eq(communications.contactId, row.contactId), sql`${communications.at} >= ${row.offerMadeAt}`))
      .get()?.n ?? 0,
  );
}

/** The inquiry with its client, history and what may happen next. */
export function inquiryView(ctx: Ctx, id: number) {
  const row = getInquiryRow(ctx, id);
  const contact = getContact(ctx, row.contactId);
  const events = ctx.db
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
    contactsSinceOffer: contactsSinceOffer(ctx, row),
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

export function listInquiries(ctx: Ctx, query: ListInquiriesQuery) {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(inquiries.status, query.status));
  if (query.managerId) conditions.push(eq(inquiries.managerId, query.managerId));
  if (query.contactId) conditions.push(eq(inquiries.contactId, query.contactId));
  const after = decodeCursor<[number]>(query.cursor, ['number']);
  if (after) conditions.push(gt(inquiries.id, after[0]));
  const rows = ctx.db
    .select({ inquiry: inquiries, name: contacts.name })
    .from(inquiries)
    .innerJoin(contacts, eq(contacts.id, inquiries.contactId))
    .where(and(...conditions))
    .orderBy(asc(inquiries.id))
    .limit(query.limit + 1)
    .all();
  return page(rows, query.limit, (row) => [row.inquiry.id], (row) => ({ ...serializeInquiry(row.inquiry), contactName: row.name }));
}
