import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { Tr } from '../../templates/tr.js';
import { currencyDigits } from '../domain/money.js';
import type { Cell, Table } from './table.js';

/**
 * Excel keeps no time zone: a date cell is the wall-clock time it shows. An instant is
 * therefore written as the local time in the document's zone, as a person there reads it.
 */
const wallClock = (ms: number, zone: string) => {
  const local = DateTime.fromMillis(ms, { zone });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
};

const FORMAT = { date: 'dd.mm.yyyy', instant: 'dd.mm.yyyy hh:mm', share: '0.0%' } as const;
const moneyFormat = (digits: number) => (digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`);

/** Excel refuses some characters in sheet names and more than 31 of them; names must differ. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 28)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function write(target: ExcelJS.Cell, cell: Cell, zone: string): void {
  if (cell === null) return;
  switch (cell.kind) {
    case 'text':
      // Strings stay strings: "0012345" and "+359…" keep their zeros and plus, and nothing is run as a formula.
      target.value = cell.value;
      break;
    case 'phone':
      // Text: the plus and every digit as stored, never a number in scientific notation.
      target.value = cell.e164;
      break;
    case 'number':
      target.value = cell.value;
      break;
    case 'money': {
      const digits = currencyDigits(cell.currency);
      target.value = cell.minor / 10 ** digits;
      target.numFmt = moneyFormat(digits);
      break;
    }
    case 'instant':
      target.value = wallClock(cell.ms, zone);
      target.numFmt = FORMAT.instant;
      break;
    case 'date':
      target.value = new Date(`${cell.iso}T00:00:00Z`);
      target.numFmt = FORMAT.date;
      break;
    case 'share':
      target.value = cell.value;
      target.numFmt = FORMAT.share;
      break;
  }
}

/** One sheet per table: a bold, frozen header row, columns as wide as their content, typed cells. */
export async function tablesXlsx(tables: Table[], tr: Tr): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'tourdesk';
  const taken = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, taken), {
      views: [{ state: 'frozen', ySplit: 1 }],
      // Printed as people print a list: across the page, every column on it, the header on each page.
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    });
    const header = sheet.addRow(table.columns.map((column) => column.header));
    header.font = { bold: true };
    for (const cells of table.rows) {
      const row = sheet.addRow([]);
      cells.forEach((cell, i) => write(row.getCell(i + 1), cell, tr.zone));
    }
    table.columns.forEach((column, i) => {
      const longest = Math.max(
        column.header.length,
        ...table.rows.map((row) => {
          const cell = row[i];
          if (!cell) return 0;
          if (cell.kind === 'text') return Math.min(60, cell.value.length);
          if (cell.kind === 'phone') return cell.e164.length + 3;
          return cell.kind === 'instant' ? 16 : 12;
        }),
      );
      sheet.getColumn(i + 1).width = column.width ?? Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
