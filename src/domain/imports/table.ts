/**
 * A spreadsheet as rows of cells, whatever the agency's old system saved: CSV with `,` `;`
 * or tab, in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1251
 * (what Russian and Bulgarian Excel writes as "CSV"), or an XLSX workbook.
 */
import { parse } from 'csv-parse/sync';
import { DomainError, invalid } from '../errors.js';
import type { Cell } from './cells.js';
import { MAX_CELLS, MAX_ROWS } from './limits.js';
import { readXlsxRows } from './xlsx-sheet.js';
import { tooManyCells, tooManyRows, unreadable } from './zip-check.js';

export type { Cell };

export interface Table {
  format: 'csv' | 'xlsx';
  /** For CSV: how the bytes were read, and the separator found. */
  encoding?: 'utf-8' | 'utf-16le' | 'windows-1251';
  delimiter?: ',' | ';' | '\t';
  header: string[];
  /** Data rows, numbered as the spreadsheet shows them (the header is row 1). */
  rows: { row: number; cells: Cell[] }[];
}

export { MAX_ROWS };

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) throw invalid({ file: 'is empty' });
  // XLSX is a zip archive; the old binary .xls is an OLE compound file, which nothing here reads.
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return readXlsx(bytes);
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) throw invalid({ file: 'is an old Excel .xls file: save it as .xlsx or CSV' });
  return readCsv(bytes);
}

const MIXED_ENCODING = 'cannot tell the file\'s encoding: save it as UTF-8 (CSV UTF-8 in Excel)';

/**
 * Whether bytes that are not UTF-8 as a whole still hold Cyrillic words written in UTF-8: a
 * file pasted together from two exports. In Windows-1251 a UTF-8 Cyrillic letter (D0 or D1,
 * then 80-BF) reads as Р or С followed by a sign such as » or №, so three such letters in a
 * row never happen in a real 1251 file.
 */
export function hasUtf8Cyrillic(bytes: Uint8Array): boolean {
  let run = 0;
  for (let i = 0; i + 1 < bytes.length; ) {
    const lead = bytes[i]!;
    const next = bytes[i + 1]!;
    if ((lead === 0xd0 || lead === 0xd1) && next >= 0x80 && next <= 0xbf) {
      if (++run >= 3) return true;
      i += 2;
    } else {
      run = 0;
      i += 1;
    }
  }
  return false;
}

/**
 * The text of a CSV file. A BOM says what it is; otherwise bytes that are valid UTF-8 are
 * UTF-8, and anything else is Windows-1251: Cyrillic written in 1251 is almost never valid
 * UTF-8, so the guess does not mistake one for the other. A file that is partly one and
 * partly the other (or says UTF-8 and is not) cannot be read right either way: it is refused
 * rather than read with half its names garbled.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: NonNullable<Table['encoding']> } {
  if (startsWith(bytes, 0xff, 0xfe)) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const bom = startsWith(bytes, 0xef, 0xbb, 0xbf);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes), encoding: 'utf-8' };
  } catch {
    if (bom || hasUtf8Cyrillic(bytes)) throw invalid({ file: MIXED_ENCODING });
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

/**
 * A spreadsheet's export guards a cell that would start a formula with an apostrophe
 * ("'+359 88…", as the desk's own error files do): read back, the value is without it.
 */
const unguarded = (value: string) => (/^'[=+\-@]/.test(value) ? value.slice(1) : value);

function readCsv(bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  let cells = 0;
  const overCells = new Error('cells');
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // Counted as it parses: a file of separators alone would otherwise become millions of strings.
      on_record: (record: string[]) => {
        cells += record.length;
        if (cells > MAX_CELLS) throw overCells;
        return record.map(unguarded);
      },
    });
  } catch (error) {
    if (error === overCells || (error as { cause?: unknown }).cause === overCells) throw tooManyCells(MAX_CELLS);
    const line = (error as { lines?: number }).lines;
    throw invalid({ file: `is not a readable CSV file${line ? ` (line ${line})` : ''}` });
  }
  return tableOf('csv', records, { encoding, delimiter });
}

/** A workbook read as a stream within the limits of size, rows and cells (xlsx-sheet.ts). */
async function readXlsx(bytes: Uint8Array): Promise<Table> {
  let records: Cell[][];
  try {
    records = await readXlsxRows(bytes);
  } catch (error) {
    // Over a limit it says so; anything else a crafted or broken archive does is "not readable".
    throw error instanceof DomainError ? error : unreadable();
  }
  return tableOf('xlsx', records, {});
}

function tableOf(format: Table['format'], records: Cell[][], how: Pick<Table, 'encoding' | 'delimiter'>): Table {
  const headerIndex = records.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) throw invalid({ file: 'has no rows' });
  if (records.length - headerIndex - 1 > MAX_ROWS) throw tooManyRows(MAX_ROWS);
  const header = Array.from(records[headerIndex]!, (cell) => (cell === null || cell === undefined ? '' : String(cell).trim()));
  const rows: Table['rows'] = [];
  for (let i = headerIndex + 1; i < records.length; i += 1) {
    const cells = Array.from(records[i]!, (cell) => cell ?? null);
    if (!isBlank(cells)) rows.push({ row: i + 1, cells });
  }
  return { format, ...how, header, rows };
}

const isBlank = (cells: Cell[]) => cells.every((cell) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === ''));
