import { describe, expect, it } from 'vitest';
import { runNotifierPass } from '../../src/notifier/pass.js';
import type { TextSender } from '../../src/notifier/dispatch.js';
import { segmentCount } from '../../src/sms/segments.js';
import { paymentMailLines } from '../../templates/mail/payment-mail.js';
import { mailText } from '../../templates/mail/mail-layout.js';
import { makeTr } from '../../templates/tr.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { AGENCY, makeTestApp, type TestApp } from '../helpers/test-app.js';

const DESK = 'https://desk.balkantour.test';
const INSTRUCTIONS = 'IBAN BG80 BNBG 9661 1020 3456 78\nв офиса, пн–пт 9–18';
/** The booking page's address in a text, and its token. */
const LINK = /https:\/\/desk\.balkantour\.test\/b\/([0-9]+\.[0-9]+\.[A-Za-z0-9_-]+)/;

async function desk(agency: Partial<typeof AGENCY> = {}) {
  const mailer = memoryMailer();
  const t = await makeTestApp({ mailer, agency: { ...AGENCY, publicUrl: DESK, paymentInstructions: INSTRUCTIONS, ...agency } });
  const { token } = await t.as('operator');
  // "Охрид 29.10" at 06:30 from Sofia, 08:00 from Plovdiv.
  const trip = await createDeparture(t, token, {
    stops: [
      { name: 'София, НДК', offsetMinutes: 0 },
      { name: 'Пловдив', address: 'хотел Тримонциум', offsetMinutes: 90 },
    ],
  });
  const plovdiv = trip.stops[1].id as number;
  return { t, mailer, token, trip, plovdiv };
}

/** The booking page a text links to answers, and it is this booking's. */
async function expectBookingPage(t: TestApp, text: string, reference: string) {
  const token = text.match(LINK)?.[1];
  expect(token, text).toBeDefined();
  const page = await t.call('GET', `/api/v1/public/bookings/${token}`);
  expect(page.status).toBe(200);
  expect(page.body.reference).toBe(reference);
  return page.body;
}

const queueConfirmation = async (t: TestApp, token: string, dealId: number) => {
  const answer = await t.call('POST', `/api/v1/deals/${dealId}/confirmation`, { token });
  expect(answer.status).toBe(202);
  return answer.body as { notificationId: number; channel: string; status: string };
};

const statusOf = async (t: TestApp, id: number) =>
  ((await t.database.sqlite.prepare('SELECT status FROM notifications WHERE id = ?').get(id)) as { status: string }).status;

