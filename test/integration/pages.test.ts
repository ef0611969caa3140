import { beforeEach, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../src/http/pages/web-session.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { runNotifierPass } from '../../src/notifier/pass.js';

let t: TestApp;
const ORIGIN = 'http://localhost';

async function page(path: string, init: { cookie?: string; method?: string; form?: Record<string, string>; origin?: string | null; lang?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.cookie) headers.Cookie = init.cookie;
  if (init.lang) headers['Accept-Language'] = init.lang;
  let body: string | undefined;
  if (init.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (init.origin !== null) headers.Origin = init.origin ?? ORIGIN;
    body = new URLSearchParams(init.form).toString();
  }
  const response = await t.app.request(path, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

async function signInCookie(email = DIRECTOR.email, password = DIRECTOR.password) {
  const answer = await page('/login', { form: { email, password, next: '/' } });
  expect(answer.status).toBe(303);
  const cookie = answer.headers.get('set-cookie')!;
  const token = /tourdesk_session=([^;]+)/.exec(cookie)![1]!;
  return { cookie: `tourdesk_session=${token}`, csrf: csrfTokenFor(token), setCookie: cookie };
}

beforeEach(async () => {
  t = await makeTestApp();
});

describe('web pages', () => {
  it('sends visitors to sign in and back, with a HttpOnly SameSite cookie', async () => {
    const anonymous = await page('/departures?status=x');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fdepartures%3Fstatus%3Dx');
    const { setCookie, cookie } = await signInCookie();
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect((await page('/', { cookie })).status).toBe(200);
  });

  it('refuses a wrong password on the form with the e-mail kept', async () => {
    const answer = await page('/login', { form: { email: 'someone@agency.test', password: 'wrong' } });
    expect(answer.status).toBe(401);
    expect(answer.html).toContain('Wrong e-mail or password');
    expect(answer.html).toContain('value="someone@agency.test"');
  });

  it('sets a CSP without inline script or style and the other secure headers', async () => {
    const { cookie } = await signInCookie();
    const answer = await page('/', { cookie });
    const csp = answer.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.html).not.toMatch(/<script>|style="/);
  });

  it('refuses forms without the session token or from another origin, and changes nothing', async () => {
    const operator = await t.as('operator');
    const deal = await createDeal(t, operator.token);
    const { cookie, csrf } = await signInCookie();
    const path = `/deals/${deal.id}/payments`;
    const form = { amount: '50', method: 'cash', back: `/deals/${deal.id}` };
    expect((await page(path, { cookie, form })).status).toBe(403);
    expect((await page(path, { cookie, form: { ...form, _csrf: csrf }, origin: 'https://evil.example' })).status).toBe(403);
    expect((await page(path, { cookie, form: { ...form, _csrf: csrf }, origin: null })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token: operator.token })).body.paidMinor).toBe(0);
    const ok = await page(path, { cookie, form: { ...form, _csrf: csrf } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/deals/${deal.id}?done=payment`);
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token: operator.token })).body.paidMinor).toBe(5000);
  });

  it('shows a bad field beside itself, keeps the input, and writes nothing', async () => {
    const operator = await t.as('operator');
    const deal = await createDeal(t, operator.token);
    const { cookie, csrf } = await signInCookie();
    const answer = await page(`/deals/${deal.id}/payments`, { cookie, form: { amount: '12abc', method: 'cash', _csrf: csrf } });
    expect(answer.status).toBe(400);
    expect(answer.html).toMatch(/class="field invalid"/);
    expect(answer.html).toContain('value="12abc"');
    const tooMuch = await page(`/deals/${deal.id}/payments`, { cookie, form: { amount: '1000', method: 'cash', _csrf: csrf } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.html).toContain('exceeds the balance');
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token: operator.token })).body.paidMinor).toBe(0);
  });

  it('escapes what users typed', async () => {
    const { token } = await t.as('operator');
    const contact = await createContact(t, token, { name: '<script>alert(1)</script>' });
    const { cookie } = await signInCookie();
    const card = await page(`/contacts/${contact.id}`, { cookie });
    expect(card.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(card.html).not.toContain('<script>alert(1)');
  });

  it('speaks the browser language until the user chooses one', async () => {
    const { cookie, csrf } = await signInCookie();
    expect((await page('/', { cookie, lang: 'ru-RU,ru;q=0.9' })).html).toContain('Мой день');
    expect((await page('/', { cookie, lang: 'bg' })).html).toContain('Моят ден');
    const chosen = await page('/settings/locale', { cookie, form: { locale: 'bg', back: '/departures', _csrf: csrf } });
    expect(chosen.headers.get('location')).toBe('/departures?done=locale');
    expect((await page('/departures?done=locale', { cookie, lang: 'ru' })).html).toContain('Езикът е сменен.');
  });

  it('keeps staff pages for directors and answers unknown pages with a 404 page', async () => {
    const operator = await t.as('operator');
    expect(operator.id).toBeGreaterThan(1);
    const { cookie } = await signInCookie(`operator1@agency.test`, 'password-123');
    expect((await page('/users', { cookie })).status).toBe(403);
    expect((await page('/reports', { cookie })).status).toBe(403);
    const director = await signInCookie();
    expect((await page('/users', { cookie: director.cookie })).status).toBe(200);
    const missing = await page('/deals/999', { cookie: director.cookie });
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('This page does not exist.');
  });

  it('downloads the voucher and manifest and sends vouchers from the pages', async () => {
    const operator = await t.as('operator');
    const contact = await createContact(t, operator.token, { email: 'client@example.com' });
    const deal = await createDeal(t, operator.token, { contactId: contact.id });
    const { cookie, csrf } = await signInCookie();
    await page(`/deals/${deal.id}/payments`, { cookie, form: { amount: '150', method: 'cash', _csrf: csrf } });
    const dealPage = await page(`/deals/${deal.id}`, { cookie });
    expect(dealPage.html).toContain(`href="/deals/${deal.id}/voucher.pdf"`);
    const pdf = await page(`/deals/${deal.id}/voucher.pdf`, { cookie });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const roster = await page(`/departures/${deal.departureId}`, { cookie });
    expect(roster.html).toContain(`/departures/${deal.departureId}/manifest.csv`);
    expect((await page(`/departures/${deal.departureId}/manifest.csv`, { cookie })).status).toBe(200);
    const sent = await page(`/departures/${deal.departureId}/vouchers`, { cookie, form: { _csrf: csrf } });
    expect(sent.headers.get('location')).toBe(`/departures/${deal.departureId}?done=vouchers&count=1`);
    expect((await page(`/deals/${deal.id}`, { cookie })).html).toContain('client@example.com · sent');
    expect((await page(`/deals/${deal.id}/voucher.pdf`)).status).toBe(303);
  });

  it('lets a director reset a password and set a language, and shows a refusal on the row', async () => {
    const manager = await t.as('manager');
    const { cookie, csrf } = await signInCookie();
    const reset = await page(`/users/${manager.id}`, { cookie, form: { password: 'brand-new-password', _csrf: csrf } });
    expect(reset.headers.get('location')).toBe('/users?done=user');
    expect((await t.call('GET', '/api/v1/session', { token: manager.token })).status).toBe(401);
    await signInCookie('manager1@agency.test', 'brand-new-password');
    await page(`/users/${manager.id}`, { cookie, form: { role: 'manager', locale: 'ru', _csrf: csrf } });
    const director = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    expect((await t.call('GET', `/api/v1/users/${manager.id}`, { token: director })).body.locale).toBe('ru');
    const short = await page(`/users/${manager.id}`, { cookie, form: { password: 'short', _csrf: csrf } });
    expect(short.status).toBe(400);
    expect(short.html).toContain('at least 10 characters');
    const lastDirector = await page('/users/1', { cookie, form: { role: 'manager', _csrf: csrf } });
    expect(lastDirector.status).toBe(409);
    expect(lastDirector.html).toContain('last active director');
  });

  it('adds a booking from the roster after finding the client by Cyrillic name or phone', async () => {
    const operator = await t.as('operator');
    const departure = await createDeparture(t, operator.token, { seats: 2 });
    const client = await createContact(t, operator.token, { name: 'Пётр Петров', phone: '0887 123 456' });
    const { cookie, csrf } = await signInCookie();
    for (const q of ['петров', '0887 123']) {
      const found = await page(`/departures/${departure.id}?q=${encodeURIComponent(q)}`, { cookie });
      expect(found.html).toContain('Пётр Петров');
      expect(found.html).toContain(`name="contactId" value="${client.id}"`);
    }
    const booked = await page(`/departures/${departure.id}/bookings`, { cookie, form: { contactId: String(client.id), seats: '2', _csrf: csrf } });
    expect(booked.status).toBe(303);
    expect(booked.headers.get('location')).toMatch(/^\/deals\/\d+\?done=booked$/);
    const soldOut = await page(`/departures/${departure.id}/bookings`, { cookie, form: { contactId: String(client.id), seats: '1', _csrf: csrf } });
    expect(soldOut.status).toBe(400);
    // In the reader's words, with a real plural (it was "Only 0 seat(s) left").
    expect(soldOut.html).toContain('No seats are left on this departure');
    expect((await t.call('GET', `/api/v1/departures/${departure.id}`, { token: operator.token })).body.seatsBooked).toBe(2);
  });

  it('serves its own assets', async () => {
    const css = await page('/assets/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await page('/assets/nothing.js')).status).toBe(404);
  });

  it('signs out with a form and the session stops working', async () => {
    const { cookie, csrf } = await signInCookie();
    const out = await page('/logout', { cookie, form: { _csrf: csrf } });
    expect(out.headers.get('location')).toBe('/login');
    expect((await page('/', { cookie })).status).toBe(303);
  });

  it('moves a departure from the roster, refuses a bad time beside its field, and lists an untold booking with a phone button', async () => {
    const operator = await t.as('operator');
    const departure = await createDeparture(t, operator.token, { departsAt: '2026-11-23T06:30:00+02:00' });
    const noEmail = await createContact(t, operator.token, { name: 'Без Почта', email: null, phone: '+359888111222' });
    const deal = await createDeal(t, operator.token, { departureId: departure.id, contactId: noEmail.id });
    await runNotifierPass(t.ctx, memoryMailer()); // the day before: recorded no_address
    const { cookie, csrf } = await signInCookie();
    const roster = await page(`/departures/${departure.id}`, { cookie });
    expect(roster.html).toContain('no e-mail address, tell them by phone');
    expect(roster.html).toContain(`action="/deals/${deal.id}/told-by-phone"`);
    expect(roster.html).toContain('value="2026-11-23T06:30"');

    const bad = await page(`/departures/${departure.id}/schedule`, { cookie, form: { departsAt: '23.11.2026 7:30', meetingPoint: 'NDK', _csrf: csrf } });
    expect(bad.status).toBe(400);
    // In the reader's words (the API still says "must be an ISO 8601 date and time").
    expect(bad.html).toContain('Enter a real date and time');
    expect((await t.call('GET', `/api/v1/departures/${departure.id}`, { token: operator.token })).body.scheduleVersion).toBe(1);

    const moved = await page(`/departures/${departure.id}/schedule`, { cookie, form: { departsAt: '2026-11-23T07:30', meetingPoint: 'Sofia, NDK', _csrf: csrf } });
    expect(moved.status).toBe(303);
    const after = (await t.call('GET', `/api/v1/departures/${departure.id}`, { token: operator.token })).body;
    expect(after).toMatchObject({ departsAt: '2026-11-23T05:30:00.000Z', meetingPoint: 'Sofia, NDK', scheduleVersion: 2 });

    const told = await page(`/deals/${deal.id}/told-by-phone`, { cookie, form: { back: `/departures/${departure.id}`, _csrf: csrf } });
    expect(told.headers.get('location')).toBe(`/departures/${departure.id}?done=toldByPhone`);
    const dealPage = await page(`/deals/${deal.id}`, { cookie });
    expect(dealPage.html).toContain('told by phone');
    expect(dealPage.html).not.toContain('told-by-phone"');
  });

  it('shows the director a reports page whose figures match the roster, and refuses a manager', async () => {
    const operator = await t.as('operator');
    const departure = await createDeparture(t, operator.token, { departsAt: '2026-12-10T07:00', seats: 30 });
    await createDeal(t, operator.token, { departureId: departure.id, seats: 3 });
    const { cookie } = await signInCookie();
    const report = await page('/reports?from=2026-12-01&to=2026-12-31', { cookie });
    expect(report.status).toBe(200);
    expect(report.html).toMatch(new RegExp(`data-departure="${departure.id}"[\\s\\S]*?3 / 30`));
    expect(report.html).toContain('<svg class="chart"');
    expect(report.html).toContain('format=csv');
    await t.as('manager'); // the second account made: manager2@agency.test
    const managerCookie = await signInCookie('manager2@agency.test', 'password-123');
    expect((await page('/reports', { cookie: managerCookie.cookie })).status).toBe(403);
  });

  it('edits a client card and transfers the client from the page; a duplicate phone is refused beside the form', async () => {
    const operator = await t.as('operator');
    const manager = await t.as('manager');
    const other = await createContact(t, operator.token, { name: 'Другой', phone: '+359888777666' });
    const client = await createContact(t, operator.token, { name: 'Зоя', phone: '+359888777665' });
    const { cookie, csrf } = await signInCookie();
    const saved = await page(`/contacts/${client.id}`, { cookie, form: { name: 'Зоя Петрова', phone: '0888 777 665', email: 'zoya@example.com', locale: 'ru', tags: 'VIP, mountains', notes: 'likes the front seats', _csrf: csrf } });
    expect(saved.status).toBe(303);
    const card = (await t.call('GET', `/api/v1/contacts/${client.id}`, { token: operator.token })).body;
    expect(card).toMatchObject({ name: 'Зоя Петрова', email: 'zoya@example.com', locale: 'ru', givenTags: ['vip', 'mountains'], notes: 'likes the front seats' });
    const clash = await page(`/contacts/${client.id}`, { cookie, form: { name: 'Зоя', phone: String(other.phone), _csrf: csrf } });
    expect(clash.status).toBe(409);
    expect(clash.html).toContain('already on file');
    const moved = await page(`/contacts/${client.id}/transfer`, { cookie, form: { managerId: String(manager.id), _csrf: csrf } });
    expect(moved.status).toBe(303);
    expect((await t.call('GET', `/api/v1/contacts/${client.id}`, { token: operator.token })).body.managerId).toBe(manager.id);
  });
});

