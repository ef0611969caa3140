import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { camt053, oneCFile, type CamtCredit } from '../helpers/bank-files.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

async function upload(bytes: Uint8Array, options: { dryRun: boolean; token?: string; name?: string }) {
  const form = new FormData();
  form.append('file', new Blob([bytes as BlobPart]), options.name ?? 'statement.xml');
  const response = await t.app.request(`/api/v1/imports/bank-statement?dryRun=${options.dryRun}`, { method: 'POST', headers: { Authorization: `Bearer ${options.token ?? director}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

const paymentCount = async () => (await t.call('GET', '/api/v1/payments?limit=500', { token: director })).body.items.length as number;

let clients = 0;
/** Bookings of 300.00 each (two seats at 150.00) on one trip, with their references. */
async function bookings(n: number) {
  const departure = await createDeparture(t, director, { seats: 2 * n + 2 });
  const made = [];
  for (let i = 0; i < n; i += 1) {
    const contact = await createContact(t, director, { name: `Клиент Номер${i}`, phone: `+35988710${String(1000 + clients++)}` });
    made.push(await createDeal(t, director, { departureId: departure.id, contactId: contact.id, seats: 2 }));
  }
  return made as { id: number; reference: string; contactId: number }[];
}

describe('the money ledger', () => {
  it('numbers every payment, refund and reversal consecutively and lists them by the day received, with totals', async () => {
    const [a, b] = await bookings(2);
    const cash = await pay(t, director, a!.id, 10000, { receivedAt: '2026-11-20T10:00' });
    const card = await pay(t, director, b!.id, 5000, { method: 'card' });
    const refund = await pay(t, director, a!.id, 2000, { kind: 'refund' });
    const reversal = (await t.call('POST', `/api/v1/deals/${b!.id}/payments/${card.id}/reverse`, { token: director, body: { reason: 'typed twice' } })).body;
    expect([cash, card, refund, reversal].map((p) => p.receiptNumber)).toEqual(['2026-000001', '2026-000002', '2026-000003', '2026-000004']);

    const ledger = (await t.call('GET', '/api/v1/payments', { token: director })).body;
    // By the day received: the backdated cash first.
    expect(ledger.items.map((r: any) => [r.receiptNumber, r.kind, r.method, r.amountMinor, r.deltaMinor])).toEqual([
      ['2026-000001', 'payment', 'cash', 10000, 10000],
      ['2026-000002', 'payment', 'card', 5000, 5000],
      ['2026-000003', 'refund', 'cash', 2000, -2000],
      ['2026-000004', 'reversal', 'card', 5000, -5000],
    ]);
    expect(ledger.items[0]).toMatchObject({ dealId: a!.id, contactName: 'Клиент Номер0', currency: 'EUR', receivedAt: '2026-11-20T08:00:00.000Z', recordedBy: expect.any(String), dealReference: a!.reference });
    expect(ledger.items[3]).toMatchObject({ reversesPaymentId: card.id, reversesReceiptNumber: '2026-000002' });
    expect(ledger.totals).toEqual([{ currency: 'EUR', count: 4, receivedMinor: 10000, paidOutMinor: 2000, netMinor: 8000 }]);

    const filtered = async (query: string) => (await t.call('GET', `/api/v1/payments?${query}`, { token: director })).body;
    expect((await filtered('method=card')).items.map((r: any) => r.kind)).toEqual(['payment', 'reversal']);
    expect((await filtered('kind=refund')).totals).toEqual([{ currency: 'EUR', count: 1, receivedMinor: 0, paidOutMinor: 2000, netMinor: -2000 }]);
    expect((await filtered('from=2026-11-21')).items).toHaveLength(3);
    expect((await filtered('to=2026-11-20')).items.map((r: any) => r.receiptNumber)).toEqual(['2026-000001']);
    const firstPage = await filtered('limit=3');
    const secondPage = await filtered(`limit=3&cursor=${firstPage.nextCursor}`);
    expect([...firstPage.items, ...secondPage.items].map((r: any) => r.id)).toEqual(ledger.items.map((r: any) => r.id));
    expect(secondPage.nextCursor).toBeNull();

    const bad = await t.call('GET', '/api/v1/payments?kind=gift&from=yesterday', { token: director });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details)).toEqual(expect.arrayContaining(['kind', 'from']));
  });

  it('shows a manager their own bookings\' money only, and refuses an operator', async () => {
    const manager = await t.as('manager');
    const [mine] = await bookings(1);
    const [theirs] = await bookings(1);
    await t.call('PATCH', `/api/v1/deals/${mine!.id}`, { token: director, body: { managerId: manager.id } });
    await pay(t, director, mine!.id, 1000);
    await pay(t, director, theirs!.id, 2000);
    const seen = (await t.call('GET', '/api/v1/payments', { token: manager.token })).body;
    expect(seen.items.map((r: any) => r.dealId)).toEqual([mine!.id]);
    expect((await t.call('GET', `/api/v1/payments?managerId=${manager.id + 100}`, { token: manager.token })).status).toBe(403);
    const operator = await t.as('operator');
    expect((await t.call('GET', '/api/v1/payments', { token: operator.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/reports/cashbook', { token: manager.token })).status).toBe(403);
  });

  it('keeps the cash book per day and method in the agency\'s zone', async () => {
    const [a] = await bookings(1);
    // 23:30 in Sofia on the 20th is the 20th's till, though it is the 20th 21:30 UTC.
    await pay(t, director, a!.id, 10000, { receivedAt: '2026-11-20T23:30' });
    await pay(t, director, a!.id, 3000, { receivedAt: '2026-11-21T00:10' });
    await pay(t, director, a!.id, 5000, { method: 'card', receivedAt: '2026-11-21T09:00' });
    await pay(t, director, a!.id, 1000, { kind: 'refund', receivedAt: '2026-11-21T11:00' });
    const book = (await t.call('GET', '/api/v1/reports/cashbook?from=2026-11-20&to=2026-11-21', { token: director })).body;
    expect(book.days.map((d: any) => [d.date, d.method, d.receivedMinor, d.paidOutMinor, d.netMinor])).toEqual([
      ['2026-11-20', 'cash', 10000, 0, 10000],
      ['2026-11-21', 'card', 5000, 0, 5000],
      ['2026-11-21', 'cash', 3000, 1000, 2000],
    ]);
    expect(book.byMethod.map((m: any) => [m.method, m.netMinor])).toEqual([['card', 5000], ['cash', 12000]]);
    expect(book.totals).toEqual([{ currency: 'EUR', count: 4, receivedMinor: 18000, paidOutMinor: 1000, netMinor: 17000 }]);
  });

  it('keeps each local day whole across the night the clocks go back, and with no period reads all the money', async () => {
    const [a] = await bookings(1);
    // Sofia leaves summer time at 04:00 on 25 October 2026: 23:30 is 20:30 UTC before, 21:30 UTC after.
    await pay(t, director, a!.id, 1000, { receivedAt: '2026-10-24T23:30' });
    await pay(t, director, a!.id, 2000, { receivedAt: '2026-10-25T00:30' });
    await pay(t, director, a!.id, 3000, { receivedAt: '2026-10-25T23:30' });
    await pay(t, director, a!.id, 4000, { receivedAt: '2026-10-26T00:10' });
    const book = (await t.call('GET', '/api/v1/reports/cashbook?from=2026-10-24&to=2026-10-26', { token: director })).body;
    expect(book.days.map((d: any) => [d.date, d.receivedMinor, d.count])).toEqual([
      ['2026-10-24', 1000, 1],
      ['2026-10-25', 5000, 2],
      ['2026-10-26', 4000, 1],
    ]);
    const all = (await t.call('GET', '/api/v1/reports/cashbook', { token: director })).body;
    expect(all.days).toEqual(book.days);
    expect(all.totals[0]).toMatchObject({ count: 4, netMinor: 10000 });
  });

  it('exports the ledger as typed XLSX in the reader\'s language and as CSV', async () => {
    const [a] = await bookings(1);
    await pay(t, director, a!.id, 12345);
    const xlsx = await t.app.request('/api/v1/payments?format=xlsx', { headers: { Authorization: `Bearer ${director}`, 'Accept-Language': 'bg' } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Дневник на плащанията');
    expect(sheet.getRow(1).getCell(1).value).toBe('№ на квитанция');
    expect(sheet.getRow(2).getCell(1).value).toBe('2026-000001');
    expect(sheet.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    expect(sheet.getRow(2).getCell(5).value).toBe(123.45);
    const csv = await t.app.request('/api/v1/payments?format=csv', { headers: { Authorization: `Bearer ${director}`, 'Accept-Language': 'ru' } });
    expect(await csv.text()).toContain('2026-000001');
  });

  it('gives a receipt PDF in the client\'s language with the amount in words', async () => {
    const departure = await createDeparture(t, director, { title: 'Букурещ и Синая' });
    const contact = await createContact(t, director, { name: 'Мария Иванова', locale: 'bg' });
    const deal = await createDeal(t, director, { departureId: departure.id, contactId: contact.id, seats: 2 });
    const payment = await pay(t, director, deal.id, 21205);
    const answer = await t.app.request(`/api/v1/payments/${payment.id}/receipt.pdf`, { headers: { Authorization: `Bearer ${director}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(await answer.arrayBuffer()) }).toString();
    expect(text).toContain('2026-000001');
    expect(text).toContain('Мария Иванова');
    expect(text).toContain('Букурещ и Синая');
    expect(text).toMatch(/Двеста и дванадесет евро и 05 цента/);
    expect((await t.call('GET', '/api/v1/payments/999999/receipt.pdf', { token: director })).status).toBe(404);
  });
});

