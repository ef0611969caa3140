/**
 * A client books on the agency's site: their card is found by phone or e-mail (never changed
 * by what the form says) or made, the seats are taken under the same capacity check as every
 * booking, the deposit falls due within hours, and the manager finds it on their day.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { and, desc, gt, isNull } from 'drizzle-orm';
import { communications, deals, inquiries, travellers } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import { LOCALES, type Ctx, type TxCtx } from '../context.js';
import { createContact, findByIdentity, identityOf, type ContactRow } from '../contacts/index.js';
import { foldText } from '../contacts/phone.js';
import { bookSeats, dealReference, getDealRow, idInput, TravellerInput } from '../deals/index.js';
import { takenExtrasInput } from '../departures/extras.js';
import { addEvent, openInquiryOf } from '../inquiries/index.js';
import { queueBookingConfirmation } from '../notifications/index.js';
import { line, prose, requiredLine } from '../text.js';
import { HOUR_MS } from '../time.js';
import { joinWaitlist } from '../waitlist/index.js';
import { once } from '../idempotency.js';
import { manageUrlOf } from '../deals/index.js';
import { publicDeparture } from './public-departures.js';

/** Seats one online booking may take: a family or a small group; larger groups call the agency. */
export const MAX_ONLINE_SEATS = 20;
export const DEFAULT_ONLINE_DEPOSIT_HOURS = 24;

const onlineSeats = z
  .number({ error: `must be a whole number from 1 to ${MAX_ONLINE_SEATS}` })
  .int(`must be a whole number from 1 to ${MAX_ONLINE_SEATS}`)
  .min(1, `must be a whole number from 1 to ${MAX_ONLINE_SEATS}`)
  .max(MAX_ONLINE_SEATS, `must be a whole number from 1 to ${MAX_ONLINE_SEATS}`);

const person = {
  departureId: idInput,
  name: requiredLine(200),
  phone: requiredLine(40),
  email: z.string().trim().email('must be an e-mail address').max(254),
  locale: z.enum(LOCALES).optional(),
  seats: onlineSeats,
};

export const OnlineBookingInput = z
  .object({
    ...person,
    travellers: z.array(TravellerInput).max(MAX_ONLINE_SEATS).optional(),
    /** Codes of the trip's extras sold per booking that it takes (each traveller's own are in `travellers`). */
    extras: takenExtrasInput.optional(),
    stopId: idInput.optional(),
    message: prose(2000).nullish(),
  })
  .superRefine((input, issues) => {
    if (input.travellers && input.travellers.length > input.seats) {
      issues.addIssue({ code: 'custom', path: ['travellers'], message: `at most one traveller per seat (${input.seats})` });
    }
  });
export type OnlineBookingInput = z.infer<typeof OnlineBookingInput>;

export const OnlineWaitlistInput = z.object({ ...person, message: line(1000).nullish() });
export type OnlineWaitlistInput = z.infer<typeof OnlineWaitlistInput>;

export interface OnlineBooking {
  dealId: number;
  reference: string;
  manageUrl: string;
  depositDueAt: number;
}

/**
 * The client the form names: found by phone, then e-mail; else a new card with what the form
 * says. A known card stays as the agency keeps it: what the form said differently is returned,
 * for a note the manager reads.
 */
async function clientOf(ctx: TxCtx, input: { name: string; phone: string; email: string; locale?: Ctx['agency']['locale'] | undefined }) {
  const identity = identityOf(ctx, input);
  const known = await findByIdentity(ctx, identity);
  if (!known) return { contact: await createContact(ctx, { name: input.name, phone: input.phone, email: input.email, locale: input.locale ?? null }), differs: [] };
  const differs = [
    foldText(known.name) !== foldText(input.name) ? `«${input.name}»` : null,
    known.phone !== identity.phone ? input.phone : null,
    known.emailNormalized !== identity.emailNormalized ? input.email : null,
  ].filter((part): part is string => part !== null);
  return { contact: known, differs };
}

/** What the public form said that the card does not, on the card's timeline. */
async function noteDifferences(ctx: TxCtx, contact: ContactRow, differs: string[], about: string): Promise<void> {
  if (differs.length === 0) return;
  await ctx.db
    .insert(communications)
    .values({ contactId: contact.id, channel: 'note', summary: `/trips ${about}: ${differs.join(' · ')}`, at: ctx.now, createdBy: null, createdAt: ctx.now })
    .run();
}

