import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A token as a rendered form carries it. */
const token = () => randomBytes(18).toString('base64url');
const onceOf = (html: string) => /name="_once" value="([^"]+)"/.exec(html)![1]!;
const count = async (table: string) => ((await t.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get()) as { n: number }).n;
const paymentsOf = async (dealId: number) => (await t.database.sqlite.prepare('SELECT count(*) AS n FROM payments WHERE deal_id = ?').get(dealId) as { n: number }).n;
/** The page a redirect leads to, as the browser would open it. */
const follow = (client: Awaited<ReturnType<typeof pageClient>>, location: string | null, lang = 'en') => client.get(location!, lang);

const DEPARTURE_FORM = { title: 'Охрид 29.10', departsAt: '2027-01-20T06:30', meetingPoint: 'НДК', seats: '40', price: '150', deposit: '50', currency: 'EUR', timeZone: 'Europe/Sofia' };

describe('a form sent twice does its work once', () => {
  it('a departure form sent again with its token creates no second trip and says where the first went', async () => {
    const client = await pageClient(t, DIRECTOR);
    const form = await client.get('/departures/new');
    const once = onceOf(form.html);
    expect(once.length).toBeGreaterThanOrEqual(22);
    const first = await client.post('/departures/new', { ...DEPARTURE_FORM, _once: once }, 'en');
    expect(first.status).toBe(303);
    const tripPath = new URL(first.location!, 'http://x').pathname;
    const planned = await count('tasks');
    const second = await client.post('/departures/new', { ...DEPARTURE_FORM, _once: once }, 'en');
    expect(second.status).toBe(303);
    expect(await count('departures')).toBe(1);
    expect(new URL(second.location!, 'http://x').pathname).toBe(tripPath);
    const page = await follow(client, second.location);
    expect(page.html).toContain('Already created — this form was already sent.');
    expect(page.html).toContain(`<a href="${tripPath}">Open the departure</a>`);
    for (const [lang, words] of [['ru', 'Выезд уже создан — эта форма уже была отправлена.'], ['bg', 'Екскурзията вече е създадена — този формуляр вече беше изпратен.']] as const) {
      expect((await follow(client, second.location, lang)).html).toContain(words);
    }
    // Nor was the trip's plan made twice.
    expect(await count('tasks')).toBe(planned);
  });

  it('a double tap (the same token twice at once) records one payment, and both answers lead to the booking', async () => {
    const client = await pageClient(t, DIRECTOR);
    const deal = await createDeal(t, director, { seats: 2 });
    const once = token();
    const form = { amount: '50', method: 'cash', back: `/deals/${deal.id}`, _once: once };
    const answers = await Promise.all([client.post(`/deals/${deal.id}/payments`, form), client.post(`/deals/${deal.id}/payments`, form)]);
    expect(answers.map((a) => a.status)).toEqual([303, 303]);
    expect(await paymentsOf(deal.id)).toBe(1);
    expect(answers.filter((a) => a.location!.includes('done=sentBefore'))).toHaveLength(1);
    const page = await follow(client, answers.find((a) => a.location!.includes('done=sentBefore'))!.location);
    expect(page.html).toContain('Already recorded — this form was already sent.');
    expect(page.html).toContain(`<a href="/deals/${deal.id}">Open the booking</a>`);
  });

  it('every form that creates something or moves money: sent again with its token, it does nothing and says so', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, director, { seats: 40 });
    const full = await createDeparture(t, director, { seats: 1 });
    await createDeal(t, director, { departureId: full.id, seats: 1 });
    const contact = await createContact(t, director, { marketingOptIn: true });
    const inquiry = (await t.call('POST', '/api/v1/inquiries', { token: director, body: { name: 'Питаща', phone: '+359888111222', message: 'Охрид' } })).body;
    const paid = await createDeal(t, director, { departureId: departure.id, seats: 1 });
    await pay(t, director, paid.id, 15000);
    const owing = await createDeal(t, director, { departureId: departure.id, seats: 1 });
    const cancelled = await createDeal(t, director, { departureId: departure.id, seats: 1 });
    const paidToo = await createDeal(t, director, { departureId: departure.id, seats: 1 });
    await pay(t, director, paidToo.id, 15000);
    // Seats held for a waiting client: the one booking on a one-seat bus is cancelled while they wait.
    const small = await createDeparture(t, director, { seats: 1 });
    const leaving = await createDeal(t, director, { departureId: small.id, seats: 1 });
    const waiting = (await t.call('POST', `/api/v1/departures/${small.id}/waitlist`, { token: director, body: { contactId: contact.id, seats: 1 } })).body;
    await t.call('POST', `/api/v1/deals/${leaving.id}/cancel`, { token: director, body: { reason: 'болест' } });
    const campaignId = (await t.call('POST', '/api/v1/campaigns', { token: director, body: { name: 'Есен', subject: 'Есен', body: 'Пътувайте с нас', segment: {} } })).body.id;
    const cases: { name: string; path: string; form: Record<string, string>; made: () => Promise<number> }[] = [
      { name: 'new departure', path: '/departures/new', form: DEPARTURE_FORM, made: () => count('departures') },
      { name: 'copy of a departure', path: `/departures/${departure.id}/copy`, form: { departsAt: '2028-02-01T07:00' }, made: () => count('departures') },
      { name: 'payment', path: `/deals/${owing.id}/payments`, form: { amount: '20', method: 'cash' }, made: () => count('payments') },
      { name: 'booking from the roster', path: `/departures/${departure.id}/bookings`, form: { contactId: String(contact.id), seats: '1' }, made: () => count('deals') },
      { name: 'new client and booking', path: `/departures/${departure.id}/bookings/new-client`, form: { name: 'Нов Клиент', phone: '+359 88 800 0111', seats: '2' }, made: () => count('deals') },
      { name: 'waiting list from the roster', path: `/departures/${full.id}/waitlist`, form: { contactId: String(contact.id), seats: '1' }, made: () => count('waitlist_entries') },
      { name: 'booking from an inquiry', path: `/inquiries/${inquiry.inquiry?.id ?? inquiry.id}/book`, form: { departureId: String(departure.id), seats: '1' }, made: () => count('deals') },
      { name: 'waiting list from an inquiry', path: `/inquiries/${inquiry.inquiry?.id ?? inquiry.id}/waitlist`, form: { departureId: String(full.id), seats: '1' }, made: () => count('waitlist_entries') },
      { name: 'the held seats booked', path: `/waitlist/${waiting.id}/book`, form: {}, made: () => count('deals') },
      { name: 'new inquiry', path: '/inquiries', form: { name: 'Питащ Човек', phone: '+359888777666', message: 'Охрид за двама' }, made: () => count('inquiries') },
      { name: 'new client', path: '/contacts', form: { name: 'Само Име', email: 'samo@example.com' }, made: () => count('contacts') },
      { name: 'a call logged', path: `/contacts/${contact.id}/communications`, form: { channel: 'call', summary: 'Обади се за Охрид' }, made: () => count('communications') },
      { name: 'new task', path: '/tasks', form: { title: 'Обади се на хотела', dueAt: '2026-11-25T10:00', assigneeId: '1' }, made: () => count('tasks') },
      { name: 'new campaign', path: '/campaigns', form: { name: 'Пролет', subject: 'Пролет', body: 'Нови екскурзии' }, made: () => count('campaigns') },
      { name: 'new staff account', path: '/users', form: { email: 'new@agency.test', name: 'Нов Служител', role: 'manager', password: 'a-long-password-1' }, made: () => count('users') },
      { name: 'vouchers of a trip', path: `/departures/${departure.id}/vouchers`, form: {}, made: () => count('notifications') },
      { name: 'voucher of a booking', path: `/deals/${paid.id}/voucher`, form: {}, made: () => count('notifications') },
      { name: 'campaign sent', path: `/campaigns/${campaignId}/send`, form: {}, made: () => count('notifications') },
      { name: 'cancellation', path: `/deals/${cancelled.id}/cancel`, form: { reason: 'болест' }, made: () => count("deals WHERE cancelled_at IS NOT NULL") },
    ];
    for (const one of cases) {
      const before = await one.made();
      const form = { ...one.form, _once: token() };
      const first = await client.post(one.path, form, 'en');
      expect(first.status, `${one.name}: ${first.html.slice(0, 300)}`).toBe(303);
      expect(first.location, one.name).not.toContain('sentBefore');
      const afterFirst = await one.made();
      expect(afterFirst, one.name).toBeGreaterThan(before);
      const again = await client.post(one.path, form, 'en');
      expect(again.status, one.name).toBe(303);
      expect(again.location, one.name).toContain('done=sentBefore');
      expect(await one.made(), one.name).toBe(afterFirst);
      expect((await follow(client, again.location)).html, one.name).toMatch(/Already [a-z ]+ — this form was already sent/);
    }
  });

  it('a double tap on the forms that could be done twice (the same token at the same moment) has one effect', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, director, { seats: 40 });
    const contact = await createContact(t, director);
    const owing = await createDeal(t, director, { departureId: departure.id, seats: 2 });
    const cases: { name: string; path: string; form: Record<string, string>; made: () => Promise<number> }[] = [
      { name: 'new departure', path: '/departures/new', form: DEPARTURE_FORM, made: () => count('departures') },
      { name: 'copy of a departure', path: `/departures/${departure.id}/copy`, form: { departsAt: '2028-02-01T07:00' }, made: () => count('departures') },
      { name: 'payment', path: `/deals/${owing.id}/payments`, form: { amount: '20', method: 'cash' }, made: () => count('payments') },
      { name: 'booking from the roster', path: `/departures/${departure.id}/bookings`, form: { contactId: String(contact.id), seats: '1' }, made: () => count('deals') },
      { name: 'new client and booking', path: `/departures/${departure.id}/bookings/new-client`, form: { name: 'Нов Клиент', phone: '+359 88 800 0111', seats: '2' }, made: () => count('deals') },
      { name: 'new client', path: '/contacts', form: { name: 'Само Име', email: 'samo@example.com' }, made: () => count('contacts') },
      { name: 'a call logged', path: `/contacts/${contact.id}/communications`, form: { channel: 'call', summary: 'Обади се за Охрид' }, made: () => count('communications') },
      { name: 'new task', path: '/tasks', form: { title: 'Обади се на хотела', dueAt: '2026-11-25T10:00', assigneeId: '1' }, made: () => count('tasks') },
      { name: 'new campaign', path: '/campaigns', form: { name: 'Пролет', subject: 'Пролет', body: 'Нови екскурзии' }, made: () => count('campaigns') },
      { name: 'new webhook', path: '/webhooks', form: { url: 'https://hooks.example.com/in', 'event_deal.created': 'on' }, made: () => count('webhooks') },
    ];
    for (const one of cases) {
      const before = await one.made();
      const form = { ...one.form, _once: token() };
      const pair = await Promise.all([client.post(one.path, form, 'en'), client.post(one.path, form, 'en')]);
      expect(pair.filter((a) => a.status === 303 && a.location!.includes('done=sentBefore')), one.name).toHaveLength(1);
      expect(await one.made(), one.name).toBe(before + 1);
    }
  });

  it('a webhook form posted again (a reload of the page that showed the secret) adds none and shows the list without the secret', async () => {
    const client = await pageClient(t, DIRECTOR);
    const form = { url: 'https://hooks.example.com/tourdesk', 'event_deal.created': 'on', _once: token() };
    const made = await client.post('/webhooks', form, 'en');
    expect(made.status).toBe(200);
    const secret = /id="webhook-secret"[^>]*value="(whsec_[^"]+)"/.exec(made.html)![1]!;
    const reloaded = await client.post('/webhooks', form, 'en');
    expect(reloaded.status).toBe(303);
    expect(await count('webhooks')).toBe(1);
    const page = await follow(client, reloaded.location);
    expect(page.html).toContain('Already subscribed — this form was already sent.');
    expect(page.html).not.toContain(secret);
    expect(page.html).toContain('https://hooks.example.com/tourdesk');
  });

  it('a refused submit keeps nothing: the corrected form with the same token goes through, once', async () => {
    const client = await pageClient(t, DIRECTOR);
    const deal = await createDeal(t, director);
    const once = token();
    const refused = await client.post(`/deals/${deal.id}/payments`, { amount: '12abc', method: 'cash', _once: once });
    expect(refused.status).toBe(400);
    expect(await paymentsOf(deal.id)).toBe(0);
    const corrected = await client.post(`/deals/${deal.id}/payments`, { amount: '12', method: 'cash', _once: once });
    expect(corrected.status).toBe(303);
    expect(corrected.location).toContain('done=payment');
    expect((await client.post(`/deals/${deal.id}/payments`, { amount: '12', method: 'cash', _once: once })).location).toContain('done=sentBefore');
    expect(await paymentsOf(deal.id)).toBe(1);
  });

  it('a token is one person’s: another member of staff sending the same token is not taken for the first', async () => {
    const deal = await createDeal(t, director, { seats: 2 });
    await t.as('manager');
    const manager = await pageClient(t, { email: 'manager2@agency.test', password: 'password-123' });
    const boss = await pageClient(t, DIRECTOR);
    const once = token();
    expect((await boss.post(`/deals/${deal.id}/payments`, { amount: '10', method: 'cash', _once: once })).location).toContain('done=payment');
    expect((await manager.post(`/deals/${deal.id}/payments`, { amount: '20', method: 'card', _once: once })).location).toContain('done=payment');
    expect((await boss.post(`/deals/${deal.id}/payments`, { amount: '10', method: 'cash', _once: once })).location).toContain('done=sentBefore');
    expect(await paymentsOf(deal.id)).toBe(2);
  });

  it('a token that is not one of ours is a 400 naming it, and nothing is done', async () => {
    const client = await pageClient(t, DIRECTOR);
    const answer = await client.post('/departures/new', { ...DEPARTURE_FORM, _once: '<script>' }, 'en');
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('_once');
    expect(await count('departures')).toBe(0);
  });
});

