/**
 * How many SMS segments a text takes. Text in the GSM 7-bit alphabet fits 160 characters in
 * one SMS and 153 per part when concatenated (the extension characters count twice); anything
 * else (Cyrillic) goes as UCS-2: 70 characters alone, 67 per part.
 */
const GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = '^{}\\[~]|€\f';

export type SmsEncoding = 'gsm' | 'ucs2';

export function encodingOf(text: string): SmsEncoding {
  for (const char of text) if (!GSM_BASIC.includes(char) && !GSM_EXTENDED.includes(char)) return 'ucs2';
  return 'gsm';
}

/** The length as the SMS centre counts it: septets for GSM, UTF-16 units for UCS-2. */
export function smsLength(text: string, encoding = encodingOf(text)): number {
  if (encoding === 'ucs2') return text.length;
  let length = 0;
  for (const char of text) length += GSM_EXTENDED.includes(char) ? 2 : 1;
  return length;
}

export const LIMITS = { gsm: { single: 160, part: 153 }, ucs2: { single: 70, part: 67 } } as const;

export function segmentCount(text: string): number {
  const encoding = encodingOf(text);
  const length = smsLength(text, encoding);
  const limit = LIMITS[encoding];
  return length <= limit.single ? 1 : Math.ceil(length / limit.part);
}

/**
 * The parts of a concatenated SMS, each within its limit, never splitting a character pair
 * (an emoji, or a GSM extension character).
 */
export function splitSegments(text: string): string[] {
  const encoding = encodingOf(text);
  const limit = LIMITS[encoding];
  if (smsLength(text, encoding) <= limit.single) return [text];
  const parts: string[] = [];
  let current = '';
  for (const char of text) {
    if (smsLength(current + char, encoding) > limit.part) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  if (current) parts.push(current);
  return parts;
}
