import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { createDeparture, pay } from '../helpers/factories.js';
import { AGENCY, makeTestApp, type TestApp } from '../helpers/test-app.js';

/** The app's own origin, as a browser sends it with a form posted from our page. */
const ORIGIN = 'http://localhost';
const DEPARTS = '2027-10-29T06:30:00+03:00';

const fakeProvider = (): PaymentProvider & { opened: number } => {
  const provider = {
    opened: 0,
    openCheckout: async () => {
      provider.opened++;
      return { id: 'cs_test_1', url: 'https://pay.example/cs_test_1' };
    },
    readEvent: () => 'ignored' as const,
  };
  return provider;
};

let t: TestApp;
let director: string;

async function setUp(options: Parameters<typeof makeTestApp>[0] = {}) {
  t = await makeTestApp({ intake: { limit: 100, origins: [] }, ...options });
  director = (await t.as('director')).token;
}

/** A trip sold online: adults 150, children 90 (deposit 50 and 30), two stops. */
async function publicTrip(overrides: Record<string, unknown> = {}) {
  const departure = await createDeparture(t, director, {
    title: 'Охрид и Струга',
    departsAt: DEPARTS,
    returnsAt: '2027-10-31T21:00:00+03:00',
    prices: [{ category: 'child', priceMinor: 9000, depositMinor: 3000 }],
    stops: [
      { name: 'София, НДК', address: 'бул. Витоша 1', offsetMinutes: 0 },
      { name: 'Перник', offsetMinutes: 40 },
    ],
    ...overrides,
  });
  const made = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token: director, body: { public: true, description: 'Първи ден: Охрид.\nВтори ден: Струга.' } });
  expect(made.status).toBe(200);
  return made.body as { id: number; stops: { id: number; name: string }[] };
}

const get = async (path: string, lang = 'ru') => {
  const response = await t.app.request(path, { headers: { 'Accept-Language': lang } });
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, html: type.includes('pdf') ? '' : await response.text() };
};

/** A form posted from our own page: its origin is ours, as the csrf check asks. */
const post = async (path: string, form: Record<string, string>, lang = 'ru') => {
  const response = await t.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, 'Accept-Language': lang },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
};

const formKey = (html: string) => /name="_once" value="([^"]+)"/.exec(html)![1]!;
const dealIdOf = (location: string) => Number(/\/b\/(\d+)\./.exec(location)![1]);
const dealsCount = async () => (await t.call('GET', '/api/v1/deals?limit=100', { token: director })).body.items.length as number;

/** Books two travellers (an adult and a child) on the trip's page, as a phone would. */
async function bookTwo(tripId: number, extra: Record<string, string> = {}, lang = 'ru') {
  const page = await get(`/trips/${tripId}`, lang);
  return await post(
    `/trips/${tripId}/book`,
    {
      _once: formKey(page.html),
      seats: '2',
      'travellers.0.name': 'Иван Петров',
      'travellers.0.category': 'adult',
      'travellers.1.name': 'Мария Петрова',
      'travellers.1.category': 'child',
      'travellers.1.birthDate': '2018-05-17',
      'travellers.2.name': '',
      'travellers.2.category': 'adult',
      name: 'Иван Петров',
      phone: '+359888123456',
      email: 'ivan@example.com',
      message: '',
      website: '',
      ...extra,
    },
    lang,
  );
}

