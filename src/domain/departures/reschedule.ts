import type { ActingCtx } from '../context.js';
import { onScheduleChanged } from '../notifications/departure-notices.js';
import { getDeparture, updateDeparture, type UpdateDepartureInput } from './departures.js';
import { atomically } from '../../db/transaction.js';

/**
 * Changes a departure and, in the same transaction, settles what its travellers must hear:
 * a new time or meeting point withdraws notices not yet sent and queues corrections for
 * those already told. (Kept apart from departures.ts, which the deal module depends on.)
 */
export function changeDeparture(ctx: ActingCtx, id: number, input: UpdateDepartureInput) {
  return atomically(ctx.sqlite, () => {
      const before = getDeparture(ctx, id);
      const updated = updateDeparture(ctx, id, input);
      if (updated.scheduleVersion !== before.scheduleVersion) onScheduleChanged(ctx, updated);
      return updated;
    });
}
