import { beforeEach, describe, expect, it } from 'vitest';
import { createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let client: Awaited<ReturnType<typeof pageClient>>;

const post = (path: string, form: Record<string, string>, lang = 'bg') => client.post(path, form, lang);

const OHRID = {
  title: 'Охрид 29.10',
  destination: 'Охрид',
  departsAt: '2027-10-29T06:30',
  returnsAt: '2027-10-31T20:00',
  meetingPoint: 'София, НДК',
  seats: '49',
  price: '150,00',
  deposit: '50',
  currency: 'EUR',
  timeZone: 'Europe/Sofia',
};

beforeEach(async () => {
  t = await makeTestApp();
  client = await pageClient(t, DIRECTOR);
});

describe('departures in the desk', () => {
  it('an operator creates a trip in the pages, in the trip\'s own clock, amounts typed as a Bulgarian writes them', async () => {
    const form = await client.get('/departures/new', 'bg');
    expect(form.status).toBe(200);
    expect(form.html).toContain('Нова екскурзия');
    const created = await post('/departures/new', OHRID);
    expect(created.status).toBe(303);
    expect(created.location).toMatch(/^\/departures\/1\?done=departureCreated$/);
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    const departure = (await t.call('GET', '/api/v1/departures/1', { token })).body;
    expect(departure).toMatchObject({
      title: 'Охрид 29.10',
      departsAt: '2027-10-29T03:30:00.000Z',
      returnsAt: '2027-10-31T18:00:00.000Z',
      seats: 49,
      priceMinor: 15000,
      depositMinor: 5000,
      currency: 'EUR',
    });
    const list = await client.get('/departures', 'bg');
    expect(list.html).toContain('href="/departures/new"');
    expect(list.html).toContain('Охрид 29.10');
  });

  it('refuses a bad form beside its fields, keeps what was typed, and writes nothing', async () => {
    const refused = await post('/departures/new', { ...OHRID, title: ' ', price: 'сто', departsAt: '2026-03-29T03:30' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('value="сто"');
    expect(refused.html).toContain('f-price-error');
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM departures').get()).toEqual({ n: 0 });
    const gap = await post('/departures/new', { ...OHRID, departsAt: '2026-03-29T03:30' });
    expect(gap.status).toBe(400);
    expect(gap.html).toContain('f-departsAt-error');
  });

  it('changes a trip from its edit page, and copies it to another date without its bookings', async () => {
    const token = (await t.as('operator')).token;
    const departure = await createDeparture(t, token, { returnsAt: '2027-10-31T20:00:00+02:00' });
    const edit = await client.get(`/departures/${departure.id}/edit`, 'ru');
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('value="2027-10-29T06:30"');
    expect(edit.html).toContain('value="150,00"'); // as a Russian writes it
    const saved = await post(`/departures/${departure.id}/edit`, { ...OHRID, seats: '57', price: '160' });
    expect(saved.status).toBe(303);
    const after = (await t.call('GET', `/api/v1/departures/${departure.id}`, { token })).body;
    expect(after).toMatchObject({ seats: 57, priceMinor: 16000 });

    const copied = await post(`/departures/${departure.id}/copy`, { departsAt: '2028-05-01T07:00' });
    expect(copied.status).toBe(303);
    const copyId = Number(/\/departures\/(\d+)\/edit/.exec(copied.location ?? '')?.[1]);
    const copy = (await t.call('GET', `/api/v1/departures/${copyId}`, { token })).body;
    expect(copy).toMatchObject({ title: 'Охрид 29.10', seats: 57, priceMinor: 16000, seatsBooked: 0, departsAt: '2028-05-01T04:00:00.000Z' });
    // The return moves with the departure: 2 days 13.5 hours later, as before.
    expect(Date.parse(copy.returnsAt) - Date.parse(copy.departsAt)).toBe(Date.parse(after.returnsAt) - Date.parse(after.departsAt));

    const api = await t.call('POST', `/api/v1/departures/${departure.id}/copy`, { token, body: { departsAt: '2028-06-01T07:00' } });
    expect(api.status).toBe(201);
    expect(api.body).toMatchObject({ title: 'Охрид 29.10', seatsBooked: 0 });
    const bad = await t.call('POST', `/api/v1/departures/${departure.id}/copy`, { token, body: { departsAt: 'soon' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toHaveProperty('departsAt');
  });

  it('past departures are reachable, latest first', async () => {
    const token = (await t.as('operator')).token;
    await createDeparture(t, token, { title: 'Пловдив — Старият град', departsAt: '2026-11-10T08:00' });
    await createDeparture(t, token, { title: 'Рилски манастир', departsAt: '2026-11-15T08:00' });
    await createDeparture(t, token, { title: 'Охрид 29.10' });
    const upcoming = await client.get('/departures', 'en');
    expect(upcoming.html).toContain('Охрид 29.10');
    expect(upcoming.html).not.toContain('Рилски манастир');
    const past = await client.get('/departures?when=past', 'en');
    expect(past.html).toContain('Past departures');
    expect(past.html.indexOf('Рилски манастир')).toBeLessThan(past.html.indexOf('Пловдив'));
    expect(past.html).not.toContain('>Охрид 29.10<');
  });
});

describe('clients get a language and an owner', () => {
  it('a client without a language takes the one of their phone\'s country, else the agency\'s; one made by a manager is theirs', async () => {
    const manager = await t.as('manager');
    const make = async (body: Record<string, unknown>) => (await t.call('POST', '/api/v1/contacts', { token: manager.token, body })).body;
    expect(await make({ name: 'Иван', phone: '0881 234 567' })).toMatchObject({ locale: 'bg', managerId: manager.id });
    expect(await make({ name: 'Ольга', phone: '+7 916 123 45 67' })).toMatchObject({ locale: 'ru' });
    expect(await make({ name: 'Олена', phone: '+380 67 123 4567' })).toMatchObject({ locale: 'ru' });
    expect(await make({ name: 'Anna', phone: '+49 30 901820' })).toMatchObject({ locale: 'bg' }); // the test agency's language
    expect(await make({ name: 'John', phone: '+359 88 765 0000', locale: 'en' })).toMatchObject({ locale: 'en' });
    const director = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    expect((await t.call('POST', '/api/v1/contacts', { token: director, body: { name: 'Мария', email: 'm@example.com' } })).body).toMatchObject({ managerId: null });
  });

  it('the new-client form takes a language', async () => {
    const answer = await post('/contacts', { name: 'Елена', phone: '+359 88 111 2223', locale: 'ru' });
    expect(answer.status).toBe(303);
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    expect((await t.call('GET', '/api/v1/contacts/1', { token })).body.locale).toBe('ru');
  });
});

describe('phones on the desk', () => {
  it('are tel: links, in the national format at home and the international one abroad', async () => {
    const token = (await t.as('operator')).token;
    const departure = await createDeparture(t, token);
    const home = (await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Иван', phone: '0881 234 567' } })).body;
    const abroad = (await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Ольга', phone: '+7 916 123 45 67' } })).body;
    for (const contact of [home, abroad]) await t.call('POST', '/api/v1/deals', { token, body: { departureId: departure.id, contactId: contact.id, seats: 1 } });
    const roster = await client.get(`/departures/${departure.id}`, 'bg');
    expect(roster.html).toContain('<a class="tel" href="tel:+359881234567">088 123 4567</a>');
    expect(roster.html).toContain('<a class="tel" href="tel:+79161234567">+7 916 123 45 67</a>');
    const card = await client.get(`/contacts/${home.id}`, 'bg');
    expect(card.html).toContain('href="tel:+359881234567"');
  });
});

describe('refusals on the Bulgarian desk', () => {
  it('speak Bulgarian, money as money', async () => {
    const token = (await t.as('operator')).token;
    const departure = await createDeparture(t, token, { seats: 1 });
    const contact = (await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Иван', phone: '0881 234 567' } })).body;
    const deal = (await t.call('POST', '/api/v1/deals', { token, body: { departureId: departure.id, contactId: contact.id, seats: 1 } })).body;
    const tooMuch = await post(`/deals/${deal.id}/payments`, { amount: '500', method: 'cash', back: `/deals/${deal.id}` });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.html).toMatch(/Плащането е повече от остатъка от 150,00\s€/u);
    const full = await post(`/departures/${departure.id}/bookings`, { contactId: String(contact.id), seats: '1' });
    expect(full.html).toContain('В тази екскурзия не останаха места');
    const empty = await post('/departures/new', { ...OHRID, title: '' });
    expect(empty.html).toContain('Попълнете полето');
  });
});

describe('the reports page', () => {
  it('draws loss reasons as their share of all losses, not each as long as the longest', async () => {
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    const reasons = ['not_going', 'changed_mind', 'price_shopping', 'not_going'];
    for (const [i, reason] of reasons.entries()) {
      const { inquiry } = (await t.call('POST', '/api/v1/inquiries', { token, body: { name: `Lead ${i}`, phone: `+35988810000${i}` } })).body;
      await t.call('POST', `/api/v1/inquiries/${inquiry.id}/status`, { token, body: { status: 'refused', reason } });
    }
    const page = await client.get('/reports', 'en');
    const widths = [...page.html.matchAll(/<rect x="250" y="[\d.]+" width="([\d.]+)" height="16" fill="#b3261e"/g)].map((m) => Number(m[1]));
    // 2 of 4, 1 of 4, 1 of 4 of a 340-wide bar.
    expect(widths).toEqual([170, 85, 85]);
  });
});

describe('booking from an inquiry', () => {
  it('starts on the trip the client asked about', async () => {
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    await createDeparture(t, token, { title: 'Букурещ и Синая' });
    const ohrid = await createDeparture(t, token, { title: 'Охрид 29.10' });
    const { inquiry } = (await t.call('POST', '/api/v1/inquiries', { token, body: { name: 'Мария', phone: '+359888100777', departureId: ohrid.id } })).body;
    const page = await client.get(`/inquiries/${inquiry.id}`, 'bg');
    expect(page.html).toMatch(new RegExp(`<option value="${ohrid.id}" selected="">Охрид 29.10`));
  });
});