describe('the trips on sale', () => {
  beforeEach(async () => await setUp());

  it('lists only public trips that have not left, in the browser’s language or the one chosen', async () => {
    const trip = await publicTrip();
    await createDeparture(t, director, { title: 'Закрытый выезд для школы' });
    const ru = await get('/trips', 'ru');
    expect(ru.status).toBe(200);
    expect(ru.html).toContain('<html lang="ru"');
    expect(ru.html).toContain('Охрид и Струга');
    expect(ru.html).not.toContain('Закрытый выезд для школы');
    expect(ru.html).toContain('от 90,00');
    expect(ru.html).toContain('Осталось 49 мест');
    expect(ru.html).toContain(`href="/trips/${trip.id}"`);
    // Explicit choice wins over the browser's; every link keeps it.
    const bg = await get('/trips?lang=bg', 'ru');
    expect(bg.html).toContain('<html lang="bg"');
    expect(bg.html).toContain('Остават 49 места');
    expect(bg.html).toContain(`href="/trips/${trip.id}?lang=bg"`);
    expect(bg.html).toContain('href="/trips?lang=en"');
    // No browser language: the agency's.
    const plain = await t.app.request('/trips');
    expect(await plain.text()).toContain('<html lang="bg"');
    // Once it has left, it is gone from the list and its page.
    t.setNow(Date.parse(DEPARTS) + 60_000);
    expect((await get('/trips')).html).not.toContain('Охрид и Струга');
    expect((await get(`/trips/${trip.id}`)).status).toBe(404);
  });

  it('a trip’s page shows its description, stops, prices per category and seats left, with no inline script or style', async () => {
    const trip = await publicTrip();
    const page = await get(`/trips/${trip.id}`, 'ru');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Първи ден: Охрид.\nВтори ден: Струга.');
    expect(page.html).toContain('class="client-text"');
    expect(page.html).toContain('София, НДК');
    expect(page.html).toContain('07:10');
    expect(page.html).toContain('Взрослый');
    expect(page.html).toContain('Ребёнок');
    expect(page.html).toContain('150,00');
    expect(page.html).toContain('90,00');
    expect(page.html).toContain('Осталось 49 мест');
    expect(page.html).toContain('name="website"');
    expect(page.html).toMatch(/tabindex="-1"/);
    expect(page.html).not.toMatch(/style=|<script>/);
    const bg = await get(`/trips/${trip.id}`, 'bg');
    expect(bg.html).toContain('Възрастен');
    expect(bg.html).toContain('Резервирай');
    // A private trip is not found, whatever its id.
    const hidden = await createDeparture(t, director, {});
    expect((await get(`/trips/${hidden.id}`)).status).toBe(404);
  });
});

