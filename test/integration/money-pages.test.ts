import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

const FORM = { title: 'Охрид 29.10', departsAt: '2027-01-20T06:30', meetingPoint: 'НДК', seats: '4', price: '150', deposit: '50', currency: 'EUR', timeZone: 'Europe/Sofia' };

describe('money on time, in the desk', () => {
  it('the departure form sets a child price and its own due days; a wrong row is refused there, in Bulgarian', async () => {
    const client = await pageClient(t, DIRECTOR);
    const bad = await client.post('/departures/new', { ...FORM, priceCategory0: 'child', priceAmount0: 'деветдесет' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('f-priceAmount0-error');
    expect((await t.call('GET', '/api/v1/departures', { token: director })).body.items).toHaveLength(0);
    const made = await client.post('/departures/new', { ...FORM, priceCategory0: 'child', priceAmount0: '90', priceDeposit0: '30', priceCategory1: 'own', priceLabel1: 'студент до 26', priceAmount1: '120', depositDueDays: '5', balanceDueDays: '' });
    expect(made.status).toBe(303);
    const [trip] = (await t.call('GET', '/api/v1/departures', { token: director })).body.items;
    expect(trip.prices).toEqual([
      { category: 'adult', label: null, priceMinor: 15000, depositMinor: 5000 },
      { category: 'child', label: null, priceMinor: 9000, depositMinor: 3000 },
      { category: 'студент до 26', label: 'студент до 26', priceMinor: 12000, depositMinor: 0 },
    ]);
    expect(trip).toMatchObject({ depositDueDays: 5, balanceDueDays: null });
    const edit = await client.get(`/departures/${trip.id}/edit`, 'bg');
    expect(edit.html).toContain('value="90,00"');
    expect(edit.html).toContain('студент до 26');
  });

  it('deal page: travellers choose a category (the price follows), due dates in words, moved by the manager', async () => {
    const client = await pageClient(t, DIRECTOR);
    const trip = await createDeparture(t, director, { departsAt: '2027-01-20T06:30:00+02:00', prices: [{ category: 'child', priceMinor: 9000, depositMinor: 3000 }] });
    const deal = await createDeal(t, director, { departureId: trip.id, seats: 3 });
    const saved = await client.post(`/deals/${deal.id}/travellers`, { name0: 'Иван Иванов', category0: 'adult', name1: 'Мария Иванова', category1: 'adult', name2: 'Ани Иванова', category2: 'child' });
    expect(saved.status).toBe(303);
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token: director })).body.priceMinor).toBe(39000);
    const page = await client.get(`/deals/${deal.id}`, 'bg');
    expect(page.html).toMatch(/390,00\s€/u);
    expect(page.html).toContain('Капаро: срок до 25.11.2026');
    expect(page.html).toMatch(/<option value="child" selected="">дете · 90,00\s€<\/option>/u);
    const refused = await client.post(`/deals/${deal.id}/due`, { depositDueAt: '2027-01-10', balanceDueAt: '2027-01-06' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Срокът за капарото не може да е след срока за доплащане');
    const moved = await client.post(`/deals/${deal.id}/due`, { depositDueAt: '2026-11-28', balanceDueAt: '2027-01-06' });
    expect(moved.status).toBe(303);
    t.setNow(Date.parse('2026-11-30T08:00:00Z'));
    const again = await pageClient(t, DIRECTOR);
    const late = await again.get(`/deals/${deal.id}`, 'bg');
    expect(late.html).toContain('Капаро: просрочено с 2 дни');
    const roster = await again.get(`/departures/${trip.id}`, 'ru');
    expect(roster.html).toContain('Ани Иванова (ребёнок)');
    expect(roster.html).toMatch(/class="small error">Предоплата: просрочено на 2 дня/u);
  });

  it('roster: a full bus offers the waiting list; a cancellation holds the seats; the manager books them from my day', async () => {
    const client = await pageClient(t, DIRECTOR);
    const trip = await createDeparture(t, director, { seats: 2 });
    const first = await createDeal(t, director, { departureId: trip.id, seats: 2 });
    const couple = await createContact(t, director, { name: 'Петрови', email: 'petrovi@example.bg' });
    const full = await client.get(`/departures/${trip.id}?q=Петрови`, 'bg');
    expect(full.html).toContain('Автобусът е пълен');
    expect(full.html).toContain(`formaction="/departures/${trip.id}/waitlist"`);
    expect(full.html).not.toContain('>Резервирай<');
    const joined = await client.post(`/departures/${trip.id}/waitlist`, { contactId: String(couple.id), seats: '2', note: 'по прозореца', q: 'Петрови' });
    expect(joined.status).toBe(303);
    const twice = await client.post(`/departures/${trip.id}/waitlist`, { contactId: String(couple.id), seats: '2', q: 'Петрови' });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('Този клиент вече е в списъка на чакащите');
    await t.call('POST', `/api/v1/deals/${first.id}/cancel`, { token: director, body: { reason: 'болест' } });
    const roster = await client.get(`/departures/${trip.id}`, 'bg');
    expect(roster.html).toContain('Списък на чакащи');
    expect(roster.html).toContain('2 запазени за чакащите');
    expect(roster.html).toMatch(/запазени до/u);
    // The director's My day counts it on its line; the line opens the cards with the button.
    expect((await client.get('/', 'bg')).html).toMatch(/data-line="waitlist-offers"><a href="\/\?list=waitlist-offers">/);
    const day = await client.get('/?list=waitlist-offers', 'bg');
    expect(day.html).toContain('Списък на чакащи: 2 места запазени до');
    const [entry] = (await t.call('GET', `/api/v1/departures/${trip.id}/waitlist`, { token: director })).body.items;
    expect(day.html).toContain(`action="/waitlist/${entry.id}/book"`);
    const booked = await client.post(`/waitlist/${entry.id}/book`, { back: '/' });
    expect(booked.status).toBe(303);
    expect(booked.location).toMatch(/^\/deals\/\d+\?done=waitlistBooked$/);
    // The same button again: closed, said where it was.
    const again = await client.post(`/waitlist/${entry.id}/book`, { back: '/' });
    expect(again.location).toBe('/?done=waitlistClosed');
  });

  it('inquiry page: a couple asking for a full trip is put on its waiting list, and the page says where they wait', async () => {
    const client = await pageClient(t, DIRECTOR);
    const trip = await createDeparture(t, director, { seats: 2 });
    await createDeal(t, director, { departureId: trip.id, seats: 2 });
    const asked = await t.call('POST', '/api/v1/inquiries', { token: director, body: { name: 'Петрови', phone: '+359888123123', message: 'Охрид за двама', departureId: trip.id } });
    const id = asked.body.inquiry.id;
    const page = await client.get(`/inquiries/${id}`, 'bg');
    expect(page.html).toContain(`formaction="/inquiries/${id}/waitlist"`);
    const noTrip = await client.post(`/inquiries/${id}/waitlist`, { departureId: '', seats: '2' });
    expect(noTrip.status).toBe(400);
    const joined = await client.post(`/inquiries/${id}/waitlist`, { departureId: String(trip.id), seats: '2' });
    expect(joined.status).toBe(303);
    const [entry] = (await t.call('GET', `/api/v1/departures/${trip.id}/waitlist`, { token: director })).body.items;
    expect(entry).toMatchObject({ seats: 2, status: 'waiting', note: 'Охрид за двама', contactId: asked.body.contact.id });
    const after = await client.get(`/inquiries/${id}`, 'ru');
    expect(after.html).toContain('Ждёт 2 места');
    // The client's card says it too.
    expect((await client.get(`/contacts/${asked.body.contact.id}`, 'bg')).html).toContain('Чака 2 места: ');
    const twice = await client.post(`/inquiries/${id}/waitlist`, { departureId: String(trip.id), seats: '2' });
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('Този клиент вече е в списъка на чакащите');
  });

  it("reports: the director sees each trip's margin in bars and its revenue by price category, on the page and in the spreadsheet", async () => {
    const client = await pageClient(t, DIRECTOR);
    const trip = await createDeparture(t, director, {
      departsAt: '2027-01-20T06:30:00+02:00',
      prices: [{ category: 'child', priceMinor: 9000, depositMinor: 3000 }],
      costs: [{ label: 'Автобус', amountMinor: 30000 }, { label: 'Екскурзовод', amountMinor: 12000 }],
    });
    await createDeal(t, director, { departureId: trip.id, seats: 3, travellers: [{ name: 'Иван' }, { name: 'Мария' }, { name: 'Ани', category: 'child' }] });
    const page = await client.get('/reports?from=2027-01-01&to=2027-01-31', 'bg');
    expect(page.html).toContain('Колко спечели всяко пътуване');
    expect(page.html).toMatch(/загуба 30,00\s€ \(разходи 420,00\s€\)/u); // 390 contracted, 420 costs
    expect(page.html).toContain('Приходи по ценови категории');
    const xlsx = await t.app.request('/api/v1/reports/departures?from=2027-01-01&to=2027-01-31&format=xlsx', { headers: { Authorization: `Bearer ${director}`, 'Accept-Language': 'bg' } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as never);
    const sheet = book.worksheets.find((w) => w.name.startsWith('Приходи по ценови'))!;
    expect(sheet).toBeDefined();
    const rows = [2, 3].map((n) => [sheet.getRow(n).getCell(3).value, sheet.getRow(n).getCell(4).value, sheet.getRow(n).getCell(5).value]);
    expect(rows).toEqual([
      ['възрастен', 2, 300],
      ['дете', 1, 90],
    ]);
  });
});
