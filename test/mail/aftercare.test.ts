import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailer } from '../../src/mail/mailer.js';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { closeSmtpServers, smtpServer } from '../helpers/smtp.js';
import { AGENCY, DIRECTOR, makeTestApp, START, type TestApp } from '../helpers/test-app.js';

const DAY = 86_400_000;
afterEach(closeSmtpServers);

let t: TestApp;
let director: string;
let manager: { token: string; id: number };
let smtp: Awaited<ReturnType<typeof smtpServer>>;
let mailer: Awaited<ReturnType<typeof createMailer>>;
beforeEach(async () => {
  smtp = await smtpServer();
  mailer = createMailer({ smtpUrl: smtp.url, from: 'Балкан Тур <office@balkantour.test>', outboxDir: '/nonexistent', pool: false });
  t = await makeTestApp({ agency: { ...AGENCY, name: 'Балкан Тур', publicUrl: 'https://desk.balkantour.test', followUpDays: 2, campaignRatePerMinute: 600 } });
  director = (await t.as('director')).token;
  manager = await t.as('manager');
});

/** Moves the clock and signs in again (sessions do not outlive a day of idleness). */
async function travel(to: number) {
  t.setNow(to);
  director = await t.signIn(DIRECTOR.email, DIRECTOR.password);
  manager.token = await t.signIn('manager2@agency.test', 'password-123');
}

const mails = () => Promise.all(smtp.received.map((m) => simpleParser(m.raw)));

