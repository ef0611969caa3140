/** Contacts created, edited and transferred. */
import { eq } from 'drizzle-orm';
import { contacts } from '../../db/schema/index.js';
import { type ActingCtx, type Ctx } from '../context.js';
import { DomainError, invalid } from '../errors.js';
import { parseInstant } from '../time.js';
import { atomically } from '../../db/transaction.js';
import { CreateContactInput, UpdateContactInput, TransferContactInput } from './schemas.js';
import type { ContactRow } from './rows.js';
import { identityOf, refuseDuplicate, searchTextOf } from './identity.js';
import { localeOfPhone } from './phone.js';
import { getContact } from './reads.js';
import { requireActiveUser } from '../users/active.js';

export { requireActiveUser };

export async function createContact(ctx: Ctx, input: CreateContactInput): Promise<ContactRow> {
  const identity = identityOf(ctx, input);
  if (input.tags && ctx.actor) checkDirectorTags(ctx as ActingCtx, [], input.tags);
  if (input.managerId) await requireActiveUser(ctx, input.managerId, 'managerId');
  return await atomically(ctx, async (ctx) => {
    await refuseDuplicate(ctx, identity);
    return await ctx.db
      .insert(contacts)
      .values({
        name: input.name,
        phone: identity.phone,
        email: input.email ?? null,
        emailNormalized: identity.emailNormalized,
        // Without a language given: the one of the phone's country, else the agency's (the contract's rule).
        locale: input.locale ?? localeOfPhone(identity.phone) ?? ctx.agency.locale,
        tags: JSON.stringify([...new Set(input.tags ?? [])]),
        managerId: input.managerId ?? (ctx.actor?.role === 'manager' ? ctx.actor.id : null),
        notes: input.notes ?? null,
        birthDate: input.birthDate ?? null,
        marketingOptIn: input.marketingOptIn ?? false,
        channels: input.channels ? JSON.stringify(input.channels) : null,
        searchText: searchTextOf(input.name, input.email ?? null, identity),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
      .get();
  });
}

/** "Do not contact" keeps a client off every list: only a director sets or lifts it. */
export const DIRECTOR_TAGS = ['do_not_contact'];

function checkDirectorTags(ctx: ActingCtx, before: string[], after: string[]): void {
  if (ctx.actor.role === 'director') return;
  const changed = DIRECTOR_TAGS.filter((tag) => before.includes(tag) !== after.includes(tag));
  if (changed.length) throw new DomainError('forbidden', `Only a director sets or removes the tag ${changed.join(', ')}`);
}

export async function updateContact(ctx: ActingCtx, id: number, input: UpdateContactInput): Promise<ContactRow> {
  if (input.managerId) await requireActiveUser(ctx, input.managerId, 'managerId');
  return await atomically(ctx, async (ctx) => {
    const current = await getContact(ctx, id);
    if (input.tags) checkDirectorTags(ctx, JSON.parse(current.tags) as string[], input.tags);
    const phone = input.phone === undefined ? current.phone : input.phone;
    const email = input.email === undefined ? current.email : input.email;
    if (!phone && !email) throw invalid({ phone: 'phone or email is required' });
    const identity = identityOf(ctx, { phone, email });
    await refuseDuplicate(ctx, identity, id);
    const name = input.name ?? current.name;
    return (await ctx.db
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
        birthDate: input.birthDate === undefined ? current.birthDate : input.birthDate,
        marketingOptIn: input.marketingOptIn ?? current.marketingOptIn,
        channels: input.channels === undefined ? current.channels : input.channels ? JSON.stringify(input.channels) : null,
        // Agreeing again after unsubscribing is the client's word, given to the desk.
        unsubscribedAt: input.marketingOptIn === true && !current.marketingOptIn ? null : current.unsubscribedAt,
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
      .get())!;
  });
}

export async function transferContact(ctx: ActingCtx, contactId: number, input: TransferContactInput): Promise<ContactRow> {
  await requireActiveUser(ctx, input.managerId, 'managerId');
  return await atomically(ctx, async (ctx) => {
    await getContact(ctx, contactId);
    return (await ctx.db
      .update(contacts)
      .set({ managerId: input.managerId, receivedAt: ctx.now, updatedAt: ctx.now })
      .where(eq(contacts.id, contactId))
      .returning()
      .get())!;
  });
}
