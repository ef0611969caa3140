/**
 * The deal's webhook events, each carrying the deal as GET /deals/:id answers it (and a money
 * row as that answer lists it in `payments`), built only when the event has a subscriber.
 */
import type { TxCtx } from '../context.js';
import { emitEvent, type WebhookEvent } from '../webhooks/events.js';
import { dealView } from './view.js';

type DealEvent = Extract<WebhookEvent, `deal.${string}`> | 'voucher.sent';

/** `deal.created`, `deal.updated`, `deal.status_changed`, `deal.cancelled`, `voucher.sent`: `{dealId, ..., deal}`. */
export async function emitDealEvent(ctx: TxCtx, type: DealEvent, data: { dealId: number } & Record<string, unknown>): Promise<number> {
  return await emitEvent(ctx, type, data, async (ctx) => ({ deal: await dealView(ctx, data.dealId) }));
}

export interface MoneyRowFacts {
  dealId: number;
  paymentId: number;
  kind: string;
  amountMinor: number;
  currency: string;
  method: string;
}

/**
 * `payment.recorded` for every money row, and `refund.recorded` as well for a refund:
 * `{dealId, paymentId, kind, amountMinor, currency, method, payment, deal}`. Emitted after the
 * deal's status was refreshed, so the deal carried is the one a GET answers after the commit.
 */
export async function emitMoneyEvents(ctx: TxCtx, facts: MoneyRowFacts): Promise<void> {
  const objects = async (ctx: TxCtx) => {
    const deal = await dealView(ctx, facts.dealId);
    return { payment: deal.payments.find((p) => p.id === facts.paymentId) ?? null, deal };
  };
  const data = { dealId: facts.dealId, paymentId: facts.paymentId, kind: facts.kind, amountMinor: facts.amountMinor, currency: facts.currency, method: facts.method };
  await emitEvent(ctx, 'payment.recorded', data, objects);
  if (facts.kind === 'refund') await emitEvent(ctx, 'refund.recorded', data, objects);
}
