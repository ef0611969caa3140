import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../src/http/pages/web-session.js';
import { ARTIFACTS, havePoppler } from '../helpers/documents.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await makeTestApp();
  token = (await t.as('director')).token;
  mkdirSync(ARTIFACTS, { recursive: true });
});

const LUNCH = { code: 'lunch', label: 'Обяд', priceMinor: 1500, per: 'traveller' };
const INSURANCE = { code: 'insurance', label: 'Застраховка', priceMinor: 1000, per: 'booking' };

/**
 * A trip of two buses of four seats, tomorrow from Sofia then Plovdiv, selling lunch per
 * traveller and insurance per booking. Bus A: a Plovdiv family (Иван with lunch, the booking
 * insured) and Стоян from Sofia (lunch); bus B: a Sofia couple (Анна with lunch) and Елена
 * from Plovdiv. Everyone seated.
 */
async function twoBuses() {
  const departure = await createDeparture(t, token, {
    title: 'Рила 23.11',
    departsAt: '2026-11-23T06:30:00+02:00',
    seats: undefined,
    vehicles: [{ label: 'A', seats: 4 }, { label: 'B', seats: 4 }],
    stops: [{ name: 'София, НДК', offsetMinutes: 0 }, { name: 'Пловдив', offsetMinutes: 90 }],
    extras: [LUNCH, INSURANCE],
  });
  const [a, b] = departure.vehicles as { id: number; label: string }[];
  const [sofia, plovdiv] = departure.stops as { id: number }[];
  const book = async (vehicleId: number, stopId: number, client: string, travellers: { name: string; extras?: string[] }[], extras?: string[]) =>
    await createDeal(t, token, {
      departureId: departure.id,
      vehicleId,
      stopId,
      seats: travellers.length,
      contactId: (await createContact(t, token, { name: client })).id,
      travellers,
      ...(extras ? { extras } : {}),
    });
  const petrovi = await book(a!.id, plovdiv!.id, 'Иван Петров', [{ name: 'Иван Петров', extras: ['lunch'] }, { name: 'Мария Петрова' }], ['insurance']);
  const kolev = await book(a!.id, sofia!.id, 'Стоян Колев', [{ name: 'Стоян Колев', extras: ['lunch'] }]);
  const georgievi = await book(b!.id, sofia!.id, 'Георги Георгиев', [{ name: 'Георги Георгиев' }, { name: 'Анна Георгиева', extras: ['lunch'] }]);
  const dimova = await book(b!.id, plovdiv!.id, 'Елена Димова', [{ name: 'Елена Димова' }]);
  expect((await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token })).status).toBe(200);
  return { departure, a: a!, b: b!, deals: { petrovi, kolev, georgievi, dimova } };
}