describe('after the trip', () => {
  it('two days after the return the travellers are asked, one answers 5 stars once, and the manager has "how was it" on her day', async () => {
    const trip = await createDeparture(t, director, { title: 'Охрид', departsAt: new Date(START + 3 * DAY).toISOString(), returnsAt: new Date(START + 5 * DAY).toISOString() });
    const traveller = async (name: string, email: string | null) => {
      const contact = await createContact(t, director, { name, locale: 'bg', managerId: manager.id, ...(email ? { email } : { email: undefined }) });
      return createDeal(t, manager.token, { departureId: trip.id, contactId: contact.id, seats: 1, travellers: [{ name }] });
    };
    const went = await traveller('Мария Петрова', 'maria@example.bg');
    const also = await traveller('Иван Колев', 'ivan@example.bg');
    const missed = await traveller('Петър Стоянов', 'petar@example.bg');
    const cancelled = await traveller('Стефан Иванов', 'stefan@example.bg');
    const noMail = await createContact(t, director, { name: 'Без Имейл', email: undefined, phone: '+359888000111', managerId: manager.id });
    await createDeal(t, manager.token, { departureId: trip.id, contactId: noMail.id, seats: 1 });
    expect((await t.call('POST', `/api/v1/deals/${cancelled.id}/cancel`, { token: director, body: { reason: 'болен' } })).status).toBe(200);
    await travel(START + 3 * DAY + 3_600_000);
    expect((await t.call('POST', `/api/v1/deals/${missed.id}/boarding`, { token: director, body: { state: 'no_show' } })).status).toBe(200);

    // The day after the return: not yet.
    await travel(START + 6 * DAY);
    await runNotifierPass(t.ctx, mailer);
    expect(smtp.received.filter((m) => m.raw.toString().includes('feedback'))).toHaveLength(0);
    // Two days after it, from 10:00 in the trip's zone.
    await travel(Date.parse('2026-11-29T08:05:00Z'));
    const report = await runNotifierPass(t.ctx, mailer);
    expect(report.feedbackRequests).toBe(3);
    const asked = (await mails()).filter((m) => m.subject?.startsWith('Как мина пътуването'));
    expect(asked.map((m) => m.to && 'text' in m.to ? m.to.text : '').sort()).toEqual(['ivan@example.bg', 'maria@example.bg']);
    expect(asked[0]!.subject).toBe('Как мина пътуването Охрид?');
    // Once: the next pass asks nobody again.
    expect((await runNotifierPass(t.ctx, mailer)).feedbackRequests).toBe(0);
    const rows = (await t.call('GET', `/api/v1/notifications?departureId=${trip.id}&kind=feedback_request`, { token: director })).body.items;
    expect(rows.map((r: any) => [r.dealId, r.status]).sort()).toEqual(
      [[went.id, 'sent'], [also.id, 'sent'], [expect.any(Number), 'no_address']].sort(),
    );
    expect(rows.some((r: any) => r.dealId === missed.id || r.dealId === cancelled.id)).toBe(false);

    // Maria follows the link from her mail, on the public page, without signing in.
    const maria = asked.find((m) => m.text?.includes('Мария Петрова'))!;
    const link = /https:\/\/desk\.balkantour\.test(\/feedback\/[\w.-]+)/.exec(maria.text!)![1]!;
    const page = await t.app.request(link, { headers: { 'Accept-Language': 'en' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Как мина Охрид?');
    expect(html).toContain('name="rating"');
    const tampered = await t.app.request(link.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')));
    expect(tampered.status).toBe(404);
    const post = (form: Record<string, string>) =>
      t.app.request(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' }, body: new URLSearchParams(form).toString() });
    const noStars = await post({ comment: 'хм' });
    expect(noStars.status).toBe(400);
    expect(await noStars.text()).toContain('Вашата оценка');
    // Posted as any client would, without a browser's Origin header: the signed link is the permission.
    const answered = await t.app.request(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ rating: '5', comment: 'Прекрасно, благодарим!' }).toString() });
    expect(answered.status).toBe(303);
    const again = await post({ rating: '1' });
    expect(again.status).toBe(409);
    expect(await (await t.app.request(link)).text()).toContain('Прекрасно, благодарим!');

    // The rating on the report, the departure and the card; the manager's call on her day.
    const figures = (await t.call('GET', `/api/v1/reports/departures/${trip.id}`, { token: director })).body;
    expect(figures.rating).toEqual({ average: 5, count: 1 });
    const day = (await t.call('GET', '/api/v1/worklists/my-day', { token: manager.token })).body.items;
    const followUps = day.flatMap((item: any) => item.reasons).filter((r: any) => r.reasonCode === 'follow_up');
    expect(followUps.map((r: any) => r.contactName).sort()).toEqual(['Без Имейл', 'Иван Колев', 'Мария Петрова']);
    expect(followUps[0].reason).toContain('Охрид');
    const desk = await pageClient(t, DIRECTOR);
    expect((await desk.get(`/departures/${trip.id}`, 'bg')).html).toContain('Прекрасно, благодарим!');
    expect((await desk.get(`/contacts/${went.contactId}`, 'bg')).html).toContain('След пътуването');
    expect((await desk.get('/', 'bg')).status).toBe(200);
    // Talking to her settles the follow-up.
    await t.call('POST', `/api/v1/contacts/${went.contactId}/communications`, { token: manager.token, body: { channel: 'call', summary: 'Доволна, иска Истанбул за Великден' } });
    const after = (await t.call('GET', '/api/v1/worklists/contacts-due', { token: manager.token })).body.items;
    expect(after.map((i: any) => i.contactId)).not.toContain(went.contactId);
  });
});

describe('campaigns', () => {
  /** Clients of three upcoming trips are "regular"; others are not. */
  async function clientBase() {
    const trips = await Promise.all([1, 2, 3].map((n) => createDeparture(t, director, { title: `Пътуване ${n}`, departsAt: new Date(START + (10 + n) * DAY).toISOString() })));
    const regular = [];
    for (let i = 0; i < 12; i++) {
      const contact = await createContact(t, director, { name: `Редовен ${i + 1}`, email: `regular${i}@example.bg`, locale: 'bg', marketingOptIn: true });
      for (const trip of trips) await createDeal(t, director, { departureId: trip.id, contactId: contact.id });
      regular.push(contact);
    }
    // Regular too, but each one barred from campaigns in its own way.
    const barred = async (overrides: Record<string, unknown>) => {
      const contact = await createContact(t, director, { locale: 'bg', ...overrides });
      for (const trip of trips) await createDeal(t, director, { departureId: trip.id, contactId: contact.id });
      return contact;
    };
    await barred({ name: 'Без съгласие', email: 'noconsent@example.bg' });
    await barred({ name: 'Не безпокойте', email: 'dnc@example.bg', marketingOptIn: true, tags: ['do_not_contact'] });
    await barred({ name: 'Руски', email: 'ru@example.ru', marketingOptIn: true, locale: 'ru' });
    await barred({ name: 'Без имейл', email: undefined, phone: '+359888000222', marketingOptIn: true });
    await createContact(t, director, { name: 'Нов', email: 'new@example.bg', locale: 'bg', marketingOptIn: true });
    return regular;
  }

  it('a campaign to regular clients in Bulgarian reaches 12, goes out with a one-click unsubscribe, and an unsubscribed client is left out of the next', async () => {
    await clientBase();
    const body = { name: 'Великден', subject: '{name}, Великден в Истанбул', body: 'Здравейте, {name}!\n\nЗа Великден предлагаме Истанбул.', segment: { tags: ['regular'], locales: ['bg'] } };
    const draft = await t.call('POST', '/api/v1/campaigns', { token: manager.token, body });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', recipients: 12, sent: 0 });
    expect(draft.body.recipientsPreview.map((r: any) => r.name)).toContain('Редовен 7');
    expect((await t.call('POST', `/api/v1/campaigns/${draft.body.id}/send`, { token: (await t.as('operator')).token })).status).toBe(403);
    const sent = await t.call('POST', `/api/v1/campaigns/${draft.body.id}/send`, { token: manager.token });
    expect(sent.status).toBe(200);
    expect((await t.call('POST', `/api/v1/campaigns/${draft.body.id}/send`, { token: manager.token })).status).toBe(409);
    // 600 a minute: one mail every 100 ms of the clock; a pass sends what is due.
    t.setNow(t.now + 2_000);
    await runNotifierPass(t.ctx, mailer);
    const campaign = (await t.call('GET', `/api/v1/campaigns/${draft.body.id}`, { token: director })).body;
    expect(campaign).toMatchObject({ status: 'sent', recipients: 12, sent: 12, failed: 0, unsubscribed: 0 });
    const received = await mails();
    expect(received).toHaveLength(12);
    const first = received.find((m) => m.to && 'text' in m.to && m.to.text === 'regular0@example.bg')!;
    expect(first.subject).toBe('Редовен 1, Великден в Истанбул');
    expect(first.text).toContain('Здравейте, Редовен 1!');
    // mailparser reads List-Unsubscribe and List-Unsubscribe-Post into one "list" header.
    const list = JSON.stringify(first.headers.get('list'));
    const unsubscribeUrl = /https:\/\/desk\.balkantour\.test\/unsubscribe\/[\w.-]+/.exec(list)![0];
    expect(list).toContain('One-Click');
    expect(first.text).toContain(unsubscribeUrl);

    // The client clicks the link in the mail: asked first, then the button unsubscribes.
    const click = await t.app.request(unsubscribeUrl.replace('https://desk.balkantour.test', ''));
    expect(click.status).toBe(200);
    expect(await click.text()).toContain('Да се отпишете ли от предложенията?');
    expect((await t.call('GET', `/api/v1/campaigns/${draft.body.id}`, { token: director })).body.unsubscribed).toBe(0);
    const pressed = await t.app.request(unsubscribeUrl.replace('https://desk.balkantour.test', ''), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(await pressed.text()).toContain('повече няма да ви изпращаме');
    // A mail program's one-click POST, with no page of ours around it, is accepted too.
    const again = await t.app.request(unsubscribeUrl.replace('https://desk.balkantour.test', ''), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(again.status).toBe(200);
    expect((await t.call('GET', `/api/v1/campaigns/${draft.body.id}`, { token: director })).body.unsubscribed).toBe(1);
    const next = await t.call('POST', '/api/v1/campaigns', { token: manager.token, body: { ...body, name: 'Лято' } });
    expect(next.body.recipients).toBe(11);
    expect(next.body.recipientsPreview.map((r: any) => r.name)).not.toContain('Редовен 1');
  });

  it('the campaign pages: preview recipients in Bulgarian, save, send; bad input is refused in the reader language', async () => {
    await clientBase();
    const page = await pageClient(t, { email: 'manager2@agency.test', password: 'password-123' });
    const form = { name: 'Коледа', subject: 'Весела Коледа', body: 'Скъпи {name}, весели празници!', tag_regular: 'on', locale_bg: 'on' };
    const preview = await page.post('/campaigns', { ...form, preview: '1' }, 'bg');
    expect(preview.status).toBe(200);
    expect(preview.html).toContain('Стига до 12 клиента');
    expect((await page.get('/campaigns', 'bg')).html).not.toContain('Коледа');
    const bad = await page.post('/campaigns', { ...form, subject: '' }, 'bg');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Попълнете полето');
    const saved = await page.post('/campaigns', form, 'bg');
    expect(saved.status).toBe(303);
    const id = /\/campaigns\/(\d+)/.exec(saved.location!)![1];
    const draft = await page.get(`/campaigns/${id}`, 'bg');
    expect(draft.html).toContain('Изпрати до 12 клиента');
    expect((await page.post(`/campaigns/${id}/send`, {}, 'bg')).status).toBe(303);
    expect((await page.get(`/campaigns/${id}`, 'ru')).html).toContain('получателей 12');
    // An operator (made here as operator3) does not reach campaigns.
    await t.as('operator');
    const opPage = await pageClient(t, { email: 'operator3@agency.test', password: 'password-123' });
    expect((await opPage.get('/campaigns', 'bg')).status).toBe(403);
  });

  it('birthday greetings: off by default; on, a consenting client is greeted on the morning of the birthday, once a year', async () => {
    const born = await createContact(t, director, { name: 'Рождена', email: 'born@example.bg', locale: 'bg', birthDate: '1980-11-24', marketingOptIn: true });
    await createContact(t, director, { name: 'Без съгласие', email: 'nope@example.bg', birthDate: '1980-11-24' });
    await travel(Date.parse('2026-11-24T07:30:00Z'));
    expect((await runNotifierPass(t.ctx, mailer)).greetings).toBe(0);
    expect((await t.call('PUT', '/api/v1/campaigns/birthday-greetings', { token: manager.token, body: { enabled: true } })).status).toBe(403);
    expect((await t.call('PUT', '/api/v1/campaigns/birthday-greetings', { token: director, body: { enabled: true } })).body).toEqual({ enabled: true });
    expect((await runNotifierPass(t.ctx, mailer)).greetings).toBe(1);
    expect((await runNotifierPass(t.ctx, mailer)).greetings).toBe(0);
    const greeting = (await mails()).find((m) => m.subject === 'Честит рожден ден, Рождена!');
    expect(greeting).toBeDefined();
    expect(JSON.stringify(greeting!.headers.get('list'))).toContain('One-Click');
    await travel(Date.parse('2027-11-24T08:00:00Z'));
    expect((await runNotifierPass(t.ctx, mailer)).greetings).toBe(1);
    const rows = (await t.call('GET', `/api/v1/notifications?contactId=${born.id}&kind=birthday_greeting`, { token: director })).body.items;
    expect(rows).toHaveLength(2);
  });
});
