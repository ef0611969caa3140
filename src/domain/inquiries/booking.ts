import { eq } from 'drizzle-orm';
import { inquiries } from '../../db/schema/index.js';
import type { ActingCtx } from '../context.js';
import { createDeal, dealView } from '../deals/index.js';
import { DomainError } from '../errors.js';
import { isOpen } from './moves.js';
import { atomically } from '../../db/transaction.js';
import { BookInquiryInput } from './schemas.js';
import { addEvent, getInquiryRow } from './rows.js';

/**
 * Books an open inquiry: the deal goes through the same capacity transaction as any
 * booking, and a refusal there (sold out) leaves the inquiry as it was.
 */
export async function bookInquiry(ctx: ActingCtx, id: number, input: BookInquiryInput) {
  return await atomically(ctx, async (ctx) => {
      const current = await getInquiryRow(ctx, id);
      if (!isOpen(current.status)) {
        throw new DomainError('invalid_transition', `An inquiry in ${current.status} cannot be booked`, { status: current.status, allowed: [] });
      }
      const dealId = await createDeal(ctx, {
        departureId: input.departureId,
        contactId: current.contactId,
        seats: input.seats,
        travellers: input.travellers,
        managerId: current.managerId ?? undefined,
      });
      const row = (await ctx.db
        .update(inquiries)
        .set({ status: 'booked', dealId, departureId: input.departureId, closedAt: ctx.now, offerExpiresAt: null, updatedAt: ctx.now })
        .where(eq(inquiries.id, id))
        .returning()
        .get())!;
      await addEvent(ctx, id, { kind: 'booked', fromStatus: current.status, toStatus: 'booked' });
      return { inquiry: row, deal: await dealView(ctx, dealId) };
    });
}
