import type { Locale } from '../domain/context.js';
import type { Reason } from '../domain/worklists/index.js';
import { formatDate, formatDateTime, formatMoney, label, t } from './index.js';

/** A worklist reason in the reader's words, with money and dates in the agency's zone. */
export function reasonText(locale: Locale, reason: Reason, zone: string): string {
  switch (reason.code) {
    case 'documents_not_back':
      return t(locale, 'reason.documents_not_back', { sentAt: formatDate(locale, reason.sentAt, zone) });
    case 'deposit_missing':
      return `${t(locale, 'reason.deposit_missing', {
        due: formatMoney(locale, reason.dueMinor, reason.currency),
        paid: formatMoney(locale, reason.paidMinor, reason.currency),
      })} · ${dueWords(locale, reason, zone)}`;
    case 'balance_due':
      return `${t(locale, 'reason.balance_due', { balance: formatMoney(locale, reason.balanceMinor, reason.currency) })} · ${dueWords(locale, reason, zone)}`;
    case 'waitlist_offer':
      return t(locale, 'reason.waitlist_offer', { seats: reason.seats, until: formatDateTime(locale, reason.holdUntil, zone) });
    case 'not_notified':
      return t(locale, `reason.not_notified.${reason.notice}`, { departsAt: formatDateTime(locale, reason.departsAt, zone) });
    case 'new_inquiry':
      return t(locale, reason.reactivation ? 'reason.new_inquiry.reactivation' : 'reason.new_inquiry', { source: label(locale, 'source', reason.source) || '—' });
    case 'first_offer_overdue':
      return t(locale, 'reason.first_offer_overdue', { dueAt: formatDateTime(locale, reason.dueAt, zone) });
    case 'offer_expiring':
      return t(locale, reason.tooFewContacts ? 'reason.offer_expiring.few' : 'reason.offer_expiring', {
        expiresAt: formatDateTime(locale, reason.expiresAt, zone),
        contacts: reason.contacts,
      });
    case 'newly_received':
      return t(locale, 'reason.newly_received', { receivedAt: formatDateTime(locale, reason.receivedAt, zone) });
    case 'planned_contact':
      return reason.summary
        ? t(locale, 'reason.planned_contact', { summary: reason.summary })
        : t(locale, 'reason.planned_contact_plain');
    case 'follow_up':
      return t(locale, 'reason.follow_up', { trip: reason.trip });
    case 'task_due':
      return t(locale, reason.overdue ? 'reason.task_overdue' : 'reason.task_due', { title: reason.title });
    default:
      return t(locale, `reason.${reason.code}`);
  }
}

/** "due by 4 Dec" or "overdue by 3 days": a payment's date in words, not only in colour. */
export function dueWords(locale: Locale, due: { dueAt: number; overdueDays: number }, zone: string): string {
  return due.overdueDays > 0 ? t(locale, 'myday.overdue', { n: due.overdueDays }) : t(locale, 'reason.dueBy', { date: formatDate(locale, due.dueAt, zone) });
}
