/**
 * A spreadsheet as rows of cells, whatever the agency's old system saved: CSV with `,` `;`
 * or tab, in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1251
 * (what Russian and Bulgarian Excel writes as "CSV"), or an XLSX workbook.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { invalid } from '../errors.js';

/** A cell as the file holds it: XLSX keeps numbers, dates and booleans; CSV only text. */
export type Cell = string | number | boolean | Date | null;

export interface Table {
  format: 'csv' | 'xlsx';
  /** For CSV: how the bytes were read, and the separator found. */
  encoding?: 'utf-8' | 'utf-16le' | 'windows-1251';
  delimiter?: ',' | ';' | '\t';
  header: string[];
  /** Data rows, numbered as the spreadsheet shows them (the header is row 1). */
  rows: { row: number; cells: Cell[] }[];
}

export const MAX_ROWS = 100_000;

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) throw invalid({ file: 'is empty' });
  // XLSX is a zip archive; the old binary .xls is an OLE compound file, which nothing here reads.
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return readXlsx(bytes);
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) throw invalid({ file: 'is an old Excel .xls file: save it as .xlsx or CSV' });
  return readCsv(bytes);
}

/**
 * The text of a CSV file. A BOM says what it is; otherwise bytes that are valid UTF-8 are
 * UTF-8, and anything else is Windows-1251: Cyrillic written in 1251 is almost never valid
 * UTF-8, so the guess does not mistake one for the other.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: NonNullable<Table['encoding']> } {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (startsWith(bytes, 0xff, 0xfe)) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/** The separator of the header line (outside quotes): the one of `;` `,` tab it has most of. */
export function detectDelimiter(text: string): NonNullable<Table['delimiter']> {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  // Blank lines before the header do not end it.
  for (const char of text.replace(/^[\r\n]+/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  const best = (Object.entries(counts) as [NonNullable<Table['delimiter']>, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

function readCsv(bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw invalid({ file: `is not a readable CSV file${line ? ` (line ${line})` : ''}` });
  }
  return tableOf('csv', records, { encoding, delimiter });
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw invalid({ file: 'is not a readable XLSX workbook' });
  }
  // The first sheet that has anything on it: exports often start with an empty or a title sheet.
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) throw invalid({ file: 'has no rows' });
  const records: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    records[number - 1] = cells;
  });
  return tableOf('xlsx', Array.from(records, (cells) => cells ?? []), {});
}

/** An XLSX cell as a plain value: rich text as its text, a link as its text, a formula as its result. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellValue(value.text as ExcelJS.CellValue);
  if ('result' in value) return value.result === undefined ? null : cellValue(value.result as ExcelJS.CellValue);
  if ('error' in value) return null;
  return String(value);
}

function tableOf(format: Table['format'], records: Cell[][], how: Pick<Table, 'encoding' | 'delimiter'>): Table {
  const headerIndex = records.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) throw invalid({ file: 'has no rows' });
  if (records.length - headerIndex - 1 > MAX_ROWS) throw invalid({ file: `has more than ${MAX_ROWS} rows: split it into several files` });
  const header = Array.from(records[headerIndex]!, (cell) => (cell === null || cell === undefined ? '' : String(cell).trim()));
  const rows: Table['rows'] = [];
  for (let i = headerIndex + 1; i < records.length; i += 1) {
    const cells = Array.from(records[i]!, (cell) => cell ?? null);
    if (!isBlank(cells)) rows.push({ row: i + 1, cells });
  }
  return { format, ...how, header, rows };
}

const isBlank = (cells: Cell[]) => cells.every((cell) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === ''));
