import { describe, expect, it } from 'vitest';
import { paymentEvents } from '../../src/db/schema/index.js';
import { FORGED_KEPT_PER_HOUR } from '../../src/domain/online/index.js';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { SignatureRefused } from '../../src/payments/provider.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { AGENCY, DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

const HOUR = 3_600_000;

async function setUp(options: Parameters<typeof makeTestApp>[0] = {}) {
  const t = await makeTestApp({ intake: { limit: 50, origins: ['https://agency.example'] }, ...options });
  const director = await t.as('director');
  const trip = await createDeparture(t, director.token, {
    title: 'Мелник и Роженски манастир',
    public: true,
    description: 'Винена дегустация.\nОбяд в Мелник.',
    seats: 10,
    priceMinor: 6000,
    depositMinor: 2000,
    prices: [
      { category: 'adult', priceMinor: 6000, depositMinor: 2000 },
      { category: 'child', label: 'Дете до 12', priceMinor: 3000, depositMinor: 1000 },
    ],
    stops: [
      { name: 'НДК', offsetMinutes: 0 },
      { name: 'Перник', address: 'гара', offsetMinutes: 30 },
    ],
  });
  return { t, director, trip };
}

const booking = (departureId: number, overrides: Record<string, unknown> = {}) => ({
  departureId,
  name: 'Мария Иванова',
  phone: '0887 123 456',
  email: 'maria@example.test',
  seats: 2,
  travellers: [
    { name: 'Мария Иванова', category: 'adult' },
    { name: 'Петър Иванов', category: 'child', birthDate: '2018-04-02' },
  ],
  ...overrides,
});

const tokenOf = (manageUrl: string) => manageUrl.split('/b/')[1]!;

async function book(t: TestApp, departureId: number, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return await t.call('POST', '/api/v1/public/bookings', { body: booking(departureId, overrides), headers, address: '203.0.113.7' });
}

