import { beforeEach, describe, expect, it } from 'vitest';
import type { ActingCtx } from '../../src/domain/context.js';
import { recordPayment, RecordPaymentInput, reversePayment } from '../../src/domain/deals/index.js';
import { getUser, toActor } from '../../src/domain/users/users.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
let manager: { token: string; id: number };
const MANAGER = { email: 'manager2@agency.test', password: 'password-123' };
const OPERATOR = { email: 'operator3@agency.test', password: 'password-123' };

/** The domain's context of a signed-in user, for writing the money rows as the desk would. */
async function actingAs(id: number): Promise<ActingCtx> {
  const ctx = t.ctx();
  return { ...ctx, actor: toActor(await getUser(ctx, id)) };
}

const pay = async (as: number, dealId: number, body: Record<string, unknown>) =>
  (await recordPayment(await actingAs(as), dealId, RecordPaymentInput.parse({ method: 'cash', ...body }))).result;

/**
 * The director's booking: 100.00 in cash today, 150.00 by card on the 10th (reversed: typed on
 * the wrong booking), 30.00 refunded in cash on the 15th. The manager's booking: 40.00 in cash
 * on the 12th, and 20.00 by transfer in October (outside the month the page opens with).
 */
async function seed() {
  const trip = await createDeparture(t, director, { title: 'Охрид и Струга', priceMinor: 30000, depositMinor: 5000 });
  const other = await createDeparture(t, director, { title: 'Мелник', departsAt: '2027-05-01T07:00:00+03:00' });
  const ivan = await createContact(t, director, { name: 'Иван Петров' });
  const maria = await createContact(t, director, { name: 'Мария Георгиева' });
  const mine = await createDeal(t, director, { departureId: trip.id, contactId: ivan.id, seats: 1 });
  const theirs = await createDeal(t, manager.token, { departureId: other.id, contactId: maria.id, seats: 1 });
  const october = await pay(manager.id, theirs.id, { amountMinor: 2000, method: 'bank_transfer', receivedAt: '2026-10-15T10:00' });
  const card = await pay(1, mine.id, { amountMinor: 15000, method: 'card', receivedAt: '2026-11-10T10:00', note: 'терминал 2' });
  const managers = await pay(manager.id, theirs.id, { amountMinor: 4000, receivedAt: '2026-11-12T11:00' });
  const cash = await pay(1, mine.id, { amountMinor: 10000 });
  const refund = await pay(1, mine.id, { amountMinor: 3000, kind: 'refund', receivedAt: '2026-11-15T09:00' });
  const reversal = await reversePayment(await actingAs(1), mine.id, card.id, { reason: 'на грешна резервация' });
  return { trip, other, mine, theirs, october, card, managers, cash, refund, reversal };
}

beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
  manager = await t.as('manager');
  await t.as('operator');
});

/** The receipt numbers of the rows listed, in the page's order. */
const receipts = (html: string) => [...html.matchAll(/<a href="\/payments\/\d+\/receipt\.pdf">([^<]+)<\/a>/g)].map((m) => m[1]);

