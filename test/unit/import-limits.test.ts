import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../src/domain/imports/index.js';
import { sameName } from '../../src/domain/imports/names.js';
import { decodeText, hasUtf8Cyrillic, readTable } from '../../src/domain/imports/table.js';
import { isDateFormat, readXlsxRows } from '../../src/domain/imports/xlsx-sheet.js';
import { checkDeclaredSizes, zipEntries } from '../../src/domain/imports/zip-check.js';
import { windows1251 } from '../helpers/client-export.js';
import { AGENCY } from '../helpers/test-app.js';
import { bombXlsx, part, workbookParts, xlsxOf, zip, type ZipPart } from '../helpers/xlsx-files.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const SHEET_START = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`;
const SHEET_END = '</sheetData></worksheet>';
/** The size of the pieces a part is inflated in. */
const PIECE = 64 * 1024;
const UNREADABLE = { code: 'validation_failed', details: { file: 'is not a readable XLSX workbook' } };
const sheetOf = (sheetXml: string) => zip(workbookParts(part('xl/worksheets/sheet1.xml', sheetXml)));

/** A workbook as Excel writes it, part by part: an empty first sheet, shared strings, styles, the 1904 date system. */
function handWrittenWorkbook(): ZipPart[] {
  const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return [
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook xmlns="${MAIN}" xmlns:r="${relationships}"><workbookPr date1904="1"/><sheets><sheet name="Пусто" sheetId="1" r:id="rId1"/><sheet name="Клиенты" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
    ),
    part(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="4"><si><t>Имя</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Ольга </t></r><r><t>Соколова</t></r><rPh sb="0" eb="1"><t>オ</t></rPh></si><si><t>Строка_x000D__x000A_вторая</t></si><si><t>_x005F_x0041_ &amp; &#x416; &lt;</t></si></sst>`,
    ),
    part(
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd&quot;.&quot;mm&quot;.&quot;yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="22"/></cellXfs></styleSheet>`,
    ),
    part('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData/></worksheet>`),
    part(
      'xl/worksheets/sheet2.xml',
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Дата</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>Согласие</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>Итог</x:t></x:is></x:c><x:c r="E1" t="inlineStr"><x:is><x:t>Ошибка</x:t></x:is></x:c><x:c r="F1" t="inlineStr"><x:is><x:t>Сумма</x:t></x:is></x:c><x:c r="G1" t="inlineStr"><x:is><x:t>Время</x:t></x:is></x:c></x:row>' +
        '<x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2" s="1"><x:v>0</x:v></x:c><x:c r="C2" t="b"><x:v>1</x:v></x:c><x:c r="D2" t="str"><x:f>"Итог: "&amp;1+1</x:f><x:v>Итог: 2</x:v></x:c><x:c r="E2" t="e"><x:v>#N/A</x:v></x:c><x:c r="F2"><x:v>42.5</x:v></x:c><x:c r="G2" s="2"><x:v>1.5</x:v></x:c></x:row>' +
        '<x:row r="3"/>' +
        "<x:row r='4'><x:c t='s'><x:v>2</x:v></x:c><!-- no references from here --><x:c t=\"s\"><x:v>3</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:r><x:t>a</x:t></x:r><x:r><x:t>b</x:t></x:r></x:is></x:c><x:c t=\"str\"><x:v><![CDATA[<raw>]]></x:v></x:c><x:c t=\"b\"><x:v>0</x:v></x:c></x:row>" +
        '</x:sheetData></x:worksheet>',
    ),
  ];
}

describe('whether two names are one person', () => {
  it.each([
    ['Иван Петров', 'иван  ПЕТРОВ'],
    ['Пётр Иванов', 'Петр Иванов'],
    ['Иван Петров', 'Петров Иван'],
    ['Иван Петров', 'Петров Иван Сергеевич'],
    ['Мария Иванова', 'M. Ivanova'],
    ['Иван Петров', 'Ivan Petrov'],
    ['Юрий Смирнов', 'Yuri Smirnov'],
    ['Христо Ботев', 'Hristo Botev'],
    ['Анна-Мария Попова', 'Анна Мария Попова'],
  ])('%s and %s are the same person', (a, b) => {
    expect(sameName(a, b)).toBe(true);
    expect(sameName(b, a)).toBe(true);
  });

  it.each([
    ['Иван Петров', 'Мария Петрова'],
    ['Иван Петров', 'Иван Сидоров'],
    ['Мария Сидорова', 'Иван Петров'],
    ['И. П.', 'Иван Петров'],
    ['', 'Иван Петров'],
  ])('%s and %s are two people', (a, b) => {
    expect(sameName(a, b)).toBe(false);
  });
});

