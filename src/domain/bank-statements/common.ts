/**
 * What both statement formats share: the limits, the refusals (every one names `file`, so
 * the answer is a 400 about the uploaded file), exact amounts and the credits' ids.
 */
import { createHash } from 'node:crypto';
import { invalid } from '../errors.js';
import { MAX_MINOR } from '../money.js';
import type { BankCredit } from './types.js';

/** The largest statement read: a year of a busy agency's account is a fraction of it. */
export const MAX_STATEMENT_BYTES = 10 * 1024 * 1024;
/** The most credits one statement may hold. */
export const MAX_CREDITS = 20_000;
/** The longest remittance text kept for a credit, and the longest name or account. */
export const LONGEST_TEXT = 4_000;
export const LONGEST_NAME = 200;
const LONGEST_ID = 200;

export const refuse = (what: string) => invalid({ file: what });

export function checkSize(bytes: Uint8Array): void {
  if (bytes.length === 0) throw refuse('is empty');
  if (bytes.length > MAX_STATEMENT_BYTES) throw refuse(`is larger than ${MAX_STATEMENT_BYTES / 1024 / 1024} MB: export a shorter period`);
}

/** At most `length` characters, never ending in half a surrogate pair. */
export function clip(text: string, length: number): string {
  if (text.length <= length) return text;
  const end = /[\uD800-\uDBFF]/.test(text[length - 1]!) ? length - 1 : length;
  return text.slice(0, end);
}

/** Runs of white space as one space, trimmed. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A name or account as kept: squashed, clipped, null when blank. */
export function field(text: string | null | undefined, length = LONGEST_NAME): string | null {
  if (!text) return null;
  const value = clip(squash(text), length);
  return value === '' ? null : value;
}

/** Quoted for a refusal: short, on one line. */
export const quoted = (text: string) => JSON.stringify(clip(squash(text), 40));

/**
 * "1500", "1500.5", "0.01" in minor units of a currency with `digits` decimals, by string
 * arithmetic (no float ever holds the amount). Trailing zeros past the currency's decimals
 * are only zeros ("1500.00" yen is 1500); any other digit past them is refused.
 */
export function minorUnits(raw: string, digits: number, currency: string): number {
  const match = /^(\d{1,16})(?:\.(\d{1,20}))?$/.exec(raw.trim());
  if (!match) throw refuse(`has an amount that is not a number: ${quoted(raw)}`);
  const fraction = match[2] ?? '';
  if (/[^0]/.test(fraction.slice(digits))) {
    throw refuse(`has an amount with more decimals than ${currency} has (${digits}): ${quoted(raw)}`);
  }
  const minor = Number(match[1]! + fraction.slice(0, digits).padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR) throw refuse(`has an amount too large to be a payment: ${quoted(raw)}`);
  return minor;
}

export const positive = (minor: number, raw: string) => {
  if (minor <= 0) throw refuse(`has a credit whose amount is not above zero: ${quoted(raw)}`);
  return minor;
};

/** A calendar date as YYYY-MM-DD, or null when it is none. */
export function isoDate(year: string, month: string, day: string): string | null {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900) return null;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** When the bank gives no reference: the same payment in the same statement gets the same id in every export. */
export function hashedId(credit: Omit<BankCredit, 'entryId'>): string {
  const what = JSON.stringify([credit.bookedOn, credit.amountMinor, credit.currency, credit.payerName, credit.payerAccount, credit.text]);
  return `h:${createHash('sha256').update(what).digest('hex')}`;
}

/**
 * The credits of one statement as they are found: each id kept at most 200 characters (a
 * longer one stands as its hash) and unique (the second credit of the same id is `<id>#2`,
 * in file order, so the same file gives the same ids), the count against MAX_CREDITS.
 */
export class CreditList {
  readonly credits: BankCredit[] = [];
  private readonly taken = new Set<string>();
  private readonly next = new Map<string, number>();

  add(credit: BankCredit): void {
    if (this.credits.length >= MAX_CREDITS) throw refuse(`has more than ${MAX_CREDITS} credits: export a shorter period`);
    let id = credit.entryId.trim() || hashedId(credit);
    if (id.length > LONGEST_ID - 8) id = `h:${createHash('sha256').update(id).digest('hex')}`;
    let unique = id;
    if (this.taken.has(id)) {
      // "A#2" may itself be a bank's id met earlier: the next number free.
      let times = this.next.get(id) ?? 2;
      while (this.taken.has(`${id}#${times}`)) times++;
      unique = `${id}#${times}`;
      this.next.set(id, times + 1);
    }
    this.taken.add(unique);
    this.credits.push({ ...credit, entryId: unique });
  }
}

/** The statement's own account when the file names exactly one. */
export function theAccount(accounts: Iterable<string | null>): string | null {
  const distinct = new Set(accounts);
  if (distinct.size !== 1) return null;
  return [...distinct][0] ?? null;
}
