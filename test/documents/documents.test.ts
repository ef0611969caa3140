import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { ARTIFACTS, havePoppler } from '../helpers/documents.js';
import { neutralizeCell } from '../../src/documents/csv.js';
import { money, phone, text } from '../../src/documents/table.js';
import { spacedPhone, tablesCsv } from '../../src/documents/table-csv.js';
import { makeTr } from '../../templates/tr.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';


let t: TestApp;
let token: string;

beforeEach(async () => {
  t = await makeTestApp();
  token = (await t.as('operator')).token;
  mkdirSync(ARTIFACTS, { recursive: true });
});

async function download(path: string) {
  const response = await t.app.request(path, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': 'en' } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** Writes the PDF and a PNG of each page into the artifact folder; returns its text. */
function inspect(pdf: Buffer, name: string): { text: string; pages: number } {
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(ARTIFACTS, name)]);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
  const pages = text.split('\f').filter((page) => page.trim() !== '').length;
  return { text, pages };
}

describe.skipIf(!havePoppler)('voucher PDF', () => {
  it('prints Cyrillic names, the local time on both sides of the DST change, the meeting point and the money', async () => {
    const contact = await createContact(t, token, { name: 'Иван Петров', locale: 'bg' });
    for (const [day, label] of [['29', 'summer'], ['05', 'winter']] as const) {
      const month = day === '29' ? '10' : '11';
      const departure = await createDeparture(t, token, { departsAt: `2027-${month}-${day}T06:30`, meetingPoint: 'София, НДК, паркинг' });
      const deal = await createDeal(t, token, {
        departureId: departure.id,
        contactId: contact.id,
        seats: 2,
        travellers: [{ name: 'Иван Петров', birthDate: '1980-02-03', documentNumber: '381234567' }, { name: 'Мария Петрова' }],
      });
      await pay(t, token, deal.id, 10000);
      const answer = await download(`/api/v1/deals/${deal.id}/voucher.pdf`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/pdf');
      expect(answer.body.subarray(0, 5).toString()).toBe('%PDF-');
      const { text, pages } = inspect(answer.body, `voucher-${label}`);
      expect(pages).toBe(1);
      expect(text).toContain('ВАУЧЕР');
      expect(text).toContain('Иван Петров');
      expect(text).toContain('Мария Петрова');
      expect(text).toContain('София, НДК, паркинг');
      expect(text).toMatch(new RegExp(`${Number(day)}\\.${month}\\.2027 г\\., 06:30`));
      expect(text).toContain('******567');
      expect(text).not.toContain('381234567');
      expect(text).toMatch(/Остатък\s+200,00 €/);
      expect(text).toMatch(/TD-\d{6}-[0-9A-F]{6}/);
    }
  });

  it('runs to a second page cleanly with 40 travellers', async () => {
    const departure = await createDeparture(t, token, { seats: 49 });
    const travellers = Array.from({ length: 40 }, (_, i) => ({ name: `Пътник Номер ${i + 1}`, documentNumber: `AB${100000 + i}` }));
    const deal = await createDeal(t, token, { departureId: departure.id, seats: 40, travellers });
    const { text, pages } = inspect((await download(`/api/v1/deals/${deal.id}/voucher.pdf`)).body, 'voucher-40');
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(3);
    for (const n of [1, 10, 11, 40]) expect(text).toContain(`Пътник Номер ${n}`);
    expect(text).toMatch(/продължение/);
  });

  it('is refused for a cancelled deal and needs sign-in', async () => {
    const deal = await createDeal(t, token);
    await t.call('POST', `/api/v1/deals/${deal.id}/cancel`, { token, body: { reason: 'x' } });
    expect((await download(`/api/v1/deals/${deal.id}/voucher.pdf`)).status).toBe(409);
    expect((await download('/api/v1/deals/999/voucher.pdf')).status).toBe(404);
    expect((await t.app.request(`/api/v1/deals/${deal.id}/voucher.pdf`)).status).toBe(401);
  });
});

describe('bus manifest', () => {
  async function roster() {
    const departure = await createDeparture(t, token, { title: 'Охрид 29.10' });
    const hostile = await createContact(t, token, { name: '=HYPERLINK("http://evil","click")', phone: '+359 88 765 4321' });
    const deal = await createDeal(t, token, {
      departureId: departure.id,
      contactId: hostile.id,
      seats: 2,
      travellers: [{ name: 'Иванов, "Ваньо" младши' }, { name: '@SUM(A1:A9)' }],
    });
    // A line break in a name is refused today; rows written before that may still hold one.
    await t.database.sqlite.prepare(`UPDATE travellers SET name = ? WHERE deal_id = ? AND position = 0`).run('Иванов, "Ваньо"\nмладши', deal.id);
    const other = await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: [{ name: 'Мария Георгиева' }] });
    await pay(t, token, other.id, 5000);
    // Seated as the operator would before printing: the manifest shows the seats of the plan.
    await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token });
    return departure;
  }

  it('is CSV with a BOM, Excel quoting and formula cells neutralised, and parses back', async () => {
    const departure = await roster();
    const answer = await download(`/api/v1/departures/${departure.id}/manifest.csv`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toContain("filename*=UTF-8''%D0%9E%D1%85%D1%80%D0%B8%D0%B4");
    expect([...answer.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = answer.body.toString('utf8');
    expect(text).toContain('"Иванов, ""Ваньо""\nмладши"');
    expect(text).toContain('\r\n');
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(rows[0]!['Traveller']).toBe('Иванов, "Ваньо"\nмладши');
    expect(rows[1]!['Traveller']).toBe("'@SUM(A1:A9)");
    expect(rows[0]!['Client']).toBe(`'=HYPERLINK("http://evil","click")`);
    // A phone keeps its plus and shows no apostrophe: its groups apart make it text, not a formula or a number.
    expect(rows[0]!['Phone']).toBe('+359 88 765 4321');
    // Amounts are numbers a spreadsheet sums: no currency symbol (the XLSX has typed cells).
    expect(rows[2]).toMatchObject({ Seat: '3', Traveller: 'Мария Георгиева', 'To collect': '100.00' });
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=@\t\r]|^[+-](?!\d+(?: \d+)*$)/);
  });

  it('CSV guards only real formula starts: a negative amount stays a number, a phone keeps its plus without an apostrophe', async () => {
    for (const formula of ['=1+1', '@SUM(A1:A9)', '+1+1', '-1+2', '+HYPERLINK("http://evil","click")', "-2+3+cmd|' /C calc'!A0", '- note', '-', '\t=1+1', '\r=1+1']) {
      expect(neutralizeCell(formula), formula).toBe(`'${formula}`);
    }
    for (const plain of ['-100,00', '-100.00', '-5', '+5', '100', '+359 88 765 4321', '+7 916 123 45 67', '0887 654 321', 'Иван', 'a=b', 'office@balkantour.test']) {
      expect(neutralizeCell(plain), plain).toBe(plain);
    }
    // Phones are written with their groups apart, never as groups of three a spreadsheet would read as thousands.
    expect(spacedPhone('+359887654321')).toBe('+359 88 765 4321');
    expect(spacedPhone('+79161234567')).toBe('+7 916 123 45 67');
    expect(spacedPhone('+12125550100')).toBe('+1 212 555 0100');
    expect(spacedPhone('+35929123456')).not.toMatch(/^\+\d+(?: \d{3})+$/);
    const table = {
      title: 'Пари',
      columns: [{ header: 'Име' }, { header: 'Телефон' }, { header: 'Сума' }, { header: 'Връщане' }],
      rows: [[text('=1+1'), phone('+359887654321'), money(15000, 'EUR'), money(-10000, 'EUR')]],
    };
    expect(tablesCsv([table], makeTr('bg', 'Europe/Sofia')).split('\r\n')[1]).toBe("'=1+1;+359 88 765 4321;150,00;-100,00");
    expect(tablesCsv([table], makeTr('en', 'Europe/Sofia')).split('\r\n')[1]).toBe("'=1+1,+359 88 765 4321,150.00,-100.00");
  });

  it.skipIf(!havePoppler)('is a PDF seat list with a check-in box per seat', async () => {
    const departure = await roster();
    const answer = await download(`/api/v1/departures/${departure.id}/manifest.pdf`);
    expect(answer.status).toBe(200);
    const { text, pages } = inspect(answer.body, 'manifest');
    expect(pages).toBe(1);
    expect(text).toContain('Bus manifest: Охрид 29.10');
    expect(text).toContain('Мария Георгиева');
    expect(text).toContain('3 travellers');
  });
});
