import { describe, expect, it } from 'vitest';
import { recogniseColumns } from '../../src/domain/imports/columns.js';
import { readBirthDate, readImportPhone } from '../../src/domain/imports/contact-rows.js';
import { decodeText, detectDelimiter, readTable } from '../../src/domain/imports/table.js';
import { windows1251 } from '../helpers/client-export.js';

describe('reading a spreadsheet file', () => {
  it('tells UTF-8, UTF-8 with BOM, UTF-16 and Windows-1251 apart', () => {
    expect(decodeText(new TextEncoder().encode('Имя;Телефон'))).toEqual({ text: 'Имя;Телефон', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Име')]))).toEqual({ text: 'Име', encoding: 'utf-8' });
    expect(decodeText(windows1251('Фамилия Ёлкина №5'))).toEqual({ text: 'Фамилия Ёлкина №5', encoding: 'windows-1251' });
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'Имя\tТел'].map((c) => c.charCodeAt(0))).buffer)]);
    expect(decodeText(utf16)).toEqual({ text: 'Имя\tТел', encoding: 'utf-16le' });
  });

  it('finds the separator of the header, not of a quoted value', () => {
    expect(detectDelimiter('name;phone;email\na,b;c')).toBe(';');
    expect(detectDelimiter('"Last; First",phone,email')).toBe(',');
    expect(detectDelimiter('name\tphone')).toBe('\t');
    expect(detectDelimiter('name')).toBe(',');
  });

  it('numbers rows as the spreadsheet shows them, skipping blank ones and keeping a quoted line break in its cell', async () => {
    const table = await readTable(new TextEncoder().encode('\n name ;phone\nA;1\n;;\n"B\nline";2\n'));
    expect(table.header).toEqual(['name', 'phone']);
    expect(table.rows).toEqual([
      { row: 3, cells: ['A', '1'] },
      { row: 5, cells: ['B\nline', '2'] },
    ]);
  });
});

describe('reading the values of a row', () => {
  it('knows headers in three languages, and "Имя" as a first name beside a surname', () => {
    const fields = (header: string[]) => recogniseColumns(header).read.map((c) => c.field);
    expect(fields(['Name', 'Phone', 'E-mail', 'Tags', 'Birth date', 'Notes'])).toEqual(['name', 'phone', 'email', 'tags', 'birthDate', 'notes']);
    expect(fields(['ФИО', 'Телефон', 'Почта', 'Метки', 'Дата рождения', 'Примечание'])).toEqual(['name', 'phone', 'email', 'tags', 'birthDate', 'notes']);
    expect(fields(['Име', 'Телефон', 'Имейл', 'Етикети', 'Дата на раждане', 'Бележки'])).toEqual(['name', 'phone', 'email', 'tags', 'birthDate', 'notes']);
    expect(fields(['Фамилия', 'Имя', 'Отчество', 'Город'])).toEqual(['lastName', 'firstName', 'middleName', null]);
  });

  it('reads dates of birth as people and Excel write them', () => {
    const today = '2026-12-01';
    expect(readBirthDate('31.12.1980', today)).toEqual({ date: '1980-12-31' });
    expect(readBirthDate('1/2/1985', today)).toEqual({ date: '1985-02-01' });
    expect(readBirthDate('1975-06-07', today)).toEqual({ date: '1975-06-07' });
    expect(readBirthDate('12.03.1985 г.', today)).toEqual({ date: '1985-03-12' });
    expect(readBirthDate(new Date(Date.UTC(1990, 0, 15)), today)).toEqual({ date: '1990-01-15' });
    expect(readBirthDate(32874, today)).toEqual({ date: '1990-01-01' });
    expect(readBirthDate('31.02.1980', today)).toHaveProperty('error');
    expect(readBirthDate('12/31/1980', today)).toHaveProperty('error');
    expect(readBirthDate('02.12.2026', today)).toEqual({ error: 'must not be in the future' });
    expect(readBirthDate('1.1.1850', today)).toHaveProperty('error');
  });

  it('reads a phone whose "+" Excel dropped, and refuses digits that are no number', () => {
    expect(readImportPhone('359881234567', 'BG')?.e164).toBe('+359881234567');
    expect(readImportPhone('881234567', 'BG')?.e164).toBe('+359881234567');
    expect(readImportPhone('8 (912) 345-67-89', 'RU')?.e164).toBe('+79123456789');
    expect(readImportPhone('12345', 'BG')).toBeNull();
  });
});
