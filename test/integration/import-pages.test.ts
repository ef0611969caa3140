import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { clientExport, exportCsv, windows1251 } from '../helpers/client-export.js';
import { bombXlsx } from '../helpers/xlsx-files.js';
import { createContact } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

const contactCount = async () => (await t.database.sqlite.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
const rowsOf = (html: string, list: string) => [...(new RegExp(`id="${list}">([\\s\\S]*?)</ul>`).exec(html)?.[1] ?? '').matchAll(/data-row="(\d+)"/g)].map((m) => Number(m[1]));

async function manager() {
  await t.as('manager');
  return pageClient(t, { email: 'manager2@agency.test', password: 'password-123' });
}

describe('the imports page', () => {
  it('previews the errors of an export in Bulgarian, imports nothing, and imports the corrected file in one press', async () => {
    const page = await manager();
    const file = clientExport({ rows: 2000, duplicates: 40, badPhones: 3 });

    const checked = await page.upload('/imports', {}, { name: 'клиенти.csv', bytes: windows1251(exportCsv(file)) });
    expect(checked.status).toBe(303);
    const preview = await page.get(checked.location!, 'bg');
    expect(preview.html).toContain('клиенти.csv');
    expect(rowsOf(preview.html, 'error-rows')).toEqual(file.badPhoneRows);
    expect(preview.html).toContain('Не прилича на телефонен номер');
    expect(preview.html).toContain('Нови клиенти: 1957');
    // No plain import while rows have errors: only importing the valid rows, leaving these out.
    expect(preview.html).not.toContain('id="apply"');
    expect(preview.html).toContain('id="apply-valid"');
    expect(await contactCount()).toBe(0);

    for (const row of file.badPhoneRows) file.rows[row - 2]!.phone = `0899${String(row).padStart(6, '0')}`;
    const fixed = await page.upload('/imports', {}, { name: 'клиенти.csv', bytes: windows1251(exportCsv(file)) });
    const ready = await page.get(fixed.location!, 'ru');
    expect(ready.html).toContain('Импортировать: новых 1960, объединить 40');
    // The merges say into whom: the duplicate rows go into the client of their first row.
    expect(ready.html).toContain(`data-row="${file.duplicateRows[0]}" data-into="row-3"`);

    const applied = await page.post(`${fixed.location}/apply`, {});
    expect(applied.location).toContain('done=imported');
    expect(await contactCount()).toBe(1960);
    const after = await page.get(applied.location!, 'bg');
    expect(after.html).toContain('Внесено: нови клиенти — 1960.');
    expect(after.html).toContain('data-applied');
    // The manager importing gets the new clients.
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM contacts WHERE manager_id IS NOT NULL').get()).toEqual({ n: 1960 });

    // A second press (another tab, a double click) imports nothing more.
    const again = await page.post(`${fixed.location}/apply`, {});
    expect(again.location).toContain('done=importApplied');
    expect(await contactCount()).toBe(1960);

    const list = await page.get('/imports', 'en');
    expect(list.html).toMatch(/data-import="2"[\s\S]*?imported/);
    expect(list.html).toMatch(/data-import="1"[\s\S]*?checked, not imported/);
  });

  it('shows the client on file a row merges into, with a link to the card', async () => {
    const ivan = await createContact(t, director, { name: 'Иван Петров', phone: '0881234567' });
    const page = await pageClient(t, DIRECTOR);
    const checked = await page.upload('/imports', {}, { name: 'c.csv', bytes: 'Имя;Телефон\nИван П.;+359 88 123 4567\nНовый;0882345678\n' });
    const preview = await page.get(checked.location!, 'ru');
    expect(preview.html).toContain(`data-row="2" data-into="contact-${ivan.id}"`);
    expect(preview.html).toContain(`<a href="/contacts/${ivan.id}">Иван Петров</a>`);
  });

  it('plans the file again when it is applied: a client added in between is not added twice', async () => {
    const page = await pageClient(t, DIRECTOR);
    const checked = await page.upload('/imports', {}, { name: 'c.csv', bytes: 'name,phone,email\nAnna,0881234567,anna@example.test\n' });
    await createContact(t, director, { name: 'Anna by phone', phone: '0881234567', email: null });
    await createContact(t, director, { name: 'Anna by e-mail', phone: null, email: 'anna@example.test' });
    const refused = await page.post(`${checked.location}/apply`, {});
    expect(refused.location).toContain('done=importRefused');
    expect(await contactCount()).toBe(2);
    const preview = await page.get(refused.location!, 'bg');
    expect(preview.html).toContain('Съвпада с двама клиенти в базата');
  });

  it('refuses a missing or unreadable file beside the field, in the reader\'s words', async () => {
    const page = await pageClient(t, DIRECTOR);
    const none = await page.upload('/imports', {}, null, 'bg');
    expect(none.status).toBe(400);
    expect(none.html).toContain('Изберете файла за внасяне');
    const xls = await page.upload('/imports', {}, { name: 'old.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]) }, 'ru');
    expect(xls.status).toBe(400);
    expect(xls.html).toContain('Это старый файл Excel .xls');
    const noColumns = await page.upload('/imports', {}, { name: 'c.csv', bytes: 'Город;Паспорт\nСофия;1\n' }, 'bg');
    const preview = await page.get(noColumns.location!, 'bg');
    expect(preview.html).toContain('Няма колона за името');
    expect(await contactCount()).toBe(0);
  });

  it('refuses a file over 20 MB with 413, on the page and in the API', async () => {
    const page = await pageClient(t, DIRECTOR);
    const huge = new Uint8Array(21 * 1024 * 1024).fill(0x41);
    const refused = await page.upload('/imports', {}, { name: 'huge.csv', bytes: huge }, 'bg');
    expect(refused.status).toBe(413);
    expect(refused.html).toContain('Файлът трябва да е най-много 20 MB');
    const form = new FormData();
    form.append('file', new Blob([huge]), 'huge.csv');
    const api = await t.app.request('/api/v1/imports/contacts', { method: 'POST', headers: { Authorization: `Bearer ${director}` }, body: form });
    expect(api.status).toBe(413);
  });

  it('is for managers and directors: an operator sees no link and gets 403', async () => {
    await t.as('operator');
    const operator = await pageClient(t, { email: 'operator2@agency.test', password: 'password-123' });
    expect((await operator.get('/contacts')).html).not.toContain('href="/imports"');
    expect((await operator.get('/imports')).status).toBe(403);
    const page = await pageClient(t, DIRECTOR);
    expect((await page.get('/contacts')).html).toContain('href="/imports"');
  });
});

describe('the imports page with a real agency\'s file', () => {
  /** A download as the browser gets it: the bytes and the headers. */
  async function download(page: Awaited<ReturnType<typeof pageClient>>, path: string, lang: string) {
    const response = await t.app.request(path, { headers: { Cookie: page.cookie, 'Accept-Language': lang } });
    return { status: response.status, type: response.headers.get('content-type') ?? '', disposition: response.headers.get('content-disposition') ?? '', bytes: new Uint8Array(await response.arrayBuffer()) };
  }
  const russianCsv = 'ФИО;Телефон;Метки\nСмирнова Ольга;8 (916) 123-45-67;VIP\nКузнецов Пётр;89161234568;\n';

  it('reads Russian numbers when Russia is chosen in the select, and keeps the choice through the preview and the import', async () => {
    const page = await pageClient(t, DIRECTOR);
    const form = await page.get('/imports', 'ru');
    expect(form.html).toMatch(/<select id="f-country" name="country"[^>]*><option value="BG" selected="">Болгария<\/option>/);
    expect(form.html).toContain('<option value="RU">Россия</option>');

    const asAgency = await page.upload('/imports', {}, { name: 'клиенты.csv', bytes: windows1251(russianCsv) }, 'ru');
    expect(rowsOf((await page.get(asAgency.location!, 'ru')).html, 'error-rows')).toEqual([2, 3]);

    const checked = await page.upload('/imports', { country: 'RU' }, { name: 'клиенты.csv', bytes: windows1251(russianCsv) }, 'ru');
    expect(checked.location).toBe('/imports/2?country=RU');
    const preview = await page.get(checked.location!, 'ru');
    expect(preview.html).toContain('Импортировать: новых 2, объединить 0');
    expect(preview.html).toContain('<input type="hidden" name="country" value="RU"/>');
    const applied = await page.post('/imports/2/apply', { country: 'RU' });
    expect(applied.location).toBe('/imports/2?country=RU&done=imported&count=2');
    expect(await contactCount()).toBe(2);
    expect(JSON.parse((await t.database.sqlite.prepare("SELECT tags FROM contacts WHERE phone = '+79161234567'").get() as { tags: string }).tags)).toEqual(['VIP']);
  });

  it('shows a conflict with a link to the client on file and what differs, and imports nothing of it', async () => {
    const maria = await createContact(t, director, { name: 'Мария Сидорова', phone: '0881234567', email: null });
    const page = await pageClient(t, DIRECTOR);
    const checked = await page.upload('/imports', {}, { name: 'c.csv', bytes: 'Имя;Телефон;Почта\nИван Петров;0881234567;ivan@example.test\nАнна Новая;0882345678;\n' });
    const preview = await page.get(checked.location!, 'ru');
    expect(preview.html).toContain(`data-row="2" data-field="phone" data-existing="contact-${maria.id}"`);
    expect(preview.html).toContain(`<a href="/contacts/${maria.id}">Открыть карточку: Мария Сидорова</a>`);
    expect(preview.html).toContain('Имя в файле: Иван Петров; в базе: Мария Сидорова');
    expect(preview.html).not.toContain('id="apply"');

    // Importing the others leaves the conflict out and the card as it was.
    const applied = await page.post(`/imports/1/apply`, { skipInvalid: 'true' });
    expect(applied.location).toBe('/imports/1?done=importedSkipped&count=1');
    expect(await contactCount()).toBe(2);
    expect(await t.database.sqlite.prepare('SELECT email FROM contacts WHERE id = ?').get(maria.id)).toEqual({ email: null });
    const after = await page.get(applied.location!, 'bg');
    expect(after.html).toContain('Внесено: нови клиенти — 1. Пропуснатите редове са по-долу');
    expect(after.html).toContain('href="/imports/1/rejected.csv"');
    expect(after.html).toContain(`data-existing="contact-${maria.id}"`);
  });

  it('downloads the rows left out as CSV with the file\'s own columns and what to correct; corrected and uploaded again, they import', async () => {
    const page = await manager();
    const file = clientExport({ rows: 300, duplicates: 4, badPhones: 3 });
    const checked = await page.upload('/imports', {}, { name: 'клиенти.csv', bytes: windows1251(exportCsv(file)) });
    const applied = await page.post(`${checked.location}/apply`, { skipInvalid: 'true' });
    expect(applied.location).toContain('done=importedSkipped');
    expect(await contactCount()).toBe(293);

    const csv = await download(page, '/imports/1/rejected.csv', 'ru');
    expect(csv.type).toContain('text/csv');
    expect(csv.disposition).toContain('attachment');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes);
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(`${file.header.join(';')};Что исправить`);
    expect(lines).toHaveLength(4);
    for (const [i, row] of file.badPhoneRows.entries()) {
      expect(lines[i + 1]).toContain(file.rows[row - 2]!.name);
      expect(lines[i + 1]).toContain(`08x${i}-не знает`);
      expect(lines[i + 1]).toMatch(/;телефон: Не похоже на номер телефона[^;]*$/);
    }

    const corrected = lines.map((line, i) => (i === 0 ? line : line.replace(/08x\d-не знает/, `0899${String(i).padStart(6, '0')}`))).join('\r\n');
    const again = await page.upload('/imports', {}, { name: 'исправить.csv', bytes: new TextEncoder().encode(`\ufeff${corrected}\r\n`) });
    const preview = await page.get(again.location!, 'ru');
    expect(preview.html).toContain('Импортировать: новых 3, объединить 0');
    expect(preview.html).toContain('data-column="">Что исправить');
    await page.post(`${again.location}/apply`, {});
    expect(await contactCount()).toBe(296);
  });

  it('downloads them as XLSX too, typed, and the corrected workbook imports', async () => {
    const page = await pageClient(t, DIRECTOR);
    const csv = 'Имя;Телефон;Почта;Дата рождения\nАнна Иванова;0881234567;anna@example.test;31.12.1980\nБорис Без Телефона;не знает;;\nВера Плохая Почта;0883456789;vera@;\n';
    const checked = await page.upload('/imports', {}, { name: 'c.csv', bytes: csv });
    const xlsx = await download(page, `${checked.location}/rejected.xlsx`, 'bg');
    expect(xlsx.type).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Имя', 'Телефон', 'Почта', 'Дата рождения', 'Какво да поправите']);
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(1).value).toBe('Борис Без Телефона');
    expect(String(sheet.getRow(2).getCell(5).value)).toMatch(/^телефон: /);
    expect(String(sheet.getRow(3).getCell(5).value)).toMatch(/^имейл: /);

    sheet.getRow(2).getCell(2).value = '0882345678';
    sheet.getRow(3).getCell(3).value = 'vera@example.test';
    const fixed = new Uint8Array(await workbook.xlsx.writeBuffer());
    const again = await page.upload('/imports', {}, { name: 'fixed.xlsx', bytes: fixed });
    const applied = await page.post(`${again.location}/apply`, {});
    expect(applied.location).toContain('done=imported&count=2');
    expect(await t.database.sqlite.prepare("SELECT email FROM contacts WHERE phone = '+359883456789'").get()).toEqual({ email: 'vera@example.test' });
  });

  it('says in the reader\'s words that a mixed-encoding CSV cannot be read, and that a zip bomb is too big', async () => {
    const page = await pageClient(t, DIRECTOR);
    const mixed = new Uint8Array([...new TextEncoder().encode('Имя;Телефон\nАнна Иванова;0881234567\n'), ...windows1251('Пётр Смирнов;0882345678\n')]);
    const refused = await page.upload('/imports', {}, { name: 'mixed.csv', bytes: mixed }, 'ru');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Не удаётся определить кодировку файла: сохраните его в UTF-8');
    expect(refused.html).not.toContain('Нет столбца');

    const bomb = await bombXlsx(300);
    const started = performance.now();
    const tooBig = await page.upload('/imports', {}, { name: 'bomb.xlsx', bytes: bomb }, 'bg');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(tooBig.status).toBe(413);
    expect(tooBig.html).toContain('Разархивирана, книгата е над 200 MB');
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
  });
});
