/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Ctx } from '../domain/context.js';
import { voucherOf } from '../domain/deals/voucher.js';
import type { NotificationRow } from '../domain/notifications/outbox.js';
import { renderVoucher, voucherReference } from '../documents/voucher-pdf.js';
import { VoucherMail, voucherMailLines, voucherMailText } from '../../templates/mail/voucher-mail.js';
import { makeTr } from '../../templates/tr.js';
import type { MailMessage } from './mailer.js';

/** The mail a notification stands for, in the language it was queued with. */
export async function composeMail(ctx: Ctx, row: NotificationRow): Promise<MailMessage> {
  if (row.kind !== 'voucher') throw new Error(`no mail for ${row.kind} yet`);
  const voucher = voucherOf(ctx, row.dealId);
  const tr = makeTr(row.locale, voucher.zone);
  const props = {
    tr,
    clientName: voucher.data.client.name,
    trip: voucher.data.trip.title,
    departsAt: voucher.data.trip.departsAt,
    meetingPoint: voucher.data.trip.meetingPoint,
    balanceMinor: voucher.data.balanceMinor,
    currency: voucher.data.currency,
    agencyName: ctx.agency.name,
    agencyContacts: ctx.agency.contacts,
  };
  return {
    to: row.toAddress!,
    subject: voucherMailLines(props).subject,
    text: voucherMailText(props),
    html: `<!doctype html>${(<VoucherMail {...props} />).toString()}`,
    attachments: [
      { filename: `${voucherReference(row.dealId)}.pdf`, content: await renderVoucher(voucher.data, tr), contentType: 'application/pdf' },
    ],
  };
}
