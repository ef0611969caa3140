import { DateTime } from 'luxon';
import type { Tr } from '../tr.js';
import type { MailLines } from './mail-layout.js';

export interface BookingMailProps {
  tr: Tr;
  clientName: string;
  trip: string;
  /** When and where the client boards: their own stop and its time. */
  departsAt: number;
  meetingPoint: string;
  /** Set when the trip's zone is not the agency's (in words). */
  zoneName: string | null;
  reference: string;
  seats: number;
  /** The travellers named so far (none: not given yet). */
  travellers: string[];
  /** The extras taken (lunch × 2, a transfer), as the line lists them; none: no line. */
  extras?: string[];
  priceMinor: number;
  paidMinor: number;
  currency: string;
  /** What is due next, as the booking page says it (null: nothing left to pay). */
  next: { purpose: 'deposit' | 'balance'; amountMinor: number; dueAt: number; balanceMinor: number } | null;
  balanceDueAt: number;
  /** How to pay, as the agency writes it; may be empty. */
  instructions: string;
  /** The agency takes cards online: the booking page can be paid on. */
  payOnline: boolean;
  /** The client's own booking page. */
  manageUrl: string;
  agencyName: string;
  agencyContacts: string;
}

/**
 * A due date as the client needs it: the day alone when it runs to the end of that day (a
 * date the desk set), with the time when it ends sooner (an online booking's hours to pay).
 */
function dueWhen(tr: Tr, ms: number): string {
  const local = DateTime.fromMillis(ms, { zone: tr.zone });
  return local.endOf('day').toMillis() === ms ? tr.date(ms) : tr.dateTime(ms);
}

/** The agency's payment instructions as fact lines, the first one introduced. */
export function instructionLines(tr: Tr, instructions: string): string[] {
  return instructions
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => (i === 0 ? tr.t('mail.payment.how', { how: line }) : line));
}

/** The booking is made: what was booked, what is due and by when, and the way to the client's own booking page. */
export function bookingMailLines(p: BookingMailProps): MailLines {
  const { tr } = p;
  const money = (minor: number) => tr.money(minor, p.currency);
  const when = p.zoneName ? tr.t('mail.inZone', { when: tr.dateTime(p.departsAt), zone: p.zoneName }) : tr.dateTime(p.departsAt);
  const due: string[] = [];
  if (p.next === null) {
    due.push(tr.t('mail.booking.paidInFull'));
  } else if (p.next.purpose === 'deposit') {
    due.push(tr.t('mail.booking.deposit', { amount: money(p.next.amountMinor), date: dueWhen(tr, p.next.dueAt) }));
    const rest = p.next.balanceMinor - p.next.amountMinor;
    if (rest > 0) due.push(tr.t('mail.booking.rest', { amount: money(rest), date: dueWhen(tr, p.balanceDueAt) }));
  } else {
    due.push(tr.t('mail.booking.balance', { amount: money(p.next.amountMinor), date: dueWhen(tr, p.next.dueAt) }));
  }
  return {
    subject: tr.t('mail.booking.subject', { trip: p.trip, date: tr.date(p.departsAt) }),
    greeting: tr.t('mail.greeting', { name: p.clientName }),
    body: [tr.t('mail.booking.body', { trip: p.trip }), tr.t('mail.booking.page', { pay: p.payOnline ? 'yes' : 'no' })],
    facts: [
      tr.t('mail.reference', { reference: p.reference }),
      tr.t('mail.when', { when }),
      tr.t('mail.where', { place: p.meetingPoint }),
      tr.t('mail.booking.seats', { seats: p.seats }),
      ...(p.travellers.length ? [tr.t('mail.travellers', { names: p.travellers.join(', ') })] : []),
      ...(p.extras?.length ? [tr.t('extras.mailLine', { list: p.extras.join(', ') })] : []),
      tr.t('mail.booking.price', { amount: money(p.priceMinor) }),
      ...(p.paidMinor > 0 ? [tr.t('mail.booking.paid', { amount: money(p.paidMinor) })] : []),
      ...due,
      ...(p.next && p.instructions.trim() ? [...instructionLines(tr, p.instructions), tr.t('ledger.transferReference', { reference: p.reference })] : []),
    ],
    action: { label: tr.t(p.payOnline ? 'mail.manage.pay' : 'mail.manage.action'), href: p.manageUrl },
    closing: tr.t('mail.closing'),
    signature: [p.agencyName, p.agencyContacts].filter(Boolean),
  };
}