/**
 * Books online. With a key (the form's, or an Idempotency-Key) the same request books once: a
 * second tap, Back and resubmit, or a retry after a lost answer gets the first booking.
 */
export async function bookOnline(ctx: Ctx, input: OnlineBookingInput, key?: string): Promise<OnlineBooking & { replayed: boolean }> {
  // A trip not sold online is not found, whatever id is posted.
  await publicDeparture(ctx, input.departureId, 'departureId');
  const { result, replayed } = await atomically(ctx, async (ctx) => await once(ctx, 'online-booking', key, input, async () => await book(ctx, input)));
  return { ...result, replayed: replayed || result.repeated };
}

/** The same client booking the same seats again within minutes is the same booking sent twice (Back, then send). */
const REPEAT_WINDOW_MS = 10 * 60_000;

async function sameBookingJustMade(ctx: TxCtx, contactId: number, input: OnlineBookingInput): Promise<number | null> {
  const recent = await ctx.db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.contactId, contactId), eq(deals.departureId, input.departureId), eq(deals.source, 'online'), eq(deals.seats, input.seats), isNull(deals.cancelledAt), gt(deals.createdAt, ctx.now - REPEAT_WINDOW_MS)))
    .orderBy(desc(deals.id))
    .all();
  const names = (input.travellers ?? []).map((t) => foldText(t.name)).join('|');
  for (const { id } of recent) {
    const theirs = (await ctx.db.select({ name: travellers.name }).from(travellers).where(eq(travellers.dealId, id)).orderBy(travellers.position).all()).map((t) => foldText(t.name)).join('|');
    if (theirs === names) return id;
  }
  return null;
}

async function answerOf(ctx: TxCtx, dealId: number, repeated: boolean): Promise<OnlineBooking & { repeated: boolean }> {
  const row = await getDealRow(ctx, dealId);
  return { dealId, reference: await dealReference(ctx, dealId), manageUrl: await manageUrlOf(ctx, row), depositDueAt: row.depositDueAt, repeated };
}

async function book(ctx: TxCtx, input: OnlineBookingInput): Promise<OnlineBooking & { repeated: boolean }> {
  const { contact, differs } = await clientOf(ctx, input);
  const repeat = await sameBookingJustMade(ctx, contact.id, input);
  if (repeat !== null) return await answerOf(ctx, repeat, true);
  const dealId = await bookSeats(
    ctx,
    { departureId: input.departureId, contactId: contact.id, seats: input.seats, travellers: input.travellers, extras: input.extras, stopId: input.stopId },
    {
      createdBy: null,
      source: 'online',
      managerOf: (client, departure) => client.managerId ?? departure.managerId,
      depositDueAt: ctx.now + (ctx.agency.onlineDepositHours ?? DEFAULT_ONLINE_DEPOSIT_HOURS) * HOUR_MS,
    },
  );
  const reference = await dealReference(ctx, dealId);
  await noteDifferences(ctx, contact, differs, reference);
  await closeOpenInquiry(ctx, contact.id, dealId, input.departureId);
  await queueBookingConfirmation(ctx, dealId);
  return await answerOf(ctx, dealId, false);
}

/** The client had asked about a trip: their inquiry is now booked, with this booking. */
async function closeOpenInquiry(ctx: TxCtx, contactId: number, dealId: number, departureId: number): Promise<void> {
  const open = await openInquiryOf(ctx, contactId);
  if (!open) return;
  await ctx.db
    .update(inquiries)
    .set({ status: 'booked', dealId, departureId, closedAt: ctx.now, offerExpiresAt: null, updatedAt: ctx.now })
    .where(eq(inquiries.id, open.id))
    .run();
  await addEvent(ctx, open.id, { kind: 'booked', fromStatus: open.status, toStatus: 'booked', source: 'online' });
}

/** Sold out: the client waits for seats like anyone the office puts on the list. */
export async function waitOnline(ctx: Ctx, input: OnlineWaitlistInput): Promise<void> {
  const departure = await publicDeparture(ctx, input.departureId, 'departureId');
  await atomically(ctx, async (ctx) => {
    const { contact, differs } = await clientOf(ctx, input);
    await noteDifferences(ctx, contact, differs, departure.title);
    await joinWaitlist(ctx, input.departureId, { contactId: contact.id, seats: input.seats, note: input.message ? `/trips: ${input.message}` : '/trips' });
  });
}
