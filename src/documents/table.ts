/**
 * A spreadsheet-shaped document as typed cells, written once and rendered both as CSV (for
 * machines and quick looks) and as XLSX (for accountants: numbers as numbers, dates as
 * dates, document numbers and phones as text that keeps its leading zeros).
 */
export type Cell =
  | { kind: 'text'; value: string }
  /** A phone as stored (E.164): text in XLSX, its groups apart in CSV so a spreadsheet keeps it as written. */
  | { kind: 'phone'; e164: string }
  | { kind: 'number'; value: number }
  | { kind: 'money'; minor: number; currency: string }
  /** An instant, shown as the local date and time in the document's zone. */
  | { kind: 'instant'; ms: number }
  /** A calendar date, YYYY-MM-DD. */
  | { kind: 'date'; iso: string }
  /** A fraction shown as a percent. */
  | { kind: 'share'; value: number }
  | null;

export interface Column {
  header: string;
  /** Width in characters (XLSX); a guess from the header when absent. */
  width?: number;
}

export interface Table {
  /** Names the sheet in XLSX; in CSV tables follow each other with a blank line between. */
  title: string;
  columns: Column[];
  rows: Cell[][];
}

export const text = (value: string | null | undefined): Cell => (value === null || value === undefined || value === '' ? null : { kind: 'text', value });
export const phone = (e164: string | null | undefined): Cell => (e164 ? { kind: 'phone', e164 } : null);
export const number = (value: number | null | undefined): Cell => (value === null || value === undefined ? null : { kind: 'number', value });
export const money = (minor: number, currency: string): Cell => ({ kind: 'money', minor, currency });
export const instant = (ms: number | null | undefined): Cell => (ms === null || ms === undefined ? null : { kind: 'instant', ms });
export const date = (iso: string | null | undefined): Cell => (iso ? { kind: 'date', iso } : null);
export const share = (value: number | null | undefined): Cell => (value === null || value === undefined ? null : { kind: 'share', value });