describe('the encoding of a CSV', () => {
  const utf8 = new TextEncoder().encode('Имя;Телефон\nАнна Иванова;0881234567\n');
  // In Windows-1251 "Т»" and "СЁ" happen to be valid UTF-8 pairs: a real 1251 file has a few.
  const cp1251 = new Uint8Array([...windows1251('Имя;Телефон\nООО '), 0xab, ...windows1251('РОСТ'), 0xbb, ...windows1251(';0881234567\nСЁМА;0882345678\n')]);

  it('is UTF-8 or Windows-1251 alone, and neither when both are in one file', () => {
    expect(decodeText(utf8).encoding).toBe('utf-8');
    expect(decodeText(cp1251)).toMatchObject({ encoding: 'windows-1251', text: expect.stringContaining('ООО «РОСТ»') });
    expect(hasUtf8Cyrillic(cp1251)).toBe(false);
    expect(() => decodeText(new Uint8Array([...utf8, ...cp1251]))).toThrow(/encoding/);
    // A BOM that says UTF-8 over bytes that are not.
    expect(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...cp1251]))).toThrow(/encoding/);
  });
});

describe('reading a workbook as a stream', () => {
  it('reads the same values wherever the pieces it inflates in are cut', async () => {
    const row = '<row r="2"><c r="A2" t="inlineStr"><is><t>Пётр &amp; &#1046;_x000D_ <![CDATA[<raw>]]></t></is></c><!-- note --><c r="B2" t="b"><v>1</v></c></row>';
    const head = `${SHEET_START}<row r="1"><c r="A1" t="inlineStr"><is><t>Имя</t></is></c></row><!--`;
    const padFor = (boundaryAt: number) => 'x'.repeat(PIECE - Buffer.byteLength(`${head}-->`) - boundaryAt);
    // The piece boundary falls on every byte of the row in turn, inside tags, entities, escapes and two-byte letters.
    for (let boundaryAt = 0; boundaryAt <= Buffer.byteLength(row); boundaryAt++) {
      const rows = await readXlsxRows(sheetOf(`${head}${padFor(boundaryAt)}-->${row}${SHEET_END}`));
      expect(rows[1], `piece boundary at byte ${boundaryAt}`).toEqual(['Пётр & Ж\r <raw>', true]);
    }
  });

  it('refuses a sheet cut at any point, instead of reading the rows before the cut', async () => {
    const sheet = `${SHEET_START}<row r="1"><c r="A1" t="inlineStr"><is><t>Имя &amp; фамилия</t></is></c><c r="B1" t="n"><v>12</v></c></row><row r="2"><c r="A2" t="b"><v>0</v></c></row>${SHEET_END}`;
    expect(await readXlsxRows(sheetOf(sheet))).toEqual([['Имя & фамилия', 12], [false]]);
    for (let cut = 1; cut < sheet.length; cut++) {
      await expect(readXlsxRows(sheetOf(sheet.slice(0, cut))), `cut after ${cut} characters`).rejects.toMatchObject(UNREADABLE);
    }
  });

  it('refuses a sheet that declares entities, whatever it would expand them to', async () => {
    const withDoctype = (doctype: string, cell: string) =>
      sheetOf(`<?xml version="1.0"?>${doctype}<worksheet xmlns="${MAIN}"><sheetData><row r="1">${cell}</row></sheetData></worksheet>`);
    const inline = (text: string) => `<c r="A1" t="inlineStr"><is><t>${text}</t></is></c>`;
    const files = [
      withDoctype('<!DOCTYPE worksheet [<!ENTITY a "Иван Петров">]>', inline('&a;')),
      withDoctype('<!DOCTYPE worksheet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>', inline('&c;')),
      withDoctype('<!DOCTYPE worksheet [<!ENTITY file SYSTEM "file:///etc/passwd">]>', inline('&file;')),
      withDoctype('<!DOCTYPE worksheet [<!ENTITY r "A1">]>', '<c r="&r;" t="inlineStr"><is><t>Иван</t></is></c>'),
      // A declaration that is never used is refused all the same: no part of a workbook has one.
      withDoctype('<!DOCTYPE worksheet [<!ENTITY a "Иван Петров">]>', inline('Иван')),
      // An entity no one declared is not one of the five XML has.
      withDoctype('', inline('Иван&nbsp;Петров')),
    ];
    for (const bytes of files) await expect(readXlsxRows(bytes)).rejects.toMatchObject(UNREADABLE);
  });

  it('refuses a part that runs on without ending a tag or a text, or nests tags without end, before holding it', async () => {
    const endless = [
      `${SHEET_START}<row r="1"><c r="A1" t="inlineStr"><is><t>${'Иван '.repeat(400_000)}</t></is></c></row>${SHEET_END}`,
      `${SHEET_START}<row r="1" x="${'1'.repeat(2_000_000)}"></row>${SHEET_END}`,
      `${SHEET_START}<!--${' '.repeat(2_000_000)}-->${SHEET_END}`,
      `${SHEET_START}${'<row>'.repeat(100_000)}${'</row>'.repeat(100_000)}${SHEET_END}`,
    ];
    for (const sheet of endless) await expect(readXlsxRows(sheetOf(sheet)), sheet.slice(SHEET_START.length, SHEET_START.length + 40)).rejects.toMatchObject(UNREADABLE);
  });

  it('reads shared, rich and inline text, Excel\'s escapes, dates in the 1904 system, booleans, results and errors by hand-written parts', async () => {
    const rows = await readXlsxRows(zip(handWrittenWorkbook()));
    expect(rows[0]).toEqual(['Имя', 'Дата', 'Согласие', 'Итог', 'Ошибка', 'Сумма', 'Время']);
    expect(rows[1]).toEqual(['Ольга Соколова', new Date(Date.UTC(1904, 0, 1)), true, 'Итог: 2', null, 42.5, new Date(Date.UTC(1904, 0, 2, 12))]);
    expect(rows[2]).toEqual([]);
    expect(rows[3]).toEqual(['Строка\r\nвторая', '_x0041_ & Ж <', 'ab', '<raw>', false]);
  });

  it('knows date formats from number formats', () => {
    expect(['dd.mm.yyyy', 'd/m/yy', 'yyyy-mm-dd', '[$-419]d mmmm yyyy'].every(isDateFormat)).toBe(true);
    expect(['0', '#,##0.00', '"dd"0', 'General', '0.00E+00'].some(isDateFormat)).toBe(false);
  });

  it('reads what Excel keeps: shared and rich text, numbers, dates, booleans, formulas\' results, the first sheet with anything', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Пусто');
    const sheet = workbook.addWorksheet('Клиенты');
    sheet.addRow(['Имя', 'Телефон', 'Дата', 'Согласие', 'Сумма']);
    sheet.addRow([{ richText: [{ text: 'Ольга ' }, { text: 'Соколова', font: { bold: true } }] }, 359881112233, new Date(Date.UTC(1990, 11, 31)), true, { formula: '1+1', result: 2 }]);
    sheet.getCell('C2').numFmt = 'dd.mm.yyyy';
    sheet.addRow([]);
    sheet.addRow(['Пётр & <Смирнов>', '0882 223 344', null, false, null]);
    const rows = await readXlsxRows(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(rows[0]).toEqual(['Имя', 'Телефон', 'Дата', 'Согласие', 'Сумма']);
    expect(rows[1]).toEqual(['Ольга Соколова', 359881112233, new Date(Date.UTC(1990, 11, 31)), true, 2]);
    expect(rows[3]!.slice(0, 2)).toEqual(['Пётр & <Смирнов>', '0882 223 344']);
  });

  it('refuses an archive that declares more than it may inflate to, before inflating anything', async () => {
    const bomb = await bombXlsx(300);
    expect(() => checkDeclaredSizes(zipEntries(bomb))).toThrow(/inflates to more than 200 MB/);
    await expect(readXlsxRows(await bombXlsx(300, { declaredSize: 10 }))).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});

describe('the reading worker', () => {
  const ctx = { agency: AGENCY, now: Date.parse('2026-11-22T07:00:00Z') } as Parameters<typeof readImportFile>[0];

  it('reads a file off the desk\'s thread', async () => {
    const { file } = await readImportFile(ctx, xlsxOf([['Имя', 'Телефон'], ['Анна Иванова', '0881234567']]));
    expect(file.people.map((p) => p.merged.phone?.e164)).toEqual(['+359881234567']);
  });

  it('is ended past its time limit or its memory, with the limit named', async () => {
    const bytes = new TextEncoder().encode('name,phone\nA,0881234567\n');
    await expect(readImportFile(ctx, bytes, { limits: { timeMs: 1 } })).rejects.toMatchObject({ code: 'payload_too_large', details: { file: expect.stringMatching(/^took longer than 0.001 s to read/) } });
    await expect(readImportFile(ctx, bytes, { limits: { heapMb: 4 } })).rejects.toMatchObject({ code: 'payload_too_large', details: { file: expect.stringMatching(/^needs more than 4 MB of memory/) } });
  });
});

describe('the bytes handed to the reading worker', () => {
  it('stay the caller\'s: a Buffer (a stored upload, a file read from disk) is copied, never taken away', async () => {
    const ctx = { agency: AGENCY, now: Date.parse('2026-11-22T07:00:00Z') } as Parameters<typeof readImportFile>[0];
    const text = `name,phone\n${Array.from({ length: 1000 }, (_, i) => `Client ${i},0881${String(i).padStart(6, '0')}`).join('\n')}\n`;
    // Larger than the pool's share: a Buffer of its own, as a file read from disk is.
    const large = Buffer.from(text);
    const small = Buffer.from('name,phone\nA,0881234567\n');
    for (const bytes of [large, large, small]) await readImportFile(ctx, bytes);
    expect(large.toString()).toBe(text);
    expect(small.toString()).toBe('name,phone\nA,0881234567\n');
  });
});

describe('a broken workbook', () => {
  it('is "not a readable XLSX workbook", whatever is broken in it', async () => {
    const good = xlsxOf([['Имя', 'Телефон'], ['Анна', '0881234567']]);
    const cut = good.subarray(0, good.length - 30);
    const badReference = zip(workbookParts(part('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&#99999999;</t></is></c></row></sheetData></worksheet>')));
    const noWorkbook = zip([part('xl/worksheets/sheet1.xml', '<worksheet/>')]);
    for (const bytes of [cut, badReference, noWorkbook, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]) {
      await expect(readTable(bytes)).rejects.toMatchObject({ code: 'validation_failed', details: { file: 'is not a readable XLSX workbook' } });
    }
  });
});
