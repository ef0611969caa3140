import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ensureDefaultPlan } from '../../src/domain/tasks/index.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
let client: Awaited<ReturnType<typeof pageClient>>;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
  client = await pageClient(t, DIRECTOR);
});

/** A token as a rendered form carries it. */
const token = () => randomBytes(18).toString('base64url');
const count = async (sql: string, ...params: unknown[]) => Number(((await t.database.sqlite.prepare(sql).get(...params)) as { n: number }).n);
/** The amount field of a booking's payment form, as rendered. */
const amountField = (html: string, dealId: number) => /<input id="amount-(\d+)"[^>]*>/.exec(html.slice(html.indexOf(`id="amount-${dealId}"`) - 11))?.[0] ?? '';
const valueOf = (input: string) => /value="([^"]*)"/.exec(input)?.[1];
/** The part of a page from one marker up to the next `</li>`, `</form>` or `</section>`. */
const around = (html: string, marker: string, end = '</li>') => {
  const at = html.indexOf(marker);
  return at < 0 ? '' : html.slice(at, html.indexOf(end, at) + end.length);
};

describe('payment forms come filled with what is due now', () => {
  it('the deposit still missing, then the balance, in the reader\'s decimal sign and the booking\'s currency', async () => {
    const departure = await createDeparture(t, director, { seats: 10 }); // 150.00 a seat, deposit 50.00
    const deal = await createDeal(t, director, { departureId: departure.id, seats: 2 }); // 300.00, deposit 100.00

    let page = await client.get(`/deals/${deal.id}`, 'bg');
    expect(valueOf(amountField(page.html, deal.id))).toBe('100,00');
    expect(page.html).toContain('Сума, EUR');
    expect(page.html).toMatch(/data-due="deposit"[^>]*>Дължимо сега: капаро, 100,00/);

    await pay(t, director, deal.id, 3000);
    page = await client.get(`/deals/${deal.id}`, 'en');
    expect(valueOf(amountField(page.html, deal.id))).toBe('70.00');
    expect(page.html).toContain('Due now: the deposit, €70.00');

    await pay(t, director, deal.id, 7000);
    page = await client.get(`/deals/${deal.id}`, 'ru');
    expect(valueOf(amountField(page.html, deal.id))).toBe('200,00');
    expect(page.html).toContain('data-due="balance"');
    // The roster's quick form of the same booking says the same.
    const roster = await client.get(`/departures/${departure.id}`, 'ru');
    expect(valueOf(amountField(roster.html, deal.id))).toBe('200,00');
    expect(roster.html).toContain('К оплате сейчас: остаток');
  });

  it('a booking paid in full offers no amount; a cancelled one offers its refund due as a refund', async () => {
    const paid = await createDeal(t, director, { seats: 1 });
    await pay(t, director, paid.id, 15000);
    const page = await client.get(`/deals/${paid.id}`, 'en');
    expect(amountField(page.html, paid.id)).not.toBe('');
    expect(valueOf(amountField(page.html, paid.id))).toBe('');
    expect(page.html).not.toContain('due-now');

    const cancelled = await createDeal(t, director, { seats: 1 });
    await pay(t, director, cancelled.id, 5000);
    expect((await t.call('POST', `/api/v1/deals/${cancelled.id}/cancel`, { token: director, body: { reason: 'ill', feeMinor: 1000 } })).status).toBe(200);
    const after = await client.get(`/deals/${cancelled.id}`, 'en');
    expect(valueOf(amountField(after.html, cancelled.id))).toBe('40.00');
    expect(after.html).toContain('Refund due: €40.00');
    expect(after.html).toMatch(/<option value="refund" selected="">/);
  });

  it('the prefilled form records the payment once: the same form sent again records nothing', async () => {
    const deal = await createDeal(t, director, { seats: 1 });
    const page = await client.get(`/deals/${deal.id}`, 'en');
    const amount = valueOf(amountField(page.html, deal.id))!;
    const form = { amount, method: 'cash', kind: 'payment', back: `/deals/${deal.id}`, _once: token() };
    expect((await client.post(`/deals/${deal.id}/payments`, form, 'en')).location).toContain('done=payment');
    expect((await client.post(`/deals/${deal.id}/payments`, form, 'en')).location).toContain('done=sentBefore');
    expect(await count('SELECT count(*) AS n FROM payments WHERE deal_id = ?', deal.id)).toBe(1);
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token: director })).body.paidMinor).toBe(5000);
  });
});

