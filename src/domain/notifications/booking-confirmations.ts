import { eq } from 'drizzle-orm';
import { contacts, notifications } from '../../db/schema/index.js';
import type { TxCtx } from '../context.js';
import { getDealRow } from '../deals/index.js';
import { routedColumns } from './channels.js';
import type { NotificationRow } from './rows.js';

/**
 * Queues the booking's confirmation, with the link to the client's own booking page, by the
 * client's first channel (mail, SMS or Telegram), the rest kept as fallbacks. An online
 * booking gets one at once; staff send one (again) from the booking.
 */
export async function queueBookingConfirmation(ctx: TxCtx, dealId: number): Promise<NotificationRow> {
  const deal = await getDealRow(ctx, dealId);
  const contact = (await ctx.db.select().from(contacts).where(eq(contacts.id, deal.contactId)).get())!;
  return await ctx.db
    .insert(notifications)
    .values({
      dealId,
      departureId: deal.departureId,
      kind: 'booking_confirmation',
      ...routedColumns(ctx.agency, contact),
      locale: contact.locale ?? ctx.agency.locale,
      nextAttemptAt: ctx.now,
      createdBy: ctx.actor?.id ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning()
    .get();
}
