/**
 * The SMS and Telegram wording of each notice: one plain line in the client's language with
 * the trip, the date, the local time, the stop and the agency's phone, and under it, where
 * there is one, the link to the client's booking page. An SMS must fit two segments; a text
 * that would not is shortened where it is longest (the stop's address, then the trip's
 * name), never in the time or the link.
 */
import { DateTime } from 'luxon';
import { segmentCount } from '../../src/sms/segments.js';
import type { Tr } from '../tr.js';

export const MAX_SMS_SEGMENTS = 2;

interface Common {
  tr: Tr;
  agencyName: string;
  /** The agency's phone as the client dials it; empty when the agency gave none. */
  agencyPhone: string;
}

/** A day as a text message says it: "29.10" (ru, bg), "29 Oct" (en); the year is plain from the context. */
const day = (tr: Tr, ms: number) => {
  const local = DateTime.fromMillis(ms, { zone: tr.zone });
  return tr.locale === 'en' ? local.setLocale('en-GB').toFormat('d LLL') : local.toFormat('dd.MM');
};

const phoneParams = (p: Common) => ({ phone: p.agencyPhone, hasPhone: p.agencyPhone ? 'yes' : 'no' });

/** Shortens the longest of the texts' variable parts until the SMS fits, or gives up at a few characters each. */
function fit(build: (parts: Record<string, string>) => string, parts: Record<string, string>, shortenable: string[], forSms: boolean): string {
  let text = build(parts);
  if (!forSms) return text;
  const current = { ...parts };
  while (segmentCount(text) > MAX_SMS_SEGMENTS) {
    const longest = shortenable.filter((key) => (current[key] ?? '').length > 8).sort((a, b) => current[b]!.length - current[a]!.length)[0];
    if (!longest) break;
    // A fifth (at least four characters) off the end at a time, never below eight, marked with an ellipsis.
    const value = current[longest]!;
    const keep = Math.max(8, value.length - Math.max(4, Math.ceil(value.length * 0.2)));
    current[longest] = `${value.slice(0, keep - 1).trimEnd()}…`;
    text = build(current);
  }
  return text;
}

type Wording = (parts: Record<string, string>) => string;

/**
 * The first of the wordings (fullest first) that fits an SMS whole, else the first that fits
 * once shortened (a leaner wording beats a cut name); when none does, the fallback, or the
 * last wording, shortened as far as it goes. Telegram takes the first whole.
 */
function fitFirst(wordings: Wording[], parts: Record<string, string>, shortenable: string[], forSms: boolean, fallback?: Wording): string {
  if (!forSms) return wordings[0]!(parts);
  const whole = wordings.map((build) => build(parts)).find((text) => segmentCount(text) <= MAX_SMS_SEGMENTS);
  if (whole !== undefined) return whole;
  let text = '';
  for (const build of wordings) {
    text = fit(build, parts, shortenable, true);
    if (segmentCount(text) <= MAX_SMS_SEGMENTS) return text;
  }
  return fallback ? fit(fallback, parts, shortenable, true) : text;
}

export interface DepartureText extends Common {
  kind: 'departure_reminder' | 'departure_changed';
  trip: string;
  departsAt: number;
  meetingPoint: string;
  previous: { departsAt: number; meetingPoint: string } | null;
}

export function departureText(p: DepartureText, forSms: boolean): string {
  const { tr } = p;
  const sameDay = p.previous && day(tr, p.previous.departsAt) === day(tr, p.departsAt);
  const was = p.previous ? (sameDay ? tr.time(p.previous.departsAt) : `${day(tr, p.previous.departsAt)} ${tr.time(p.previous.departsAt)}`) : '';
  const key = p.kind === 'departure_changed' && p.previous ? 'sms.changed' : 'sms.reminder';
  return fit(
    (parts) => tr.t(key, { agency: p.agencyName, trip: parts.trip!, place: parts.place!, date: day(tr, p.departsAt), time: tr.time(p.departsAt), was, ...phoneParams(p) }),
    { trip: p.trip, place: p.meetingPoint },
    ['place', 'trip'],
    forSms,
  );
}

export interface PaymentText extends Common {
  paymentKind: 'deposit' | 'balance';
  stage: 'upcoming' | 'overdue';
  trip: string;
  departsAt: number;
  dueAt: number;
  amountMinor: number;
  currency: string;
  /** The client's own booking page, and whether it takes cards; without it the text is as it always was. */
  link?: string | null;
  payOnline?: boolean;
}

export function paymentText(p: PaymentText, forSms: boolean): string {
  const { tr } = p;
  const reminder = (parts: Record<string, string>, phone: Common) =>
    tr.t(`sms.payment.${p.stage}`, {
      agency: p.agencyName,
      what: tr.t(`sms.payment.${p.paymentKind}`),
      amount: tr.money(p.amountMinor, p.currency),
      trip: parts.trip!,
      tripDate: day(tr, p.departsAt),
      due: day(tr, p.dueAt),
      ...phoneParams(phone),
    });
  if (!p.link) return fit((parts) => reminder(parts, p), { trip: p.trip }, ['trip'], forSms);
  const line = tr.t(p.payOnline ? 'sms.link.payment' : 'sms.link.booking', { link: p.link });
  const noPhone = { ...p, agencyPhone: '' };
  // Within two segments the link comes before the phone (the page shows the agency's
  // contacts), its words before the link alone; a reminder that cannot carry it goes as before.
  return fitFirst(
    [(parts) => `${reminder(parts, p)}\n${line}`, (parts) => `${reminder(parts, noPhone)}\n${line}`, (parts) => `${reminder(parts, noPhone)}\n${p.link}`],
    { trip: p.trip },
    ['trip'],
    forSms,
    (parts) => reminder(parts, p),
  );
}

export interface BookingText extends Common {
  reference: string;
  trip: string;
  departsAt: number;
  /** The client's own booking page. */
  link: string;
}

/** The booking is made: its reference, the trip and its day, and the link to the booking page, which is never left out. */
export function bookingText(p: BookingText, forSms: boolean): string {
  const { tr } = p;
  const made = (parts: Record<string, string>) => tr.t('sms.booking', { agency: p.agencyName, reference: p.reference, trip: parts.trip!, date: day(tr, p.departsAt) });
  return fitFirst(
    [(parts) => `${made(parts)}\n${tr.t('sms.link.booking', { link: p.link })}`, (parts) => `${made(parts)}\n${p.link}`],
    { trip: p.trip },
    ['trip'],
    forSms,
  );
}

export interface WaitlistText extends Common {
  trip: string;
  departsAt: number;
  seats: number;
  holdUntil: number;
}

export function waitlistText(p: WaitlistText, forSms: boolean): string {
  const { tr } = p;
  return fit(
    (parts) => tr.t('sms.waitlist', { agency: p.agencyName, seats: p.seats, trip: parts.trip!, tripDate: day(tr, p.departsAt), until: `${day(tr, p.holdUntil)} ${tr.time(p.holdUntil)}`, ...phoneParams(p) }),
    { trip: p.trip },
    ['trip'],
    forSms,
  );
}