describe('a new client on a full bus goes on the waiting list from the same form', () => {
  async function fullBus() {
    const departure = await createDeparture(t, director, { seats: 2 });
    await createDeal(t, director, { departureId: departure.id, seats: 2 });
    return departure;
  }

  it('the roster says the bus is full and the button adds to the waiting list', async () => {
    const departure = await fullBus();
    const page = await client.get(`/departures/${departure.id}`, 'ru');
    const form = around(page.html, '<details class="new-client"', '</details>');
    expect(form).toContain('Автобус полон');
    expect(form).toContain(`action="/departures/${departure.id}/waitlist/new-client"`);
    expect(form).toContain('name="note"');
    expect(form).not.toContain('Добавить клиента и записать');
    // A bus with seats books as before.
    const open = await createDeparture(t, director, { seats: 5 });
    const openForm = around((await client.get(`/departures/${open.id}`, 'ru')).html, '<details class="new-client"', '</details>');
    expect(openForm).toContain(`action="/departures/${open.id}/bookings/new-client"`);
    expect(openForm).not.toContain('waitlist/new-client');
  });

  it('one submit makes the card and the entry, and the roster opens at the entry; sent again, nothing more', async () => {
    const departure = await fullBus();
    const contactsBefore = await count('SELECT count(*) AS n FROM contacts');
    const form = { name: 'Нова Клиентка', phone: '+359888777666', email: '', locale: '', seats: '2', note: 'any seats', _once: token() };
    const sent = await client.post(`/departures/${departure.id}/waitlist/new-client`, form, 'bg');
    expect(sent.status).toBe(303);
    const entry = (await t.database.sqlite.prepare('SELECT w.id, w.seats, w.note, w.status, c.name FROM waitlist_entries w JOIN contacts c ON c.id = w.contact_id WHERE w.departure_id = ?').all(departure.id)) as { id: number; seats: number; note: string; status: string; name: string }[];
    expect(entry).toEqual([{ id: expect.any(Number), seats: 2, note: 'any seats', status: 'waiting', name: 'Нова Клиентка' }]);
    expect(sent.location).toBe(`/departures/${departure.id}?done=newClientWaitlisted#entry-${entry[0]!.id}`);
    const roster = await client.get(sent.location!, 'bg');
    expect(roster.html).toContain('Картата на клиента е създадена');
    expect(around(roster.html, `id="entry-${entry[0]!.id}"`)).toContain('Нова Клиентка');

    const again = await client.post(`/departures/${departure.id}/waitlist/new-client`, form, 'bg');
    expect(again.location).toContain('done=sentBefore');
    expect(await count('SELECT count(*) AS n FROM contacts')).toBe(contactsBefore + 1);
    expect(await count('SELECT count(*) AS n FROM waitlist_entries')).toBe(1);
  });

  it('a refusal keeps nothing: a card already on file, seats free after all, a missing name', async () => {
    const departure = await fullBus();
    const known = await createContact(t, director, { phone: '+359888111222' });
    const contactsBefore = await count('SELECT count(*) AS n FROM contacts');

    const duplicate = await client.post(`/departures/${departure.id}/waitlist/new-client`, { name: 'Other', phone: '+359888111222', seats: '1', _once: token() }, 'en');
    expect(duplicate.status).toBe(409);
    expect(duplicate.html).toContain(`href="/contacts/${known.id}"`);

    const noName = await client.post(`/departures/${departure.id}/waitlist/new-client`, { name: '', seats: '1', _once: token() }, 'ru');
    expect(noName.status).toBe(400);
    expect(around(noName.html, 'id="nc-name"', '</div>')).toMatch(/aria-invalid="true".*<span class="error" id="nc-name-error">[^<]+<\/span>/);

    // Seats freed after the page was drawn: joining is refused, and the card with it.
    const roomy = await createDeparture(t, director, { seats: 5 });
    const free = await client.post(`/departures/${roomy.id}/waitlist/new-client`, { name: 'Someone', phone: '+359888999000', seats: '1', _once: token() }, 'en');
    expect(free.status).toBe(409);
    expect(free.html).toContain('class="error"');

    expect(await count('SELECT count(*) AS n FROM contacts')).toBe(contactsBefore);
    expect(await count('SELECT count(*) AS n FROM waitlist_entries')).toBe(0);
  });

  it('a booking refused as sold out comes back with the waiting list offered beside it, the typed client kept', async () => {
    const departure = await createDeparture(t, director, { seats: 3 });
    await createDeal(t, director, { departureId: departure.id, seats: 2 });
    const refused = await client.post(`/departures/${departure.id}/bookings/new-client`, { name: 'Трима', phone: '+359888333444', seats: '3', _once: token() }, 'bg');
    expect(refused.status).toBe(409);
    const form = around(refused.html, '<details class="new-client"', '</details>');
    expect(form).toContain('value="Трима"');
    expect(form).toContain(`formaction="/departures/${departure.id}/waitlist/new-client"`);
    const joined = await client.post(`/departures/${departure.id}/waitlist/new-client`, { name: 'Трима', phone: '+359888333444', seats: '3', _once: token() }, 'bg');
    expect(joined.location).toContain('done=newClientWaitlisted');
  });
});

