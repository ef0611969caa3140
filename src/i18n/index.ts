import { bg } from '../../templates/i18n/bg.js';
import { en, type MessageKey } from '../../templates/i18n/en.js';
import { ru } from '../../templates/i18n/ru.js';
import { LOCALES, type Locale } from '../domain/context.js';

export type { MessageKey } from '../../templates/i18n/en.js';
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, ru, bg };

/** The user's own setting wins; otherwise the best match in Accept-Language; otherwise the default. */
export function pickLocale(userLocale: Locale | null | undefined, acceptLanguage: string | undefined, fallback: Locale = 'en'): Locale {
  if (userLocale) return userLocale;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { lang: tag.toLowerCase().split('-')[0]!, q: q ? Number(q) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return (wanted.map((w) => w.lang).find((lang) => (LOCALES as readonly string[]).includes(lang)) as Locale) ?? fallback;
}

/** Whether the catalogue words this key (a value from the database or a URL may not be one). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/**
 * The text of a key in the locale, with its parameters. Never throws: a key the catalogue
 * does not know is shown as given, so an unexpected value can never take a page down.
 */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string | undefined = (isMessageKey(key) ? (MESSAGES[locale]?.[key] ?? en[key]) : undefined);
  if (text === undefined) return String(key);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
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
} as const;
export type LabelFamily = keyof typeof LABEL_FAMILIES;

/** A code in the reader's words, or the code itself when the catalogue does not know it. */
export function label(locale: Locale, family: LabelFamily, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const key = `${LABEL_FAMILIES[family]}${value}`;
  return isMessageKey(key) ? t(locale, key) : String(value);
}

/** Whether a code of a family has words in the catalogue (so it may be offered as a choice). */
export const hasLabel = (family: LabelFamily, value: string) => isMessageKey(`${LABEL_FAMILIES[family]}${value}`);

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU', bg: 'bg-BG' };

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
