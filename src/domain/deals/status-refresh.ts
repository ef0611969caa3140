/**
 * The one place a deal's status is derived and written. Apart from rows.ts because the
 * event it emits carries the whole deal (view.ts), and view.ts reads rows.ts.
 */
import type { TxCtx } from '../context.js';
import { emitDealEvent } from './events.js';
import { factsOf, getDealRow, insertHistory, paidMinorOf, setStatus } from './rows.js';
import { deriveDealStatus, type DealStatus } from './status.js';

/**
 * Re-derives the deal's status from its facts after a change, inside the caller's
 * transaction, and appends a history row when it moved. Nothing else writes `status`.
 */
export async function refreshDealStatus(ctx: TxCtx, dealId: number, note?: string, byClient = false): Promise<DealStatus> {
  const row = await getDealRow(ctx, dealId);
  const next = deriveDealStatus(factsOf(row, await paidMinorOf(ctx, dealId)));
  await setStatus(ctx.db).run({ id: dealId, status: next, at: ctx.now });
  if (next !== row.status) {
    // Without an actor the change is the system's own (the notifier's mail was accepted).
    await insertHistory(ctx.db).run({ dealId, fromStatus: row.status, toStatus: next, at: ctx.now, byUserId: ctx.actor?.id ?? null, note: note ?? null, byClient });
    await emitDealEvent(ctx, 'deal.status_changed', { dealId, departureId: row.departureId, from: row.status, to: next });
  }
  return next;
}
