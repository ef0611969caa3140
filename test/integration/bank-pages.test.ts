import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_STATEMENT_BYTES } from '../../src/domain/bank-statements/parse.js';
import { dealReference } from '../../src/domain/deals/index.js';
import { camt053, oneCFile } from '../helpers/bank-files.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

const count = async (table: string) => Number(((await t.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get()) as { n: number }).n);
const bankPayments = async () =>
  (await t.database.sqlite.prepare(`SELECT id, deal_id AS "dealId", method, receipt_number AS "receiptNumber" FROM payments ORDER BY id`).all()) as { id: number; dealId: number; method: string; receiptNumber: string | null }[];
const reference = (dealId: number) => dealReference(t.ctx(), dealId);

/** A form of the page by its id, and its hidden fields as the browser would send them. */
const formWithId = (html: string, id: string) => new RegExp(`<form[^>]*id="${id}"[\\s\\S]*?</form>`).exec(html)?.[0] ?? '';
const hiddenFields = (form: string) => Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
/** The assignment forms of the waiting credits: entry id and one-time token. */
const assignForms = (html: string) =>
  [...html.matchAll(/<form method="post" action="\/imports\/bank\/entries\/(\d+)\/assign#entry-\1"[\s\S]*?<\/form>/g)].map((m) => ({ entryId: Number(m[1]), once: /name="_once" value="([^"]+)"/.exec(m[0])![1]!, html: m[0] }));
const countOf = (html: string, what: string) => Number(new RegExp(`data-count="${what}">[^<]*?(\\d+)\\s*</span>`).exec(html)?.[1] ?? NaN);

async function manager() {
  await t.as('manager');
  return pageClient(t, { email: 'manager2@agency.test', password: 'password-123' });
}

describe('the bank statement pages', () => {
  it('checks a statement writing nothing, imports it once, and a credit naming no booking is assigned by hand', async () => {
    const trip = await createDeparture(t, director, { title: 'Рила 12.12', departsAt: '2026-12-12T07:00:00+02:00' });
    const anna = await createContact(t, director, { name: 'Анна Петрова' });
    const first = await createDeal(t, director, { departureId: trip.id });
    const second = await createDeal(t, director, { departureId: trip.id });
    const annas = await createDeal(t, director, { departureId: trip.id, contactId: anna.id });
    const [refFirst, refSecond, refAnna] = [await reference(first.id), await reference(second.id), await reference(annas.id)];
    const file = camt053({
      credits: [
        { entryId: 'BANK-1', amountMinor: 5000, text: `Kaparo ${refFirst}`, payerName: 'Ivan Ivanov', bookedOn: '2026-11-20' },
        // As a client types it: spaces for the dashes, lower case.
        { entryId: 'BANK-2', amountMinor: 15000, text: `плащане ${refSecond.replace(/-/g, ' ').toLowerCase()}`, payerName: 'Мария Георгиева', bookedOn: '2026-11-21' },
        { entryId: 'BANK-3', amountMinor: 15000, text: 'екскурзия Рила', payerName: 'ПЕТРОВА АННА', bookedOn: '2026-11-21' },
      ],
      debits: 1,
    });
    const page = await pageClient(t, DIRECTOR);

    const checked = await page.upload('/imports/bank/check', {}, { name: 'извлечение.xml', bytes: file }, 'bg');
    expect(checked.status).toBe(200);
    expect(countOf(checked.html, 'matched')).toBe(2);
    expect(countOf(checked.html, 'unmatched')).toBe(1);
    expect(countOf(checked.html, 'already')).toBe(0);
    const matched = /<section class="card" id="matched">[\s\S]*?<\/section>/.exec(checked.html)![0];
    expect(matched).toContain(`<a href="/deals/${first.id}" class="nobr">${refFirst}</a>`);
    expect(matched).toContain(`<a href="/deals/${second.id}" class="nobr">${refSecond}</a>`);
    expect(matched).toContain('Мария Георгиева');
    const unmatched = /<section class="card" id="unmatched">[\s\S]*?<\/section>/.exec(checked.html)![0];
    expect(unmatched).toContain('ПЕТРОВА АННА');
    // Anna's booking is suggested: her name, and the amount is what she owes.
    expect(unmatched).toContain(`data-suggestion="${annas.id}"`);
    expect(unmatched).toContain('името си прилича и сумата е дължимата');
    expect(checked.html).toContain('Внеси 2 плащания');
    // A check writes nothing.
    expect(await count('payments')).toBe(0);
    expect(await count('bank_statements')).toBe(0);
    expect(await count('bank_entries')).toBe(0);

    // The import form carries the file: it need not be chosen again.
    const carried = hiddenFields(formWithId(checked.html, 'import'));
    expect(carried.name).toBe('извлечение.xml');
    expect(Buffer.from(carried.file!, 'base64url').equals(file)).toBe(true);
    const imported = await page.post('/imports/bank/import', carried, 'bg');
    expect(imported.status).toBe(303);
    const statementPath = new URL(imported.location!, 'http://x').pathname;
    expect(statementPath).toMatch(/^\/imports\/bank\/statements\/\d+$/);
    const recorded = await bankPayments();
    expect(recorded.map((p) => [p.dealId, p.method])).toEqual([
      [first.id, 'bank'],
      [second.id, 'bank'],
    ]);
    expect(recorded.every((p) => /^2026-\d{6}$/.test(p.receiptNumber ?? ''))).toBe(true);

    const result = await page.get(imported.location!, 'bg');
    expect(result.html).toContain('Извлечението е внесено.');
    expect(result.html).toContain('Записани са 2 плащания');
    for (const p of recorded) expect(result.html).toContain(`<a href="/payments/${p.id}/receipt.pdf" class="nobr">Разписка ${p.receiptNumber}</a>`);
    expect(result.html).toContain(`<a href="/deals/${first.id}" class="nobr">${refFirst}</a>`);
    expect(/<section class="card" id="left-waiting">[\s\S]*?<\/section>/.exec(result.html)![0]).toContain('ПЕТРОВА АННА');

    // The same form again (a double tap, Back and send): nothing new, and it says what the first did.
    const again = await page.post('/imports/bank/import', carried, 'en');
    expect(again.status).toBe(303);
    expect(new URL(again.location!, 'http://x').pathname).toBe(statementPath);
    expect(again.location).toContain('done=sentBefore');
    expect((await page.get(again.location!, 'en')).html).toContain('Already recorded — this form was already sent.');
    expect(await count('payments')).toBe(2);
    expect(await count('bank_statements')).toBe(1);

    // Checked again, the statement has nothing left to import.
    const rechecked = await page.upload('/imports/bank/check', {}, { name: 'извлечение.xml', bytes: file }, 'en');
    expect(countOf(rechecked.html, 'already')).toBe(2);
    expect(countOf(rechecked.html, 'unmatched')).toBe(1);
    expect(rechecked.html).not.toContain('id="import"');
    expect(rechecked.html).toContain('Everything in this statement is already imported');

    // Waiting for a person: Anna's credit, with her booking to choose.
    const list = await page.get('/imports/bank', 'bg');
    const [form] = assignForms(list.html);
    expect(assignForms(list.html)).toHaveLength(1);
    expect(form!.html).toContain(`value="${annas.id}"`);
    expect(form!.html).toContain('Анна Петрова');
    const unchosen = await page.post(`/imports/bank/entries/${form!.entryId}/assign`, { _once: form!.once }, 'bg');
    expect(unchosen.status).toBe(400);
    expect(unchosen.html).toContain('Изберете резервация или въведете номера ѝ.');
    const mistyped = await page.post(`/imports/bank/entries/${form!.entryId}/assign`, { _once: form!.once, booking: 'TD-000003-000000' }, 'bg');
    expect(mistyped.status).toBe(400);
    expect(mistyped.html).toContain('Това не е наш код на резервация');
    const nobody = await page.post(`/imports/bank/entries/${form!.entryId}/assign`, { _once: form!.once, booking: '9999' }, 'ru');
    expect(nobody.status).toBe(400);
    expect(nobody.html).toContain('Брони с таким номером нет.');
    expect(await count('payments')).toBe(2);

    const assigned = await page.post(`/imports/bank/entries/${form!.entryId}/assign`, { _once: form!.once, dealId: String(annas.id) }, 'bg');
    expect(assigned.status).toBe(303);
    const payments = await bankPayments();
    expect(payments).toHaveLength(3);
    const annaPaid = payments[2]!;
    expect(annaPaid).toMatchObject({ dealId: annas.id, method: 'bank' });
    const confirmed = await page.get(assigned.location!, 'bg');
    const flash = /<p class="flash" role="status" data-assigned[\s\S]*?<\/p>/.exec(confirmed.html)![0];
    expect(flash).toContain(`Плащането е записано: разписка ${annaPaid.receiptNumber}, резервация на Анна Петрова`);
    expect(flash).toContain(`<a href="/deals/${annas.id}" class="nobr">${refAnna}</a>`);
    expect(flash).toContain(`<a href="/payments/${annaPaid.id}/receipt.pdf" class="nobr">Разписка (PDF)</a>`);
    // Only the confirmation naming the booking: not the plain one besides.
    expect(confirmed.html).not.toContain('Плащането е записано.');
    expect(confirmed.html).toContain('Нищо не чака');
    // Sent again: nothing more.
    const twice = await page.post(`/imports/bank/entries/${form!.entryId}/assign`, { _once: form!.once, dealId: String(annas.id) }, 'en');
    expect(twice.location).toContain('done=sentBefore');
    expect(await count('payments')).toBe(3);

    // The statements imported, and the statement's own page counting the one assigned by hand.
    expect(list.html).toMatch(/data-statement="\d+"[\s\S]*?извлечение\.xml[\s\S]*?camt\.053 \(XML\)[\s\S]*?>\s*3\s*<[\s\S]*?>\s*2\s*</);
    const after = await page.get(statementPath, 'en');
    expect(after.html).toContain('assigned by hand');
    expect(after.html).not.toContain('id="left-waiting"');
  });

  it('warns of a cancelled booking, words a credit in another currency, and assigns by a typed reference', async () => {
    const trip = await createDeparture(t, director);
    const cancelled = await createDeal(t, director, { departureId: trip.id });
    await t.call('POST', `/api/v1/deals/${cancelled.id}/cancel`, { token: director, body: { reason: 'болест' } });
    const leva = await createDeparture(t, director, { currency: 'BGN' });
    const inLeva = await createDeal(t, director, { departureId: leva.id });
    const open = await createDeal(t, director, { departureId: trip.id });
    const file = camt053({
      credits: [
        { entryId: 'C-1', amountMinor: 5000, text: `Booking ${await reference(cancelled.id)}`, payerName: 'Late Payer', bookedOn: '2026-11-20' },
        { entryId: 'C-2', amountMinor: 5000, text: `Booking ${await reference(inLeva.id)}`, payerName: 'Euro Payer', bookedOn: '2026-11-20' },
        { entryId: 'C-3', amountMinor: 1234, text: 'no reference at all', payerName: 'Someone Else', bookedOn: '2026-11-20' },
      ],
    });
    const page = await pageClient(t, DIRECTOR);
    const checked = await page.upload('/imports/bank/check', {}, { name: 'statement.xml', bytes: file }, 'en');
    expect(countOf(checked.html, 'matched')).toBe(1);
    expect(countOf(checked.html, 'refused')).toBe(1);
    expect(checked.html).toContain('This booking is cancelled: the money becomes a refund due.');
    expect(checked.html).toContain('In EUR, the booking is in BGN — never converted.');
    const imported = await page.post('/imports/bank/import', hiddenFields(formWithId(checked.html, 'import')), 'en');
    expect(imported.status).toBe(303);

    const list = await page.get('/imports/bank', 'ru');
    expect(list.html).toContain('В EUR, а бронь в BGN — суммы не пересчитываются.');
    const waiting = assignForms(list.html);
    expect(waiting).toHaveLength(2);
    // The refused credit assigned to a booking in another currency is refused again, in words.
    const refusedId = Number(/data-entry="(\d+)"(?:(?!data-entry=)[\s\S])*?В EUR/.exec(list.html)![1]);
    const mixed = await page.post(`/imports/bank/entries/${refusedId}/assign`, { _once: waiting.find((f) => f.entryId === refusedId)!.once, booking: String(inLeva.id) }, 'ru');
    expect(mixed.status).toBe(409);
    expect(mixed.html).toContain('Это поступление в EUR, а бронь в BGN: суммы не пересчитываются.');
    const plain = waiting.find((f) => f.entryId !== refusedId)!;
    const typed = await page.post(`/imports/bank/entries/${plain.entryId}/assign`, { _once: plain.once, booking: ` ${(await reference(open.id)).replace(/-/g, ' ').toLowerCase()} ` }, 'en');
    expect(typed.status).toBe(303);
    expect((await bankPayments()).map((p) => p.dealId)).toEqual([cancelled.id, open.id]);
  });

  it('shows a 1C file in Windows-1251 with its Cyrillic intact', async () => {
    const trip = await createDeparture(t, director, { title: 'Казань 10.01', currency: 'RUB', priceMinor: 1_500_000, depositMinor: 500_000 });
    const sergey = await createContact(t, director, { name: 'Сергей Иванов' });
    const deal = await createDeal(t, director, { departureId: trip.id, contactId: sergey.id });
    const file = oneCFile({
      account: '40702810400000012345',
      credits: [
        { number: '17', date: '2026-11-20', amountMinor: 500_000, payerName: 'Иванов Сергей Петрович', payerAccount: '40817810099910004312', text: `Предоплата тура, бронь ${await reference(deal.id)}, без НДС` },
        { number: '18', date: '2026-11-21', amountMinor: 1_000_000, payerName: 'ИП Сергей Иванов', payerAccount: '40802810900000000001', text: 'Оплата экскурсии «Казань», счёт 45' },
      ],
    });
    const page = await pageClient(t, DIRECTOR);
    const checked = await page.upload('/imports/bank/check', {}, { name: 'kl_to_1c.txt', bytes: file }, 'ru');
    expect(checked.status).toBe(200);
    expect(checked.html).toContain('1С');
    expect(checked.html).toContain('Иванов Сергей Петрович');
    expect(checked.html).toContain('Предоплата тура, бронь');
    expect(checked.html).toContain('ИП Сергей Иванов');
    expect(checked.html).toContain('Оплата экскурсии «Казань», счёт 45');
    expect(checked.html).toContain('Счёт 40702810400000012345');
    expect(countOf(checked.html, 'matched')).toBe(1);
    expect(countOf(checked.html, 'unmatched')).toBe(1);
    expect(checked.html).toContain(`data-suggestion="${deal.id}"`);
    expect(checked.html).toContain('Импортировать 1 оплату');
  });

  it('refuses a file that is no statement, in the reader’s language, writing nothing', async () => {
    const page = await pageClient(t, DIRECTOR);
    const xxe = '<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document><BkToCstmrStmt><Stmt><Ntry><AddtlNtryInf>&xxe;</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>';
    const doctype = await page.upload('/imports/bank/check', {}, { name: 'statement.xml', bytes: xxe }, 'ru');
    expect(doctype.status).toBe(400);
    expect(doctype.html).toContain('В файле есть объявление DOCTYPE');
    expect(doctype.html).toContain('id="f-file-error"');
    const pdf = await page.upload('/imports/bank/check', {}, { name: 'statement.pdf', bytes: '%PDF-1.7 ...' }, 'bg');
    expect(pdf.status).toBe(400);
    expect(pdf.html).toContain('Това е PDF: изтеглете извлечението от банката');
    const broken = await page.upload('/imports/bank/check', {}, { name: 'statement.xml', bytes: '<Document><BkToCstmrStmt><Stmt></Document>' }, 'en');
    expect(broken.html).toContain('The XML is broken (not well-formed)');
    const deep = await page.upload('/imports/bank/check', {}, { name: 'deep.xml', bytes: `<Document><BkToCstmrStmt>${'<Stmt>'.repeat(80)}` }, 'en');
    expect(deep.status).toBe(400);
    expect(deep.html).toContain('This file is not a camt.053 or 1CClientBankExchange bank statement. What the reader found: nests elements more than 64 deep');
    const large = await page.upload('/imports/bank/check', {}, { name: 'year.xml', bytes: new Uint8Array(MAX_STATEMENT_BYTES + 1).fill(0x3c) }, 'en');
    expect(large.status).toBe(400);
    expect(large.html).toContain('The file is larger than 10 MB: export a shorter period.');
    // A body past the route's limit is not read at all.
    const huge = await page.upload('/imports/bank/check', {}, { name: 'year.xml', bytes: new Uint8Array(MAX_STATEMENT_BYTES + 128 * 1024).fill(0x3c) }, 'en');
    expect(huge.status).toBe(413);
    expect(huge.html).toContain('The file is larger than 10 MB');
    // The import reads the carried file again: an altered one is refused as the upload would be.
    const altered = await page.post('/imports/bank/import', { file: Buffer.from('%PDF-1.7').toString('base64url'), name: 'x.xml' }, 'en');
    expect(altered.status).toBe(400);
    expect(altered.html).toContain('This is a PDF');
    const garbled = await page.post('/imports/bank/import', { file: 'not base64!', name: 'x.xml' }, 'en');
    expect(garbled.status).toBe(400);
    expect(garbled.html).toContain('The checked file did not come back whole');
    // A statement of the largest size, carried back as base64url, passes the route's body limit and is read.
    const largest = Buffer.alloc(MAX_STATEMENT_BYTES, 0x20).toString('base64url');
    const carriedLargest = await page.post('/imports/bank/import', { file: largest, name: 'year.xml' }, 'en');
    expect(carriedLargest.status).toBe(400);
    expect(carriedLargest.html).toContain('The file is empty.');
    const carriedLarger = await page.post('/imports/bank/import', { file: `${largest}AAAA`, name: 'year.xml' }, 'en');
    expect(carriedLarger.status).toBe(400);
    expect(carriedLarger.html).toContain('The file is larger than 10 MB');
    const carriedHuge = await page.post('/imports/bank/import', { file: `${largest}${'A'.repeat(128 * 1024)}`, name: 'year.xml' }, 'en');
    expect(carriedHuge.status).toBe(413);
    expect(await count('bank_statements')).toBe(0);
    expect(await count('bank_entries')).toBe(0);
  });

  it('is for directors: a manager gets the refusal page and no link', async () => {
    const page = await manager();
    expect((await page.get('/imports/bank', 'en')).status).toBe(403);
    expect((await page.upload('/imports/bank/check', {}, { name: 's.xml', bytes: camt053({ credits: [] }) }, 'en')).status).toBe(403);
    expect((await page.post('/imports/bank/import', { file: 'AAAA', name: 's.xml' }, 'en')).status).toBe(403);
    expect((await page.get('/imports', 'en')).html).not.toContain('href="/imports/bank"');
    const directorPage = await pageClient(t, DIRECTOR);
    expect((await directorPage.get('/imports', 'en')).html).toContain('<a href="/imports/bank">Bank statements</a>');
  });
});