describe('booking on the trip’s page', () => {
  beforeEach(async () => await setUp());

  it('two travellers at two prices: redirected to the booking page, booked online at adult + child', async () => {
    const trip = await publicTrip();
    const booked = await bookTwo(trip.id);
    expect(booked.status).toBe(303);
    expect(booked.location).toMatch(/^\/b\/\d+\.\d+\.[\w-]+\?booked=1$/);
    const deal = (await t.call('GET', `/api/v1/deals/${dealIdOf(booked.location!)}`, { token: director })).body;
    expect(deal.source).toBe('online');
    expect(deal.seats).toBe(2);
    expect(deal.priceMinor).toBe(15000 + 9000);
    expect(deal.travellers.map((x: { name: string; category: string }) => [x.name, x.category])).toEqual([
      ['Иван Петров', 'adult'],
      ['Мария Петрова', 'child'],
    ]);
    const page = await get(booked.location!, 'en');
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    // The client's language (the page's when they booked), not the browser's.
    expect(page.html).toContain('<html lang="ru"');
    expect(page.html).toContain('Бронирование оформлено! Внесите предоплату 80,00');
  });

  it('the same form sent twice books once and shows the first booking', async () => {
    const trip = await publicTrip();
    const page = await get(`/trips/${trip.id}`);
    const key = formKey(page.html);
    const first = await bookTwo(trip.id, { _once: key });
    const again = await bookTwo(trip.id, { _once: key });
    expect(again.status).toBe(303);
    expect(again.location).toBe(first.location);
    expect(await dealsCount()).toBe(1);
    // Back, one more seat, sent again with the same key: still the first booking, nothing more booked.
    const changed = await bookTwo(trip.id, { _once: key, seats: '3' });
    expect(changed.status).toBe(303);
    expect(changed.location).toBe(first.location!.replace('booked=1', 'sent=1'));
    expect(await dealsCount()).toBe(1);
    expect((await get(changed.location!)).html).toContain('Эта форма уже была отправлена');
  });

  it('a bad e-mail comes back with the error in Russian, the values kept, nothing booked', async () => {
    const trip = await publicTrip();
    const refused = await bookTwo(trip.id, { email: 'ivan-at-example' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Введите адрес почты');
    expect(refused.html).toContain('value="ivan-at-example"');
    expect(refused.html).toContain('value="Мария Петрова"');
    expect(refused.html).toContain('aria-invalid="true"');
    expect(await dealsCount()).toBe(0);
    // A named row's bad birth date is beside that row.
    const badDate = await bookTwo(trip.id, { 'travellers.1.birthDate': '2018-02-31' });
    expect(badDate.status).toBe(400);
    expect(badDate.html).toMatch(/id="f-travellers\.1\.birthDate-error"/);
    expect(await dealsCount()).toBe(0);
  });

  it('the robots’ field filled: a neutral answer, nothing booked', async () => {
    const trip = await publicTrip();
    const robot = await bookTwo(trip.id, { website: 'http://spam.example' });
    expect(robot.status).toBe(200);
    expect(robot.html).toContain('Ваша заявка получена');
    expect(await dealsCount()).toBe(0);
  });

  it('a post from another site is refused by the origin check', async () => {
    const trip = await publicTrip();
    const response = await t.app.request(`/trips/${trip.id}/book`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: 'name=x',
    });
    expect(response.status).toBe(403);
    expect(await dealsCount()).toBe(0);
  });

  it('too many posts from one address: a friendly 429 page', async () => {
    await setUp({ intake: { limit: 2, origins: [] } });
    const trip = await publicTrip();
    expect((await bookTwo(trip.id, { email: 'bad' })).status).toBe(400);
    expect((await bookTwo(trip.id, { email: 'bad' })).status).toBe(400);
    const limited = await bookTwo(trip.id);
    expect(limited.status).toBe(429);
    expect(limited.html).toContain('Слишком много запросов');
    expect(await dealsCount()).toBe(0);
  });

  it('more seats than are left: says how many are left and offers the waiting list', async () => {
    const trip = await publicTrip({ seats: 1 });
    const refused = await bookTwo(trip.id);
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('Осталось только 1 место');
    expect(refused.html).toContain(`action="/trips/${trip.id}/waitlist"`);
    expect(await dealsCount()).toBe(0);
  });

  it('a sold-out trip says so and puts the client on the waiting list', async () => {
    const trip = await publicTrip({ seats: 2 });
    expect((await bookTwo(trip.id)).status).toBe(303);
    const page = await get(`/trips/${trip.id}`, 'bg');
    expect(page.html).toContain('Няма места');
    expect(page.html).not.toContain(`action="/trips/${trip.id}/book"`);
    expect(page.html).toContain(`action="/trips/${trip.id}/waitlist"`);
    const joined = await post(`/trips/${trip.id}/waitlist`, { name: 'Петя Иванова', phone: '+359888765432', email: 'petya@example.com', seats: '3', website: '' }, 'bg');
    expect(joined.status).toBe(200);
    expect(joined.html).toContain('Записани сте в списъка на чакащите');
    const list = await t.call('GET', `/api/v1/departures/${trip.id}/waitlist`, { token: director });
    expect(list.status).toBe(200);
    const entries = (list.body.items ?? list.body) as { seats: number; contactName?: string }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]!.seats).toBe(3);
    // A bad e-mail on the waiting-list form comes back beside it.
    const refused = await post(`/trips/${trip.id}/waitlist`, { name: 'Х', phone: '+359888000111', email: 'nope', seats: '1' }, 'bg');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="w-email-error"');
  });
});

