import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { money, phone, text } from '../../src/documents/table.js';
import { tablesCsv } from '../../src/documents/table-csv.js';
import { makeTr } from '../../templates/tr.js';
import { ARTIFACTS } from '../helpers/documents.js';

/** LibreOffice opens a CSV as a reader would; without it these checks are skipped. */
const haveLibreOffice = existsSync('/usr/bin/soffice');
if (!haveLibreOffice) console.warn('CSV-in-a-spreadsheet checks skipped: LibreOffice (soffice) is not installed');

/**
 * The CSV opened in LibreOffice Calc with a Bulgarian reader's settings (semicolons, decimal
 * comma, a space grouping thousands), saved as XLSX and read back: what each cell became.
 */
async function openedInCalc(csv: string, name: string): Promise<unknown[]> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.csv`);
  writeFileSync(file, csv);
  const profile = mkdtempSync(join(tmpdir(), 'tourdesk-calc-'));
  // Separator ";", quote '"', UTF-8, from line 1, standard columns, language bg-BG (1026).
  execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--infilter=CSV:59,34,76,1,,1026', '--convert-to', 'xlsx', '--outdir', ARTIFACTS, file], { stdio: 'ignore', timeout: 120_000 });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(ARTIFACTS, `${name}.xlsx`));
  return (book.worksheets[0]!.getRow(2).values as unknown[]).slice(1);
}

describe.skipIf(!haveLibreOffice)('a CSV opened in a spreadsheet', () => {
  it('shows phones as written, amounts (negative too) as numbers, and formulas typed as data as text', { timeout: 180_000 }, async () => {
    const table = {
      title: 'Пари',
      columns: ['Име', 'Тел. 1', 'Тел. 2', 'Тел. 3', 'Тел. 4', 'Сума', 'Връщане', 'Бележка'].map((header) => ({ header })),
      rows: [
        [
          text('=1+1'),
          phone('+359887654321'),
          phone('+359888123456'),
          phone('+79161234567'),
          phone('+35929123456'),
          money(15000, 'EUR'),
          money(-10000, 'EUR'),
          text('+1+1'),
        ],
      ],
    };
    const csv = tablesCsv([table], makeTr('bg', 'Europe/Sofia'));
    const cells = await openedInCalc(csv, 'csv-opened-in-calc');
    expect(cells).toEqual([
      "'=1+1", // data, not a sum: the apostrophe is the guard, shown only on real formulas
      '+359 88 765 4321',
      '+359 88 812 3456',
      '+7 916 123 45 67',
      '+359 2 912 3456',
      150,
      -100,
      "'+1+1",
    ]);
  });
});
