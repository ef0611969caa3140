import { and, asc, desc, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { line, prose, requiredLine, requiredProse } from '../text.js';
import { preparedFor } from '../../db/prepared.js';
import { communications, contacts, users } from '../../db/schema/index.js';
import { LOCALES, type ActingCtx, type Ctx } from '../context.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { decodeCursor, page, pagingQuery } from '../paging.js';
import { instantInput, parseInstant } from '../time.js';
import { foldText, normalizePhone } from './phone.js';
import { atomically } from '../../db/transaction.js';

const name = requiredLine(200);
const phone = line(40);
const email = z.string().trim().email('must be an e-mail address').max(254);
const tag = requiredLine(50)
  .transform((value) => value.toLowerCase());
const tags = z.array(tag).max(30, 'at most 30 tags');
const notes = prose(10_000);
const managerId = z.number().int().positive();

const contactFields = {
  name,
  phone: phone.nullish(),
  email: email.nullish(),
  locale: z.enum(LOCALES).nullish(),
  tags: tags.optional(),
  managerId: managerId.nullish(),
  notes: notes.nullish(),
};

export const CreateContactInput = z.object(contactFields).superRefine((input, issues) => {
  if (!input.phone && !input.email) {
    issues.addIssue({ code: 'custom', path: ['phone'], message: 'phone or email is required' });
  }
});
export type CreateContactInput = z.infer<typeof CreateContactInput>;

export const UpdateContactInput = z
  .object(contactFields)
  .partial()
  .extend({ nextContactAt: instantInput.nullish() });
export type UpdateContactInput = z.infer<typeof UpdateContactInput>;

export const ListContactsQuery = z.object({ q: z.string().trim().max(200).optional(), ...pagingQuery });
export type ListContactsQuery = z.infer<typeof ListContactsQuery>;

export const CHANNELS = ['call', 'email', 'meeting', 'messenger', 'sms', 'note'] as const;
export const RecordCommunicationInput = z.object({
  channel: z.enum(CHANNELS),
  summary: requiredProse(10_000),
  outcome: line(500).nullish(),
  at: instantInput.optional(),
  nextContactAt: instantInput.nullish(),
});
export type RecordCommunicationInput = z.infer<typeof RecordCommunicationInput>;

export const TransferContactInput = z.object({ managerId });
export type TransferContactInput = z.infer<typeof TransferContactInput>;

export type ContactRow = typeof contacts.$inferSelect;

export function serializeContact(row: ContactRow) {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    locale: row.locale,
    tags: JSON.parse(row.tags) as string[],
    managerId: row.managerId,
    notes: row.notes,
    nextContactAt: row.nextContactAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface Identity {
  phone: string | null;
  nationalDigits: string | null;
  emailNormalized: string | null;
}

export function identityOf(ctx: Ctx, input: { phone?: string | null; email?: string | null }): Identity {
  let phone: Identity['phone'] = null;
  let nationalDigits: Identity['nationalDigits'] = null;
  if (input.phone) {
    const normalized = normalizePhone(input.phone, ctx.agency.country);
    if (!normalized) throw invalid({ phone: `is not a valid phone number (numbers without + are read as ${ctx.agency.country})` });
    phone = normalized.e164;
    nationalDigits = normalized.nationalDigits;
  }
  return { phone, nationalDigits, emailNormalized: input.email ? input.email.toLowerCase() : null };
}

function searchTextOf(name: string, email: string | null, identity: Identity): string {
  return [foldText(name), email ? foldText(email) : '', identity.phone?.slice(1) ?? '', identity.nationalDigits ?? '']
    .filter(Boolean)
    .join(' ');
}

/** The contact with this phone or e-mail, the phone's first: the same person. */
export function findByIdentity(ctx: Ctx, identity: Identity, exceptId?: number): ContactRow | undefined {
  const same: SQL[] = [];
  if (identity.phone) same.push(eq(contacts.phone, identity.phone));
  if (identity.emailNormalized) same.push(eq(contacts.emailNormalized, identity.emailNormalized));
  if (same.length === 0) return undefined;
  return ctx.db
    .select()
    .from(contacts)
    .where(and(or(...same), exceptId ? ne(contacts.id, exceptId) : undefined))
    .orderBy(sql`${contacts.phone} IS NOT ${identity.phone}`)
    .get();
}

/** 409 with the id of the contact that already has this phone or e-mail. */
function refuseDuplicate(ctx: Ctx, identity: Identity, exceptId?: number): void {
  const existing = findByIdentity(ctx, identity, exceptId);
  if (existing) {
    const what = identity.phone && existing.phone === identity.phone ? 'phone' : 'email';
    throw new DomainError('conflict', `A contact with this ${what} is already on file`, {
      existingId: existing.id,
      field: what,
    });
  }
}

export function requireActiveUser(ctx: Ctx, id: number, field: string): void {
  const user = ctx.db.select({ active: users.active }).from(users).where(eq(users.id, id)).get();
  if (!user || !user.active) throw invalid({ [field]: `is not an active user (${id})` });
}

export function createContact(ctx: Ctx, input: CreateContactInput): ContactRow {
  const identity = identityOf(ctx, input);
  if (input.tags && ctx.actor) checkDirectorTags(ctx as ActingCtx, [], input.tags);
  if (input.managerId) requireActiveUser(ctx, input.managerId, 'managerId');
  return atomically(ctx.sqlite, () => {
    refuseDuplicate(ctx, identity);
    return ctx.db
      .insert(contacts)
      .values({
        name: input.name,
        phone: identity.phone,
        email: input.email ?? null,
        emailNormalized: identity.emailNormalized,
        locale: input.locale ?? null,
        tags: JSON.stringify([...new Set(input.tags ?? [])]),
        managerId: input.managerId ?? (ctx.actor?.role === 'manager' ? ctx.actor.id : null),
        notes: input.notes ?? null,
        searchText: searchTextOf(input.name, input.email ?? null, identity),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
      .get();
  });
}

const contactById = preparedFor((db) =>
  db.select().from(contacts).where(eq(contacts.id, sql.placeholder('id'))).prepare(),
);

export function getContact(ctx: Ctx, id: number, field?: string): ContactRow {
  const row = contactById(ctx.db).get({ id });
  if (!row) throw notFound('contact', id, field);
  return row;
}

/** Several contacts at once, by id (a roster's clients). */
export function contactsByIds(ctx: Ctx, ids: number[]): Map<number, ContactRow> {
  if (ids.length === 0) return new Map();
  const rows = ctx.db.select().from(contacts).where(inArray(contacts.id, [...new Set(ids)])).all();
  return new Map(rows.map((row) => [row.id, row]));
}

/** "Do not contact" keeps a client off every list: only a director sets or lifts it. */
const DIRECTOR_TAGS = ['do_not_contact'];

function checkDirectorTags(ctx: ActingCtx, before: string[], after: string[]): void {
  if (ctx.actor.role === 'director') return;
  const changed = DIRECTOR_TAGS.filter((tag) => before.includes(tag) !== after.includes(tag));
  if (changed.length) throw new DomainError('forbidden', `Only a director sets or removes the tag ${changed.join(', ')}`);
}

export function updateContact(ctx: ActingCtx, id: number, input: UpdateContactInput): ContactRow {
  if (input.managerId) requireActiveUser(ctx, input.managerId, 'managerId');
  return atomically(ctx.sqlite, () => {
    const current = getContact(ctx, id);
    if (input.tags) checkDirectorTags(ctx, JSON.parse(current.tags) as string[], input.tags);
    const phone = input.phone === undefined ? current.phone : input.phone;
    const email = input.email === undefined ? current.email : input.email;
    if (!phone && !email) throw invalid({ phone: 'phone or email is required' });
    const identity = identityOf(ctx, { phone, email });
    refuseDuplicate(ctx, identity, id);
    const name = input.name ?? current.name;
    return ctx.db
      .update(contacts)
      .set({
        name,
        phone: identity.phone,
        email: email ?? null,
        emailNormalized: identity.emailNormalized,
        locale: input.locale === undefined ? current.locale : input.locale,
        tags: input.tags ? JSON.stringify([...new Set(input.tags)]) : current.tags,
        managerId: input.managerId === undefined ? current.managerId : input.managerId,
        notes: input.notes === undefined ? current.notes : input.notes,
        nextContactAt:
          input.nextContactAt === undefined
            ? current.nextContactAt
            : input.nextContactAt === null
              ? null
              : parseInstant(input.nextContactAt, ctx.agency.timeZone, 'nextContactAt'),
        searchText: searchTextOf(name, email ?? null, identity),
        updatedAt: ctx.now,
      })
      .where(eq(contacts.id, id))
      .returning()
      .get()!;
  });
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Finds by any part of the name (any case, any script), the e-mail, or the phone as typed. */
export function listContacts(ctx: Ctx, query: ListContactsQuery) {
  const conditions: SQL[] = [];
  const q = query.q ? foldText(query.q) : '';
  if (q) {
    const matches: SQL[] = [sql`${contacts.searchText} like ${`%${escapeLike(q)}%`} escape '\\'`];
    const digits = q.replace(/\D/g, '');
    const looksLikePhone = digits.length >= 3 && /^[\d\s()+\-./]+$/.test(q);
    if (looksLikePhone) {
      const normalized = normalizePhone(q, ctx.agency.country);
      matches.push(sql`${contacts.searchText} like ${`%${normalized?.e164.slice(1) ?? digits.replace(/^0+/, '')}%`}`);
    }
    conditions.push(or(...matches)!);
  }
  const after = decodeCursor<[string, number]>(query.cursor, ['string', 'number']);
  if (after) {
    conditions.push(or(gt(contacts.name, after[0]), and(eq(contacts.name, after[0]), gt(contacts.id, after[1])))!);
  }
  const rows = ctx.db
    .select()
    .from(contacts)
    .where(and(...conditions))
    .orderBy(asc(contacts.name), asc(contacts.id))
    .limit(query.limit + 1)
    .all();
  return page(rows, query.limit, (row) => [row.name, row.id], serializeContact);
}

export function recordCommunication(ctx: ActingCtx, contactId: number, input: RecordCommunicationInput) {
  return atomically(ctx.sqlite, () => {
    getContact(ctx, contactId);
    const nextContactAt = input.nextContactAt ? parseInstant(input.nextContactAt, ctx.agency.timeZone, 'nextContactAt') : null;
    const row = ctx.db
      .insert(communications)
      .values({
        contactId,
        channel: input.channel,
        summary: input.summary,
        outcome: input.outcome ?? null,
        at: input.at ? parseInstant(input.at, ctx.agency.timeZone, 'at') : ctx.now,
        nextContactAt,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
      })
      .returning()
      .get();
    // The latest conversation decides the next one: a call that ends without a plan clears it.
    ctx.db.update(contacts).set({ nextContactAt, updatedAt: ctx.now }).where(eq(contacts.id, contactId)).run();
    return row;
  });
}

export function transferContact(ctx: ActingCtx, contactId: number, input: TransferContactInput): ContactRow {
  requireActiveUser(ctx, input.managerId, 'managerId');
  return atomically(ctx.sqlite, () => {
    getContact(ctx, contactId);
    return ctx.db
      .update(contacts)
      .set({ managerId: input.managerId, receivedAt: ctx.now, updatedAt: ctx.now })
      .where(eq(contacts.id, contactId))
      .returning()
      .get()!;
  });
}

export function serializeCommunication(row: typeof communications.$inferSelect) {
  return {
    id: row.id,
    contactId: row.contactId,
    channel: row.channel,
    summary: row.summary,
    outcome: row.outcome,
    at: row.at,
    nextContactAt: row.nextContactAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export function listCommunications(ctx: Ctx, contactId: number) {
  return ctx.db
    .select()
    .from(communications)
    .where(eq(communications.contactId, contactId))
    .orderBy(desc(communications.at), desc(communications.id))
    .all();
}
