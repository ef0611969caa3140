import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { havePoppler } from '../helpers/documents.js';
import { pageClient } from '../helpers/pages.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

/** Lunch and insurance per traveller, an airport transfer per booking; the seat is 60,00 € (deposit 20,00 €). */
const EXTRAS = [
  { code: 'lunch', label: 'Обяд в Мелник', priceMinor: 1500, per: 'traveller' },
  { code: 'insurance', label: 'Застраховка', priceMinor: 700, per: 'traveller' },
  { code: 'transfer', label: 'Трансфер от летището', priceMinor: 4000, per: 'booking' },
];

let t: TestApp;
let director: string;

beforeEach(async () => {
  t = await makeTestApp({ intake: { limit: 100, origins: [] } });
  director = (await t.as('director')).token;
});

const trip = async (overrides: Record<string, unknown> = {}) =>
  await createDeparture(t, director, { title: 'Мелник', departsAt: '2027-10-29T06:30:00+03:00', seats: 20, priceMinor: 6000, depositMinor: 2000, extras: EXTRAS, ...overrides });
const dealOf = async (id: number) => (await t.call('GET', `/api/v1/deals/${id}`, { token: director })).body;
const dealIdIn = (location: string | null) => Number(/\/deals\/(\d+)/.exec(location ?? '')?.[1]);
/** A checkbox as the page renders it, ticked or not. */
const box = (html: string, name: string) => new RegExp(`<input type="checkbox" name="${name.replace(/\./g, '\\.')}" value="on"( checked="")?`).exec(html);

describe('the desk takes extras where bookings are made', () => {
  it('a 4-traveller booking with lunch for two, made on the roster without JavaScript, costs 4 seats and 2 lunches; the deal page shows them', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await trip();
    const contact = await createContact(t, director, { name: 'Мария Петрова' });
    const roster = await client.get(`/departures/${departure.id}?q=${encodeURIComponent('Мария Петрова')}`, 'bg');
    // The search result's form offers traveller rows with the per-traveller extras, and the booking's own.
    expect(box(roster.html, 'extra.0.lunch')).not.toBeNull();
    expect(box(roster.html, 'extra.booking.transfer')).not.toBeNull();
    expect(roster.html).toContain('Обяд в Мелник');
    // A refusal (lunch ticked on a row without a name) brings the client's form back as it was typed.
    const refused = await client.post(`/departures/${departure.id}/bookings`, { contactId: String(contact.id), q: 'Мария Петрова', seats: '2', name0: 'Мария Петрова', 'extra.0.lunch': 'on', 'extra.1.lunch': 'on' });
    expect(refused.status).toBe(400);
    expect(box(refused.html, 'extra.1.lunch')?.[1]).toBe(' checked=""');
    expect(refused.html).toMatch(new RegExp(`id="x-${contact.id}-name1"[^>]*aria-invalid="true"`));
    expect((await t.call('GET', '/api/v1/deals', { token: director })).body.items).toHaveLength(0);
    const booked = await client.post(`/departures/${departure.id}/bookings`, {
      contactId: String(contact.id),
      q: 'Мария Петрова',
      seats: '4',
      name0: 'Мария Петрова',
      'extra.0.lunch': 'on',
      name1: 'Иван Петров',
      name2: 'Ана Петрова',
      'extra.2.lunch': 'on',
      name3: 'Петър Петров',
    });
    expect(booked.status).toBe(303);
    const deal = await dealOf(dealIdIn(booked.location));
    expect(deal.priceMinor).toBe(4 * 6000 + 2 * 1500);
    expect(deal.depositDueMinor).toBe(4 * 2000);
    expect(deal.travellers.map((x: { extras: string[] }) => x.extras)).toEqual([['lunch'], [], ['lunch'], []]);

    const page = await client.get(`/deals/${deal.id}`, 'bg');
    expect(page.status).toBe(200);
    expect(box(page.html, 'extra.0.lunch')?.[1]).toBe(' checked=""');
    expect(box(page.html, 'extra.1.lunch')?.[1]).toBeUndefined();
    expect(box(page.html, 'extra.2.lunch')?.[1]).toBe(' checked=""');
    // The price as lines: four seats and two lunches.
    expect(page.html).toMatch(/4 × 60,00\s€/u);
    expect(page.html).toMatch(/Обяд в Мелник <span class="nobr">2 × 15,00\s€/u);
    expect(page.html).toMatch(/= <strong class="nobr">270,00\s€<\/strong>/u);

    // The travellers' form: Ана drops lunch, Петър takes insurance, the booking takes the transfer.
    const saved = await client.post(`/deals/${deal.id}/travellers`, {
      name0: 'Мария Петрова',
      'extra.0.lunch': 'on',
      name1: 'Иван Петров',
      name2: 'Ана Петрова',
      name3: 'Петър Петров',
      'extra.3.insurance': 'on',
      'extra.booking.transfer': 'on',
    });
    expect(saved.status).toBe(303);
    const after = await dealOf(deal.id);
    expect(after.travellers.map((x: { extras: string[] }) => x.extras)).toEqual([['lunch'], [], [], ['insurance']]);
    expect(after.extras).toEqual(['transfer']);
    expect(after.priceMinor).toBe(4 * 6000 + 1500 + 700 + 4000);
    const again = await client.get(`/deals/${deal.id}`, 'bg');
    expect(again.html).toContain('Трансфер от летището');
    expect(box(again.html, 'extra.booking.transfer')?.[1]).toBe(' checked=""');
  });

  it('the new-client form books with extras; an extra ticked on a row without a name is refused at that row, and nothing is made', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await trip();
    const refused = await client.post(`/departures/${departure.id}/bookings/new-client`, {
      name: 'Георги Иванов',
      phone: '0888 333 444',
      seats: '2',
      name0: 'Георги Иванов',
      'extra.2.insurance': 'on',
    });
    expect(refused.status).toBe(400);
    // Shown beside the third row, where it was ticked, with the rest kept.
    expect(refused.html).toMatch(/id="nc-name2"[^>]*aria-invalid="true"/);
    expect(box(refused.html, 'extra.2.insurance')?.[1]).toBe(' checked=""');
    expect((await t.call('GET', '/api/v1/deals', { token: director })).body.items).toHaveLength(0);

    const done = await client.post(`/departures/${departure.id}/bookings/new-client`, {
      name: 'Георги Иванов',
      phone: '0888 333 444',
      seats: '1',
      name0: 'Георги Иванов',
      'extra.0.insurance': 'on',
      'extra.booking.transfer': 'on',
    });
    expect(done.status).toBe(303);
    const deal = await dealOf(dealIdIn(done.location));
    expect(deal).toMatchObject({ seats: 1, extras: ['transfer'], priceMinor: 6000 + 700 + 4000 });
    expect(deal.travellers[0]).toMatchObject({ name: 'Георги Иванов', extras: ['insurance'] });
  });

  it('the deal page of a trip without extras stays as it was', async () => {
    const client = await pageClient(t, DIRECTOR);
    const deal = await createDeal(t, director, { seats: 2 });
    const page = await client.get(`/deals/${deal.id}`, 'bg');
    expect(page.html).not.toContain('data-price-line');
    expect(page.html).not.toContain('extra.0.');
  });
});

