/** The waiting list of a full departure: who waits, the offers made to them, and booking within the hold. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { contacts, departures, waitlistEntries } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import { getContact, requireActiveUser } from '../contacts/index.js';
import type { ActingCtx, Ctx } from '../context.js';
import { createDeal, idInput, TravellerInput } from '../deals/index.js';
import { departureStatus, getDeparture, MAX_SEATS, seatCount, seatsLeftOf } from '../departures/departures.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { prose } from '../text.js';
import { offerFreedSeats } from './offers.js';

export const JoinWaitlistInput = z.object({
  contactId: idInput,
  seats: seatCount,
  note: prose(1000).nullish(),
  managerId: idInput.nullish(),
});
export type JoinWaitlistInput = z.infer<typeof JoinWaitlistInput>;

export const BookWaitlistInput = z.object({ travellers: z.array(TravellerInput).max(MAX_SEATS).optional(), stopId: idInput.optional() });
export type BookWaitlistInput = z.infer<typeof BookWaitlistInput>;

export { serializeEntry, type WaitlistRow } from './entry-view.js';
import { serializeEntry, type WaitlistRow } from './entry-view.js';

export async function getEntry(ctx: Ctx, entryId: number): Promise<WaitlistRow> {
  const row = await ctx.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, entryId)).get();
  if (!row) throw notFound('waitlist entry', entryId);
  return row;
}

/**
 * A client joins the waiting list of a departure that cannot seat them now. With enough
 * seats free they are told to book instead; the same client waiting twice is refused.
 */
export async function joinWaitlist(ctx: Ctx, departureId: number, input: JoinWaitlistInput): Promise<WaitlistRow> {
  const contact = await getContact(ctx, input.contactId, 'contactId');
  if (input.managerId) await requireActiveUser(ctx, input.managerId, 'managerId');
  return await atomically(ctx, async (ctx) => {
    const departure = await getDeparture(ctx, departureId);
    const status = departureStatus(departure, ctx.now);
    if (status !== 'scheduled') throw new DomainError('conflict', `This departure is ${status}: nobody can wait for it`, { reason: `departure_${status}` });
    const seatsLeft = seatsLeftOf(departure);
    if (seatsLeft >= input.seats) {
      throw new DomainError('conflict', `${seatsLeft} seat(s) are free: book them instead of waiting`, { reason: 'seats_free', seatsLeft });
    }
    const already = await ctx.db
      .select({ id: waitlistEntries.id })
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.departureId, departureId), eq(waitlistEntries.contactId, contact.id), sql`${waitlistEntries.status} IN ('waiting', 'offered')`))
      .get();
    if (already) throw new DomainError('conflict', 'This client is already on the waiting list', { reason: 'already_waiting', existingId: already.id });
    return await ctx.db
      .insert(waitlistEntries)
      .values({
        departureId,
        contactId: contact.id,
        managerId: input.managerId ?? contact.managerId ?? (ctx.actor?.role === 'manager' ? ctx.actor.id : null),
        seats: input.seats,
        note: input.note ?? null,
        createdBy: ctx.actor?.id ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
      .get();
  });
}

/** A departure's waiting list in order, with each client's name and how to reach them. */
export async function waitlistOf(ctx: Ctx, departureId: number) {
  await getDeparture(ctx, departureId);
  return (await ctx.db
    .select({ entry: waitlistEntries, name: contacts.name, phone: contacts.phone, email: contacts.email })
    .from(waitlistEntries)
    .innerJoin(contacts, eq(contacts.id, waitlistEntries.contactId))
    .where(eq(waitlistEntries.departureId, departureId))
    .orderBy(asc(waitlistEntries.id))
    .all())
    .map(({ entry, ...contact }) => serializeEntry(entry, contact));
}

/** Where a client waits now (waiting or offered), with the trip's title, for their inquiry and card. */
export async function waitlistOfContact(ctx: Ctx, contactId: number) {
  return (await ctx.db
    .select({ entry: waitlistEntries, title: departures.title, departsAt: departures.departsAt })
    .from(waitlistEntries)
    .innerJoin(departures, eq(departures.id, waitlistEntries.departureId))
    .where(and(eq(waitlistEntries.contactId, contactId), sql`${waitlistEntries.status} IN ('waiting', 'offered')`))
    .orderBy(asc(waitlistEntries.id))
    .all())
    .map(({ entry, title, departsAt }) => ({ ...serializeEntry(entry), title, departsAt }));
}

/**
 * Books the seats offered to an entry, within its hold: the hold's seats are the entry's
 * own, so a full bus takes them; after the hold the seats are the next entry's.
 */
export async function bookFromWaitlist(ctx: ActingCtx, entryId: number, input: BookWaitlistInput): Promise<number> {
  return await atomically(ctx, async (ctx) => {
    const entry = await getEntry(ctx, entryId);
    if (entry.status !== 'offered') {
      throw new DomainError('conflict', `This entry is ${entry.status}: only an offered entry can be booked`, { reason: `entry_${entry.status}`, status: entry.status });
    }
    if ((entry.holdUntil ?? 0) <= ctx.now) {
      throw new DomainError('conflict', 'The hold on these seats has run out', { reason: 'hold_expired', holdUntil: new Date(entry.holdUntil ?? 0).toISOString() });
    }
    if ((input.travellers?.length ?? 0) > entry.seats) throw invalid({ travellers: `at most one traveller per seat (${entry.seats})` });
    const dealId = await createDeal(
      ctx,
      { departureId: entry.departureId, contactId: entry.contactId, seats: entry.seats, managerId: entry.managerId, travellers: input.travellers, stopId: input.stopId },
      entry.id,
    );
    await ctx.db.update(waitlistEntries).set({ status: 'booked', dealId, updatedAt: ctx.now }).where(eq(waitlistEntries.id, entryId)).run();
    return dealId;
  });
}

/** The client no longer waits; seats held for them go to the next entry. */
export async function withdrawFromWaitlist(ctx: ActingCtx, entryId: number): Promise<WaitlistRow> {
  return await atomically(ctx, async (ctx) => {
    const entry = await getEntry(ctx, entryId);
    if (entry.status !== 'waiting' && entry.status !== 'offered') {
      throw new DomainError('conflict', `This entry is ${entry.status}: there is nothing to withdraw`, { reason: `entry_${entry.status}`, status: entry.status });
    }
    const row = (await ctx.db.update(waitlistEntries).set({ status: 'withdrawn', updatedAt: ctx.now }).where(eq(waitlistEntries.id, entryId)).returning().get())!;
    if (entry.status === 'offered') await offerFreedSeats(ctx, entry.departureId);
    return row;
  });
}