async function download(path: string, lang = 'en') {
  const response = await t.app.request(path, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': lang } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

const A_NAMES = ['Стоян Колев', 'Иван Петров', 'Мария Петрова'];
const B_NAMES = ['Георги Георгиев', 'Анна Георгиева', 'Елена Димова'];

describe('the manifest of several buses', () => {
  it('XLSX: a Bus column, an Extras column, rows by bus, then stop, then seat', async () => {
    const { departure } = await twoBuses();
    const answer = await download(`/api/v1/departures/${departure.id}/manifest.xlsx`);
    expect(answer.status).toBe(200);
    writeFileSync(join(ARTIFACTS, 'manifest-two-buses.xlsx'), answer.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(answer.body as never);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('Bus');
    expect(header).toContain('Extras');
    // The extras go with the traveller's own facts, before the booking's.
    expect(header.indexOf('Extras')).toBe(header.indexOf('Document no.') + 1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const cell = (row: ExcelJS.Row, name: string) => row.getCell(col(name)).value;
    expect(rows.map((r) => [cell(r, 'Bus'), String(cell(r, 'Stop')).replace(/^\d\d:\d\d /, ''), cell(r, 'Traveller')])).toEqual([
      ['A', 'София, НДК', 'Стоян Колев'],
      ['A', 'Пловдив', 'Иван Петров'],
      ['A', 'Пловдив', 'Мария Петрова'],
      ['B', 'София, НДК', 'Георги Георгиев'],
      ['B', 'София, НДК', 'Анна Георгиева'],
      ['B', 'Пловдив', 'Елена Димова'],
    ]);
    // Seats count from 1 in each bus, in order within a stop.
    const seats = rows.map((r) => cell(r, 'Seat') as number);
    expect(seats.every((s) => s >= 1 && s <= 4)).toBe(true);
    expect(seats[1]!).toBeLessThan(seats[2]!);
    expect(seats[3]!).toBeLessThan(seats[4]!);
    // The traveller's extras, and the booking's on its first row only.
    expect(rows.map((r) => cell(r, 'Extras') ?? '')).toEqual(['Обяд', 'Обяд, Застраховка', '', '', 'Обяд', '']);
  });

  it('CSV of one bus keeps its columns; an extra no longer sold is shown as its code', async () => {
    const plain = await createDeparture(t, token, { title: 'Охрид' });
    await createDeal(t, token, { departureId: plain.id, seats: 1, travellers: [{ name: 'Петър Петров' }] });
    const one = (await download(`/api/v1/departures/${plain.id}/manifest.csv`)).body.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(one[0]).toBe('Stop,Seat,Traveller,Birth date,Document no.,Booking,Voucher,Client,Phone,E-mail,Status,To collect,Check-in');

    const { departure, b } = await twoBuses();
    // The insurance is no longer sold: the booking that took it still says so, by its code.
    expect((await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token, body: { extras: [LUNCH] } })).status).toBe(200);
    const csv = (await download(`/api/v1/departures/${departure.id}/manifest.csv`)).body.toString('utf8').split('\r\n');
    expect(csv[0]).toMatch(/^\uFEFF?Bus,Stop,Seat,Traveller,Birth date,Document no\.,Extras,Booking,/);
    expect(csv.find((line) => line.includes('Иван Петров,'))).toContain('"Обяд, insurance"');
    // One bus of the two, asked for by id.
    const onlyB = (await download(`/api/v1/departures/${departure.id}/manifest.csv?vehicleId=${b.id}`)).body.toString('utf8');
    for (const name of B_NAMES) expect(onlyB).toContain(name);
    for (const name of A_NAMES) expect(onlyB).not.toContain(name);
  });

  it.skipIf(!havePoppler)('PDF: a part per bus under its own heading, the second bus on a page of its own; one bus alone with ?vehicleId=', async () => {
    const { departure, b } = await twoBuses();
    const answer = await download(`/api/v1/departures/${departure.id}/manifest.pdf`, 'bg');
    expect(answer.status).toBe(200);
    const file = join(ARTIFACTS, 'manifest-two-buses.pdf');
    writeFileSync(file, answer.body);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(ARTIFACTS, 'manifest-two-buses')]);
    const pages = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Списък на пътниците: Рила 23.11 — A');
    expect(pages[1]).toContain('Списък на пътниците: Рила 23.11 — B');
    for (const name of A_NAMES) expect(pages[0]).toContain(name);
    for (const name of B_NAMES) expect(pages[1]).toContain(name);
    // Each bus its own seats, stops and total.
    expect(pages[0]).toMatch(/места 4 · заети 3 · свободни 1/);
    expect(pages[0]).toMatch(/06:30 · София, НДК — 1 пътник/);
    expect(pages[1]).toMatch(/08:00 · Пловдив — 1 пътник/);
    expect(pages[0]).toContain('Допълнително: Обяд');
    expect(pages[0]).toContain('За цялата резервация: Застраховка');

    const boarding = await download(`/api/v1/departures/${departure.id}/boarding.pdf?vehicleId=${b.id}`, 'bg');
    expect(boarding.status).toBe(200);
    expect(decodeURIComponent(boarding.headers.get('content-disposition')!)).toContain('Рила 23.11 - B - Списък за качване.pdf');
    const onlyB = join(ARTIFACTS, 'boarding-bus-b.pdf');
    writeFileSync(onlyB, boarding.body);
    const text = execFileSync('pdftotext', ['-layout', onlyB, '-']).toString('utf8');
    expect(text).toContain('Списък за качване: Рила 23.11 — B');
    for (const name of B_NAMES) expect(text).toContain(name);
    for (const name of A_NAMES) expect(text).not.toContain(name);
  });

  it('a bus of another departure is a 400', async () => {
    const { departure } = await twoBuses();
    const other = await createDeparture(t, token);
    const answer = await t.call('GET', `/api/v1/departures/${departure.id}/manifest.csv?vehicleId=${other.vehicles[0].id}`, { token });
    expect(answer.status).toBe(400);
    expect((await t.call('GET', `/api/v1/departures/${departure.id}/boarding?vehicleId=${other.vehicles[0].id}`, { token })).status).toBe(400);
  });
});

