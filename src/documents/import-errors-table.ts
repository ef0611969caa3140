/**
 * The rows an import left out, as a spreadsheet the agency corrects and uploads again: the
 * file's own columns in its order, its values as it had them, and a last column saying what
 * to correct in the reader's language (the desk does not read that column back).
 */
import type { Tr } from '../../templates/tr.js';
import type { ImportCell, RejectedRow } from '../domain/imports/index.js';
import { rejectedRowText } from '../i18n/import-words.js';
import { date, number, text, type Cell, type Table } from './table.js';

/**
 * A value as the file had it. A date cell stays a date in XLSX; in CSV it is written as
 * 1980-12-31, which the import reads back in any language (a worded "31 Dec 1980" it would not).
 */
function cellOf(value: ImportCell | undefined, format: 'csv' | 'xlsx'): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return format === 'xlsx' ? date(value.toISOString().slice(0, 10)) : text(value.toISOString().slice(0, 10));
  if (typeof value === 'number') return number(value);
  return text(String(value));
}

export function importErrorsTable(header: string[], rows: RejectedRow[], tr: Tr, format: 'csv' | 'xlsx'): Table {
  const width = Math.max(header.length, ...rows.map((row) => row.cells.length));
  const columns = Array.from({ length: width }, (_, i) => ({ header: header[i] ?? '' }));
  return {
    title: tr.t('import.errorsFile.title'),
    columns: [...columns, { header: tr.t('import.errorsFile.problem'), width: 60 }],
    rows: rows.map((row) => [...Array.from({ length: width }, (_, i) => cellOf(row.cells[i], format)), text(rejectedRowText(tr.locale, row))]),
  };
}
