/**
 * One spreadsheet row as a client: each value read as the desk reads it when staff type it
 * (phones normalised in the file's country, e-mails checked, tags as the agency writes them),
 * or the reason it cannot be.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import { LOCALES, type Locale } from '../context.js';
import { normalizePhone, type NormalizedPhone } from '../contacts/phone.js';
import { prose, requiredLine } from '../text.js';
import type { Columns, ImportField } from './columns.js';
import type { Cell } from './table.js';

/** A row's problem with one of its values: `field` is the contact's field, `value` what the file says. */
export interface RowProblem {
  row: number;
  field: string;
  message: string;
  value?: string;
}

/** A phone or e-mail a client card has no place for (it keeps one of each): kept in its notes. */
export interface Carried {
  row: number;
  field: 'phone' | 'email';
  value: string;
}

export interface CandidateContact {
  row: number;
  name: string;
  phone: NormalizedPhone | null;
  email: string | null;
  tags: string[];
  birthDate: string | null;
  notes: string | null;
  /** null: the file does not say. */
  marketingOptIn: boolean | null;
  locale: Locale | null;
  /** Second phones and e-mails of the row (and, once merged, of the person's other rows). */
  carried: Carried[];
}

export interface ReadRow {
  contact: CandidateContact | null;
  /** Who the row is, as the file writes it: shown beside its errors. */
  given: { row: number; name: string; phone: string | null; email: string | null };
  errors: RowProblem[];
  warnings: RowProblem[];
}

