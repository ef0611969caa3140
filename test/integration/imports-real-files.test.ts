import { beforeEach, describe, expect, it } from 'vitest';
import { windows1251 } from '../helpers/client-export.js';
import { createContact } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

async function upload(bytes: Uint8Array | string, query = '') {
  const form = new FormData();
  form.append('file', new Blob([bytes as BlobPart]), 'clients.csv');
  const response = await t.app.request(`/api/v1/imports/contacts?${query}`, { method: 'POST', headers: { Authorization: `Bearer ${director}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

const contactCount = async () => (await t.database.sqlite.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
const contactByPhone = async (phone: string) => await t.database.sqlite.prepare('SELECT * FROM contacts WHERE phone = ?').get(phone) as any;
const contactById = async (id: number) => await t.database.sqlite.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as any;

describe('a Russian agency\'s file', () => {
  const russianCsv = ['ФИО;Телефон', 'Смирнова Ольга;8 (916) 123-45-67', 'Кузнецов Пётр;89161234568', 'Волкова Анна;+7 916 123-45-69'].join('\r\n');

  it('reads numbers as Russian Excel writes them when the file is said to be Russian, trunk 8 and all', async () => {
    const asAgency = await upload(windows1251(russianCsv), 'dryRun=true');
    expect(asAgency.body.errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);

    const answer = await upload(windows1251(russianCsv), 'country=RU');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ created: 3, errors: [], country: 'RU' });
    expect(await contactByPhone('+79161234567')).toMatchObject({ name: 'Смирнова Ольга', locale: 'ru' });
    expect(await contactByPhone('+79161234568')).toMatchObject({ name: 'Кузнецов Пётр' });
    expect(await contactByPhone('+79161234569')).toMatchObject({ name: 'Волкова Анна' });
  });

  it('refuses a country the desk cannot read phones of, naming the field', async () => {
    const answer = await upload(russianCsv, 'country=XX');
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toHaveProperty('country');
    expect(await contactCount()).toBe(0);
  });
});

describe('a phone or e-mail on file under another person\'s name', () => {
  it('is a conflict for a person to decide: nothing merged, nothing imported, the card untouched', async () => {
    const maria = await createContact(t, director, { name: 'Мария Сидорова', phone: '0881234567', email: null });
    const csv = ['Имя;Телефон;Почта;Дата рождения', 'Иван Петров;0881 234 567;ivan@example.test;01.03.1970', 'Анна Новая;0882345678;;'].join('\n');

    const answer = await upload(csv);
    expect(answer.status).toBe(400);
    expect(answer.body.conflicts).toEqual([
      expect.objectContaining({ row: 2, field: 'phone', existingId: maria.id, existingName: 'Мария Сидорова', name: 'Иван Петров', differs: { field: 'name', file: 'Иван Петров', onFile: 'Мария Сидорова' } }),
    ]);
    expect(answer.body.errors).toEqual([]);
    expect(await contactCount()).toBe(1);
    expect(await contactById(maria.id)).toMatchObject({ name: 'Мария Сидорова', email: null, birth_date: null });
  });

  it('is the same person when only case, spaces, ё, word order or a patronymic differ', async () => {
    const petr = await createContact(t, director, { name: 'Пётр Иванов', phone: '0881234567', email: null });
    const csv = ['Имя;Телефон', 'ИВАНОВ  петр Сергеевич;0881234567'].join('\n');
    const answer = await upload(csv);
    expect(answer.body).toMatchObject({ created: 0, merged: 1, conflicts: [] });
    expect((await contactById(petr.id)).name).toBe('Пётр Иванов');
  });

  it('conflicts on a different birth date of the same name: a namesake at the same phone', async () => {
    const father = await createContact(t, director, { name: 'Иван Петров', phone: '0881234567', birthDate: '1950-05-01' });
    const answer = await upload('Имя;Телефон;Дата рождения\nИван Петров;0881234567;12.06.1980\n');
    expect(answer.status).toBe(400);
    expect(answer.body.conflicts).toEqual([expect.objectContaining({ row: 2, field: 'birthDate', existingId: father.id, differs: { field: 'birthDate', file: '1980-06-12', onFile: '1950-05-01' } })]);
    expect((await contactById(father.id)).birth_date).toBe('1950-05-01');
  });

  it('conflicts between two rows of the file that share a phone under different names, instead of merging them', async () => {
    const answer = await upload('Имя;Телефон\nИван Петров;0881234567\nМария Петрова;0881234567\n', 'dryRun=true');
    expect(answer.body.conflicts).toEqual([expect.objectContaining({ row: 3, field: 'phone', existingRow: 2, existingName: 'Иван Петров' })]);
    expect(answer.body.created).toBe(1);
  });
});

describe('a merge into the same person', () => {
  it('keeps the row\'s e-mail and birth date where the card has none, and the card\'s own e-mail with the row\'s in its notes', async () => {
    const bare = await createContact(t, director, { name: 'Иван Петров', phone: '0881234567', email: null });
    const withEmail = await createContact(t, director, { name: 'Olga Sokolova', phone: '0882345678', email: 'olga@old.example.test', notes: 'Любит море' });
    const csv = ['Имя;Телефон;Почта;Дата рождения', 'Иван Петров;0881234567;ivan@example.test;01.03.1970', 'Ольга Соколова;0882345678;olga@new.example.test;'].join('\n');

    const answer = await upload(csv);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ created: 0, merged: 2, conflicts: [] });
    expect(answer.body.warnings).toContainEqual(expect.objectContaining({ row: 3, field: 'email', value: 'olga@new.example.test' }));
    expect(await contactById(bare.id)).toMatchObject({ email: 'ivan@example.test', birth_date: '1970-03-01' });
    const olga = await contactById(withEmail.id);
    expect(olga.email).toBe('olga@old.example.test');
    // The agency is Bulgarian: the card's staff read the note in Bulgarian.
    expect(olga.notes).toBe('Любит море\nОт файла clients.csv: имейл olga@new.example.test (ред 3)');
    // Imported again, the note is not written twice.
    await upload(csv);
    expect((await contactById(withEmail.id)).notes).toBe(olga.notes);
  });

  it('keeps a second phone of the same cell in the new card\'s notes', async () => {
    await upload('Имя;Телефон\nАнна Иванова;"0881234567, 0887 654 321"\n');
    expect((await contactByPhone('+359881234567')).notes).toBe('От файла clients.csv: телефон +359887654321 (ред 2)');
  });
});

describe('skipInvalid', () => {
  const csv = ['Имя;Телефон;Метки', 'Хороший Клиент;0881234567;VIP', 'Плохой Телефон;08x-не знает;', 'Ещё Хороший;0882345678;vip, Море', 'Конфликт Иванов;0883456789;'].join('\n');

  it('imports the valid rows and lists the others, errors and conflicts alike', async () => {
    await createContact(t, director, { name: 'Другой Человек', phone: '0883456789', email: null });
    const all = await upload(csv);
    expect(all.status).toBe(400);
    expect(await contactCount()).toBe(1);

    const answer = await upload(csv, 'skipInvalid=true');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ applied: true, created: 2, merged: 0, skipped: 2 });
    expect(answer.body.errors.map((e: { row: number }) => e.row)).toEqual([3]);
    expect(answer.body.conflicts.map((c: { row: number }) => c.row)).toEqual([5]);
    expect(await contactCount()).toBe(3);
    expect((await contactByPhone('+359883456789')).name).toBe('Другой Человек');
  });

  it('keeps tags as the agency writes them, one of each whatever the case', async () => {
    await upload(csv, 'skipInvalid=true');
    expect(JSON.parse((await contactByPhone('+359881234567')).tags)).toEqual(['VIP']);
    expect(JSON.parse((await contactByPhone('+359882345678')).tags)).toEqual(['vip', 'Море']);
    const again = await upload('Имя;Телефон;Метки\nХороший Клиент;0881234567;vip, Новое\n');
    expect(again.status).toBe(200);
    expect(JSON.parse((await contactByPhone('+359881234567')).tags)).toEqual(['VIP', 'Новое']);
  });
});

describe('a CSV in two encodings at once', () => {
  it('says it cannot tell the encoding, not that the name column is missing', async () => {
    const utf8 = new TextEncoder().encode('Имя;Телефон\nАнна Иванова;0881234567\n');
    const cp1251 = windows1251('Пётр Смирнов;0882345678\n');
    const mixed = new Uint8Array([...utf8, ...cp1251]);
    const answer = await upload(mixed, 'dryRun=true');
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual({ file: expect.stringMatching(/^cannot tell the file's encoding: save it as UTF-8/) });
    // Each encoding alone is read as before.
    expect((await upload(windows1251('Имя;Телефон\nПётр Смирнов;0882345678\n'), 'dryRun=true')).body.created).toBe(1);
    expect((await upload(utf8, 'dryRun=true')).body.created).toBe(1);
  });
});
