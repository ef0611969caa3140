import { eq, sql } from 'drizzle-orm';
import { departures } from '../../db/schema/index.js';
import type { ActingCtx } from '../context.js';
import { getDealRow, updateDeal, type UpdateDealInput } from '../deals/index.js';
import { onScheduleChanged } from '../notifications/departure-notices.js';
import { getDeparture, updateDeparture, type UpdateDepartureInput } from './departures.js';
import { atomically } from '../../db/transaction.js';

/**
 * Changes a departure and, in the same transaction, settles what its travellers must hear:
 * a new time or meeting point withdraws notices not yet sent and queues corrections for
 * those already told. (Kept apart from departures.ts, which the deal module depends on.)
 */
export async function changeDeparture(ctx: ActingCtx, id: number, input: UpdateDepartureInput) {
  return await atomically(ctx, async (ctx) => {
      const before = await getDeparture(ctx, id);
      const updated = await updateDeparture(ctx, id, input);
      if (updated.scheduleVersion !== before.scheduleVersion) await onScheduleChanged(ctx, updated);
      return updated;
    });
}

/**
 * Changes a booking; when it moves to another stop, the departure's schedule version moves
 * on, so a booking already told its old stop gets one correction (the others, still told
 * the truth, get nothing).
 */
export async function changeBooking(ctx: ActingCtx, dealId: number, input: UpdateDealInput): Promise<void> {
  await atomically(ctx, async (ctx) => {
    const before = await getDealRow(ctx, dealId);
    await updateDeal(ctx, dealId, input);
    const after = await getDealRow(ctx, dealId);
    if (after.stopId === before.stopId) return;
    await ctx.db
      .update(departures)
      .set({ scheduleVersion: sql`${departures.scheduleVersion} + 1`, updatedAt: ctx.now })
      .where(eq(departures.id, after.departureId))
      .run();
    await onScheduleChanged(ctx, await getDeparture(ctx, after.departureId));
  });
}
