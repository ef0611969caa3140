import { DateTime } from 'luxon';
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

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = MESSAGES[locale][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU', bg: 'bg-BG' };

/** Minor units shown as the locale writes money: "150,00 €" in Bulgarian, "€150.00" in English. */
export function formatMoney(locale: Locale, amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/** A date and time in the agency's zone, in the locale's words: "29 Oct 2027, 06:30". */
export function formatDateTime(locale: Locale, ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale(INTL_LOCALE[locale]).toLocaleString(DateTime.DATETIME_MED);
}

export function formatDate(locale: Locale, ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale(INTL_LOCALE[locale]).toLocaleString(DateTime.DATE_MED);
}
