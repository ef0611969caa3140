import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { renderManifest, type ManifestPrintRow } from '../../src/documents/manifest-pdf.js';
import { asciiFileName } from '../../src/documents/file-name.js';
import { makeTr } from '../../templates/tr.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { ARTIFACTS, havePoppler } from '../helpers/documents.js';
import { AGENCY, makeTestApp, type TestApp } from '../helpers/test-app.js';


let t: TestApp;
let token: string;

beforeEach(async () => {
  t = await makeTestApp({ agency: { ...AGENCY, paymentInstructions: 'IBAN BG80 BNBG 9661 1020 3456 78, в офиса пн–пт 9–18' } });
  token = (await t.as('operator')).token;
  mkdirSync(ARTIFACTS, { recursive: true });
});

async function download(path: string, lang = 'bg') {
  const response = await t.app.request(path, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': lang } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

interface Word {
  page: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Every word of a PDF with its box (pdftotext -bbox), and a PNG of each page to look at. */
function words(pdf: Buffer, name: string): Word[] {
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(ARTIFACTS, name)]);
  const html = execFileSync('pdftotext', ['-bbox', file, '-']).toString('utf8');
  const found: Word[] = [];
  html.split('<page ').slice(1).forEach((page, index) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      found.push({ page: index + 1, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5]! });
    }
  });
  return found;
}

/** Words printed over each other: boxes that overlap by more than a hair both ways. */
function overprinted(all: Word[]): [string, string][] {
  const clashes: [string, string][] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      if (a.page !== b.page) continue;
      const xOverlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const yOverlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (xOverlap > 1 && yOverlap > 1.5) clashes.push([a.text, b.text]);
    }
  }
  return clashes;
}

const LONG_NAME = 'Цветелина Константинова-Христова фон Бранденбург-Шварценберг Йорданова';