describe('the document stages say who recorded them and when', () => {
  it('each stage names its colleague and time, also when the money came first', async () => {
    const manager = await t.as('manager');
    const managerPages = await pageClient(t, { email: 'manager2@agency.test', password: 'password-123' });
    const deal = await createDeal(t, director, { seats: 1 });
    await pay(t, director, deal.id, 5000); // deposit paid: the status passes the document stages by
    t.advance(60 * 60_000);
    expect((await managerPages.post(`/deals/${deal.id}/documents`, { state: 'sent', back: `/deals/${deal.id}` }, 'en')).location).toContain('done=documents');
    const sentAt = t.now;
    t.advance(60 * 60_000);
    expect((await client.post(`/deals/${deal.id}/documents`, { state: 'received', back: `/deals/${deal.id}` }, 'en')).location).toContain('done=documents');

    const row = (await t.database.sqlite.prepare('SELECT documents_sent_by AS sentBy, documents_received_by AS receivedBy, status FROM deals WHERE id = ?').get(deal.id)) as { sentBy: number; receivedBy: number; status: string };
    expect(row).toEqual({ sentBy: manager.id, receivedBy: 1, status: 'deposit_paid' });

    const page = await client.get(`/deals/${deal.id}`, 'en');
    expect(page.html).toContain('<li class="done" data-stage="documents_sent">');
    expect(page.html).toContain('<li class="done" data-stage="documents_received">');
    const sent = around(page.html, 'data-stage="documents_sent"');
    expect(sent).toContain('by manager 2');
    expect(sent).toContain(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Sofia', hour: '2-digit', minute: '2-digit' }).format(sentAt));
    expect(around(page.html, 'data-stage="documents_received"')).toMatch(/by [^<]+/);

    // Marking again keeps the first colleague.
    await managerPages.post(`/deals/${deal.id}/documents`, { state: 'received', back: `/deals/${deal.id}` }, 'en');
    expect(((await t.database.sqlite.prepare('SELECT documents_received_by AS by FROM deals WHERE id = ?').get(deal.id)) as { by: number }).by).toBe(1);
  });

  it('a stage recorded before colleagues were kept takes its colleague from the status history', async () => {
    const deal = await createDeal(t, director, { seats: 1 });
    await t.call('POST', `/api/v1/deals/${deal.id}/documents`, { token: director, body: { state: 'sent' } });
    await t.database.sqlite.prepare('UPDATE deals SET documents_sent_by = NULL WHERE id = ?').run(deal.id);
    const page = await client.get(`/deals/${deal.id}`, 'ru');
    expect(around(page.html, 'data-stage="documents_sent"')).toMatch(/\d{2}:\d{2} · [^<]*director/i);
  });
});

describe('the trip\'s plan in the reader\'s language', () => {
  it('seeded stages are worded for each reader; a stage the agency typed is shown as typed', async () => {
    await ensureDefaultPlan(t.ctx(), 'bg');
    const plan = (await t.call('GET', '/api/v1/task-templates', { token: director })).body as { title: string; daysBeforeDeparture: number; role: string }[];
    const typed = { title: 'Потвърди автобуса и шофьора', daysBeforeDeparture: 2, role: 'operator' };
    expect((await t.call('PUT', '/api/v1/task-templates', { token: director, body: [...plan, typed] })).status).toBe(200);
    const departure = await createDeparture(t, director);

    const ru = await client.get(`/tasks?whose=all&departureId=${departure.id}`, 'ru');
    expect(ru.html).toContain('сбор заявок');
    expect(ru.html).toContain('напоминание о времени и месте отправления');
    expect(ru.html).not.toContain('събиране на заявки');
    expect(ru.html).toContain('Потвърди автобуса и шофьора');
    const en = await client.get(`/departures/${departure.id}`, 'en');
    expect(around(en.html, 'id="plan"', '</section>')).toContain('collecting bookings');
    expect(around(en.html, 'id="plan"', '</section>')).toContain('Потвърди автобуса и шофьора');
    const bg = await client.get(`/tasks?whose=all&departureId=${departure.id}`, 'bg');
    expect(bg.html).toContain('събиране на заявки');
    // Stored as typed: the page words it, the data stays.
    expect(await count("SELECT count(*) AS n FROM tasks WHERE title = 'събиране на заявки'")).toBe(1);
  });
});

describe('the departure form chooses its zone and currency', () => {
  it('offers the usual values first and every other after, the current one selected', async () => {
    const page = await client.get('/departures/new', 'bg');
    const zone = around(page.html, '<select id="f-timeZone"', '</select>');
    expect(zone).toMatch(/<option value="Europe\/Sofia" selected="">/);
    expect(zone.indexOf('Europe/Moscow')).toBeLessThan(zone.indexOf('America/New_York'));
    expect(zone).toContain('value="Asia/Tokyo"');
    const currency = around(page.html, '<select id="f-currency"', '</select>');
    expect(currency).toMatch(/<option value="EUR" selected="">/);
    for (const code of ['BGN', 'RUB', 'USD']) expect(currency).toContain(`value="${code}"`);
    expect(currency.indexOf('value="RUB"')).toBeLessThan(currency.indexOf('value="JPY"'));
  });

  it('keeps an unusual current value selected on the edit page, offered once', async () => {
    const departure = await createDeparture(t, director, { currency: 'KZT', timeZone: 'Asia/Almaty' });
    const page = await client.get(`/departures/${departure.id}/edit`, 'ru');
    const zone = around(page.html, '<select id="f-timeZone"', '</select>');
    expect(zone).toMatch(/<option value="Asia\/Almaty" selected="">/);
    expect(zone.match(/value="Asia\/Almaty"/g)).toHaveLength(1);
    expect(around(page.html, '<select id="f-currency"', '</select>')).toMatch(/<option value="KZT" selected="">/);
  });
});

describe('the booking pages read on a phone', () => {
  it('the travellers stack into blocks and the payments into lines at narrow widths', async () => {
    const deal = await createDeal(t, director, { seats: 2 });
    await pay(t, director, deal.id, 5000);
    const page = await client.get(`/deals/${deal.id}`, 'bg');
    expect(page.html).toContain('<table class="travellers stack">');
    expect(page.html).toMatch(/<td data-label="[^"]+"><input aria-label="[^"]+ 1" name="name0"/);
    expect(page.html).toContain('<table class="deal-payments">');
    const css = await client.get('/assets/app.css');
    expect(css.html).toMatch(/@media \(max-width: 759px\) \{\s*table\.deal-payments, table\.deal-payments tbody \{ display: block/);
  });
});

describe('the inquiry board\'s cards carry the client\'s phone', () => {
  it('a tel: link on each card that has a phone, none on one without', async () => {
    expect((await t.call('POST', '/api/v1/inquiries', { token: director, body: { name: 'Обаждащ Се', phone: '+359888123456', source: 'phone' } })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/inquiries', { token: director, body: { name: 'Само Имейл', email: 'only@example.com', source: 'site' } })).status).toBe(201);
    const board = await client.get('/inquiries', 'bg');
    const withPhone = around(board.html, 'Обаждащ Се');
    expect(withPhone).toMatch(/<a class="tel" href="tel:\+359888123456"[^>]*>088 812 3456<\/a>/);
    expect(around(board.html, 'Само Имейл')).not.toContain('tel:');
  });
});
