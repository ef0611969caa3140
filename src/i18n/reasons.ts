import type { Locale } from '../domain/context.js';
import type { Reason } from '../domain/worklists/index.js';
import { formatDate, formatDateTime, formatMoney, isMessageKey, label, t } from './index.js';

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
    case 'not_notified': {
      const departsAt = formatDateTime(locale, reason.departsAt, zone);
      const key = `reason.not_notified.${reason.notice}`;
      // A notice state with no sentence of its own is still a sentence, naming the state.
      return isMessageKey(key)
        ? t(locale, key, { departsAt })
        : t(locale, 'reason.not_notified.other', { departsAt, state: label(locale, 'notificationStatus', reason.notice) });
    }
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
      return codeText(locale, (reason as { code: string }).code);
  }
}

/** A reason with no words of its own (a code newer than the catalogue) in a readable sentence, never a raw key. */
function codeText(locale: Locale, code: string): string {
  const key = `reason.${code}`;
  return isMessageKey(key) ? t(locale, key) : t(locale, 'reason.other', { what: code.replace(/[_-]+/g, ' ') });
}

/** Worded due dates, remembered: a list says "overdue by 3 days" for many rows, and each plural costs an ICU format. */
const dueTexts = new Map<string, string>();
const MAX_DUE_TEXTS = 5_000;

/** "due by 4 Dec" or "overdue by 3 days": a payment's date in words, not only in colour. */
export function dueWords(locale: Locale, due: { dueAt: number; overdueDays: number }, zone: string): string {
  const overdue = due.overdueDays > 0;
  const id = overdue ? `${locale}|${due.overdueDays}` : `${locale}|${zone}|${due.dueAt}`;
  let text = dueTexts.get(id);
  if (text === undefined) {
    text = overdue ? t(locale, 'myday.overdue', { n: due.overdueDays }) : t(locale, 'reason.dueBy', { date: formatDate(locale, due.dueAt, zone) });
    if (dueTexts.size >= MAX_DUE_TEXTS) dueTexts.clear();
    dueTexts.set(id, text);
  }
  return text;
}