describe('selling online', () => {
  it('lists public trips that have not left, with stops, prices and seats left, and lets the agency site read them', async () => {
    const { t, director, trip } = await setUp();
    await createDeparture(t, director.token, { title: 'Private group' });
    const list = await t.call('GET', '/api/v1/public/departures', { headers: { Origin: 'https://agency.example' } });
    expect(list.status).toBe(200);
    expect(list.headers.get('access-control-allow-origin')).toBe('https://agency.example');
    const titles = list.body.items.map((d: { title: string }) => d.title);
    expect(titles).toContain('Мелник и Роженски манастир');
    expect(titles).not.toContain('Private group');
    const shown = list.body.items.find((d: { id: number }) => d.id === trip.id);
    expect(shown).toMatchObject({ description: 'Винена дегустация.\nОбяд в Мелник.', currency: 'EUR', seatsLeft: 10 });
    expect(shown.prices).toEqual([
      { category: 'adult', label: null, priceMinor: 6000, depositMinor: 2000 },
      { category: 'child', label: 'Дете до 12', priceMinor: 3000, depositMinor: 1000 },
    ]);
    expect(shown.stops.map((s: { name: string }) => s.name)).toEqual(['НДК', 'Перник']);
    expect(shown.stops[1].departsAt).toBe(new Date(Date.parse(shown.departsAt) + 30 * 60_000).toISOString());
    // Nothing of the desk leaks: no bookings, no costs, no staff.
    expect(Object.keys(shown)).not.toEqual(expect.arrayContaining(['seatsBooked', 'costs', 'managerId', 'operatorId']));
    const privateTrip = (await createDeparture(t, director.token, { title: 'Hidden' })).id;
    expect((await t.call('GET', `/api/v1/public/departures/${privateTrip}`)).status).toBe(404);
  });

  it('books at once: a new client card, seats taken, the deposit due within hours, the booking page link', async () => {
    const { t, director, trip } = await setUp();
    const answer = await book(t, trip.id);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ reference: expect.any(String), manageUrl: expect.stringMatching(/\/b\/[\w.-]+$/), depositDueAt: new Date(t.now + 24 * HOUR).toISOString() });
    const deals = (await t.call('GET', `/api/v1/deals?departureId=${trip.id}`, { token: director.token })).body.items;
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ source: 'online', seats: 2, priceMinor: 9000, depositDueMinor: 3000, createdBy: null, manageUrl: answer.body.manageUrl });
    expect((await t.call('GET', `/api/v1/public/departures/${trip.id}`)).body.seatsLeft).toBe(8);
    const contact = (await t.call('GET', `/api/v1/contacts/${deals[0].contactId}`, { token: director.token })).body;
    expect(contact).toMatchObject({ name: 'Мария Иванова', phone: '+359887123456', email: 'maria@example.test', locale: 'bg' });
    // The confirmation with the link is queued for the client.
    const mails = (await t.call('GET', `/api/v1/notifications?dealId=${deals[0].id}`, { token: director.token })).body.items;
    expect(mails.map((m: { kind: string }) => m.kind)).toEqual(['booking_confirmation']);
  });

  it('refuses what it cannot sell, naming why, and changes nothing', async () => {
    const { t, director, trip } = await setUp();
    const bad = await book(t, trip.id, { email: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toHaveProperty('email');
    const tooMany = await book(t, trip.id, { seats: 11, travellers: [] });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({ code: 'sold_out', details: { seatsLeft: 10 } });
    const privateTrip = (await createDeparture(t, director.token, { title: 'Private' })).id;
    expect((await book(t, privateTrip)).status).toBe(404);
    const wrongCategory = await book(t, trip.id, { travellers: [{ name: 'X', category: 'senior' }] });
    expect(wrongCategory.status).toBe(400);
    expect(wrongCategory.body.error.details).toHaveProperty(['travellers.0.category']);
    expect((await t.call('GET', `/api/v1/deals?departureId=${trip.id}`, { token: director.token })).body.items).toHaveLength(0);
    expect((await t.call('GET', '/api/v1/contacts?q=Мария', { token: director.token })).body.items).toHaveLength(0);
  });

  it('a robot filling the honeypot books nothing; an address posting too often is told to wait', async () => {
    const { t, director, trip } = await setUp({ intake: { limit: 3, origins: [] } });
    const robot = await t.call('POST', '/api/v1/public/bookings', { body: { ...booking(trip.id), website: 'http://spam' }, address: '198.51.100.1' });
    expect(robot.status).toBe(202);
    expect((await t.call('GET', `/api/v1/deals?departureId=${trip.id}`, { token: director.token })).body.items).toHaveLength(0);
    for (let i = 0; i < 2; i++) await t.call('POST', '/api/v1/public/bookings', { body: { departureId: trip.id }, address: '198.51.100.1' });
    const limited = await t.call('POST', '/api/v1/public/bookings', { body: booking(trip.id), address: '198.51.100.1' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });

  it('the same Idempotency-Key books once', async () => {
    const { t, director, trip } = await setUp();
    const first = await book(t, trip.id, {}, { 'Idempotency-Key': 'form-1' });
    const again = await book(t, trip.id, {}, { 'Idempotency-Key': 'form-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.manageUrl).toBe(first.body.manageUrl);
    expect((await t.call('GET', `/api/v1/deals?departureId=${trip.id}`, { token: director.token })).body.items).toHaveLength(1);
  });

  it('the same client sending the same booking again within minutes (Back, then send, without a key) gets the first; later it is a new booking', async () => {
    const { t, director, trip } = await setUp();
    const first = await book(t, trip.id);
    t.advance(5 * 60_000);
    const again = await book(t, trip.id);
    expect(again.status).toBe(200);
    expect(again.body.manageUrl).toBe(first.body.manageUrl);
    const otherTravellers = await book(t, trip.id, { travellers: [{ name: 'Мария Иванова' }, { name: 'Иван Иванов' }] });
    expect(otherTravellers.status).toBe(201);
    t.advance(11 * 60_000);
    expect((await book(t, trip.id)).status).toBe(201);
    expect((await t.call('GET', `/api/v1/deals?departureId=${trip.id}`, { token: director.token })).body.items).toHaveLength(3);
  });

  it("a known client's card is found by phone and never overwritten; what differs is noted; their inquiry becomes booked; the manager has it on My day", async () => {
    const { t, director, trip } = await setUp();
    const manager = await t.as('manager');
    const known = await createContact(t, director.token, { name: 'Мария Петрова Иванова', phone: '+359887123456', email: 'old@example.test', managerId: manager.id });
    const inquiry = (await t.call('POST', '/api/v1/inquiries', { token: director.token, body: { name: 'Мария', phone: '+359887123456', message: 'Мелник?' } })).body.inquiry;
    const answer = await book(t, trip.id, { name: 'Maria Ivanova' });
    expect(answer.status).toBe(201);
    const card = (await t.call('GET', `/api/v1/contacts/${known.id}`, { token: director.token })).body;
    expect(card).toMatchObject({ name: 'Мария Петрова Иванова', email: 'old@example.test' });
    expect(card.communications.map((c: { channel: string; summary: string }) => [c.channel, c.summary])).toContainEqual(['note', expect.stringMatching(/«Maria Ivanova» · maria@example\.test/)]);
    expect((await t.call('GET', `/api/v1/inquiries/${inquiry.id}`, { token: director.token })).body.status).toBe('booked');
    const day = (await t.call('GET', `/api/v1/worklists/my-day?managerId=${manager.id}`, { token: manager.token })).body.items;
    expect(day.map((item: { contactId: number }) => item.contactId)).toContain(known.id);
  });
});

describe("the client's booking page (JSON)", () => {
  it('shows this booking only, and a tampered, foreign or renewed token finds nothing', async () => {
    const { t, director, trip } = await setUp();
    const answer = await book(t, trip.id, { stopId: undefined });
    const token = tokenOf(answer.body.manageUrl);
    const page = await t.call('GET', `/api/v1/public/bookings/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      reference: answer.body.reference,
      trip: { title: 'Мелник и Роженски манастир' },
      pickup: { name: 'НДК' },
      seats: 2,
      money: { currency: 'EUR', priceMinor: 9000, paidMinor: 0, next: { purpose: 'deposit', amountMinor: 3000 } },
      editable: true,
      voucher: false,
    });
    expect(page.body.travellers.map((x: { name: string }) => x.name)).toEqual(['Мария Иванова', 'Петър Иванов']);
    // No phone, e-mail or card name of the client: the page is for whoever holds the link.
    expect(JSON.stringify(page.body)).not.toMatch(/maria@example|887123456/);

    const other = await createDeal(t, director.token, { departureId: trip.id, seats: 1 });
    const [id, version, signature] = token.split('.');
    for (const forged of [`${id}.${version}.${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`, `${other.id}.${version}.${signature}`, `${id}.${Number(version) + 1}.${signature}`, 'x', `${token}.1`]) {
      expect((await t.call('GET', `/api/v1/public/bookings/${forged}`)).status).toBe(404);
    }
    const renewed = await t.call('POST', `/api/v1/deals/${page.body.manageUrl ? (await t.call('GET', `/api/v1/deals?departureId=${trip.id}`, { token: director.token })).body.items[0].id : 0}/manage-link`, { token: director.token });
    expect(renewed.status).toBe(201);
    expect((await t.call('GET', `/api/v1/public/bookings/${token}`)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/public/bookings/${tokenOf(renewed.body.manageUrl)}`)).status).toBe(200);
  });

  it('takes corrections of the travellers until the deadline, each in the history as the client’s; complete details are the documents when the agency says so', async () => {
    const { t, director, trip } = await setUp({ agency: { ...AGENCY, clientDetailsCompleteDocuments: true, travellerEditDays: 3 } });
    const answer = await book(t, trip.id);
    const token = tokenOf(answer.body.manageUrl);
    const page = (await t.call('GET', `/api/v1/public/bookings/${token}`)).body;
    const [mother, son] = page.travellers;
    const saved = await t.call('PATCH', `/api/v1/public/bookings/${token}`, { body: { travellers: [{ id: mother.id, birthDate: '1985-01-20', documentNumber: '381234567' }, { id: son.id, documentNumber: '389999999' }] } });
    expect(saved.status).toBe(200);
    expect(saved.body.travellers.map((x: { documentNumber: string }) => x.documentNumber)).toEqual(['381234567', '389999999']);
    expect(saved.body.documentsReceived).toBe(true);
    const deal = (await t.call('GET', `/api/v1/deals?departureId=${trip.id}`, { token: director.token })).body.items[0];
    const full = (await t.call('GET', `/api/v1/deals/${deal.id}`, { token: director.token })).body;
    expect(full.status).toBe('documents_received');
    expect(full.history.filter((h: { byClient: boolean }) => h.byClient).map((h: { note: string }) => h.note)).toEqual(
      expect.arrayContaining([expect.stringContaining('Мария Иванова (birthDate, documentNumber)'), 'travellers complete']),
    );
    // Another booking's traveller cannot be touched through this link.
    const other = await createDeal(t, director.token, { departureId: trip.id, seats: 1, travellers: [{ name: 'Чужд' }] });
    const foreign = await t.call('PATCH', `/api/v1/public/bookings/${token}`, { body: { travellers: [{ id: other.travellers[0].id, name: 'Hacked' }] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toHaveProperty(['travellers.0.id']);
    expect((await t.call('GET', `/api/v1/deals/${other.id}`, { token: director.token })).body.travellers[0].name).toBe('Чужд');

    // Three days before departure the form closes.
    t.setNow(Date.parse(trip.departsAt) - 3 * 24 * HOUR + 1);
    const late = await t.call('PATCH', `/api/v1/public/bookings/${token}`, { body: { travellers: [{ id: son.id, name: 'Петър' }] } });
    expect(late.status).toBe(409);
    expect(late.body.error.details).toMatchObject({ reason: 'edit_closed' });
    expect((await t.call('GET', `/api/v1/public/bookings/${token}`)).body).toMatchObject({ editable: false, travellers: [{ name: 'Мария Иванова' }, { name: 'Петър Иванов' }] });
  });

  it('names seats booked without a name, never more than the seats', async () => {
    const { t, director, trip } = await setUp();
    const deal = await createDeal(t, director.token, { departureId: trip.id, seats: 2 });
    const token = tokenOf(deal.manageUrl);
    const named = await t.call('PATCH', `/api/v1/public/bookings/${token}`, { body: { travellers: [{ name: 'Иван' }, { name: 'Анна', documentNumber: 'AB1' }] } });
    expect(named.status).toBe(200);
    expect(named.body.travellers.map((x: { name: string }) => x.name)).toEqual(['Иван', 'Анна']);
    const third = await t.call('PATCH', `/api/v1/public/bookings/${token}`, { body: { travellers: [{ name: 'Трети' }] } });
    expect(third.status).toBe(400);
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token: director.token })).body.priceMinor).toBe(12000);
  });
});

describe('unpaid online bookings', () => {
  it('are cancelled by the scheduler after ONLINE_DEPOSIT_HOURS with nothing paid, seats freed; paid, office and given-more-time bookings stay', async () => {
    const { t, director, trip } = await setUp({ agency: { ...AGENCY, onlineDepositHours: 24 } });
    const unpaid = await book(t, trip.id);
    const paid = await book(t, trip.id, { phone: '0887000111', email: 'paid@example.test' });
    const moved = await book(t, trip.id, { phone: '0887000222', email: 'moved@example.test' });
    const office = await createDeal(t, director.token, { departureId: trip.id, seats: 1 });
    const deals = (await t.call('GET', `/api/v1/deals?departureId=${trip.id}`, { token: director.token })).body.items as { id: number; manageUrl: string }[];
    const idOf = (url: string) => deals.find((d) => d.manageUrl === url)!.id;
    await pay(t, director.token, idOf(paid.body.manageUrl), 3000);
    const later = new Date(t.now + 72 * HOUR).toISOString();
    expect((await t.call('PATCH', `/api/v1/deals/${idOf(moved.body.manageUrl)}`, { token: director.token, body: { depositDueAt: later } })).status).toBe(200);
    t.advance(23 * HOUR);
    expect(await runNotifierPass(t.ctx, memoryMailer())).toMatchObject({ unpaidOnlineCancelled: 0 });
    t.advance(2 * HOUR);
    expect(await runNotifierPass(t.ctx, memoryMailer())).toMatchObject({ unpaidOnlineCancelled: 1 });
    // A day on, the morning's session has ended: sign in again.
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    const after = (id: number) => t.call('GET', `/api/v1/deals/${id}`, { token }).then((a) => a.body);
    expect(await after(idOf(unpaid.body.manageUrl))).toMatchObject({ status: 'cancelled', cancelReason: 'unpaid_online' });
    expect((await after(idOf(paid.body.manageUrl))).status).toBe('deposit_paid');
    expect((await after(idOf(moved.body.manageUrl))).status).not.toBe('cancelled');
    expect((await after(office.id)).status).not.toBe('cancelled');
    expect((await t.call('GET', `/api/v1/public/departures/${trip.id}`)).body.seatsLeft).toBe(10 - 2 - 2 - 1);
    // The client's page says it is cancelled; nothing is offered to pay.
    const page = (await t.call('GET', `/api/v1/public/bookings/${tokenOf(unpaid.body.manageUrl)}`)).body;
    expect(page).toMatchObject({ cancelled: true, payOnline: false, editable: false, money: { next: null } });
  });
});

describe("the provider's webhook", () => {
  it('refuses an unsigned call with 400, keeps why, and keeps no more than its hourly cap of them', async () => {
    const payments = {
      openCheckout: async () => ({ id: 'cs_x', url: 'https://pay.example/cs_x' }),
      readEvent: () => {
        throw new SignatureRefused('No signatures found matching the expected signature for payload');
      },
    };
    const t = await makeTestApp({ payments });
    const posts = Array.from({ length: FORGED_KEPT_PER_HOUR + 5 }, () => t.call('POST', '/api/v1/public/payments/webhook', { raw: '{}', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=00' } }));
    const answers = await Promise.all(posts);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([400]));
    expect(answers[0]!.body.error.details).toHaveProperty('Stripe-Signature');
    const kept = await t.ctx().db.select().from(paymentEvents).all();
    expect(kept).toHaveLength(FORGED_KEPT_PER_HOUR);
    expect(kept[0]).toMatchObject({ outcome: 'forged', dealId: null });
    t.advance(HOUR + 1);
    await t.call('POST', '/api/v1/public/payments/webhook', { raw: '{}', headers: { 'Stripe-Signature': 't=1,v1=00' } });
    expect(await t.ctx().db.select().from(paymentEvents).all()).toHaveLength(FORGED_KEPT_PER_HOUR + 1);
  });

  it('is not there without a provider', async () => {
    const t = await makeTestApp();
    expect((await t.call('POST', '/api/v1/public/payments/webhook', { raw: '{}' })).status).toBe(404);
  });
});
