import type { Context } from 'hono';
import { detectFromHeader, type DetectorOptions } from 'hono/language';
import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES, type Locale } from '../domain/context.js';
import { bg } from './catalog/bg.js';
import { en, type MessageKey } from './catalog/en.js';
import { ru } from './catalog/ru.js';

export type { MessageKey } from './catalog/en.js';
/** The catalogues: ICU MessageFormat texts (plurals, selects), English the reference. */
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, ru, bg };

/** hono's Accept-Language reading, limited to the languages the desk speaks. */
const DETECTOR: DetectorOptions = {
  order: ['header'],
  lookupQueryString: 'lang',
  lookupCookie: 'language',
  lookupFromPathIndex: 0,
  lookupFromHeaderKey: 'accept-language',
  caches: false,
  ignoreCase: true,
  fallbackLanguage: 'en',
  supportedLanguages: [...LOCALES],
  debug: false,
};

/** The reader's language: their own setting, else the best match of their browser's, else the fallback. */
export function readerLocale(c: Context, userLocale: Locale | null | undefined, fallback: Locale = 'en'): Locale {
  if (userLocale) return userLocale;
  return (detectFromHeader(c, DETECTOR) as Locale | undefined) ?? fallback;
}

/** Whether the catalogue words this key (a value from the database or a URL may not be one). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** A catalogue text ready to format: plain `{name}` substitution, or ICU for plurals and selects. */
type Compiled = { parts: string[] } | { icu: IntlMessageFormat } | { text: string };

const compiled = new Map<string, Compiled>();

/**
 * Compiled once per language and key. Most texts only substitute `{name}`: those are split
 * once and joined on each call (a list page formats hundreds); texts with an ICU argument
 * (`{n, plural, ...}`) go through intl-messageformat; a text that is not valid ICU is
 * shown as written.
 */
function compile(locale: Locale, key: MessageKey): Compiled {
  const id = `${locale}|${key}`;
  let entry = compiled.get(id);
  if (entry === undefined) {
    const text = MESSAGES[locale]?.[key] ?? en[key];
    if (!/\{\s*\w+\s*,/.test(text)) {
      entry = { parts: text.split(/\{(\w+)\}/) };
    } else {
      try {
        entry = { icu: new IntlMessageFormat(text, INTL_LOCALE[locale], undefined, { ignoreTag: true }) };
      } catch {
        entry = { text };
      }
    }
    compiled.set(id, entry);
  }
  return entry;
}

/**
 * The text of a key in the locale, with its parameters (plurals by the language's own
 * rules). Never throws: a key the catalogue does not know is shown as given, and a missing
 * parameter leaves its placeholder, so an unexpected value can never take a page down.
 */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  if (!isMessageKey(key)) return String(key);
  const entry = compile(locale, key);
  if ('parts' in entry) {
    let out = entry.parts[0]!;
    for (let i = 1; i < entry.parts.length; i += 2) {
      const name = entry.parts[i]!;
      out += String(params[name] ?? `{${name}}`) + entry.parts[i + 1]!;
    }
    return out;
  }
  if ('text' in entry) return entry.text;
  try {
    return String(entry.icu.format(params));
  } catch {
    return MESSAGES[locale]?.[key] ?? en[key];
  }
}

/**
 * The families of codes the pages show: a stored value (a status, a source, a payment
 * method...) is worded from `<family>.<value>` when the catalogue has it, else shown as given.
 */
export const LABEL_FAMILIES = {
  status: 'status.',
  source: 'source.',
  tag: 'tag.',
  channel: 'channel.',
  method: 'method.',
  kind: 'kind.',
  role: 'role.',
  urgency: 'urgency.',
  notification: 'notification.',
  notificationStatus: 'notification.status.',
  inquiryStatus: 'inquiry.status.',
  inquiryEvent: 'inquiry.event.',
  inquiryReason: 'reason.inquiry.',
  list: 'list.',
  boarding: 'boarding.state.',
  waitlist: 'waitlist.status.',
  category: 'category.',
  stage: 'stage.',
  campaignStatus: 'campaign.status.',
  deliveryStatus: 'webhooks.status.',
  importField: 'import.field.',
  messageChannel: 'channels.',
  importStatus: 'import.status.',
  importSource: 'import.source.',
  paymentEvent: 'paymentEvent.',
  cancelReason: 'cancelReason.',
  travellerField: 'travellerField.',
} as const;
export type LabelFamily = keyof typeof LABEL_FAMILIES;

/** A code in the reader's words, or the code itself when the catalogue does not know it. */
export function label(locale: Locale, family: LabelFamily, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const key = `${LABEL_FAMILIES[family]}${value}`;
  return isMessageKey(key) ? t(locale, key) : String(value);
}


export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU', bg: 'bg-BG' };

/** Intl formatters are costly to build (tens of microseconds); a list of 50 items formats 150 values. */
function cached<T>(build: (key: string) => T) {
  const cache = new Map<string, T>();
  return (key: string) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = build(key);
      cache.set(key, value);
    }
    return value;
  };
}

const moneyFormat = cached((key) => {
  const [locale, currency] = key.split('|') as [Locale, string];
  const format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency });
  return { format, scale: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
});

const dateFormat = cached((key) => {
  const [locale, zone, withTime] = key.split('|') as [Locale, string, string];
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone: zone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(withTime === 't' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  });
});

/** Minor units shown as the locale writes money: "150,00 €" in Bulgarian, "€150.00" in English. */
export function formatMoney(locale: Locale, amountMinor: number, currency: string): string {
  const key = `${locale}|${currency}|${amountMinor}`;
  let text = formattedMoney.get(key);
  if (text === undefined) {
    const { format, scale } = moneyFormat(`${locale}|${currency}`);
    text = format.format(amountMinor / scale);
    // Amounts repeat (deposits are per seat); a bounded memo keeps lists cheap without growing forever.
    if (formattedMoney.size >= 10_000) formattedMoney.clear();
    formattedMoney.set(key, text);
  }
  return text;
}

const formattedMoney = new Map<string, string>();

/** A date and time in the agency's zone, in the locale's words: "29 Oct 2027, 06:30". */
export function formatDateTime(locale: Locale, ms: number, zone: string): string {
  return dateFormat(`${locale}|${zone}|t`).format(ms);
}

const clockFormat = cached((key) => {
  const [locale, zone] = key.split('|') as [Locale, string];
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
});

/** The clock alone, "06:30": a stop's time on the day of its trip. */
export function formatTime(locale: Locale, ms: number, zone: string): string {
  return clockFormat(`${locale}|${zone}`).format(ms);
}

export function formatDate(locale: Locale, ms: number, zone: string): string {
  return dateFormat(`${locale}|${zone}|d`).format(ms);
}

const zoneNameFormat = cached((key) => {
  const [locale, zone] = key.split('|') as [Locale, string];
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: zone, timeZoneName: 'longGeneric' });
});

/**
 * A time zone in the reader's words ("Eastern European Time", "Турция"), never the raw IANA
 * name; `at` picks the instant whose name it is (a zone's name may differ by date).
 */
export function formatZoneName(locale: Locale, zone: string, at = Date.now()): string {
  try {
    return zoneNameFormat(`${locale}|${zone}`).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? zone;
  } catch {
    return zone;
  }
}
