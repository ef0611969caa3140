import { mapInOrder } from '../in-order.js';
import { and, eq } from 'drizzle-orm';
import { contacts, deals, notifications } from '../../db/schema/index.js';
import type { Ctx, ActingTxCtx } from '../context.js';
import { getDealRow, paidMinorOf } from '../deals/index.js';
import { isFullyPaid } from '../deals/status.js';
import { DomainError } from '../errors.js';
import type { NotificationRow } from './rows.js';

/**
 * Queues the voucher mail of a deal paid in full, in one transaction with the checks. A
 * client without an e-mail gets a `no_address` row, so the deal shows why nothing went out.
 */
export async function queueVoucher(ctx: ActingTxCtx, dealId: number): Promise<NotificationRow> {
  const deal = await getDealRow(ctx, dealId);
  if (deal.cancelledAt !== null) {
    throw new DomainError('invalid_transition', 'This deal is cancelled: it has no voucher', { status: 'cancelled' });
  }
  if (!isFullyPaid({ paidMinor: await paidMinorOf(ctx, dealId), priceMinor: deal.priceMinor })) {
    throw new DomainError('conflict', 'A voucher is sent once the deal is paid in full', { status: deal.status });
  }
  const contact = (await ctx.db.select().from(contacts).where(eq(contacts.id, deal.contactId)).get())!;
  return await ctx.db
    .insert(notifications)
    .values({
      dealId,
      departureId: deal.departureId,
      kind: 'voucher',
      toAddress: contact.email,
      locale: contact.locale ?? ctx.agency.locale,
      status: contact.email ? 'pending' : 'no_address',
      nextAttemptAt: ctx.now,
      createdBy: ctx.actor.id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning()
    .get();
}

/** Who the departure's bulk voucher send would reach: every deal paid in full whose voucher has not gone out. */
export async function dueVoucherRecipients(ctx: Ctx, departureId: number) {
  return await ctx.db
    .select({ dealId: deals.id, contactId: contacts.id, name: contacts.name, email: contacts.email, seats: deals.seats })
    .from(deals)
    .innerJoin(contacts, eq(contacts.id, deals.contactId))
    .where(and(eq(deals.departureId, departureId), eq(deals.status, 'fully_paid')))
    .orderBy(deals.id)
    .all();
}

/** Vouchers for every deal of a departure paid in full whose voucher has not gone out. */
export async function queueDueVouchers(ctx: ActingTxCtx, departureId: number): Promise<NotificationRow[]> {
  return await mapInOrder((await dueVoucherRecipients(ctx, departureId)), async (deal) => await queueVoucher(ctx, deal.dealId));
}
