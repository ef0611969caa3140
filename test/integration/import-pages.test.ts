import { beforeEach, describe, expect, it } from 'vitest';
import { clientExport, exportCsv, windows1251 } from '../helpers/client-export.js';
import { createContact } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

const contactCount = () => (t.database.sqlite.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
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
    expect(preview.html).not.toContain('/apply"');
    expect(contactCount()).toBe(0);

    for (const row of file.badPhoneRows) file.rows[row - 2]!.phone = `0899${String(row).padStart(6, '0')}`;
    const fixed = await page.upload('/imports', {}, { name: 'клиенти.csv', bytes: windows1251(exportCsv(file)) });
    const ready = await page.get(fixed.location!, 'ru');
    expect(ready.html).toContain('Импортировать: новых 1960, объединить 40');
    // The merges say into whom: the duplicate rows go into the client of their first row.
    expect(ready.html).toContain(`data-row="${file.duplicateRows[0]}" data-into="row-3"`);

    const applied = await page.post(`${fixed.location}/apply`, {});
    expect(applied.location).toContain('done=imported');
    expect(contactCount()).toBe(1960);
    const after = await page.get(applied.location!, 'bg');
    expect(after.html).toContain('Внесено: нови клиенти — 1960.');
    expect(after.html).toContain('data-applied');
    // The manager importing gets the new clients.
    expect(t.database.sqlite.prepare('SELECT count(*) AS n FROM contacts WHERE manager_id IS NOT NULL').get()).toEqual({ n: 1960 });

    // A second press (another tab, a double click) imports nothing more.
    const again = await page.post(`${fixed.location}/apply`, {});
    expect(again.location).toContain('done=importApplied');
    expect(contactCount()).toBe(1960);

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
    expect(contactCount()).toBe(2);
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
    expect(contactCount()).toBe(0);
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