describe('boarding one bus', () => {
  it('the API filters by bus; every row names its bus and extras; counts are the bus\'s own', async () => {
    const { departure, a, b } = await twoBuses();
    const all = (await t.call('GET', `/api/v1/departures/${departure.id}/boarding`, { token })).body;
    expect(all.vehicleId).toBeNull();
    expect(all.vehicles.map((v: any) => [v.label, v.seats, v.seatsBooked])).toEqual([['A', 4, 3], ['B', 4, 3]]);
    expect(all.totals.total).toBe(6);
    const list = (await t.call('GET', `/api/v1/departures/${departure.id}/boarding?vehicleId=${b.id}`, { token })).body;
    expect(list.vehicleId).toBe(b.id);
    const rows = list.stops.flatMap((s: any) => s.travellers);
    expect(rows.map((r: any) => r.name)).toEqual(B_NAMES);
    expect(new Set(rows.map((r: any) => r.vehicleId))).toEqual(new Set([b.id]));
    expect(list.stops.map((s: any) => [s.stop.name, s.total])).toEqual([['София, НДК', 2], ['Пловдив', 1]]);
    expect(list.totals).toMatchObject({ total: 3, boarded: 0, expected: 3 });
    expect(rows.find((r: any) => r.name === 'Анна Георгиева').extras).toEqual(['Обяд']);
    const inA = (await t.call('GET', `/api/v1/departures/${departure.id}/boarding?vehicleId=${a.id}`, { token })).body.stops.flatMap((s: any) => s.travellers);
    expect(inA.find((r: any) => r.name === 'Иван Петров')).toMatchObject({ extras: ['Обяд'], bookingExtras: ['Застраховка'] });
    expect(inA.find((r: any) => r.name === 'Мария Петрова')).toMatchObject({ extras: [], bookingExtras: [] });
  });

  it("the page of bus B works without JavaScript: its travellers, links to the other bus, forms that come back to it; the door's sync answers that bus", async () => {
    const { departure, a, b, deals } = await twoBuses();
    const client = await pageClient(t, DIRECTOR);
    const page = await client.get(`/departures/${departure.id}/boarding?vehicleId=${b.id}`, 'bg');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Качване: Рила 23.11 — B');
    for (const name of B_NAMES) expect(page.html).toContain(name);
    for (const name of A_NAMES) expect(page.html).not.toContain(`<strong>${name}</strong>`);
    expect(page.html).toContain(`data-vehicle="${b.id}"`);
    expect(page.html).toMatch(new RegExp(`<a href="/departures/${departure.id}/boarding\\?vehicleId=${a.id}">A<span>3/4</span></a>`));
    expect(page.html).toMatch(new RegExp(`href="/departures/${departure.id}/boarding\\?vehicleId=${b.id}" class="active" aria-current="page"`));
    expect(page.html).toContain(`href="/departures/${departure.id}/boarding.pdf?vehicleId=${b.id}"`);
    expect(page.html).toContain(`<input type="hidden" name="vehicleId" value="${b.id}"/>`);
    expect(page.html).toContain('Допълнително: Обяд');
    expect(page.html).not.toContain('За цялата резервация');
    // A mark posted as a plain form comes back to bus B's list.
    const back = `/departures/${departure.id}/boarding?vehicleId=${b.id}`;
    expect(page.html).toContain(`value="${back.replace(/&/g, '&amp;')}#t${deals.dimova.travellers[0].id}"`);
    const marked = await client.post(`/deals/${deals.dimova.id}/boarding`, { travellerId: String(deals.dimova.travellers[0].id), state: 'boarded', back }, 'bg');
    expect(marked).toMatchObject({ status: 303, location: `${back}&done=boarding_boarded` });
    const after = await client.get(back, 'bg');
    expect(after.html).toMatch(/качени 1/);

    // Without a bus asked for: the first one.
    const first = await client.get(`/departures/${departure.id}/boarding`, 'bg');
    expect(first.html).toContain('Качване: Рила 23.11 — A');
    expect(first.html).toContain('<strong>Стоян Колев</strong>');
    expect(first.html).not.toContain('<strong>Елена Димова</strong>');
    expect(first.html).toContain('За цялата резервация: Застраховка');

    // The phone of bus B sends a mark of bus B and gets bus B back.
    const sync = await t.app.request(`/departures/${departure.id}/boarding/sync?vehicleId=${b.id}`, {
      method: 'POST',
      headers: { Cookie: client.cookie, 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrfTokenFor(client.token), Origin: 'http://localhost' },
      body: JSON.stringify({ ops: [{ id: 'op-bus-b-0001', kind: 'mark', dealId: deals.georgievi.id, travellerIds: [deals.georgievi.travellers[0].id], state: 'boarded', ifState: 'expected', at: new Date().toISOString() }] }),
    });
    expect(sync.status).toBe(200);
    const answer = (await sync.json()) as any;
    expect(answer.results.map((r: any) => r.status)).toEqual(['done']);
    expect(answer.list.vehicleId).toBe(b.id);
    expect(answer.list.stops.flatMap((s: any) => s.travellers.map((r: any) => r.name))).toEqual(B_NAMES);
    expect(answer.list.totals).toMatchObject({ total: 3, boarded: 2 });

    // A voucher of bus B opens bus B's list; the scanner is told which bus it rides in.
    const voucher = await t.app.request(`/v/${deals.dimova.reference}`, { headers: { Cookie: client.cookie } });
    expect(voucher.headers.get('location')).toBe(`/departures/${departure.id}/boarding?vehicleId=${b.id}&q=${deals.dimova.reference}`);
    const scanned = (await (await t.app.request(`/v/${deals.dimova.reference}`, { headers: { Cookie: client.cookie, Accept: 'application/json', 'Accept-Language': 'bg' } })).json()) as any;
    expect(scanned).toMatchObject({ departureId: departure.id, vehicleId: b.id, bus: 'B' });
  });
});