describe.skipIf(!havePoppler)('documents as a reader sees them', () => {
  it('manifest rows take the height of their content: long names wrap inside their row, nothing is printed over anything', async () => {
    const departure = await createDeparture(t, token, { title: 'Охрид 29.10', seats: 49 });
    const contact = await createContact(t, token, { name: 'Цветелина Константинова-Христова', phone: '+359 88 765 4321' });
    await createDeal(t, token, { departureId: departure.id, contactId: contact.id, seats: 3, travellers: [{ name: LONG_NAME }, { name: 'Цветелина Константинова-Христова' }, { name: 'Иван' }] });
    for (let i = 0; i < 30; i++) await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: [{ name: `${LONG_NAME} ${i}` }] });
    const answer = await download(`/api/v1/departures/${departure.id}/manifest.pdf`);
    const all = words(answer.body, 'manifest-long-names');
    expect(overprinted(all)).toEqual([]);
    const text = all.map((w) => w.text).join(' ');
    expect(text).toContain('Йорданова'); // the end of the long name is printed, not cut off
    expect(text).toContain('Бранденбург-Шварценберг');
  });

  it('the manifest total is never alone on a page: it goes with the last rows and the header', async () => {
    const tr = makeTr('en', 'Europe/Sofia');
    const row = (seat: number): ManifestPrintRow => ({
      seat,
      stopName: 'NDK',
      stopAt: Date.parse('2027-10-29T03:30:00Z'),
      reference: `TD-${String(seat).padStart(6, '0')}-000000`,
      travellerName: `Traveller ${seat}`,
      travellerNumber: 1,
      birthDate: null,
      documentNumber: null,
      dealId: seat,
      clientName: `Client ${seat}`,
      phone: null,
      email: null,
      status: 'new',
      balanceMinor: 1000,
      currency: 'EUR',
      boarding: 'expected',
      boardingAt: null,
    });
    for (let count = 14; count <= 40; count++) {
      const pdf = await renderManifest({ title: 'Ohrid', departsAt: Date.parse('2027-10-29T03:30:00Z'), meetingPoint: 'NDK', seats: 49, seatsBooked: count }, Array.from({ length: count }, (_, i) => row(i + 1)), tr, 0);
      const file = join(ARTIFACTS, 'manifest-total.pdf');
      writeFileSync(file, pdf);
      const pages = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').split('\f').filter((p) => p.trim());
      const last = pages.at(-1)!;
      expect(last, `${count} rows`).toContain(`${count} travellers`);
      expect(last, `${count} rows`).toContain(`Traveller ${count}`);
      expect(last, `${count} rows`).toContain('Seat');
    }
  });

  it('a long stop name wraps in its heading above the rows, and a stop running onto the next page starts it again with its heading', async () => {
    const tr = makeTr('bg', 'Europe/Sofia');
    const departsAt = Date.parse('2027-10-29T03:30:00Z');
    const longStop = 'София, НДК — паркингът зад Националния дворец на културата, до изхода на метростанцията и бензиностанцията, вход откъм бул. „Христо Ботев“, срещу хотел „Хилтън“';
    const row = (n: number, stopName: string, stopAt: number): ManifestPrintRow => ({
      seat: n,
      stopName,
      stopAt,
      reference: `TD-${String(n).padStart(6, '0')}-000000`,
      travellerName: `Пътуващ-${n}`,
      travellerNumber: 1,
      birthDate: null,
      documentNumber: null,
      dealId: n,
      clientName: `Клиент ${n}`,
      phone: null,
      email: null,
      status: 'new',
      balanceMinor: 1000,
      currency: 'EUR',
      boarding: 'expected',
      boardingAt: null,
    });
    const rows = [...Array.from({ length: 30 }, (_, i) => row(i + 1, longStop, departsAt)), ...Array.from({ length: 3 }, (_, i) => row(31 + i, 'Пловдив', departsAt + 90 * 60_000))];
    const pdf = await renderManifest({ title: 'Охрид', departsAt, meetingPoint: longStop, seats: 49, seatsBooked: rows.length }, rows, tr, departsAt - 86_400_000);
    const all = words(pdf, 'manifest-long-stop');
    expect(overprinted(all)).toEqual([]);
    const pages = Math.max(...all.map((w) => w.page));
    expect(pages).toBeGreaterThanOrEqual(2);
    const on = (page: number) => all.filter((w) => w.page === page);
    const textOf = (page: number) => on(page).map((w) => w.text).join(' ');
    // The heading is printed whole, and the first row starts below its last line.
    expect(textOf(1)).toContain('„Хилтън“');
    const headingBottom = Math.max(...on(1).filter((w) => w.text === '„Хилтън“').map((w) => w.y1));
    const firstRow = on(1).find((w) => w.text === 'Пътуващ-1')!;
    expect(firstRow.y0).toBeGreaterThan(headingBottom);
    // Page 2 carries on the first stop: the table's header, then the stop again, marked as continued, then its rows.
    const second = on(2);
    const header = second.find((w) => w.text === 'Място')!;
    const continued = second.find((w) => w.text === '(продължение)')!;
    expect(header).toBeDefined();
    expect(continued).toBeDefined();
    expect(textOf(2)).toMatch(/06:30 · София, НДК — паркингът .* „Хилтън“ \(продължение\)/);
    const nextRow = second.filter((w) => w.text.startsWith('Пътуващ-')).sort((a, b) => a.y0 - b.y0)[0]!;
    expect(continued.y0).toBeGreaterThan(header.y1);
    expect(nextRow.y0).toBeGreaterThan(continued.y1);
    // The second stop begins with its own heading, not a continued one.
    expect(all.map((w) => w.text).join(' ')).toMatch(/08:00 · Пловдив — 3 пътници/);
    expect(all.filter((w) => w.text === '(продължение)')).toHaveLength(pages - 1);
  });

  it('the boarding list and the manifest carry each traveller\'s boarding state once the guide has marked anyone', async () => {
    const departure = await createDeparture(t, token, { title: 'Охрид 29.10', seats: 49 });
    const contact = await createContact(t, token, { name: 'Иванови', phone: '+359 88 765 4321' });
    const family = await createDeal(t, token, { departureId: departure.id, contactId: contact.id, seats: 3, travellers: [{ name: 'Иван Иванов' }, { name: 'Мария Иванова' }] });
    const other = await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: [{ name: 'Георги Петров' }] });
    await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token });
    const stateWords = /Качен|Не се яви|Очаква се/;
    const unmarked = words((await download(`/api/v1/departures/${departure.id}/boarding.pdf`)).body, 'boarding-before');
    expect(unmarked.map((w) => w.text).join(' ')).not.toMatch(stateWords);

    t.setNow(Date.parse('2027-10-29T03:22:00Z')); // 06:22 in Sofia, at the bus door
    token = (await t.as('operator')).token; // the guide signs in on the day
    const ivan = family.travellers[0].id;
    expect((await t.call('POST', `/api/v1/deals/${family.id}/boarding`, { token, body: { state: 'boarded', travellerIds: [ivan] } })).status).toBe(200);
    expect((await t.call('POST', `/api/v1/deals/${other.id}/boarding`, { token, body: { state: 'no_show' } })).status).toBe(200);
    for (const [path, name] of [[`/api/v1/departures/${departure.id}/boarding.pdf`, 'boarding-marked'], [`/api/v1/departures/${departure.id}/manifest.pdf`, 'manifest-marked']] as const) {
      const all = words((await download(path)).body, name);
      expect(overprinted(all), name).toEqual([]);
      const text = all.map((w) => w.text).join(' ');
      expect(text, name).toContain('Качване');
      // Each state on its traveller's row: the words of one line share their height on the page.
      const rowOf = (first: string) => {
        const word = all.find((w) => w.text === first)!;
        return all.filter((w) => Math.abs(w.y0 - word.y0) < 2).map((w) => w.text).join(' ');
      };
      expect(rowOf('Иван'), name).toMatch(/Качен 06:22/);
      expect(rowOf('Мария'), name).toContain('Очаква се');
      expect(rowOf('Георги'), name).toMatch(/Не се яви 06:22/);
    }
    // The spreadsheet's tick column says the same.
    const csv = (await download(`/api/v1/departures/${departure.id}/manifest.csv`)).body.toString('utf8').split('\r\n');
    const stateOf = (traveller: string) => csv.find((line) => line.includes(`;${traveller};`))!.split(';').at(-1);
    expect([stateOf('Иван Иванов'), stateOf('Мария Иванова'), stateOf('Пътник 3 (Иванови)'), stateOf('Георги Петров')]).toEqual(['Качен', 'Очаква се', '', 'Не се яви']);
  });

  it('a voucher with long names wraps them without crowding, and contact data extracts without ligatures', async () => {
    const contact = await createContact(t, token, { name: 'Цветелина Константинова-Христова', locale: 'bg' });
    const deal = await createDeal(t, token, { contactId: contact.id, seats: 3, travellers: [{ name: LONG_NAME, documentNumber: '0012345' }, { name: LONG_NAME }, { name: 'Иван' }] });
    const answer = await download(`/api/v1/deals/${deal.id}/voucher.pdf`);
    const all = words(answer.body, 'voucher-long-names');
    expect(overprinted(all)).toEqual([]);
    const text = all.map((w) => w.text).join(' ');
    expect(text).toContain('office@balkantour.test');
    expect(text).not.toMatch(/[\uFB00-\uFB06]/);
    expect(text).toContain('Йорданова');
  });

  it('a voucher for a trip kept in another zone names that zone in words', async () => {
    const departure = await createDeparture(t, token, { departsAt: '2027-06-10T08:00', timeZone: 'Europe/Istanbul' });
    const contact = await createContact(t, token, { locale: 'en' });
    const deal = await createDeal(t, token, { departureId: departure.id, contactId: contact.id, seats: 1 });
    const text = words((await download(`/api/v1/deals/${deal.id}/voucher.pdf`)).body, 'voucher-zone').map((w) => w.text).join(' ');
    expect(text).toContain('08:00 (Türkiye Standard Time)');
    expect(text).not.toContain('Europe/Istanbul');
  });

  it("a voucher names each traveller's price category when the trip sells more than one, in the client's language", async () => {
    const departure = await createDeparture(t, token, { prices: [{ category: 'child', priceMinor: 9000, depositMinor: 3000 }, { category: 'student', label: 'студент до 26', priceMinor: 12000, depositMinor: 0 }] });
    const contact = await createContact(t, token, { locale: 'bg' });
    const deal = await createDeal(t, token, {
      departureId: departure.id,
      contactId: contact.id,
      seats: 3,
      travellers: [{ name: 'Иван Иванов' }, { name: 'Ани Иванова', category: 'child' }, { name: 'Петър Иванов', category: 'student' }],
    });
    const file = (await download(`/api/v1/deals/${deal.id}/voucher.pdf`)).body;
    const text = words(file, 'voucher-categories').map((w) => w.text).join(' ');
    expect(text).toContain('Иван Иванов (възрастен)');
    expect(text).toContain('Ани Иванова (дете)');
    expect(text).toContain('Петър Иванов (студент до 26)');
    expect(text).toMatch(/360,00\s€/u); // 150 + 90 + 120
    // Nothing paid yet: how to pay it, as the agency writes it.
    expect(text).toContain('Как да платите: IBAN BG80 BNBG 9661 1020 3456 78');
    expect(text).toContain(`При банков превод напишете ${deal.reference} в основанието`);
  });
});

