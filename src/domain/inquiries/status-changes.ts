/** Moves by hand through the table, with reasons; expired offers back to selecting. */
import { and, eq, lte } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { BLACKLIST_REASONS, inquiries, REFUSAL_REASONS } from '../../db/schema/index.js';
import type { ActingCtx, Ctx } from '../context.js';
import { DomainError, invalid } from '../errors.js';
import { DAY_MS, parseInstant } from '../time.js';
import { allowedMoves, isOpen, type InquiryStatus } from './moves.js';
import { atomically } from '../../db/transaction.js';
import { MoveInquiryInput, OFFER_DAYS, type InquiryRow } from './schemas.js';
import { addEvent, getInquiryRow } from './rows.js';

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
export async function moveInquiry(ctx: ActingCtx, id: number, input: MoveInquiryInput): Promise<InquiryRow> {
  return await atomically(ctx, async (ctx) => {
      const current = await getInquiryRow(ctx, id);
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
      const row = (await ctx.db
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
        .get())!;
      await addEvent(ctx, id, { kind: 'status', fromStatus: current.status, toStatus: to, reason, note: input.note ?? null });
      return row;
    });
}

/** Offers past their date go back to selecting, with a history row; a scheduler pass. */
export async function expireOffers(ctx: Ctx): Promise<number> {
  return await atomically(ctx, async (ctx) => {
      const due = await ctx.db
        .select({ id: inquiries.id })
        .from(inquiries)
        .where(and(eq(inquiries.status, 'offer_made'), lte(inquiries.offerExpiresAt, ctx.now)))
        .all();
      for (const { id } of due) {
        await ctx.db.update(inquiries).set({ status: 'selecting', offerExpiresAt: null, updatedAt: ctx.now }).where(eq(inquiries.id, id)).run();
        await addEvent(ctx, id, { kind: 'status', fromStatus: 'offer_made', toStatus: 'selecting', note: 'offer expired without a decision' });
      }
      return due.length;
    });
}
