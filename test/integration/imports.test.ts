import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { clientExport, exportCsv, windows1251 } from '../helpers/client-export.js';
import { createContact } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

async function upload(bytes: Uint8Array | string, options: { dryRun?: boolean; token?: string; name?: string; query?: string } = {}) {
  const form = new FormData();
  form.append('file', new Blob([bytes as BlobPart]), options.name ?? 'clients.csv');
  const query = `dryRun=${options.dryRun ?? false}${options.query ?? ''}`;
  const response = await t.app.request(`/api/v1/imports/contacts?${query}`, { method: 'POST', headers: { Authorization: `Bearer ${options.token ?? director}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

const contactCount = async () => (await t.database.sqlite.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
const contactByPhone = async (phone: string) => await t.database.sqlite.prepare('SELECT * FROM contacts WHERE phone = ?').get(phone) as any;

describe('importing clients from an old system', () => {
  it('previews a 2,000-row Windows-1251 export with exactly its 40 duplicates and 3 bad phones, then imports it once they are fixed', async () => {
    const file = clientExport({ rows: 2000, duplicates: 40, badPhones: 3 });
    const bytes = windows1251(exportCsv(file, ';'));

    const preview = await upload(bytes, { dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ rows: 2000, created: 1957, merged: 40, applied: false });
    expect(preview.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual(file.badPhoneRows.map((row) => [row, 'phone']));
    expect(preview.body.errors[0].message).toMatch(/not a valid phone number/);
    expect(preview.body.errors[0].value).toMatch(/не знает/);
    expect(preview.body.columns.map((c: { field: string }) => c.field)).toEqual(['name', 'phone', 'email', 'tags', 'birthDate', 'notes', 'marketingOptIn']);
    expect(await contactCount()).toBe(0);

    // Applying the file as it is writes nothing and names the same rows.
    const refused = await upload(bytes);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(refused.body.errors).toHaveLength(3);
    expect(await contactCount()).toBe(0);

    for (const row of file.badPhoneRows) file.rows[row - 2]!.phone = `0899${String(row).padStart(6, '0')}`;
    const imported = await upload(windows1251(exportCsv(file, ';')));
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ rows: 2000, created: 1960, merged: 40, errors: [], applied: true });
    expect(await contactCount()).toBe(1960);

    // A person twice is one card that has what both rows said.
    const first = await contactByPhone('+359881000001');
    expect(first.name).toBe(file.rows[1]!.name);
    expect(JSON.parse(first.tags)).toEqual(['повторный']);
    expect(first.email).toBe('client1@example.test');
    const vip = await contactByPhone('+359881000105');
    expect(JSON.parse(vip.tags)).toEqual(['vip', 'море']);
    expect(vip.marketing_opt_in).toBe(0);
    const withNotes = await contactByPhone('+359881000110');
    expect(withNotes.notes).toBe('Предпочитает место у окна; "тихий" клиент');
    expect(await contactByPhone('+359881000200')).toMatchObject({ birth_date: '1950-09-05', marketing_opt_in: 1, locale: 'bg' });

    // The same file again merges every row into the clients it made: nothing new.
    const again = await upload(windows1251(exportCsv(file, ';')));
    expect(again.body).toMatchObject({ created: 0, merged: 2000 });
    expect(await contactCount()).toBe(1960);
  });

  it('merges into the client on file by phone or e-mail, keeping what the card says and adding what it lacks', async () => {
    const byPhone = await createContact(t, director, { name: 'Иван Петров', phone: '0881234567', email: null, tags: ['vip'], notes: 'Звонить вечером' });
    const byEmail = await createContact(t, director, { name: 'Maria Ivanova', phone: null, email: 'maria@example.test' });
    const csv = ['name,phone,e-mail,tags,notes,birth date', 'Ivan Petrov,+359 88 123 4567,ivan@example.test,море,Любит море,1970-03-01', 'M. Ivanova,0887 654 321,MARIA@example.test,,,'].join('\n');

    const answer = await upload(csv);
    expect(answer.body).toMatchObject({ rows: 2, created: 0, merged: 2, errors: [] });
    const ivan = await t.database.sqlite.prepare('SELECT * FROM contacts WHERE id = ?').get(byPhone.id) as any;
    expect(ivan).toMatchObject({ name: 'Иван Петров', email: 'ivan@example.test', birth_date: '1970-03-01', notes: 'Звонить вечером\nЛюбит море' });
    expect(JSON.parse(ivan.tags)).toEqual(['vip', 'море']);
    const maria = await t.database.sqlite.prepare('SELECT * FROM contacts WHERE id = ?').get(byEmail.id) as any;
    expect(maria).toMatchObject({ name: 'Maria Ivanova', phone: '+359887654321' });
    // Found by the phone it gained, as the desk finds anyone.
    const found = await t.call('GET', '/api/v1/contacts?q=0887654321', { token: director });
    expect(found.body.items.map((c: { id: number }) => c.id)).toEqual([byEmail.id]);
  });

  it('takes two rows that are one client on file (one by phone, one by e-mail) into that client together', async () => {
    const x = await createContact(t, director, { name: 'Христо Ботев', phone: '0881234567', email: 'x@example.test', tags: [] });
    const answer = await upload('name,phone,email,tags\nХристо Ботев,0881234567,,море\nHristo Botev,,X@example.test,горы\n');
    expect(answer.body).toMatchObject({ created: 0, merged: 2, errors: [] });
    const row = await t.database.sqlite.prepare('SELECT tags FROM contacts WHERE id = ?').get(x.id) as { tags: string };
    expect(JSON.parse(row.tags)).toEqual(['море', 'горы']);
  });

  it('refuses a person who matches two different clients on file, naming both', async () => {
    const a = await createContact(t, director, { name: 'Анна Иванова', phone: '0881234567' });
    const b = await createContact(t, director, { name: 'Иванова Анна', phone: null, email: 'b@example.test' });
    const answer = await upload('name;phone;email\nАнна Иванова;0881234567;b@example.test\n', { dryRun: true });
    expect(answer.body.errors).toEqual([{ row: 2, field: 'phone', message: `matches two clients on file (#${a.id} Анна Иванова and #${b.id} Иванова Анна)` }]);
  });

  it('reads UTF-8 with a BOM and tabs, Bulgarian headers and a name in parts', async () => {
    const text = '\ufeffФамилия\tИме\tТелефон\tИмейл\tЕтикети\tДата на раждане\tСъгласие\tЕзик\nГеоргиева\tМария\t+7 912 345-67-89\t\tморе|планина\t3.2.1985 г.\tда\tруски\n';
    const answer = await upload(new TextEncoder().encode(text));
    expect(answer.body).toMatchObject({ rows: 1, created: 1, errors: [] });
    expect(await contactByPhone('+79123456789')).toMatchObject({ name: 'Георгиева Мария', birth_date: '1985-02-03', marketing_opt_in: 1, locale: 'ru' });
  });

  it('reads an XLSX workbook with phones stored as numbers, date cells and links', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Пусто');
    const sheet = workbook.addWorksheet('Клиенты');
    sheet.addRow(['Имя', 'Телефон', 'Почта', 'Дата рождения']);
    sheet.addRow(['Ольга Соколова', 359881112233, { text: 'olga@example.test', hyperlink: 'mailto:olga@example.test' }, new Date(Date.UTC(1990, 11, 31))]);
    sheet.addRow([]);
    sheet.addRow(['Пётр Смирнов', '0882 223 344', null, 32874]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const answer = await upload(bytes, { name: 'clients.xlsx' });
    expect(answer.body).toMatchObject({ rows: 2, created: 2, errors: [] });
    expect(await contactByPhone('+359881112233')).toMatchObject({ email: 'olga@example.test', birth_date: '1990-12-31' });
    expect(await contactByPhone('+359882223344')).toMatchObject({ birth_date: '1990-01-01' });
  });

  it('names every bad value by row and field, and writes nothing', async () => {
    const csv = [
      'name,phone,email,birth date,consent,tags,language',
      ',0881234567,,,,,', // no name
      'Без связи,,,,,,', // neither phone nor e-mail
      'Плохая почта,,not-an-email,,,,',
      'Будущее,0882345678,,31.12.2999,,,',
      'Согласие,0883456789,,,может быть,,',
      'Хороший,0884567890,,,,,de',
    ].join('\n');
    const answer = await upload(csv);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['2:name', '3:phone', '4:email', '5:birthDate', '6:marketingOptIn']);
    expect(answer.body.warnings).toEqual([expect.objectContaining({ row: 7, field: 'locale', value: 'de' })]);
    expect(await contactCount()).toBe(0);
  });

  it('says which columns it needs, and ignores the ones it does not know', async () => {
    const missing = await upload('Город;Паспорт\nСофия;123\n', { dryRun: true });
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'phone']);
    const extra = await upload('Имя;Телефон;Город\nАнна;0881234567;София\n', { dryRun: true });
    expect(extra.body.columns).toContainEqual({ header: 'Город', field: null });
    expect(extra.body.errors).toEqual([]);
  });

  it('refuses what is not a spreadsheet, an old .xls, an operator, and a missing file', async () => {
    expect((await upload(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).body.error.details).toEqual({ file: expect.stringMatching(/old Excel/) });
    const operator = (await t.as('operator')).token;
    expect((await upload('name,phone\nA,0881234567\n', { token: operator })).status).toBe(403);
    const none = await t.app.request('/api/v1/imports/contacts', { method: 'POST', headers: { Authorization: `Bearer ${director}` }, body: new FormData() });
    expect(none.status).toBe(400);
    expect(((await none.json()) as any).error.details).toHaveProperty('file');
    expect(await contactCount()).toBe(0);
  });

  it('gives the new clients to the manager importing them, or to the one named', async () => {
    const manager = await t.as('manager');
    await upload('name,phone\nA,0881234567\n', { token: manager.token });
    expect((await contactByPhone('+359881234567')).manager_id).toBe(manager.id);
    const other = await t.as('manager');
    await upload('name,phone\nB,0882345678\n', { query: `&managerId=${other.id}` });
    expect((await contactByPhone('+359882345678')).manager_id).toBe(other.id);
  });

  it('keeps "do not contact" a director\'s word, and never re-subscribes a client who unsubscribed', async () => {
    const manager = await t.as('manager');
    const refused = await upload('name,phone,tags\nA,0881234567,do_not_contact\n', { token: manager.token });
    expect(refused.body.errors).toEqual([expect.objectContaining({ row: 2, field: 'tags' })]);
    const gone = await createContact(t, director, { name: 'Gone', phone: null, email: 'gone@example.test', marketingOptIn: true });
    await t.database.sqlite.prepare('UPDATE contacts SET marketing_opt_in = 0, unsubscribed_at = 1 WHERE id = ?').run(gone.id);
    const answer = await upload('name,email,consent\nGone,gone@example.test,yes\n');
    expect(answer.body.warnings).toEqual([expect.objectContaining({ row: 2, field: 'marketingOptIn' })]);
    expect(await t.database.sqlite.prepare('SELECT marketing_opt_in FROM contacts WHERE id = ?').get(gone.id)).toEqual({ marketing_opt_in: 0 });
  });

  it('takes the file as the body itself, for integrations that post CSV', async () => {
    const response = await t.app.request('/api/v1/imports/contacts?dryRun=true', { method: 'POST', headers: { Authorization: `Bearer ${director}`, 'Content-Type': 'text/csv' }, body: 'name,phone\nA,0881234567\n' });
    expect(((await response.json()) as any).created).toBe(1);
  });
});

