/**
 * The first sheet of an XLSX workbook as rows of plain values, read as a stream. A general
 * workbook library inflates every part whole and builds an object for every cell, styles and
 * all: a 20 MB client list took gigabytes that way. Here each part is inflated in pieces
 * within the archive's limits (zip-check.ts), the XML is scanned as it comes, and only the
 * values are kept: shared strings, then the rows, counted against the row and cell limits as
 * they are met. What a client list holds is read as Excel shows it: text (shared, inline, rich
 * or a formula's), numbers, dates (numbers in a date format), booleans; errors are empty.
 */
import { SaxesParser } from 'saxes';
import { DomainError } from '../errors.js';
import { MAX_CELLS, MAX_ROWS } from './limits.js';
import type { Cell } from './cells.js';
import { checkDeclaredSizes, inflateEntry, InflateBudget, tooManyCells, tooManyRows, unreadable, zipEntries, type ZipEntry } from './zip-check.js';

type Attributes = Record<string, string>;

interface XmlHandlers {
  open: (name: string, attributes: Attributes) => void;
  close: (name: string) => void;
  text: (text: string) => void;
}

/** Excel's own escapes of characters XML cannot hold ("_x000D_"; "_x005F_" for a literal "_"), in text already read as XML. */
const excelText = (text: string) => (text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
/**
 * A cell holds at most 32,767 characters and no tag of a workbook is long: XML running on
 * far past that without a tag or a text ending (a text, a tag, a comment) is not a workbook,
 * and it is refused before the parser holds much of it.
 */
const LONGEST_WITHOUT_AN_EVENT = 1024 * 1024;
/** A workbook's parts nest a dozen tags deep at most; the parser keeps every open tag. */
const DEEPEST = 256;

/**
 * Feeds a part of the archive to an XML parser as it inflates: a well-formed document or
 * "not readable", whatever is wrong with it. The parser (saxes) expands only XML's five
 * entities and character references; a part with a DOCTYPE is refused outright, since the
 * packaging format forbids them and entity declarations are how XML is made to explode or
 * reach outside the file.
 */
async function scanEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, on: XmlHandlers): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  let depth = 0;
  let heard = false;
  let quiet = 0;
  parser.on('error', () => {
    throw unreadable();
  });
  parser.on('doctype', () => {
    throw unreadable();
  });
  parser.on('opentag', (tag) => {
    heard = true;
    if (++depth > DEEPEST) throw unreadable();
    on.open(localName(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag) => {
    heard = true;
    depth--;
    on.close(localName(tag.name));
  });
  parser.on('text', (text) => {
    heard = true;
    on.text(excelText(text));
  });
  parser.on('cdata', (text) => {
    heard = true;
    on.text(text);
  });
  parser.on('comment', () => (heard = true));
  parser.on('processinginstruction', () => (heard = true));
  const write = (text: string | null) => {
    heard = false;
    try {
      parser.write(text);
    } catch (error) {
      // Its own refusals and the limits pass as they are; anything else the parser throws means the XML is broken.
      throw error instanceof DomainError ? error : unreadable();
    }
    quiet = heard ? 0 : quiet + (text?.length ?? 0);
    if (quiet > LONGEST_WITHOUT_AN_EVENT) throw unreadable();
  };
  const decoder = new TextDecoder('utf-8');
  await inflateEntry(bytes, entry, budget, (chunk) => write(decoder.decode(chunk, { stream: true })));
  write(decoder.decode());
  write(null);
}

/** "AB12" → 27 (0-based column). */
function columnOf(reference: string | undefined): number | null {
  const letters = reference ? /^([A-Za-z]{1,3})\d*$/.exec(reference)?.[1] : undefined;
  if (!letters) return null;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column - 1;
}

/** Number formats that show a date or a time: Excel's built-in ones, and any whose code has day, month, year or hour in it. */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0]!;
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Which cell styles (their index in cellXfs) show dates. */
async function dateStyles(bytes: Uint8Array, entry: ZipEntry | undefined, budget: InflateBudget): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!entry) return dates;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let index = 0;
  await scanEntry(bytes, entry, budget, {
    open: (name, attributes) => {
      if (name === 'numFmt') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attributes.numFmtId ?? 0);
        if (DATE_FORMAT_IDS.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) dates.add(index);
        index++;
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => {},
  });
  return dates;
}

