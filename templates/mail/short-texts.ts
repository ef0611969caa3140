/**
 * The SMS and Telegram wording of each notice: one plain line in the client's language with
 * the trip, the date, the local time, the stop and the agency's phone. An SMS must fit two
 * segments; a text that would not is shortened where it is longest (the stop's address, then
 * the trip's name), never in the time.
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
}

export function paymentText(p: PaymentText, forSms: boolean): string {
  const { tr } = p;
  return fit(
    (parts) =>
      tr.t(`sms.payment.${p.stage}`, {
        agency: p.agencyName,
        what: tr.t(`sms.payment.${p.paymentKind}`),
        amount: tr.money(p.amountMinor, p.currency),
        trip: parts.trip!,
        tripDate: day(tr, p.departsAt),
        due: day(tr, p.dueAt),
        ...phoneParams(p),
      }),
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
