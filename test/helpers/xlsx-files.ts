/**
 * Workbooks written by hand, byte by byte, as a test needs them: a large client list built
 * in a second (the workbook library would take minutes and gigabytes), and the crafted zips
 * a desk must refuse (a part that inflates to hundreds of megabytes, honestly declared or not).
 */
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** Deflated bytes, and what they inflate to. */
  deflated: Buffer;
  size: number;
  crc: number;
  /** What the directory says it inflates to, when a test wants it to lie. */
  declaredSize?: number;
}

export const part = (name: string, content: string | Buffer): ZipPart => {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
};

/** A zip archive as every unzip tool reads it: local headers, the data, the central directory. */
export function zip(parts: ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const declared = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, p.deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.deflated.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directoryBytes, end]);
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (i: number) => String.fromCharCode(65 + i);

/** The parts of a workbook with one sheet around the given sheet XML part. */
export function workbookParts(sheet: ZipPart): ZipPart[] {
  return [
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    part(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    part(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Клиенты" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    sheet,
  ];
}

const SHEET_START = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_END = '</sheetData></worksheet>';

/** A sheet of text cells (inline strings), row 1 the header. */
export function sheetXml(rows: string[][]): string {
  const body = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((value, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t xml:space="preserve">${escape(value)}</t></is></c>`).join('')}</row>`)
    .join('');
  return SHEET_START + body + SHEET_END;
}

export const xlsxOf = (rows: string[][]) => zip(workbookParts(part('xl/worksheets/sheet1.xml', sheetXml(rows))));

/**
 * A zip bomb dressed as a workbook: a sheet of `inflatedMb` megabytes of blank space (a few
 * hundred kilobytes deflated). Declared honestly, or as `declaredSize` bytes when it lies.
 */
export async function bombXlsx(inflatedMb: number, options: { declaredSize?: number } = {}): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const finished = new Promise((resolve) => deflater.on('end', resolve));
  const blank = Buffer.alloc(1024 * 1024, 0x20);
  let crc = crc32(SHEET_START);
  deflater.write(SHEET_START);
  for (let i = 0; i < inflatedMb; i++) {
    crc = crc32(blank, crc);
    if (!deflater.write(blank)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  crc = crc32(SHEET_END, crc);
  deflater.end(SHEET_END);
  await finished;
  const size = SHEET_START.length + inflatedMb * 1024 * 1024 + SHEET_END.length;
  const sheet: ZipPart = { name: 'xl/worksheets/sheet1.xml', deflated: Buffer.concat(out), size, crc, ...(options.declaredSize !== undefined ? { declaredSize: options.declaredSize } : {}) };
  return zip(workbookParts(sheet));
}

/**
 * A client list of `rows` people with long, varied notes: about 200 bytes a row once
 * deflated, so 100,000 rows make a workbook of about 20 MB, as a large agency's export with
 * its history in the notes does.
 */
export function largeClientXlsx(rows: number, notesLength = 260): Buffer {
  const header = ['ФИО', 'Телефон', 'Эл. почта', 'Метки', 'Примечание'];
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const WORDS = 'море горы автобус экскурсия окно ряд место Рила Пловдив Охрид Стамбул Бухарест скидка оплата звонить вечером дети бабушка ВИП'.split(' ');
  const note = () => {
    const words: string[] = [];
    let length = 0;
    while (length < notesLength) {
      const word = random() < 0.3 ? Math.floor(random() * 1e9).toString(36) : WORDS[Math.floor(random() * WORDS.length)]!;
      words.push(word);
      length += word.length + 1;
    }
    return words.join(' ');
  };
  const lines: string[][] = [header];
  for (let i = 0; i < rows; i++) {
    lines.push([`Клиент ${i} Тестов`, `0888${String(100_000 + i).padStart(6, '0')}`, `c${i}@example.test`, i % 5 === 0 ? 'VIP' : '', note()]);
  }
  return xlsxOf(lines);
}