describe('without JavaScript: Back fetches the form with a new token', () => {
  it('the same values again within minutes are asked about ("already recorded 3 minutes ago"), and "record it again" works once', async () => {
    const client = await pageClient(t, DIRECTOR);
    const deal = await createDeal(t, director, { seats: 3 });
    const values = { amount: '40', method: 'cash', back: `/deals/${deal.id}` };
    expect((await client.post(`/deals/${deal.id}/payments`, { ...values, _once: token() }, 'en')).status).toBe(303);
    t.advance(3 * MINUTE);
    const asked = await client.post(`/deals/${deal.id}/payments`, { ...values, idempotencyKey: 'another-render', _once: token() }, 'en');
    expect(asked.status).toBe(409);
    expect(asked.html).toContain('This payment was already recorded 3 minutes ago.');
    expect(asked.html).toContain(`href="/deals/${deal.id}"`);
    expect(await paymentsOf(deal.id)).toBe(1);
    for (const [lang, words] of [['ru', 'Эта оплата уже записана 3 минуты назад.'], ['bg', 'Това плащане вече беше записано преди 3 минути.']] as const) {
      expect((await client.post(`/deals/${deal.id}/payments`, { ...values, _once: token() }, lang)).html).toContain(words);
    }
    // The button sends the same values with the flag and a token of its own: once, however often it is pressed.
    const again = Object.fromEntries([...asked.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replaceAll('&amp;', '&')]));
    expect(again).toMatchObject({ ...values, _again: '1' });
    expect(again.idempotencyKey).toBeUndefined();
    const { _csrf: _, ...resent } = again;
    expect((await client.post(`/deals/${deal.id}/payments`, resent, 'en')).location).toContain('done=payment');
    expect((await client.post(`/deals/${deal.id}/payments`, resent, 'en')).location).toContain('done=sentBefore');
    expect(await paymentsOf(deal.id)).toBe(2);
    // Long after, the same values are new work; other values are never asked about.
    t.advance(11 * MINUTE);
    expect((await client.post(`/deals/${deal.id}/payments`, { ...values, _once: token() }, 'en')).location).toContain('done=payment');
    expect((await client.post(`/deals/${deal.id}/payments`, { ...values, amount: '41', _once: token() }, 'en')).location).toContain('done=payment');
    expect(await paymentsOf(deal.id)).toBe(4);
    // Changing what is there is not creating: the travellers form sent twice saves twice, no question.
    for (let i = 0; i < 2; i++) expect((await client.post(`/deals/${deal.id}/travellers`, { name0: 'Иван Иванов', _once: token() })).location).toContain('done=travellers');
  });

  it('a booking cancelled already says so, from this form or another tab, instead of an error page', async () => {
    const client = await pageClient(t, DIRECTOR);
    const deal = await createDeal(t, director);
    const once = token();
    const form = { reason: 'болест', back: `/deals/${deal.id}`, _once: once };
    expect((await client.post(`/deals/${deal.id}/cancel`, form, 'en')).location).toContain('done=cancelled');
    const sameForm = await client.post(`/deals/${deal.id}/cancel`, form, 'en');
    expect(sameForm.status).toBe(303);
    expect((await follow(client, sameForm.location)).html).toContain('Already cancelled — this form was already sent.');
    const otherTab = await client.post(`/deals/${deal.id}/cancel`, { ...form, _once: token() }, 'en');
    expect(otherTab.status).toBe(303);
    expect((await follow(client, otherTab.location)).html).toContain('This booking was already cancelled.');
  });

  it('a campaign sent twice shows what the first send did', async () => {
    const client = await pageClient(t, DIRECTOR);
    await createContact(t, director, { marketingOptIn: true });
    await createContact(t, director, { marketingOptIn: true });
    const id = (await t.call('POST', '/api/v1/campaigns', { token: director, body: { name: 'Есен', subject: 'Есен', body: 'Пътувайте с нас', segment: {} } })).body.id;
    const form = { _once: token() };
    const first = await client.post(`/campaigns/${id}/send`, form, 'en');
    const queued = Number(new URL(first.location!, 'http://x').searchParams.get('count'));
    expect(queued).toBeGreaterThan(0);
    const second = await client.post(`/campaigns/${id}/send`, form, 'en');
    expect((await follow(client, second.location)).html).toContain(`Already sent — this form was already sent (${queued} mail${queued === 1 ? '' : 's'}).`);
  });
});

describe('form tokens are kept for 30 days', () => {
  it('a person’s tokens older than that go when they send another form', async () => {
    const client = await pageClient(t, DIRECTOR);
    const deal = await createDeal(t, director, { seats: 3 });
    const old = token();
    await client.post(`/deals/${deal.id}/payments`, { amount: '10', method: 'cash', _once: old });
    const kept = async () => (await t.database.sqlite.prepare("SELECT key FROM idempotency_keys WHERE scope = 'form:1'").all() as { key: string }[]).map((r) => r.key);
    expect(await kept()).toEqual([old]);
    t.advance(31 * DAY);
    const fresh = await pageClient(t, DIRECTOR);
    const recent = token();
    await fresh.post(`/deals/${deal.id}/payments`, { amount: '10', method: 'card', _once: recent });
    expect(await kept()).toEqual([recent]);
  });
});