/** The shared strings: each item's text, its rich-text runs joined, its phonetic guide left out. */
async function sharedStrings(bytes: Uint8Array, entry: ZipEntry | undefined, budget: InflateBudget): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await scanEntry(bytes, entry, budget, {
    open: (name) => {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = phonetic === 0;
    },
    close: (name) => {
      if (name === 'si') {
        strings.push(current ? current.join('') : '');
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
    text: (text) => {
      if (inText && current) current.push(text);
    },
  });
  return strings;
}

/** An Excel serial day number as the instant it shows (days since 30 December 1899, or 1 January 1904). */
const fromSerial = (serial: number, date1904: boolean) => new Date(Date.UTC(date1904 ? 1904 : 1899, date1904 ? 0 : 11, date1904 ? 1 : 30) + Math.round(serial * 86_400_000));

interface Context {
  shared: string[];
  dates: Set<number>;
  date1904: boolean;
}

/** One sheet's rows, counted against the limits as they come. */
async function sheetRows(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, context: Context): Promise<Cell[][]> {
  const records: Cell[][] = [];
  let cellCount = 0;
  let rowIndex = -1;
  let row: Cell[] | null = null;
  let cell: { column: number; type: string; style: number; value: string[]; inline: string[] } | null = null;
  let capture: 'v' | 't' | null = null;
  let lastColumn = -1;
  await scanEntry(bytes, entry, budget, {
    open: (name, attributes) => {
      if (name === 'row') {
        rowIndex = attributes.r ? Number(attributes.r) - 1 : rowIndex + 1;
        if (!Number.isInteger(rowIndex) || rowIndex < 0) throw unreadable();
        // The header and a title row or two above it are not counted against the data rows.
        if (records.length > MAX_ROWS + 10 || rowIndex > MAX_ROWS + 1_000) throw tooManyRows(MAX_ROWS);
        row = [];
        lastColumn = -1;
      } else if (name === 'c' && row) {
        const column = columnOf(attributes.r) ?? lastColumn + 1;
        if (column > 16_383) throw unreadable();
        lastColumn = column;
        if (++cellCount > MAX_CELLS) throw tooManyCells(MAX_CELLS);
        cell = { column, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), value: [], inline: [] };
      } else if (name === 'v' && cell) capture = 'v';
      else if (name === 't' && cell) capture = 't';
    },
    close: (name) => {
      if (name === 'v' || name === 't') capture = null;
      else if (name === 'c' && cell && row) {
        row[cell.column] = valueOf(cell, context);
        cell = null;
      } else if (name === 'row' && row) {
        records[rowIndex] = row;
        row = null;
      }
    },
    text: (text) => {
      if (capture === 'v') cell?.value.push(text);
      else if (capture === 't') cell?.inline.push(text);
    },
  });
  return Array.from(records, (cells) => Array.from(cells ?? [], (value) => value ?? null));
}

function valueOf(cell: { type: string; style: number; value: string[]; inline: string[] }, context: Context): Cell {
  const text = cell.value.join('');
  switch (cell.type) {
    case 's':
      return context.shared[Number(text)] ?? null;
    case 'inlineStr':
      return cell.inline.join('');
    case 'str':
      return text;
    case 'b':
      return text === '1' || text.toLowerCase() === 'true';
    case 'e':
      return null;
    case 'd': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? text : date;
    }
    default: {
      if (text === '') return null;
      const number = Number(text);
      if (Number.isNaN(number)) return text;
      return context.dates.has(cell.style) ? fromSerial(number, context.date1904) : number;
    }
  }
}

/** A path in the archive as a part names another: relative to xl/, or from the root. */
const resolvePart = (target: string) => {
  const parts = (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '..') resolved.pop();
    else if (part !== '.' && part !== '') resolved.push(part);
  }
  return resolved.join('/');
};

/** The workbook's sheets in their order, each as its part in the archive. */
async function sheetParts(bytes: Uint8Array, find: (name: string) => ZipEntry | undefined, budget: InflateBudget) {
  const workbook = find('xl/workbook.xml');
  const relations = find('xl/_rels/workbook.xml.rels');
  if (!workbook) throw unreadable();
  const sheets: string[] = [];
  let date1904 = false;
  await scanEntry(bytes, workbook, budget, {
    open: (name, attributes) => {
      if (name === 'sheet') sheets.push(Object.entries(attributes).find(([key]) => localName(key) === 'id' && key.includes(':'))?.[1] ?? '');
      else if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
    },
    close: () => {},
    text: () => {},
  });
  const targets = new Map<string, string>();
  if (relations) {
    await scanEntry(bytes, relations, budget, {
      open: (name, attributes) => {
        if (name === 'Relationship' && attributes.Id && attributes.Target) targets.set(attributes.Id, resolvePart(attributes.Target));
      },
      close: () => {},
      text: () => {},
    });
  }
  const parts = sheets.map((id) => targets.get(id)).filter((part): part is string => !!part);
  return { parts: parts.length ? parts : ['xl/worksheets/sheet1.xml'], date1904 };
}

const isBlank = (cells: Cell[]) => cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));

/**
 * The rows of the first sheet that has anything on it (exports often start with an empty or
 * a title sheet), numbered as the spreadsheet numbers them (index 0 is row 1).
 */
export async function readXlsxRows(bytes: Uint8Array): Promise<Cell[][]> {
  const entries = zipEntries(bytes);
  checkDeclaredSizes(entries);
  // Every part inflated once, counted and dropped, before any is read: a bomb is refused in the
  // second or so inflating takes, whatever its parts hold and whatever they declared.
  const measure = new InflateBudget();
  for (const entry of entries) if (!entry.name.endsWith('/')) await inflateEntry(bytes, entry, measure, () => {});
  const byName = new Map(entries.map((entry) => [entry.name.replace(/^\//, '').toLowerCase(), entry]));
  const find = (name: string) => byName.get(name.toLowerCase());
  const budget = new InflateBudget();
  const { parts, date1904 } = await sheetParts(bytes, find, budget);
  const context: Context = { shared: await sharedStrings(bytes, find('xl/sharedStrings.xml'), budget), dates: await dateStyles(bytes, find('xl/styles.xml'), budget), date1904 };
  for (const part of parts) {
    const entry = find(part);
    if (!entry) continue;
    const records = await sheetRows(bytes, entry, budget, context);
    if (records.some((cells) => cells && !isBlank(cells))) return records;
  }
  return [];
}