describe('My day with several buses', () => {
  it("the operator sees a line per bus of tomorrow's departure, each with its own boarding and a link to its list", async () => {
    const { departure, a, b, deals } = await twoBuses();
    await t.call('POST', `/api/v1/deals/${deals.georgievi.id}/boarding`, { token, body: { state: 'boarded' } });
    const operator = { email: 'operator-buses@agency.test', password: 'password-123' };
    expect((await t.call('POST', '/api/v1/users', { token, body: { ...operator, name: 'Оператор', role: 'operator', locale: 'bg' } })).status).toBe(201);
    const page = await (await pageClient(t, operator)).get('/', 'bg');
    expect(page.status).toBe(200);
    const card = page.html.slice(page.html.indexOf(`data-departure="${departure.id}"`));
    expect(card).toContain(`<li data-vehicle="${a.id}"><a href="/departures/${departure.id}/boarding?vehicleId=${a.id}">A</a>: качени 0 от 3 · очакват се 3</li>`);
    expect(card).toContain(`<li data-vehicle="${b.id}"><a href="/departures/${departure.id}/boarding?vehicleId=${b.id}">B</a>: качени 2 от 3 · очаква се 1</li>`);
    // A departure of one bus keeps its card as it was.
    const single = await createDeparture(t, token, { title: 'Мелник 23.11', departsAt: '2026-11-23T08:00:00+02:00' });
    const again = await (await pageClient(t, operator)).get('/', 'bg');
    const singleCard = again.html.slice(again.html.indexOf(`data-departure="${single.id}"`));
    expect(singleCard.slice(0, singleCard.indexOf('</article>'))).not.toContain('data-vehicle');
  });
});