describe('the client chooses extras online', () => {
  const publicTrip = async () => {
    const departure = await trip();
    expect((await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token: director, body: { public: true } })).status).toBe(200);
    return departure;
  };
  const body = (departureId: number, overrides: Record<string, unknown> = {}) => ({
    departureId,
    name: 'Елена Димитрова',
    phone: '0887 555 666',
    email: 'elena@example.test',
    seats: 3,
    travellers: [
      { name: 'Елена Димитрова', extras: ['lunch', 'insurance'] },
      { name: 'Борис Димитров', extras: ['lunch'] },
    ],
    extras: ['transfer'],
    ...overrides,
  });

  it('the public JSON lists the extras and books them at their price; an unknown extra is a 400 naming its field', async () => {
    const departure = await publicTrip();
    const shown = (await t.call('GET', `/api/v1/public/departures/${departure.id}`)).body;
    expect(shown.extras).toEqual(EXTRAS);
    const answer = await t.call('POST', '/api/v1/public/bookings', { body: body(departure.id), address: '203.0.113.9' });
    expect(answer.status).toBe(201);
    const token = answer.body.manageUrl.split('/b/')[1];
    const booking = (await t.call('GET', `/api/v1/public/bookings/${token}`)).body;
    expect(booking.money.priceMinor).toBe(3 * 6000 + 2 * 1500 + 700 + 4000);
    expect(booking.extras).toEqual([{ code: 'transfer', label: 'Трансфер от летището', per: 'booking', priceMinor: 4000, sold: true }]);
    expect(booking.travellers[0].extras.map((e: { label: string }) => e.label)).toEqual(['Обяд в Мелник', 'Застраховка']);

    const unknown = await t.call('POST', '/api/v1/public/bookings', {
      body: body(departure.id, { email: 'other@example.test', phone: '0887 000 111', travellers: [{ name: 'А', extras: ['caviar'] }] }),
      address: '203.0.113.9',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toHaveProperty(['travellers.0.extras']);
    const wrongWay = await t.call('POST', '/api/v1/public/bookings', {
      body: body(departure.id, { email: 'third@example.test', phone: '0887 000 222', travellers: [], extras: ['lunch'] }),
      address: '203.0.113.9',
    });
    expect(wrongWay.status).toBe(400);
    expect(wrongWay.body.error.details).toHaveProperty('extras');
  });

  it('the trip page offers the extras per traveller and for the booking; without JavaScript the booking page shows them and the total', async () => {
    const departure = await publicTrip();
    const page = await t.app.request(`/trips/${departure.id}`, { headers: { 'Accept-Language': 'bg' } });
    const html = await page.text();
    expect(html).toContain('name="travellers.0.extras.lunch"');
    expect(html).toContain('name="extras.transfer"');
    expect(html).toContain('src="/assets/extras-total.js"');
    expect(html).toContain('data-live-total');
    const once = /name="_once" value="([^"]+)"/.exec(html)![1]!;
    const form = new URLSearchParams({
      _once: once,
      seats: '2',
      'travellers.0.name': 'Елена Димитрова',
      'travellers.0.extras.lunch': 'on',
      'travellers.1.name': 'Борис Димитров',
      'travellers.1.extras.lunch': 'on',
      'travellers.1.extras.insurance': 'on',
      'extras.transfer': 'on',
      name: 'Елена Димитрова',
      phone: '+359887555666',
      email: 'elena@example.test',
      website: '',
    });
    const booked = await t.app.request(`/trips/${departure.id}/book`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', 'Accept-Language': 'bg' },
      body: form.toString(),
    });
    expect(booked.status).toBe(303);
    const location = booked.headers.get('location')!;
    const bookingPage = await (await t.app.request(location, { headers: { 'Accept-Language': 'bg' } })).text();
    expect(bookingPage).toContain('Обяд в Мелник');
    expect(bookingPage).toContain('Застраховка');
    expect(bookingPage).toContain('За цялата резервация: Трансфер от летището');
    // 2 × 60 + 2 × 15 + 7 + 40 = 197
    expect(bookingPage).toMatch(/Обяд в Мелник <span class="nobr">2 × 15,00\s€/u);
    expect(bookingPage).toMatch(/197,00\s€/u);
    const script = await t.app.request('/assets/extras-total.js');
    expect(script.status).toBe(200);
  });
});