describe('spreadsheets', () => {
  async function roster() {
    const departure = await createDeparture(t, token, { title: 'Охрид 29.10' });
    const contact = await createContact(t, token, { name: 'Иван Петров', phone: '0887 654 321' });
    const deal = await createDeal(t, token, {
      departureId: departure.id,
      contactId: contact.id,
      seats: 2,
      travellers: [{ name: 'Иван Петров', birthDate: '1980-02-03', documentNumber: '0012345' }, { name: '=1+1' }],
    });
    await pay(t, token, deal.id, 10000);
    await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token });
    return departure;
  }

  it('the manifest as XLSX: typed cells (numbers, dates, text that keeps its zeros), a frozen header in the reader\'s language', async () => {
    const departure = await roster();
    const answer = await download(`/api/v1/departures/${departure.id}/manifest.xlsx`, 'bg');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(answer.headers.get('content-disposition')).toContain('filename="Ohrid-29.10.xlsx"');
    writeFileSync(join(ARTIFACTS, 'manifest.xlsx'), answer.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(answer.body as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Охрид 29.10');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).toBe('Спирка');
    expect(sheet.getRow(1).getCell(2).value).toBe('Място');
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toMatch(/^06:30 /);
    expect(first.getCell(2).value).toBe(1);
    expect(first.getCell(3).value).toBe('Иван Петров');
    expect(first.getCell(4).value).toBeInstanceOf(Date);
    expect((first.getCell(4).value as Date).toISOString()).toBe('1980-02-03T00:00:00.000Z');
    expect(first.getCell(5).value).toBe('0012345');
    expect(first.getCell(7).value).toMatch(/^TD-\d{6}-[0-9A-F]{6}$/);
    expect(first.getCell(9).value).toBe('+359887654321');
    expect(first.getCell(12).value).toBe(200);
    expect(first.getCell(12).numFmt).toBe('#,##0.00');
    // A formula typed as a name stays the name.
    expect(sheet.getRow(3).getCell(3).value).toBe('=1+1');
    expect(sheet.getColumn(3).width).toBeGreaterThan(10);
  });

  it('every report as XLSX, dates as dates in the agency\'s clock; CSV in ru/bg uses the semicolon their Excel expects', async () => {
    await roster();
    const director = await t.signIn('director@agency.test', 'director-secret-1');
    const get = async (path: string, lang: string) => {
      const response = await t.app.request(path, { headers: { Authorization: `Bearer ${director}`, 'Accept-Language': lang } });
      return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
    };
    const book = new ExcelJS.Workbook();
    const report = await get('/api/v1/reports/departures?format=xlsx', 'ru');
    expect(report.status).toBe(200);
    await book.xlsx.load(report.body as never);
    const row = book.worksheets[0]!.getRow(2);
    expect(row.getCell(1).value).toBe('Охрид 29.10');
    expect((row.getCell(2).value as Date).toISOString()).toBe('2027-10-29T06:30:00.000Z'); // 06:30 in Sofia, as shown there
    expect(row.getCell(6).value).toBe(300); // contracted, a number
    for (const path of ['/api/v1/reports/departures/1?format=xlsx', '/api/v1/reports/funnel?format=xlsx']) {
      const answer = await get(path, 'bg');
      expect(answer.status, path).toBe(200);
      const other = new ExcelJS.Workbook();
      await other.xlsx.load(answer.body as never);
      expect(other.worksheets.length).toBeGreaterThan(0);
    }
    const csv = (await get('/api/v1/reports/departures?format=csv', 'bg')).body.toString('utf8');
    expect(csv.split('\r\n')[1]).toMatch(/^Охрид 29\.10;/);
    expect(csv).toContain(';300,00;');
    const en = (await get('/api/v1/reports/departures?format=csv', 'en')).body.toString('utf8');
    expect(en.split('\r\n')[1]).toMatch(/^Охрид 29\.10,/);
  });

  it('download names have an ASCII fallback, transliterated, beside the UTF-8 name', async () => {
    expect(asciiFileName('Охрид 29.10.csv')).toBe('Ohrid-29.10.csv');
    expect(asciiFileName('Рилски манастир.pdf')).toBe('Rilski-manastir.pdf');
    expect(asciiFileName('Щастие и Юг.xlsx')).toBe('Shtastie-i-Yug.xlsx');
    expect(asciiFileName('Ölüdeniz – Fethiye.pdf')).toBe('Oludeniz-Fethiye.pdf');
    expect(asciiFileName('3.csv')).toBe('3.csv');
    expect(asciiFileName('???.csv')).toBe('document.csv');
    const departure = await roster();
    const answer = await download(`/api/v1/departures/${departure.id}/manifest.csv`);
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="Ohrid-29.10.csv"; filename*=UTF-8''${encodeURIComponent('Охрид 29.10.csv')}`,
    );
  });
});
