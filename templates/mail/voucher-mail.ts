import type { Tr } from '../tr.js';
import type { MailLines } from './mail-layout.js';

export interface VoucherMailProps {
  tr: Tr;
  clientName: string;
  trip: string;
  departsAt: number;
  /** Set when the trip's zone is not the agency's (in words). */
  zoneName: string | null;
  meetingPoint: string;
  reference: string;
  balanceMinor: number;
  currency: string;
  agencyName: string;
  agencyContacts: string;
  /** The client's own booking page: the travellers' details, the voucher again. */
  manageUrl: string;
  /** The agency's bot for a client not linked yet. */
  telegramLink?: string | null;
}

export function voucherMailLines(p: VoucherMailProps): MailLines {
  return {
    subject: p.tr.t('mail.voucher.subject', { trip: p.trip, date: p.tr.date(p.departsAt) }),
    greeting: p.tr.t('mail.greeting', { name: p.clientName }),
    body: [p.tr.t('mail.voucher.body', { trip: p.trip })],
    facts: [
      p.tr.t('mail.reference', { reference: p.reference }),
      p.tr.t('mail.when', {
        when: p.zoneName ? p.tr.t('mail.inZone', { when: p.tr.dateTime(p.departsAt), zone: p.zoneName }) : p.tr.dateTime(p.departsAt),
      }),
      p.tr.t('mail.where', { place: p.meetingPoint }),
      ...(p.balanceMinor > 0 ? [p.tr.t('mail.balance', { amount: p.tr.money(p.balanceMinor, p.currency) })] : []),
      ...(p.telegramLink ? [p.tr.t('mail.telegram', { link: p.telegramLink })] : []),
    ],
    action: { label: p.tr.t('mail.manage.action'), href: p.manageUrl },
    closing: p.tr.t('mail.closing'),
    signature: [p.agencyName, p.agencyContacts].filter(Boolean),
  };
}
