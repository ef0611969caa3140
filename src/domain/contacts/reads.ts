/** Contacts read: by id, several at once, and searched. */
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { preparedRead } from '../../db/prepared.js';
import { contacts } from '../../db/schema/index.js';
import { type Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { decodeCursor, page } from '../paging.js';
import { foldText, normalizePhone } from './phone.js';
import { ListContactsQuery } from './schemas.js';
import { serializeContact, type ContactRow } from './rows.js';
import { contactFacts, stageCandidateParams, stageCandidateSql, stageOf } from './facts.js';

/** Clients read per round while looking for those in a stage. */
const STAGE_BATCH = 500;

const contactById = preparedRead((db) =>
  db.select().from(contacts).where(eq(contacts.id, sql.placeholder('id'))).prepare(),
);

export async function getContact(ctx: Ctx, id: number, field?: string): Promise<ContactRow> {
  const row = await contactById(ctx.db).get({ id });
  if (!row) throw notFound('contact', id, field);
  return row;
}

/** Several contacts at once, by id (a roster's clients). */
export async function contactsByIds(ctx: Ctx, ids: number[]): Promise<Map<number, ContactRow>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select().from(contacts).where(inArray(contacts.id, [...new Set(ids)])).all();
  return new Map(rows.map((row) => [row.id, row]));
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Finds by any part of the name (any case, any script), the e-mail, or the phone as typed. */
export async function listContacts(ctx: Ctx, query: ListContactsQuery) {
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
  if (after && !query.stage) {
    conditions.push(or(gt(contacts.name, after[0]), and(eq(contacts.name, after[0]), gt(contacts.id, after[1])))!);
  }
  const read = async (extra: SQL[], limit: number) =>
    await ctx.db
      .select()
      .from(contacts)
      .where(and(...conditions, ...extra))
      .orderBy(asc(contacts.name), asc(contacts.id))
      .limit(limit)
      .all();
  if (!query.stage) return page(await read([], query.limit + 1), query.limit, (row) => [row.name, row.id], (row) => serializeContact(row, ctx.agency));
  // A stage is derived from the history, not stored: read on in name order, a batch at a
  // time, keeping the clients in that stage until the page is full. Clients who lack the
  // stage's necessary fact are left out in SQL first.
  // Correlated with the row being read, so a common stage still stops at the page's end.
  const candidate = stageCandidateSql(query.stage, '"contacts"');
  if (candidate) {
    const params = stageCandidateParams(ctx.now);
    conditions.push(sql.raw(candidate.replaceAll(':now', String(params.now)).replaceAll(':postsaleSince', String(params.postsaleSince))));
  }
  const found: ContactRow[] = [];
  let from = after;
  for (;;) {
    const batch = await read(from ? [or(gt(contacts.name, from[0]), and(eq(contacts.name, from[0]), gt(contacts.id, from[1])))!] : [], STAGE_BATCH);
    const facts = await contactFacts(ctx, batch.map((row) => row.id));
    for (const row of batch) {
      const known = facts.get(row.id);
      if (known && stageOf(known, ctx.now) === query.stage) found.push(row);
    }
    if (batch.length < STAGE_BATCH || found.length > query.limit) break;
    const last = batch[batch.length - 1]!;
    from = [last.name, last.id];
  }
  return page(found.slice(0, query.limit + 1), query.limit, (row) => [row.name, row.id], (row) => serializeContact(row, ctx.agency));
}
