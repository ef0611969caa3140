import type { Tr } from '../tr.js';
import type { MailLines } from './mail-layout.js';

export interface WaitlistMailProps {
  tr: Tr;
  clientName: string;
  trip: string;
  departsAt: number;
  seats: number;
  holdUntil: number;
  agencyName: string;
  agencyContacts: string;
}

/** Seats came free on a trip the client waited for: held for them until the hold ends. */
export function waitlistMailLines(p: WaitlistMailProps): MailLines {
  const { tr } = p;
  return {
    subject: tr.t('mail.waitlist.subject', { trip: p.trip, date: tr.date(p.departsAt) }),
    greeting: tr.t('mail.greeting', { name: p.clientName }),
    body: [tr.t('mail.waitlist.body', { trip: p.trip, seats: p.seats, until: tr.dateTime(p.holdUntil) })],
    facts: [tr.t('mail.when', { when: tr.dateTime(p.departsAt) }), tr.t('mail.waitlist.seats', { seats: p.seats }), tr.t('mail.waitlist.until', { until: tr.dateTime(p.holdUntil) })],
    closing: tr.t('mail.waitlist.closing'),
    signature: [p.agencyName, p.agencyContacts].filter(Boolean),
  };
}
