import type { Tr } from '../tr.js';
import type { MailLines } from './mail-layout.js';

interface Agency {
  agencyName: string;
  agencyContacts: string;
}

const signature = (p: Agency) => [p.agencyName, p.agencyContacts].filter(Boolean);

/** After the trip: how was it? One click to the page with the stars. */
export function feedbackMailLines(p: Agency & { tr: Tr; clientName: string; trip: string; departsAt: number; link: string }): MailLines {
  const { tr } = p;
  return {
    subject: tr.t('mail.feedback.subject', { trip: p.trip }),
    greeting: tr.t('mail.greeting', { name: p.clientName }),
    body: [tr.t('mail.feedback.body', { trip: p.trip, date: tr.date(p.departsAt) })],
    facts: [],
    action: { label: tr.t('mail.feedback.action'), href: p.link },
    closing: tr.t('mail.feedback.closing'),
    signature: signature(p),
  };
}

/** The agency's greeting on the client's birthday; it can be turned off with one click. */
export function greetingMailLines(p: Agency & { tr: Tr; clientName: string; unsubscribe: string }): MailLines {
  const { tr } = p;
  return {
    subject: tr.t('mail.birthday.subject', { name: p.clientName }),
    greeting: tr.t('mail.greeting', { name: p.clientName }),
    body: [tr.t('mail.birthday.body', { agency: p.agencyName })],
    facts: [],
    closing: tr.t('mail.birthday.closing'),
    signature: signature(p),
    footer: { label: tr.t('mail.unsubscribe'), href: p.unsubscribe },
  };
}

/** A campaign: the manager's own words, paragraph by paragraph, with the unsubscribe link under them. */
export function campaignMailLines(p: Agency & { tr: Tr; subject: string; body: string; unsubscribe: string }): MailLines {
  return {
    subject: p.subject,
    greeting: '',
    body: p.body.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter(Boolean),
    facts: [],
    closing: '',
    signature: signature(p),
    footer: { label: p.tr.t('mail.unsubscribe'), href: p.unsubscribe },
  };
}
