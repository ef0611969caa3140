import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export interface NormalizedPhone {
  /** +359881234567 */
  e164: string;
  /** Digits as dialled at home, "0881234567": what staff type when they search. */
  nationalDigits: string;
  /** ISO 3166 country of the number, when it belongs to one. */
  country?: CountryCode | undefined;
}

/**
 * Reads a phone number as staff or clients write it ("0881 234 567", "+7 (912) 345-67-89",
 * "00359 88 123 4567"). Numbers without an international prefix are read in `country`.
 * Returns null when it is not a valid number.
 */
export function normalizePhone(input: string, country: CountryCode): NormalizedPhone | null {
  const cleaned = input.trim().replace(/^00(?=[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, country);
  if (!parsed || !parsed.isValid()) return null;
  return { e164: parsed.number, nationalDigits: parsed.formatNational().replace(/\D/g, ''), country: parsed.country };
}

/** Lower-cases any script and treats ё as е, as Russian speakers write it either way. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').normalize('NFC');
}

/** Where Russian is the language a client most likely reads; Bulgaria reads Bulgarian. */
const RUSSIAN_READING = new Set(['RU', 'BY', 'KZ', 'UA', 'MD']);

/** The language a client's phone number suggests (its country), or null when it says nothing. */
export function localeOfPhone(e164: string | null): 'bg' | 'ru' | null {
  return e164 ? localeOfCountry(parsePhoneNumberFromString(e164)?.country) : null;
}

/** The same, from a country already known (a phone just read). */
export function localeOfCountry(country: string | undefined): 'bg' | 'ru' | null {
  if (country === 'BG') return 'bg';
  return country && RUSSIAN_READING.has(country) ? 'ru' : null;
}

/**
 * A stored phone (E.164) as people write it: the national format for a number of the
 * agency's own country ("088 100 7252"), the international one for any other
 * ("+7 916 123-45-67"); anything unparsable as given.
 */
export function displayPhone(e164: string, agencyCountry: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === agencyCountry ? parsed.formatNational() : parsed.formatInternational();
}