describe("the accountant's pages", () => {
  it("a director's ledger: this month's rows with their receipts, links and totals, in Russian and Bulgarian", async () => {
    const s = await seed();
    const client = await pageClient(t, DIRECTOR);
    const ru = await client.get('/payments', 'ru');
    expect(ru.status).toBe(200);
    expect(ru.html).toContain('<html lang="ru"');
    expect(ru.html).toContain('Журнал платежей');
    expect(ru.html).toContain('value="2026-11-01"');
    expect(ru.html).toContain('value="2026-11-30"');
    // In the order the money moved; October's transfer is outside the month.
    expect(receipts(ru.html)).toEqual([s.card.receiptNumber, s.managers.receiptNumber, s.refund.receiptNumber, s.cash.receiptNumber, s.reversal.receiptNumber]);
    expect(ru.html).not.toContain(s.october.receiptNumber);
    expect(ru.html).toContain(`href="/payments/${s.cash.id}/receipt.pdf"`);
    expect(ru.html).toContain(`href="/deals/${s.mine.id}">${s.mine.reference}</a>`);
    expect(ru.html).toContain(`href="/contacts/${s.mine.contactId}">Иван Петров</a>`);
    expect(ru.html).toContain(`href="/departures/${s.trip.id}">Охрид и Струга</a>`);
    expect(ru.html).toContain('Наличные');
    expect(ru.html).toContain('Сторно квитанции № ' + s.card.receiptNumber);
    expect(ru.html).toContain('на грешна резервация');
    expect(ru.html).toContain('терминал 2');
    // Money out with a minus and its own class: the refund and the reversed card payment.
    expect(ru.html).toMatch(/class="num amount out" data-delta="-3000">−30,00\s€/u);
    expect(ru.html).toMatch(/class="num amount out" data-delta="-15000">−150,00\s€/u);
    expect(ru.html).toMatch(/class="num amount in" data-delta="10000">100,00\s€/u);
    // Totals: 150 + 40 + 100 received less the reversed 150; 30 paid out.
    const totals = ru.html.slice(ru.html.indexOf('Итоги по отбору'), ru.html.indexOf('Оплаты, возвраты и сторно'));
    expect(totals).toMatch(/Приход<strong class="in">140,00\s€/u);
    expect(totals).toMatch(/Расход<strong class="out">−30,00\s€/u);
    expect(totals).toMatch(/Итого<strong>110,00\s€/u);
    expect(totals).toMatch(/Строк<strong>5</u);
    expect(ru.html).toContain('href="/payments/export?format=csv&amp;from=2026-11-01&amp;to=2026-11-30"');

    const bg = await client.get('/payments', 'bg');
    expect(bg.html).toContain('<html lang="bg"');
    expect(bg.html).toContain('Дневник на плащанията');
    expect(bg.html).toContain('В брой');
    expect(bg.html).toContain('Сторно на квитанция № ' + s.card.receiptNumber);
    expect(bg.html).toMatch(/Приход<strong class="in">140,00\s€/u);
    expect(bg.html).toMatch(/Разход<strong class="out">−30,00\s€/u);
    expect(bg.html).toContain('Изтегли Excel (XLSX)');
    // The navigation names the page for directors and managers.
    expect(bg.html).toMatch(/<a href="\/payments" class="active">Плащания<\/a>/u);

    // The receipt behind a row's number is the PDF.
    const receipt = await client.get(`/payments/${s.cash.id}/receipt.pdf`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toContain('application/pdf');
  });

  it('the filter narrows by method, kind, trip and period, and keeps itself across pages and downloads', async () => {
    const s = await seed();
    const client = await pageClient(t, DIRECTOR);
    const card = await client.get('/payments?method=card', 'ru');
    expect(receipts(card.html)).toEqual([s.card.receiptNumber, s.reversal.receiptNumber]);
    expect(card.html).toMatch(/<option value="card" selected="">Карта<\/option>/u);
    const refunds = await client.get('/payments?kind=refund', 'bg');
    expect(receipts(refunds.html)).toEqual([s.refund.receiptNumber]);
    expect(refunds.html).toMatch(/Нето<strong class="out">−30,00\s€/u);
    const trip = await client.get(`/payments?departureId=${s.other.id}`, 'bg');
    expect(receipts(trip.html)).toEqual([s.managers.receiptNumber]);
    // An emptied date is no bound: October's transfer is back.
    const all = await client.get('/payments?from=&to=', 'en');
    expect(receipts(all.html)[0]).toBe(s.october.receiptNumber);
    const october = await client.get('/payments?from=2026-10-01&to=2026-10-31', 'en');
    expect(receipts(october.html)).toEqual([s.october.receiptNumber]);
    const none = await client.get('/payments?kind=refund&method=card', 'en');
    expect(none.html).toContain('No payments, refunds or reversals match this filter.');

    // Paging keeps the filter; the last page offers no further one.
    const first = await client.get('/payments?limit=2&from=&kind=payment', 'en');
    expect(receipts(first.html)).toEqual([s.october.receiptNumber, s.card.receiptNumber]);
    const next = /<a class="button" href="([^"]+)" rel="next">Next page<\/a>/.exec(first.html)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/^\/payments\?from=&to=2026-11-30&kind=payment&limit=2&cursor=/);
    const second = await client.get(next!, 'en');
    expect(receipts(second.html)).toEqual([s.managers.receiptNumber, s.cash.receiptNumber]);
    expect(second.html).toContain('Back to the first page');

    // The downloads carry the same filter and answer files.
    const link = (format: string) => new RegExp(`href="(/payments/export\\?format=${format}[^"]*)"`).exec(card.html)?.[1]?.replaceAll('&amp;', '&');
    expect(link('csv')).toBe('/payments/export?format=csv&from=2026-11-01&to=2026-11-30&method=card');
    const csv = await client.get(link('csv')!, 'ru');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.html).toContain(s.reversal.receiptNumber);
    expect(csv.html).not.toContain(s.cash.receiptNumber);
    const xlsx = await client.get(link('xlsx')!, 'bg');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('a manager sees only the money of their own bookings; an operator is refused', async () => {
    const s = await seed();
    const mine = await pageClient(t, MANAGER);
    const page = await mine.get('/payments', 'bg');
    expect(page.status).toBe(200);
    expect(receipts(page.html)).toEqual([s.managers.receiptNumber]);
    expect(page.html).toContain('Показани са плащанията по вашите резервации.');
    expect(page.html).not.toContain('name="managerId"');
    expect(page.html).not.toContain('/reports/cashbook');
    expect((await mine.get('/payments?managerId=1', 'bg')).status).toBe(403);
    const csv = await mine.get('/payments/export?format=csv', 'bg');
    expect(csv.status).toBe(200);
    expect(csv.html).toContain(s.managers.receiptNumber);
    expect(csv.html).not.toContain(s.cash.receiptNumber);

    const operator = await pageClient(t, OPERATOR);
    const refused = await operator.get('/payments', 'ru');
    expect(refused.status).toBe(403);
    expect(refused.html).not.toContain('Журнал платежей');
    expect((await operator.get('/', 'ru')).html).not.toContain('href="/payments"');

    // A director chooses whose bookings.
    const boss = await pageClient(t, DIRECTOR);
    const theirs = await boss.get(`/payments?managerId=${manager.id}`, 'en');
    expect(receipts(theirs.html)).toEqual([s.managers.receiptNumber]);
    expect(theirs.html).toMatch(new RegExp(`<option value="${manager.id}" selected="">manager 2</option>`));
  });

  it('a refused filter comes back named in the reader\'s language, with nothing listed', async () => {
    await seed();
    const client = await pageClient(t, DIRECTOR);
    const bad = await client.get('/payments?from=2026-13-45&kind=gift', 'ru');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Проверьте отмеченные поля.');
    expect(bad.html).toContain('<a href="#f-from">Дата с</a>: Введите существующую дату');
    expect(bad.html).toContain('<a href="#f-kind">Вид</a>: Выберите один из вариантов');
    expect(bad.html).toContain('value="2026-13-45"');
    expect(bad.html).toContain('aria-describedby="f-from-error"');
    expect(receipts(bad.html)).toEqual([]);
    const bg = await client.get('/payments?to=вчера', 'bg');
    expect(bg.status).toBe(400);
    expect(bg.html).toContain('<a href="#f-to">До дата</a>: Въведете съществуваща дата');
    expect((await client.get('/reports/cashbook?from=31.11.2026', 'bg')).status).toBe(400);
  });

  it('the cash book: per day and method received, paid out and net; by method; totals; for directors only', async () => {
    const s = await seed();
    const client = await pageClient(t, DIRECTOR);
    const reports = await client.get('/reports', 'bg');
    expect(reports.html).toContain('href="/reports/cashbook');
    const ru = await client.get('/reports/cashbook', 'ru');
    expect(ru.status).toBe(200);
    expect(ru.html).toContain('Кассовая книга');
    const day = (date: string, method: string) => {
      const start = ru.html.indexOf(`data-day="${date}" data-method="${method}"`);
      expect(start, `${date} ${method}`).toBeGreaterThan(-1);
      return ru.html.slice(start, ru.html.indexOf('</tr>', start));
    };
    // The 10th: the card payment in. The 22nd: the cash in, and the card payment's reversal out.
    expect(day('2026-11-10', 'card')).toMatch(/Приход" class="num in">150,00\s€/u);
    expect(day('2026-11-15', 'cash')).toMatch(/Расход" class="num out">−30,00\s€/u);
    const reversedDay = day('2026-11-22', 'card');
    expect(reversedDay).toMatch(/Приход" class="num out">−150,00\s€/u);
    expect(reversedDay).toMatch(/Итого" class="num out"><strong>−150,00\s€/u);
    expect(day('2026-11-22', 'cash')).toMatch(/Итого" class="num"><strong>100,00\s€/u);
    expect(ru.html).not.toContain('2026-10-15');
    // A day links to its rows in the ledger.
    expect(ru.html).toContain('href="/payments?from=2026-11-10&amp;to=2026-11-10&amp;method=card"');
    expect(ru.html).toContain('По способам');
    expect(ru.html).toMatch(/Итого<strong>110,00\s€/u);
    expect(ru.html).toContain('href="/reports/export/cashbook?format=xlsx&amp;from=2026-11-01&amp;to=2026-11-30"');
    const bg = await client.get('/reports/cashbook?from=2026-10-01&to=2026-10-31', 'bg');
    expect(bg.html).toContain('Касова книга');
    expect(bg.html).toContain('Банков превод');
    expect(bg.html).toMatch(/Приход<strong class="in">20,00\s€/u);
    expect(bg.html).not.toContain(s.cash.receiptNumber);
    expect((await client.get('/reports/cashbook?from=2025-01-01&to=2025-01-31', 'en')).html).toContain('No money moved in this period.');
    const csv = await client.get('/reports/export/cashbook?format=csv&from=2026-11-01&to=2026-11-30', 'bg');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const xlsx = await client.get('/reports/export/cashbook?format=xlsx&from=2026-11-01&to=2026-11-30', 'ru');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');

    expect((await (await pageClient(t, MANAGER)).get('/reports/cashbook', 'ru')).status).toBe(403);
    expect((await (await pageClient(t, OPERATOR)).get('/reports/cashbook', 'ru')).status).toBe(403);
  });
});
