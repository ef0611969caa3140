import { DateTime } from 'luxon';
import { displayPhone } from '../src/domain/contacts/phone.js';
import type { Locale } from '../src/domain/context.js';
import { formatDate, formatDateTime, formatTime, formatMoney, formatZoneName, label, t, type LabelFamily, type MessageKey } from '../src/i18n/index.js';

/** Everything a template needs to speak the reader's language, bound once per request. */
export interface Tr {
  locale: Locale;
  /** The zone dates and times are shown in. */
  zone: string;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** A stored code (status, source, method...) in words; an unknown one as given. */
  label: (family: LabelFamily, value: string | null | undefined) => string;
  money: (amountMinor: number, currency: string) => string;
  dateTime: (ms: number) => string;
  date: (ms: number) => string;
  /** The clock alone: "06:30". */
  time: (ms: number) => string;
  /** A time zone in words, never its IANA name. */
  zoneName: (zone: string, at?: number) => string;
  /** A stored phone as people write it (national format at home, international abroad). */
  phone: (e164: string) => string;
  /** An instant as a datetime-local input's value ("2026-12-01T09:30"), in the shown zone. */
  inputDateTime: (ms: number) => string;
}

export function makeTr(locale: Locale, zone: string, country = 'BG'): Tr {
  return {
    locale,
    zone,
    t: (key, params) => t(locale, key, params),
    label: (family, value) => label(locale, family, value),
    money: (amountMinor, currency) => formatMoney(locale, amountMinor, currency),
    dateTime: (ms) => formatDateTime(locale, ms, zone),
    date: (ms) => formatDate(locale, ms, zone),
    time: (ms) => formatTime(locale, ms, zone),
    zoneName: (name, at) => formatZoneName(locale, name, at),
    phone: (e164) => displayPhone(e164, country),
    inputDateTime: (ms) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm"),
  };
}