/** A cell as text: whole numbers without exponent (Excel keeps phones as numbers), dates as ISO. */
function textOf(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const PHONE_INVALID = (country: string) => `is not a valid phone number (numbers without + are read as ${country})`;

/**
 * A phone as a spreadsheet holds it. Excel drops the leading "+" of a number stored as a
 * number (359881234567): digits that are not a number at home are tried as international.
 */
export function readImportPhone(text: string, country: CountryCode): NormalizedPhone | null {
  const home = normalizePhone(text, country);
  if (home) return home;
  const digits = text.replace(/[\s\-().]/g, '');
  return /^\d{10,15}$/.test(digits) ? normalizePhone(`+${digits}`, country) : null;
}

const emailSchema = z.string().email('must be an e-mail address').max(254);
/** Tags keep the agency's spelling ("VIP"). */
const tagsSchema = z.array(requiredLine(50)).max(30, 'at most 30 tags');

/**
 * One of each tag whatever its case, the first spelling kept; a tag that is one of `codes`
 * in another case ("DO_NOT_CONTACT") is that code, as the desk checks it.
 */
export function distinctTags(tags: string[], codes: readonly string[] = []): string[] {
  const seen = new Map<string, string>();
  for (const tag of tags) {
    const folded = tag.toLowerCase();
    const code = codes.find((known) => known === folded);
    if (!seen.has(folded)) seen.set(folded, code ?? tag);
  }
  return [...seen.values()];
}

const nameSchema = requiredLine(200);
const notesSchema = prose(10_000);

/** Several values in one cell ("0881 234 567, 0882 345 678"): the first is kept. */
const splitValues = (text: string, separators: RegExp) =>
  text
    .split(separators)
    .map((part) => part.trim())
    .filter(Boolean);

const YES = new Set(['yes', 'y', 'true', '1', '+', 'x', '✓', 'да', 'д']);
const NO = new Set(['no', 'n', 'false', '0', '-', 'нет', 'не', 'н']);

const LANGUAGE_WORDS: Record<string, Locale> = {
  en: 'en', english: 'en', английский: 'en', английски: 'en',
  ru: 'ru', russian: 'ru', русский: 'ru', руски: 'ru',
  bg: 'bg', bulgarian: 'bg', болгарский: 'bg', български: 'bg',
};

/** A date of birth as people and spreadsheets write it: 31.12.1980, 31/12/1980, 1980-12-31, a date cell. */
export function readBirthDate(cell: Cell | undefined, today: string): { date: string } | { error: string } {
  let date: DateTime | null = null;
  if (cell instanceof Date) date = DateTime.fromJSDate(cell, { zone: 'UTC' });
  else if (typeof cell === 'number' && Number.isInteger(cell) && cell > 0 && cell < 2_958_466) {
    // An Excel serial day number: days since 30 December 1899.
    date = DateTime.fromISO('1899-12-30', { zone: 'UTC' }).plus({ days: cell });
  } else {
    const text = textOf(cell).replace(/\s*г\.?$/u, '');
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    const european = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
    if (iso) date = DateTime.utc(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    else if (european) date = DateTime.utc(Number(european[3]), Number(european[2]), Number(european[1]));
  }
  if (!date || !date.isValid) return { error: 'must be a date like 31.12.1980 or 1980-12-31' };
  const iso = date.toISODate()!;
  if (date.year < 1900) return { error: 'must be in the years 1900 to now' };
  if (iso > today) return { error: 'must not be in the future' };
  return { date: iso };
}

export function readContactRow(columns: Columns, row: { row: number; cells: Cell[] }, options: { country: CountryCode; today: string }): ReadRow {
  const errors: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const values = (field: ImportField) => (columns.of.get(field) ?? []).map((i) => textOf(row.cells[i])).filter(Boolean);
  const first = (field: ImportField) => values(field)[0] ?? '';
  const problem = (list: RowProblem[], field: string, message: string, value?: string) =>
    list.push({ row: row.row, field, message, ...(value !== undefined ? { value } : {}) });

  // The name, or its parts in the order the file has them (Фамилия Имя Отчество, or Име Презиме Фамилия).
  const partColumns = (['firstName', 'middleName', 'lastName'] as const).flatMap((field) => columns.of.get(field) ?? []).sort((a, b) => a - b);
  const nameText = first('name') || partColumns.map((i) => textOf(row.cells[i])).filter(Boolean).join(' ');
  const name = nameSchema.safeParse(nameText);
  if (!name.success) problem(errors, 'name', name.error.issues[0]!.message, nameText);

  let phone: NormalizedPhone | null = null;
  const carried: Carried[] = [];
  const phoneTexts = values('phone').flatMap((text) => splitValues(text, /[,;\n]/));
  for (const [i, text] of phoneTexts.entries()) {
    const read = readImportPhone(text, options.country);
    if (i === 0) {
      if (read) phone = read;
      else problem(errors, 'phone', PHONE_INVALID(options.country), text);
    } else if (!read || read.e164 !== (phone as NormalizedPhone | null)?.e164) {
      carried.push({ row: row.row, field: 'phone', value: read?.e164 ?? text });
      problem(warnings, 'phone', 'kept in the notes: a client keeps one phone', text);
    }
  }

  let email: string | null = null;
  const emailTexts = values('email').flatMap((text) => splitValues(text, /[,;\s]+/));
  for (const [i, text] of emailTexts.entries()) {
    if (i === 0) {
      if (emailSchema.safeParse(text).success) email = text;
      else problem(errors, 'email', 'must be an e-mail address', text);
    } else if (text.toLowerCase() !== (email as string | null)?.toLowerCase()) {
      carried.push({ row: row.row, field: 'email', value: text });
      problem(warnings, 'email', 'kept in the notes: a client keeps one e-mail', text);
    }
  }
  if (phoneTexts.length === 0 && emailTexts.length === 0) problem(errors, 'phone', 'phone or email is required');

  const tagText = values('tags').join(',');
  const tags = tagsSchema.safeParse(splitValues(tagText, /[,;|]/));
  if (!tags.success) problem(errors, 'tags', tags.error.issues[0]!.message, tagText);

  let birthDate: string | null = null;
  const birthColumn = columns.of.get('birthDate')?.find((i) => textOf(row.cells[i]) !== '');
  if (birthColumn !== undefined) {
    const read = readBirthDate(row.cells[birthColumn], options.today);
    if ('date' in read) birthDate = read.date;
    else problem(errors, 'birthDate', read.error, textOf(row.cells[birthColumn]));
  }

  const notesText = values('notes').join('\n');
  const notes = notesSchema.safeParse(notesText);
  if (!notes.success) problem(errors, 'notes', notes.error.issues[0]!.message, notesText.slice(0, 100));

  let marketingOptIn: boolean | null = null;
  const consentText = first('marketingOptIn');
  if (consentText) {
    const folded = consentText.toLowerCase();
    if (YES.has(folded)) marketingOptIn = true;
    else if (NO.has(folded)) marketingOptIn = false;
    else problem(errors, 'marketingOptIn', 'must be yes or no', consentText);
  }

  let locale: Locale | null = null;
  const localeText = first('locale');
  if (localeText) {
    locale = LANGUAGE_WORDS[localeText.toLowerCase()] ?? null;
    if (!locale) problem(warnings, 'locale', `is not a language of the desk (${LOCALES.join(', ')}): the phone's country decides`, localeText);
  }

  const given = { row: row.row, name: nameText, phone: phoneTexts[0] ?? null, email: emailTexts[0] ?? null };
  if (errors.length > 0) return { contact: null, given, errors, warnings };
  return {
    given,
    contact: {
      row: row.row,
      name: name.data!,
      phone,
      email,
      tags: distinctTags(tags.data!),
      birthDate,
      notes: notes.data || null,
      marketingOptIn,
      locale,
      carried,
    },
    errors,
    warnings,
  };
}
