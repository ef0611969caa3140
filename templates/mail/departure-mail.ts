import type { Tr } from '../tr.js';
import type { MailLines } from './mail-layout.js';

export interface DepartureMailProps {
  tr: Tr;
  kind: 'departure_reminder' | 'departure_changed';
  clientName: string;
  trip: string;
  departsAt: number;
  meetingPoint: string;
  /** Set when the trip's zone is not the agency's, so the reader knows whose clock it is (in words). */
  zoneName: string | null;
  /** The booking's reference, as on the voucher. */
  reference: string;
  /** What the traveller was told before, for a correction. */
  previous: { departsAt: number; meetingPoint: string } | null;
  travellers: string[];
  balanceMinor: number;
  currency: string;
  agencyName: string;
  agencyContacts: string;
}

/** The reminder a day before departure, or the correction after the time or place changed. */
export function departureMailLines(p: DepartureMailProps): MailLines {
  const { tr } = p;
  const when = (ms: number) => (p.zoneName ? tr.t('mail.inZone', { when: tr.dateTime(ms), zone: p.zoneName }) : tr.dateTime(ms));
  const changed = p.kind === 'departure_changed';
  return {
    subject: tr.t(changed ? 'mail.changed.subject' : 'mail.reminder.subject', { trip: p.trip, when: when(p.departsAt) }),
    greeting: tr.t('mail.greeting', { name: p.clientName }),
    body: [tr.t(changed ? 'mail.changed.body' : 'mail.reminder.body', { trip: p.trip }), tr.t('mail.arrive')],
    facts: [
      tr.t('mail.reference', { reference: p.reference }),
      tr.t('mail.when', { when: when(p.departsAt) }),
      tr.t('mail.where', { place: p.meetingPoint }),
      ...(p.previous ? [tr.t('mail.previously', { when: when(p.previous.departsAt), place: p.previous.meetingPoint })] : []),
      tr.t('mail.travellers', { names: p.travellers.join(', ') }),
      ...(p.balanceMinor > 0 ? [tr.t('mail.balance', { amount: tr.money(p.balanceMinor, p.currency) })] : []),
    ],
    closing: tr.t('mail.closing'),
    signature: [p.agencyName, p.agencyContacts].filter(Boolean),
  };
}
