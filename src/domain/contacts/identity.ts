/** Who a person is: the normalised phone (first) or e-mail; the same person is found, not added twice. */
import { and, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { contacts } from '../../db/schema/index.js';
import { type Ctx } from '../context.js';
import { DomainError, invalid } from '../errors.js';
import { foldText, normalizePhone } from './phone.js';
import type { ContactRow } from './rows.js';

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

export function searchTextOf(name: string, email: string | null, identity: Identity): string {
  return [foldText(name), email ? foldText(email) : '', identity.phone?.slice(1) ?? '', identity.nationalDigits ?? '']
    .filter(Boolean)
    .join(' ');
}

/** The contact with this phone or e-mail, the phone's first: the same person. */
export async function findByIdentity(ctx: Ctx, identity: Identity, exceptId?: number): Promise<ContactRow | undefined> {
  const same: SQL[] = [];
  if (identity.phone) same.push(eq(contacts.phone, identity.phone));
  if (identity.emailNormalized) same.push(eq(contacts.emailNormalized, identity.emailNormalized));
  if (same.length === 0) return undefined;
  return await ctx.db
    .select()
    .from(contacts)
    .where(and(or(...same), exceptId ? ne(contacts.id, exceptId) : undefined))
    .orderBy(sql`${contacts.phone} IS NOT ${identity.phone}`)
    .get();
}

/** 409 with the id of the contact that already has this phone or e-mail. */
export async function refuseDuplicate(ctx: Ctx, identity: Identity, exceptId?: number): Promise<void> {
  const existing = await findByIdentity(ctx, identity, exceptId);
  if (existing) {
    const what = identity.phone && existing.phone === identity.phone ? 'phone' : 'email';
    throw new DomainError('conflict', `A contact with this ${what} is already on file`, {
      existingId: existing.id,
      field: what,
    });
  }
}