describe('the booking confirmation', () => {
  it('tells a Russian client the trip, their stop and time, the seats, the price, the deposit due and the way to pay, with the link to their booking page', async () => {
    const { t, mailer, token, trip, plovdiv } = await desk();
    const client = await createContact(t, token, { name: 'Иван Петров', email: 'ivan@example.com', locale: 'ru' });
    const deal = await createDeal(t, token, { departureId: trip.id, contactId: client.id, seats: 2, stopId: plovdiv, travellers: [{ name: 'Иван Петров' }, { name: 'Мария Петрова' }] });

    const queued = await queueConfirmation(t, token, deal.id);
    expect(queued).toMatchObject({ channel: 'email', status: 'pending' });
    expect((await runNotifierPass(t.ctx, mailer)).sent).toBe(1);
    expect(await statusOf(t, queued.notificationId)).toBe('sent');

    const mail = mailer.sent.find((m) => m.to === 'ivan@example.com')!;
    expect(mail.language).toBe('ru');
    expect(mail.subject).toBe('Ваше бронирование: «Охрид 29.10», 29 окт. 2027 г.');
    expect(mail.text).toContain('Здравствуйте, Иван Петров!');
    expect(mail.text).toContain('Ваше бронирование поездки «Охрид 29.10» оформлено');
    expect(mail.text).toContain(`Номер заявки: ${deal.reference}`);
    // Their own stop and its time, not the first stop's.
    expect(mail.text).toContain('Отправление: 29 окт. 2027 г., 08:00');
    expect(mail.text).toContain('Место сбора: Пловдив, хотел Тримонциум');
    expect(mail.text).toContain('Забронировано: 2 места');
    expect(mail.text).toContain('Туристы: Иван Петров, Мария Петрова');
    expect(mail.text).toMatch(/Стоимость: 300,00\s€/u);
    // Booked 22.11.2026: the deposit by the end of 25.11, the rest by the date the desk set.
    expect(mail.text).toMatch(/Предоплата: 100,00\s€ до 25 нояб\. 2026 г\.\n/u);
    expect(mail.text).toMatch(/Затем остаток: 200,00\s€ до \d+ [а-я]+\.? 2027 г\./u);
    expect(mail.text).toContain('Как оплатить: IBAN BG80 BNBG 9661 1020 3456 78');
    expect(mail.text).toContain('в офиса, пн–пт 9–18');
    // The reference to write in a transfer: the bank statement's import finds the booking by it.
    expect(mail.text).toContain(`При оплате переводом укажите ${deal.reference} в назначении платежа`);
    expect(mail.text).toMatch(/Открыть бронирование: https:\/\/desk\.balkantour\.test\/b\//);
    const [, link] = mail.html.match(/<a href="([^"]+)"/)!;
    expect(link).toMatch(LINK);
    const page = await expectBookingPage(t, mail.text, deal.reference);
    expect(page.trip.title).toBe('Охрид 29.10');
    expect(page.manageUrl).toBe(link);
  });

  it('tells a Bulgarian client what is paid and the balance left, in Bulgarian', async () => {
    const { t, mailer, token, trip } = await desk();
    const client = await createContact(t, token, { name: 'Мария Иванова', email: 'maria@example.bg', locale: 'bg' });
    const deal = await createDeal(t, token, { departureId: trip.id, contactId: client.id, seats: 1 });
    await pay(t, token, deal.id, 5000);
    await queueConfirmation(t, token, deal.id);
    await runNotifierPass(t.ctx, mailer);

    const mail = mailer.sent.find((m) => m.to === 'maria@example.bg')!;
    expect(mail.subject).toBe('Вашата резервация: „Охрид 29.10“, 29.10.2027 г.');
    expect(mail.text).toContain('Здравейте, Мария Иванова,');
    expect(mail.text).toContain('Резервацията ви за „Охрид 29.10“ е направена');
    expect(mail.text).toContain('Тръгване: 29.10.2027 г., 06:30');
    expect(mail.text).toContain('Място на тръгване: София, НДК');
    expect(mail.text).toContain('Резервирано: 1 място');
    expect(mail.text).toMatch(/Цена: 150,00\s€/u);
    expect(mail.text).toMatch(/Платено: 50,00\s€/u);
    expect(mail.text).toMatch(/Остатък за плащане: 100,00\s€ до \d\d\.\d\d\.2027/u);
    expect(mail.text).not.toContain('Капаро');
    expect(mail.text).toContain('Как да платите: IBAN');
    expect(mail.text).toContain('да добавите паспортните данни на пътуващите');
    expect(mail.text).toMatch(/Вижте и управлявайте резервацията си: https:\/\/desk\.balkantour\.test\/b\//);
    await expectBookingPage(t, mail.text, deal.reference);
  });

  it('of a booking cancelled before it went out is superseded, not sent', async () => {
    const { t, mailer, token, trip } = await desk();
    const client = await createContact(t, token, { email: 'gone@example.com', locale: 'bg' });
    const deal = await createDeal(t, token, { departureId: trip.id, contactId: client.id });
    const queued = await queueConfirmation(t, token, deal.id);
    expect((await t.call('POST', `/api/v1/deals/${deal.id}/cancel`, { token, body: { reason: 'отказ' } })).status).toBe(200);
    const report = await runNotifierPass(t.ctx, mailer);
    expect(report).toMatchObject({ sent: 0, skipped: 1 });
    expect(mailer.sent.filter((m) => m.to === 'gone@example.com')).toEqual([]);
    expect(await statusOf(t, queued.notificationId)).toBe('superseded');
  });

  it('goes by SMS to a client without e-mail: reference, trip, day and the link, in two segments at most', async () => {
    const { t, mailer, token, trip } = await desk({ sms: true });
    const texts: { to: string; text: string }[] = [];
    const sms: TextSender = { send: async (to, text) => (texts.push({ to, text }), { messageId: `sms-${texts.length}` }) };
    const client = await createContact(t, token, { email: null, phone: '0881234567', locale: 'bg' });
    const deal = await createDeal(t, token, { departureId: trip.id, contactId: client.id });
    expect(await queueConfirmation(t, token, deal.id)).toMatchObject({ channel: 'sms', status: 'pending' });
    expect((await runNotifierPass(t.ctx, mailer, { channels: { sms } })).sent).toBe(1);
    expect(texts).toHaveLength(1);
    const { to, text } = texts[0]!;
    expect(to).toBe('+359881234567');
    expect(text).toMatch(/^Балкан Тур: резервация TD-\d{6}-[0-9A-F]{6}: Охрид 29\.10, 29\.10\.\n/);
    expect(text).toContain(deal.reference);
    expect(segmentCount(text)).toBeLessThanOrEqual(2);
    await expectBookingPage(t, text, deal.reference);
    expect(mailer.sent).toEqual([]);
  });
});

describe('the booking page link in the other client mails', () => {
  it('the payment reminder carries it, by mail and by SMS', async () => {
    const { t, mailer, token, trip } = await desk({ sms: true });
    const texts: string[] = [];
    const sms: TextSender = { send: async (_to, text) => (texts.push(text), { messageId: `sms-${texts.length}` }) };
    const byMail = await createDeal(t, token, { departureId: trip.id, contactId: (await createContact(t, token, { email: 'mail@example.bg', locale: 'bg', channels: ['email'] })).id });
    const bySms = await createDeal(t, token, { departureId: trip.id, contactId: (await createContact(t, token, { email: null, phone: '0887654321', locale: 'ru' })).id });
    // 23.11, 09:30 in Sofia: two days before the deposit's day.
    t.setNow(Date.parse('2026-11-23T07:30:00Z'));
    const report = await runNotifierPass(t.ctx, mailer, { channels: { sms } });
    expect(report.paymentReminders).toBe(2);

    const mail = mailer.sent.find((m) => m.to === 'mail@example.bg')!;
    expect(mail.subject).toContain('Капаро');
    expect(mail.text).toMatch(/Напомняме: до 25\.11\.2026 г\. трябва да бъде платено капарото от 50,00\s€/u);
    expect(mail.text).toMatch(/Вижте и управлявайте резервацията си: https:\/\/desk\.balkantour\.test\/b\//);
    expect(mail.text).toContain(`При банков превод напишете ${byMail.reference} в основанието за плащане`);
    await expectBookingPage(t, mail.text, byMail.reference);

    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^Балкан Тур: предоплата 50,00\s€ за Охрид 29\.10 \(29\.10\) до 25\.11\./u);
    expect(segmentCount(texts[0]!)).toBeLessThanOrEqual(2);
    await expectBookingPage(t, texts[0]!, bySms.reference);
  });

  it('the payment reminder asks to pay online where the agency takes cards', () => {
    const tr = makeTr('en', 'Europe/Sofia');
    const lines = paymentMailLines({
      tr,
      paymentKind: 'balance',
      stage: 'overdue',
      clientName: 'Anna Smith',
      trip: 'Ohrid',
      departsAt: Date.parse('2027-10-29T03:30:00Z'),
      dueAt: Date.parse('2027-10-15T20:59:59.999Z'),
      amountMinor: 10000,
      currency: 'EUR',
      reference: 'TD-000001-ABCDEF',
      instructions: '',
      manageUrl: `${DESK}/b/1.1.x`,
      payOnline: true,
      agencyName: 'Balkan Tour',
      agencyContacts: '',
    });
    expect(mailText(lines)).toContain(`Pay online or see your booking: ${DESK}/b/1.1.x`);
  });

  it('the voucher mail carries it', async () => {
    const { t, mailer, token, trip } = await desk();
    const client = await createContact(t, token, { name: 'Иван Петров', email: 'paid@example.com', locale: 'ru' });
    const deal = await createDeal(t, token, { departureId: trip.id, contactId: client.id });
    await pay(t, token, deal.id, deal.priceMinor);
    const sent = await t.call('POST', `/api/v1/deals/${deal.id}/voucher/send`, { token });
    expect(sent.body.notification).toMatchObject({ kind: 'voucher', status: 'sent' });
    const mail = mailer.sent.find((m) => m.to === 'paid@example.com')!;
    expect(mail.text).toContain('Во вложении ваш ваучер на поездку «Охрид 29.10».');
    expect(mail.text).toMatch(/Открыть бронирование: https:\/\/desk\.balkantour\.test\/b\//);
    expect(mail.html).toMatch(/<a href="https:\/\/desk\.balkantour\.test\/b\//);
    const page = await expectBookingPage(t, mail.text, deal.reference);
    expect(page.voucher).toBe(true);
  });
});