describe('bank statements', () => {
  it('records the 30 credits that name a booking out of 40 (5 name none, 5 already imported), and nothing the second time', async () => {
    const deals = await bookings(35);
    const credit = (i: number, text: string): CamtCredit => ({ entryId: `2026120400${String(i).padStart(4, '0')}`, amountMinor: 10000, text, payerName: `Клиент Номер${i}` });
    // Five were imported the day before from an earlier statement.
    const earlier = camt053({ credits: deals.slice(30, 35).map((d, i) => credit(30 + i, `Deposit ${d.reference}`)) });
    expect((await upload(earlier, { dryRun: false })).body.matched).toHaveLength(5);
    const written = [
      // However clients and banks write the reference.
      ...deals.slice(0, 30).map((d, i) => credit(i, [`Avans ${d.reference}`, `за екскурзия ${d.reference.toLowerCase()}`, d.reference.replace(/-/g, ' '), `TD${d.reference.slice(3).replace('-', '')} balance`, `Оплата ТД-${d.reference.slice(3)}`][i % 5]!)),
      ...[0, 1, 2, 3, 4].map((i) => credit(40 + i, i === 0 ? 'TD-000001-FFFFFF forged check' : 'за почивка')),
      ...deals.slice(30, 35).map((d, i) => credit(30 + i, `Deposit ${d.reference}`)),
    ];
    const file = camt053({ credits: written, debits: 3 });

    const preview = await upload(file, { dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, format: 'camt.053', entries: 40, debits: 3 });
    expect(preview.body.matched).toHaveLength(30);
    expect(preview.body.unmatched).toHaveLength(5);
    expect(preview.body.alreadyImported).toHaveLength(5);
    expect(preview.body.matched.map((m: any) => m.dealId)).toEqual(deals.slice(0, 30).map((d) => d.id));
    expect(await paymentCount()).toBe(5);

    const imported = await upload(file, { dryRun: false });
    expect(imported.body.matched).toHaveLength(30);
    expect(imported.body.matched.every((m: any) => /^2026-\d{6}$/.test(m.receiptNumber))).toBe(true);
    expect(await paymentCount()).toBe(35);
    const deal = (await t.call('GET', `/api/v1/deals/${deals[7]!.id}`, { token: director })).body;
    expect(deal.paidMinor).toBe(10000);
    expect(deal.payments[0]).toMatchObject({ method: 'bank', reference: written[7]!.entryId, amountMinor: 10000 });

    const again = await upload(file, { dryRun: false });
    expect(again.body.matched).toHaveLength(0);
    expect(again.body.alreadyImported).toHaveLength(35);
    expect(again.body.unmatched).toHaveLength(5);
    expect(await paymentCount()).toBe(35);
  });

  it('suggests a booking for a credit that names none, and records it when a person assigns it', async () => {
    const [deal] = await bookings(1);
    const file = camt053({ credits: [{ entryId: 'E-1', amountMinor: 30000, text: 'за екскурзия', payerName: 'KLIENT NOMER0' }] });
    const result = (await upload(file, { dryRun: false })).body;
    expect(result.unmatched[0].suggestions[0]).toMatchObject({ dealId: deal!.id, because: ['name', 'amount'] });
    const waiting = (await t.call('GET', '/api/v1/imports/bank-statement/entries', { token: director })).body.items;
    expect(waiting).toHaveLength(1);
    const assigned = await t.call('POST', `/api/v1/imports/bank-statement/entries/${waiting[0].id}/assign`, { token: director, body: { dealId: deal!.id } });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ dealId: deal!.id, payment: { receiptNumber: '2026-000001' } });
    expect((await t.call('GET', `/api/v1/deals/${deal!.id}`, { token: director })).body.status).toBe('fully_paid');
    const twice = await t.call('POST', `/api/v1/imports/bank-statement/entries/${waiting[0].id}/assign`, { token: director, body: { dealId: deal!.id } });
    expect(twice.status).toBe(409);
    expect(await paymentCount()).toBe(1);
    expect((await t.call('GET', '/api/v1/imports/bank-statement/entries', { token: director })).body.items).toHaveLength(0);
  });

  it('refuses an entry in another currency, per entry, and records the rest', async () => {
    const [a, b] = await bookings(2);
    const file = camt053({ credits: [
      { entryId: 'USD-1', amountMinor: 10000, currency: 'USD', text: `Deposit ${a!.reference}` },
      { entryId: 'EUR-1', amountMinor: 10000, text: `Deposit ${b!.reference}` },
    ] });
    const result = (await upload(file, { dryRun: false })).body;
    expect(result.refused).toEqual([expect.objectContaining({ entryId: 'USD-1', reason: 'currency', expectedCurrency: 'EUR', dealId: a!.id })]);
    expect(result.matched.map((m: any) => m.entryId)).toEqual(['EUR-1']);
    expect((await t.call('GET', `/api/v1/deals/${a!.id}`, { token: director })).body.paidMinor).toBe(0);
  });

  it('reads a 1CClientBankExchange file in Windows-1251', async () => {
    const [deal] = await bookings(1);
    const file = oneCFile({ account: '40702810900000012345', credits: [{ number: '512', date: '2026-11-21', amountMinor: 10000, payerName: 'Иванов Иван Иванович', payerAccount: '40817810100000000001', text: `Оплата по брони ${deal!.reference}. Без НДС` }] });
    const result = await upload(file, { dryRun: false, name: 'kl_to_1c.txt' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ format: '1c', entries: 1 });
    // The 1C format carries no currency: roubles, so this euro booking refuses it rather than convert.
    expect(result.body.refused[0]).toMatchObject({ currency: 'RUB', reason: 'currency' });
    expect(result.body.refused[0].text).toContain('Оплата по брони');
  });

  it('refuses a hostile or broken file with a 400 naming the file, and writes nothing', async () => {
    const laughs = Buffer.from('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Document><BkToCstmrStmt>&lol2;</BkToCstmrStmt></Document>');
    const external = Buffer.from('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document>&xxe;</Document>');
    for (const bytes of [laughs, external, Buffer.from('<Document><BkToCstmrStmt><Stmt>'), Buffer.from('name;phone\nIvan;+359888'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]) {
      const answer = await upload(bytes, { dryRun: false });
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toHaveProperty('file');
    }
    expect(await paymentCount()).toBe(0);
    const manager = await t.as('manager');
    expect((await upload(camt053({ credits: [] }), { dryRun: true, token: manager.token })).status).toBe(403);
  });
});

