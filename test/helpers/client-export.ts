/**
 * A client base as an agency's old system exports it: Russian headers, `;` separators,
 * Windows-1251, with the same people twice and some phones nobody can dial. Deterministic,
 * so a test knows which rows are which.
 */

const FIRST = ['Иван', 'Мария', 'Пётр', 'Елена', 'Георги', 'Анна', 'Димитър', 'Ольга', 'Стефан', 'Наталья'];
const LAST = ['Петров', 'Иванова', 'Смирнов', 'Георгиева', 'Попов', 'Кузнецова', 'Димитров', 'Соколова', 'Стоянов', 'Волкова'];

export interface ExportOptions {
  rows: number;
  /** Rows that repeat an earlier person (alternately by the same phone written differently, and by the same e-mail). */
  duplicates?: number;
  /** Rows whose phone cannot be a number. */
  badPhones?: number;
  header?: string[];
}

export interface ExportRow {
  name: string;
  phone: string;
  email: string;
  tags: string;
  birthDate: string;
  notes: string;
  consent: string;
}

export interface ClientExport {
  header: string[];
  rows: ExportRow[];
  /** Spreadsheet row numbers (the header is row 1). */
  duplicateRows: number[];
  badPhoneRows: number[];
}

export const RUSSIAN_HEADER = ['ФИО', 'Телефон', 'Эл. почта', 'Метки', 'Дата рождения', 'Примечание', 'Согласие на рассылку'];

/** A Bulgarian mobile number for person i: +359 88 1xx xxxx, written the way people at home write it. */
const phoneOf = (i: number) => `088${String(1_000_000 + i).padStart(7, '0')}`;

export function clientExport(options: ExportOptions): ClientExport {
  const duplicates = options.duplicates ?? 0;
  const badPhones = options.badPhones ?? 0;
  const people = options.rows - duplicates;
  const rows: ExportRow[] = [];
  for (let i = 0; i < people; i += 1) {
    const name = `${LAST[i % LAST.length]} ${FIRST[Math.floor(i / LAST.length) % FIRST.length]} ${i}`;
    rows.push({
      name,
      phone: phoneOf(i),
      email: i % 3 === 0 ? '' : `client${i}@example.test`,
      tags: i % 5 === 0 ? 'vip, море' : i % 7 === 0 ? 'семья' : '',
      birthDate: i % 4 === 0 ? `${String((i % 28) + 1).padStart(2, '0')}.${String((i % 12) + 1).padStart(2, '0')}.${1950 + (i % 50)}` : '',
      notes: i % 11 === 0 ? 'Предпочитает место у окна; "тихий" клиент' : '',
      consent: i % 2 === 0 ? 'да' : 'нет',
    });
  }
  // Bad phones: letters where digits should be, spread through the file.
  const badPhoneRows: number[] = [];
  for (let k = 0; k < badPhones; k += 1) {
    const index = Math.floor(((k + 1) * people) / (badPhones + 1));
    rows[index]!.phone = `08x${k}-не знает`;
    badPhoneRows.push(index + 2);
  }
  // Duplicates: an earlier person again, by the phone in international form, or by the e-mail in capitals.
  const duplicateRows: number[] = [];
  const bad = new Set(badPhoneRows.map((row) => row - 2));
  for (let k = 0, source = 1; k < duplicates; k += 1, source += 1) {
    while (bad.has(source) || (k % 2 === 1 && !rows[source]!.email)) source += 1;
    const original = rows[source]!;
    const byPhone = k % 2 === 0;
    rows.push({
      name: original.name,
      phone: byPhone ? `+359 ${original.phone.slice(1, 3)} ${original.phone.slice(3)}` : '',
      email: byPhone ? '' : original.email.toUpperCase(),
      tags: 'повторный',
      birthDate: '',
      notes: '',
      consent: '',
    });
    duplicateRows.push(rows.length + 1);
  }
  return { header: options.header ?? RUSSIAN_HEADER, rows, duplicateRows, badPhoneRows };
}

const quote = (value: string, delimiter: string) => (/[";\n,\t]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value);

export function exportCsv(file: Pick<ClientExport, 'header' | 'rows'>, delimiter = ';'): string {
  const lines = [file.header, ...file.rows.map((r) => [r.name, r.phone, r.email, r.tags, r.birthDate, r.notes, r.consent])];
  return lines.map((cells) => cells.map((cell) => quote(cell, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}

/** Text in Windows-1251, as Russian and Bulgarian Excel saves "CSV". */
export function windows1251(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes[i] = code;
    else if (code >= 0x410 && code <= 0x44f) bytes[i] = 0xc0 + code - 0x410;
    else if (code === 0x401) bytes[i] = 0xa8;
    else if (code === 0x451) bytes[i] = 0xb8;
    else if (code === 0x2116) bytes[i] = 0xb9;
    else throw new Error(`${text[i]} has no Windows-1251 byte`);
  }
  return bytes;
}