describe('the client’s booking page', () => {
  it('shows the trip, the pickup, the travellers and the deposit due; paying goes to the provider', async () => {
    const provider = fakeProvider();
    await setUp({ payments: provider, agency: { ...AGENCY, onlinePayments: true } });
    const trip = await publicTrip();
    const booked = await bookTwo(trip.id, { stopId: String(trip.stops[1]!.id) });
    const path = booked.location!.split('?')[0]!;
    const page = await get(path);
    expect(page.html).toContain('Охрид и Струга');
    expect(page.html).toContain('Перник');
    expect(page.html).toContain('07:10');
    expect(page.html).toContain('Иван Петров');
    expect(page.html).toContain('Мария Петрова');
    expect(page.html).toContain('Предоплата 80,00');
    expect(page.html).toContain('Внести предоплату (80,00');
    expect(page.html).toContain('Оплатить весь остаток (240,00');
    expect(page.html).toContain(`href="${path}/trip.ics"`);
    expect(page.html).not.toContain('voucher.pdf');
    const paying = await post(`${path}/pay`, { purpose: 'deposit' });
    expect(paying.status).toBe(303);
    expect(paying.location).toBe('https://pay.example/cs_test_1');
    expect(provider.opened).toBe(1);
    // Back from the provider before its word came: "being confirmed".
    expect((await get(`${path}?paid=deposit`)).html).toContain('Платёж подтверждается');
  });

  it('without a provider: the agency’s payment instructions and the reference to quote', async () => {
    await setUp({ agency: { ...AGENCY, paymentInstructions: 'IBAN BG00 UNCR 0000 0000 0000 00\nОснование: номер на резервацията' } });
    const trip = await publicTrip();
    const booked = await bookTwo(trip.id, {}, 'bg');
    const path = booked.location!.split('?')[0]!;
    const page = await get(path, 'en');
    expect(page.html).toContain('<html lang="bg"');
    expect(page.html).toContain('IBAN BG00 UNCR 0000 0000 0000 00\nОснование: номер на резервацията');
    expect(page.html).not.toContain(`action="${path}/pay"`);
    const deal = (await t.call('GET', `/api/v1/deals/${dealIdOf(path)}`, { token: director })).body;
    expect(page.html).toContain(`При банков превод напишете ${deal.reference} в основанието за плащане`);
    // A pay button posted anyway says card payments are off, in the client’s words.
    const refused = await post(`${path}/pay`, { purpose: 'deposit' }, 'bg');
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('не може да се плаща с карта');
  });

  it('the travellers’ form saves a document number as the client’s change; after the deadline it is gone and refused', async () => {
    await setUp();
    const trip = await publicTrip();
    const booked = await bookTwo(trip.id, { seats: '3' });
    const path = booked.location!.split('?')[0]!;
    const dealId = dealIdOf(path);
    const page = await get(path);
    expect(page.html).toContain(`action="${path}/travellers"`);
    expect(page.html).toContain('Место пока без имени');
    const travellers = (await t.call('GET', `/api/v1/deals/${dealId}`, { token: director })).body.travellers as { id: number }[];
    const saved = await post(`${path}/travellers`, {
      'travellers.0.id': String(travellers[0]!.id),
      'travellers.0.name': 'Иван Петров',
      'travellers.0.birthDate': '1980-01-02',
      'travellers.0.documentNumber': 'AB1234567',
      'travellers.1.id': String(travellers[1]!.id),
      'travellers.1.name': 'Мария Петрова',
      'travellers.1.birthDate': '2018-05-17',
      'travellers.1.documentNumber': '',
      'travellers.2.name': 'Пётр Петров',
      'travellers.2.birthDate': '',
      'travellers.2.documentNumber': '',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${path}?saved=1`);
    const deal = (await t.call('GET', `/api/v1/deals/${dealId}`, { token: director })).body;
    expect(deal.travellers.map((x: { name: string; documentNumber: string | null }) => [x.name, x.documentNumber])).toEqual([
      ['Иван Петров', 'AB1234567'],
      ['Мария Петрова', null],
      ['Пётр Петров', null],
    ]);
    expect(deal.history.some((entry: { byClient: boolean }) => entry.byClient)).toBe(true);
    expect((await get(saved.location!)).html).toContain('Данные туристов сохранены');

    // An emptied name is refused beside its row, nothing changed.
    const refused = await post(`${path}/travellers`, { 'travellers.0.id': String(travellers[0]!.id), 'travellers.0.name': '' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="f-travellers.0.name-error"');

    // Two days before the trip: read-only, and a post changes nothing.
    t.setNow(Date.parse(DEPARTS) - 2 * 86_400_000);
    const closed = await get(path);
    expect(closed.html).not.toContain(`action="${path}/travellers"`);
    expect(closed.html).toContain('Изменить данные здесь уже нельзя');
    expect(closed.html).toContain(AGENCY.contacts);
    const late = await post(`${path}/travellers`, { 'travellers.0.id': String(travellers[0]!.id), 'travellers.0.documentNumber': 'ZZ0000000' });
    expect(late.status).toBe(409);
    expect(late.html).toContain('Изменить данные здесь уже нельзя');
    // The desk's session has run out meanwhile: a fresh one reads the booking.
    const later = (await t.as('director')).token;
    expect((await t.call('GET', `/api/v1/deals/${dealId}`, { token: later })).body.travellers[0].documentNumber).toBe('AB1234567');
  });

  it('a tampered link, another booking’s id with this signature, or a renewed link is not found', async () => {
    await setUp();
    const trip = await publicTrip();
    const path = (await bookTwo(trip.id)).location!.split('?')[0]!;
    const other = (await bookTwo(trip.id, { phone: '+359888000222', email: 'other@example.com' })).location!.split('?')[0]!;
    const token = path.slice('/b/'.length);
    const [id, version, signature] = token.split('.') as [string, string, string];
    const flipped = `${id}.${version}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    expect((await get(`/b/${flipped}`)).status).toBe(404);
    const otherId = other.slice('/b/'.length).split('.')[0]!;
    expect((await get(`/b/${otherId}.${version}.${signature}`)).status).toBe(404);
    expect((await post(`/b/${flipped}/travellers`, { 'travellers.0.name': 'X' })).status).toBe(404);
    expect((await get(`/b/${flipped}/trip.ics`)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/deals/${id}/manage-link`, { token: director })).status).toBe(201);
    expect((await get(path)).status).toBe(404);
  });

  it('the calendar entry parses: one event from the pickup to the return, at the stop; the voucher only once sent', async () => {
    await setUp({ agency: { ...AGENCY, publicUrl: 'https://desk.balkantour.test' } });
    const trip = await publicTrip();
    const booked = await bookTwo(trip.id, { stopId: String(trip.stops[1]!.id) });
    const path = booked.location!.split('?')[0]!;
    const ics = await get(`${path}/trip.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.html).toContain('BEGIN:VEVENT');
    const events = new ICAL.Component(ICAL.parse(ics.html)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]!);
    expect(event.summary).toBe('Охрид и Струга');
    expect(event.location).toContain('Перник');
    expect(event.startDate.toJSDate().getTime()).toBe(Date.parse(DEPARTS) + 40 * 60_000);
    expect(event.endDate.toJSDate().getTime()).toBe(Date.parse('2027-10-31T21:00:00+03:00'));
    expect(events[0]!.getFirstPropertyValue('url')).toBe(`https://desk.balkantour.test${path}`);

    expect((await get(`${path}/voucher.pdf`)).status).toBe(404);
    const dealId = dealIdOf(path);
    await pay(t, director, dealId, 24000);
    expect((await t.call('POST', `/api/v1/deals/${dealId}/voucher/send`, { token: director })).status).toBeLessThan(300);
    const page = await get(path);
    expect(page.html).toContain(`href="${path}/voucher.pdf"`);
    expect(page.html).toContain('Оплачено полностью');
    const voucher = await t.app.request(`${path}/voucher.pdf`);
    expect(voucher.status).toBe(200);
    expect(voucher.headers.get('content-type')).toBe('application/pdf');
  });

  it('a booking cancelled unpaid says so and offers no forms', async () => {
    await setUp();
    const trip = await publicTrip();
    const path = (await bookTwo(trip.id)).location!.split('?')[0]!;
    expect((await t.call('POST', `/api/v1/deals/${dealIdOf(path)}/cancel`, { token: director, body: { reason: 'unpaid_online' } })).status).toBe(200);
    const page = await get(path);
    expect(page.html).toContain('предоплата не поступила вовремя');
    expect(page.html).not.toContain('<form method="post"');
    expect((await get(`${path}/trip.ics`)).status).toBe(404);
  });
});

describe('the agency’s site script', () => {
  it('is plain JavaScript with every language’s words, cached a short while', async () => {
    await setUp();
    const response = await t.app.request('/trips/embed.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/javascript');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const script = await response.text();
    expect(script).toContain('/api/v1/public/departures');
    expect(script).toContain('tourdesk-trips');
    expect(script).toContain('Свободни места: {n}');
    expect(script).not.toContain('__WORDS__');
    expect(() => new Function(script)).not.toThrow();
    expect(script.split('\n').length).toBeLessThan(80);
  });
});
