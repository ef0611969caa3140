import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Tr } from '../../templates/tr.js';
import { csvDocument } from './csv.js';
import { currencyDigits } from '../domain/money.js';
import type { Cell, Table } from './table.js';

const INTL: Record<string, string> = { en: 'en-GB', ru: 'ru-RU', bg: 'bg-BG' };

/**
 * A phone in CSV: international, its groups apart by spaces only ("+359 88 765 4321",
 * "+7 916 123 45 67"). Written whole ("+359887654321") a spreadsheet reads a number and
 * drops the plus; with spaces it is text, needs no apostrophe, and still parses as a phone.
 * Where a space groups thousands (Bulgarian, Russian), groups of three after the first
 * ("+359 700 123 456") would still read as a number: the last two then go together.
 */
export function spacedPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  const spaced = parsed.formatInternational().replace(/[^\d+]+/g, ' ').trim();
  return /^\+\d+(?: \d{3}){2,}$/.test(spaced) ? spaced.replace(/ (\d+)$/, '$1') : spaced;
}

/**
 * The field separator a spreadsheet in the reader's language expects: where a decimal is
 * written with a comma (Bulgarian, Russian), Excel splits CSV on semicolons.
 */
export function listSeparator(locale: string): ',' | ';' {
  const decimal = new Intl.NumberFormat(INTL[locale] ?? locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value;
  return decimal === ',' ? ';' : ',';
}

/** A cell as text in the reader's conventions: amounts without a symbol so they stay numbers. */
export function cellText(cell: Cell, tr: Tr): string {
  if (cell === null) return '';
  switch (cell.kind) {
    case 'text':
      return cell.value;
    case 'phone':
      return spacedPhone(cell.e164);
    case 'number':
      return String(cell.value);
    case 'money': {
      const digits = currencyDigits(cell.currency);
      return new Intl.NumberFormat(INTL[tr.locale], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(
        cell.minor / 10 ** digits,
      );
    }
    case 'instant':
      return tr.dateTime(cell.ms);
    case 'date':
      return tr.date(Date.parse(`${cell.iso}T12:00:00Z`));
    case 'share':
      return new Intl.NumberFormat(INTL[tr.locale], { style: 'percent', maximumFractionDigits: 1 }).format(cell.value);
  }
}

/** Tables one after another, a blank line between; UTF-8 with BOM, Excel quoting, the reader's separator. */
export function tablesCsv(tables: Table[], tr: Tr): string {
  const records: string[][] = [];
  tables.forEach((table, i) => {
    if (i > 0) records.push([]);
    if (table.columns.some((column) => column.header !== '')) records.push(table.columns.map((column) => column.header));
    for (const row of table.rows) records.push(row.map((cell) => cellText(cell, tr)));
  });
  return csvDocument(records, listSeparator(tr.locale));
}
