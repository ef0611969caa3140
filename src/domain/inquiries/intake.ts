/** One intake for phone, desk and site: the same person's open inquiry takes the message. */
import { emitEvent } from '../webhooks/events.js';
import { eq } from 'drizzle-orm';
import { inquiries } from '../../db/schema/index.js';
import { createContact, findByIdentity, identityOf, type ContactRow } from '../contacts/index.js';
import type { Ctx } from '../context.js';
import { getDeparture } from '../departures/departures.js';
import { addWorkingHours } from './working-hours.js';
import { atomically } from '../../db/transaction.js';
import { CreateInquiryInput, FIRST_OFFER_HOURS, type InquiryRow } from './schemas.js';
import { addEvent, isBarred, openInquiryOf, readWishes, storedWishes } from './rows.js';
import { inquiryView } from './view.js';

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
export async function takeInquiry(ctx: Ctx, input: CreateInquiryInput): Promise<IntakeResult> {
  const identity = identityOf(ctx, input);
  if (input.departureId) await getDeparture(ctx, input.departureId);
  return await atomically(ctx, async (ctx): Promise<IntakeResult> => {
      const contact =
        await findByIdentity(ctx, identity) ?? await createContact(ctx, { name: input.name, phone: input.phone ?? null, email: input.email ?? null });
      const open = await openInquiryOf(ctx, contact.id);
      if (open) {
        await addEvent(ctx, open.id, { kind: 'message', message: input.message ?? null, source: input.source ?? null });
        const inquiry = (await ctx.db
          .update(inquiries)
          .set({
            lastMessageAt: ctx.now,
            updatedAt: ctx.now,
            departureId: open.departureId ?? input.departureId ?? null,
            wishes: input.wishes ? storedWishes(input.wishes, readWishes(open.wishes)) : open.wishes,
          })
          .where(eq(inquiries.id, open.id))
          .returning()
          .get())!;
        return { inquiry, contact, merged: true };
      }
      const earlier = await ctx.db.select({ id: inquiries.id }).from(inquiries).where(eq(inquiries.contactId, contact.id)).get();
      const inquiry = await ctx.db
        .insert(inquiries)
        .values({
          contactId: contact.id,
          managerId: contact.managerId ?? (ctx.actor?.role === 'manager' ? ctx.actor.id : null),
          status: 'new',
          source: input.source ?? null,
          departureId: input.departureId ?? null,
          wishes: storedWishes(input.wishes),
          reactivation: !!earlier,
          flagged: await isBarred(ctx, contact),
          firstOfferDueAt: addWorkingHours(ctx.now, FIRST_OFFER_HOURS, ctx.agency.timeZone, ctx.agency.workingHours),
          createdBy: ctx.actor?.id ?? null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning()
        .get();
      await addEvent(ctx, inquiry.id, { kind: 'created', toStatus: 'new', message: input.message ?? null, source: input.source ?? null });
      await emitEvent(
        ctx,
        'inquiry.created',
        { inquiryId: inquiry.id, contactId: contact.id, source: inquiry.source, departureId: inquiry.departureId, reactivation: inquiry.reactivation },
        async (ctx) => ({ inquiry: await inquiryView(ctx, inquiry.id) }),
      );
      return { inquiry, contact, merged: false };
    });
}