describe('the voucher, the confirmation and the report name the extras', () => {
  it('the booking confirmation lists the extras taken, each once with how many take it', async () => {
    const mailer = memoryMailer();
    t = await makeTestApp({ mailer });
    director = (await t.as('director')).token;
    const departure = await trip();
    const contact = await createContact(t, director, { name: 'Мария Петрова', email: 'maria@example.test', locale: 'bg' });
    const deal = await createDeal(t, director, { departureId: departure.id, contactId: contact.id, seats: 2, travellers: [{ name: 'Мария Петрова', extras: ['lunch'] }, { name: 'Иван Петров', extras: ['lunch'] }], extras: ['transfer'] });
    expect((await t.call('POST', `/api/v1/deals/${deal.id}/confirmation`, { token: director })).status).toBe(202);
    await runNotifierPass(t.ctx, mailer);
    const mail = mailer.sent.find((m) => m.to === 'maria@example.test')!;
    expect(mail.text).toContain('Допълнителни услуги: Обяд в Мелник × 2, Трансфер от летището');
    expect(mail.text).toMatch(/190,00\s€/u);
  });

  it('the voucher PDF names each traveller\'s extras and the booking\'s', async () => {
    if (!havePoppler) return console.warn('voucher text not read: poppler-utils missing');
    const departure = await trip();
    const deal = await createDeal(t, director, {
      departureId: departure.id,
      seats: 2,
      travellers: [{ name: 'Мария Петрова', extras: ['lunch', 'insurance'] }, { name: 'Иван Петров' }],
      extras: ['transfer'],
    });
    const response = await t.app.request(`/api/v1/deals/${deal.id}/voucher.pdf`, { headers: { Authorization: `Bearer ${director}` } });
    expect(response.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'voucher-extras-')), 'v.pdf');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Обяд в Мелник, Застраховка');
    expect(text).toContain('Трансфер от летището');
  });

  it('the report counts each extra among bookings not cancelled, with its revenue; a code no longer sold stays by its code at 0; the XLSX has it', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await trip();
    await createDeal(t, director, { departureId: departure.id, seats: 3, travellers: [{ name: 'А', extras: ['lunch'] }, { name: 'Б', extras: ['lunch', 'insurance'] }, { name: 'В' }], extras: ['transfer'] });
    await createDeal(t, director, { departureId: departure.id, seats: 1, travellers: [{ name: 'Г', extras: ['lunch'] }] });
    const cancelled = await createDeal(t, director, { departureId: departure.id, seats: 2, travellers: [{ name: 'Д', extras: ['lunch'] }, { name: 'Е', extras: ['lunch'] }], extras: ['transfer'] });
    expect((await t.call('POST', `/api/v1/deals/${cancelled.id}/cancel`, { token: director, body: { reason: 'changed plans' } })).status).toBe(200);

    const report = (await t.call('GET', `/api/v1/reports/departures/${departure.id}`, { token: director })).body;
    expect(report.extras).toEqual([
      { code: 'lunch', label: 'Обяд в Мелник', per: 'traveller', priceMinor: 1500, count: 3, revenueMinor: 4500, sold: true },
      { code: 'insurance', label: 'Застраховка', per: 'traveller', priceMinor: 700, count: 1, revenueMinor: 700, sold: true },
      { code: 'transfer', label: 'Трансфер от летището', per: 'booking', priceMinor: 4000, count: 1, revenueMinor: 4000, sold: true },
    ]);

    // The trip stops selling insurance: what was taken is still listed, by its code, at 0; pages read it without a crash.
    expect((await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token: director, body: { extras: EXTRAS.filter((e) => e.code !== 'insurance') } })).status).toBe(200);
    const later = (await t.call('GET', `/api/v1/reports/departures/${departure.id}`, { token: director })).body;
    expect(later.extras.at(-1)).toEqual({ code: 'insurance', label: 'insurance', per: 'traveller', priceMinor: 0, count: 1, revenueMinor: 0, sold: false });
    const firstDeal = (await t.call('GET', `/api/v1/deals?departureId=${departure.id}`, { token: director })).body.items[0];
    const dealPage = await client.get(`/deals/${firstDeal.id}`, 'bg');
    expect(dealPage.status).toBe(200);
    expect(dealPage.html).toContain('insurance (вече не се предлага)');
    // An unrelated change to that booking is not refused for it, and keeps what was taken.
    const moved = await t.call('PATCH', `/api/v1/deals/${firstDeal.id}`, { token: director, body: { balanceDueAt: '2027-10-20' } });
    expect(moved.status).toBe(200);
    expect(moved.body.travellers[1].extras).toEqual(['lunch', 'insurance']);
    expect(moved.body.extras).toEqual(['transfer']);

    const xlsx = await t.app.request(`/api/v1/reports/departures/${departure.id}?format=xlsx`, { headers: { Authorization: `Bearer ${director}`, 'Accept-Language': 'bg' } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as never);
    const sheet = book.worksheets.find((w) => w.name === 'Приходи по услуги')!;
    expect(sheet).toBeDefined();
    const rows = [2, 3, 4, 5].map((n) => [3, 4, 6, 7, 8].map((c) => sheet.getRow(n).getCell(c).value));
    expect(rows).toEqual([
      ['lunch', 'Обяд в Мелник', 15, 3, 45],
      ['transfer', 'Трансфер от летището', 40, 1, 40],
      ['insurance', 'insurance (вече не се предлага)', 0, 1, 0],
      [null, null, null, null, null],
    ]);
    const csv = await (await t.app.request(`/api/v1/reports/departures/${departure.id}?format=csv`, { headers: { Authorization: `Bearer ${director}`, 'Accept-Language': 'bg' } })).text();
    expect(csv).toContain('Обяд в Мелник');

    // The reports page lists it per trip.
    const reports = await client.get('/reports?from=2027-10-01&to=2027-10-31', 'bg');
    expect(reports.html).toContain('Приходи по услуги');
    expect(reports.html).toContain('data-extra="lunch"');
    const period = await t.app.request('/api/v1/reports/departures?from=2027-10-01&to=2027-10-31&format=xlsx', { headers: { Authorization: `Bearer ${director}`, 'Accept-Language': 'bg' } });
    const periodBook = new ExcelJS.Workbook();
    await periodBook.xlsx.load((await period.arrayBuffer()) as never);
    expect(periodBook.worksheets.map((w) => w.name)).toContain('Приходи по услуги');
  });
});
