import { beforeEach, describe, expect, it } from 'vitest';
import { createDeal, createDeparture, pay } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let operator: string;
let director: string;

beforeEach(async () => {
  // 2027-10-19 09:00 in Sofia: ten calendar days before the 29th.
  t = await makeTestApp({ now: Date.parse('2027-10-19T06:00:00Z') });
  director = (await t.as('director')).token;
  operator = (await t.as('operator')).token;
});

const POLICY = [
  { daysBefore: 30, percent: 10 },
  { daysBefore: 14, percent: 30 },
  { daysBefore: 3, percent: 100 },
];

async function bookedAndPaid(paidMinor: number, policy = POLICY) {
  const departure = await createDeparture(t, operator, { cancellationFees: policy });
  const deal = await createDeal(t, operator, { departureId: departure.id, seats: 2 }); // price 30000
  if (paidMinor) await pay(t, operator, deal.id, paidMinor);
  return { departure, deal };
}

describe('cancellation fees', () => {
  it('a departure keeps its policy, sorted, in every answer and in its copy', async () => {
    const departure = await createDeparture(t, operator, { cancellationFees: [POLICY[2], POLICY[0], POLICY[1]] });
    expect(departure.cancellationFees).toEqual(POLICY);
    const copy = await t.call('POST', `/api/v1/departures/${departure.id}/copy`, { token: operator, body: { departsAt: '2027-11-05T06:30:00+02:00' } });
    expect(copy.body.cancellationFees).toEqual(POLICY);
    const cleared = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token: operator, body: { cancellationFees: [] } });
    expect(cleared.body.cancellationFees).toEqual([]);
  });

  it('refuses a rule out of range or twice the same days, naming it, and changes nothing', async () => {
    const bad = await t.call('POST', '/api/v1/departures', { token: operator, body: { ...{ title: 'x', departsAt: '2027-10-29T06:30:00+03:00', meetingPoint: 'm', seats: 4, priceMinor: 1, depositMinor: 0 }, cancellationFees: [{ daysBefore: 5, percent: 120 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toHaveProperty(['cancellationFees.0.percent']);
    const twice = await t.call('POST', '/api/v1/departures', { token: operator, body: { title: 'x', departsAt: '2027-10-29T06:30:00+03:00', meetingPoint: 'm', seats: 4, priceMinor: 1, depositMinor: 0, cancellationFees: [{ daysBefore: 5, percent: 10 }, { daysBefore: 5, percent: 20 }] } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details).toHaveProperty(['cancellationFees.1.daysBefore']);
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM departures').get()).toEqual({ n: 0 });
  });

  it('the policy proposes the fee: the highest matching percent of the price, at most what was paid; the rest is a refund due', async () => {
    const { deal } = await bookedAndPaid(20000); // 10 days before: the 30 % and 10 % rules match, 30 % wins
    const cancelled = await t.call('POST', `/api/v1/deals/${deal.id}/cancel`, { token: operator, body: { reason: 'ill' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', feeMinor: 9000, paidMinor: 20000, refundDueMinor: 11000, balanceMinor: 0 });
    const seats = await t.call('GET', `/api/v1/departures/${deal.departureId}`, { token: operator });
    expect(seats.body.seatsBooked).toBe(0);
  });

  it('keeps no more than was paid, and nothing when no rule reaches that far', async () => {
    const small = await bookedAndPaid(5000);
    const kept = await t.call('POST', `/api/v1/deals/${small.deal.id}/cancel`, { token: operator, body: { reason: 'r' } });
    expect(kept.body).toMatchObject({ feeMinor: 5000, refundDueMinor: 0 });
    const none = await bookedAndPaid(10000, [{ daysBefore: 3, percent: 100 }]);
    const free = await t.call('POST', `/api/v1/deals/${none.deal.id}/cancel`, { token: operator, body: { reason: 'r' } });
    expect(free.body).toMatchObject({ feeMinor: 0, refundDueMinor: 10000 });
  });

  it('a director may keep another fee; anyone else is refused, and a fee above what was paid is 400; both change nothing', async () => {
    const { deal } = await bookedAndPaid(20000);
    const notDirector = await t.call('POST', `/api/v1/deals/${deal.id}/cancel`, { token: operator, body: { reason: 'r', feeMinor: 0 } });
    expect(notDirector.status).toBe(403);
    const tooMuch = await t.call('POST', `/api/v1/deals/${deal.id}/cancel`, { token: director, body: { reason: 'r', feeMinor: 20001 } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details).toHaveProperty('feeMinor');
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token: operator })).body.status).not.toBe('cancelled');
    const waived = await t.call('POST', `/api/v1/deals/${deal.id}/cancel`, { token: director, body: { reason: 'r', feeMinor: 0 } });
    expect(waived.body).toMatchObject({ status: 'cancelled', feeMinor: 0, refundDueMinor: 20000 });
  });

  it('reports count the fee as contracted and kept, and only the rest as refund due', async () => {
    const { deal } = await bookedAndPaid(20000);
    await t.call('POST', `/api/v1/deals/${deal.id}/cancel`, { token: operator, body: { reason: 'r' } });
    const report = await t.call('GET', `/api/v1/reports/departures/${deal.departureId}`, { token: director });
    expect(report.body).toMatchObject({ contractedMinor: 9000, feesMinor: 9000, refundDueMinor: 11000, collectedMinor: 20000, outstandingMinor: 0 });
    // The refund recorded: nothing more due.
    await pay(t, operator, deal.id, 11000, { kind: 'refund' });
    const after = await t.call('GET', `/api/v1/deals/${deal.id}`, { token: operator });
    expect(after.body.refundDueMinor).toBe(0);
  });
});

describe('cancelling in the desk', () => {
  it('the roster links to a cancellation page that shows the client, travellers and money before anything is done', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, operator, { cancellationFees: POLICY });
    const deal = await createDeal(t, operator, { departureId: departure.id, seats: 2, travellers: [{ name: 'Иван Петров' }, { name: 'Мария Петрова' }] });
    await pay(t, operator, deal.id, 20000);
    const roster = await client.get(`/departures/${departure.id}`, 'bg');
    expect(roster.html).toContain(`href="/deals/${deal.id}/cancel?back=`);
    expect(roster.html).not.toContain(`action="/deals/${deal.id}/cancel"`);
    const page = await client.get(`/deals/${deal.id}/cancel?back=/departures/${departure.id}`, 'bg');
    expect(page.status).toBe(200);
    for (const text of ['Иван Петров', 'Мария Петрова', '200,00', '90,00', '110,00', '30 %', '10 дни преди тръгване']) expect(page.html).toContain(text);
    expect(page.html).toContain('name="fee"'); // a director may change the fee
    // Looking changed nothing.
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token: operator })).body.status).not.toBe('cancelled');
  });

  it('an operator sees the fee but cannot change it; a missing reason comes back in Bulgarian; done, the seats are free', async () => {
    const user = { email: 'op-cancel@agency.test', password: 'password-123' };
    await t.call('POST', '/api/v1/users', { token: director, body: { ...user, name: 'Оператор', role: 'operator', locale: 'bg' } });
    const client = await pageClient(t, user);
    const { departure, deal } = await bookedAndPaid(20000);
    const page = await client.get(`/deals/${deal.id}/cancel`, 'bg');
    expect(page.html).not.toContain('name="fee"');
    const refused = await client.post(`/deals/${deal.id}/cancel`, { reason: '  ', back: `/departures/${departure.id}` });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('cancel-reason-error');
    expect(refused.html).toMatch(/[\u0400-\u04FF]/);
    // A fee typed into an operator's form is not theirs to set: the policy's stands.
    const done = await client.post(`/deals/${deal.id}/cancel`, { reason: 'болест', fee: '0', back: `/departures/${departure.id}` });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/departures/${departure.id}?done=cancelled`);
    const after = (await t.call('GET', `/api/v1/deals/${deal.id}`, { token: operator })).body;
    expect(after).toMatchObject({ status: 'cancelled', feeMinor: 9000, refundDueMinor: 11000 });
  });

  it('a director changes the fee on the page; a fee above what was paid is refused at its field', async () => {
    const client = await pageClient(t, DIRECTOR);
    const { deal } = await bookedAndPaid(20000);
    const refused = await client.post(`/deals/${deal.id}/cancel`, { reason: 'r', fee: '250' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('cancel-fee-error');
    const done = await client.post(`/deals/${deal.id}/cancel`, { reason: 'r', fee: '50,00' });
    expect(done.status).toBe(303);
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token: operator })).body).toMatchObject({ feeMinor: 5000, refundDueMinor: 15000 });
  });

  it('the policy is set on the departure form; a wrong rule is refused at its row', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, operator);
    const form = { title: 'Охрид 29.10', departsAt: '2027-10-29T06:30', meetingPoint: 'НДК', seats: '49', price: '150', deposit: '50', currency: 'EUR', timeZone: 'Europe/Sofia' };
    const bad = await client.post(`/departures/${departure.id}/edit`, { ...form, feeDays1: '7', feePercent1: '150' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('f-feePercent1-error');
    const saved = await client.post(`/departures/${departure.id}/edit`, { ...form, feeDays0: '7', feePercent0: '50', feeDays2: '30', feePercent2: '10' });
    expect(saved.status).toBe(303);
    const after = (await t.call('GET', `/api/v1/departures/${departure.id}`, { token: operator })).body;
    expect(after.cancellationFees).toEqual([{ daysBefore: 30, percent: 10 }, { daysBefore: 7, percent: 50 }]);
    const edit = await client.get(`/departures/${departure.id}/edit`, 'bg');
    expect(edit.html).toContain('name="feeDays0" type="number" value="30"');
  });

  it('bulk voucher send first says how many and to whom', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, operator);
    const withMail = await createDeal(t, operator, { departureId: departure.id });
    await pay(t, operator, withMail.id, 15000);
    const roster = await client.get(`/departures/${departure.id}`, 'bg');
    expect(roster.html).toContain(`href="/departures/${departure.id}/vouchers"`);
    const confirm = await client.get(`/departures/${departure.id}/vouchers`, 'bg');
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('1 клиент ще получи ваучер по e-mail');
    expect(confirm.html).toContain('@example.com');
    expect(await t.database.sqlite.prepare("SELECT count(*) AS n FROM notifications WHERE kind = 'voucher'").get()).toEqual({ n: 0 });
    const sent = await client.post(`/departures/${departure.id}/vouchers`, {});
    expect(sent.status).toBe(303);
    expect(await t.database.sqlite.prepare("SELECT count(*) AS n FROM notifications WHERE kind = 'voucher'").get()).toEqual({ n: 1 });
  });
});

describe('booking a new client from the roster', () => {
  it('a search that finds nobody offers the new-client form, filled with what was searched', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, operator);
    const page = await client.get(`/departures/${departure.id}?q=${encodeURIComponent('Мария Иванова')}`, 'bg');
    expect(page.html).toContain('<details class="new-client" open');
    expect(page.html).toContain('value="Мария Иванова"');
    expect(page.html).toContain(`action="/departures/${departure.id}/bookings/new-client"`);
  });

  it('makes the card and the booking in one step: a Bulgarian phone gives the client Bulgarian, a manager\'s client is theirs', async () => {
    const user = { email: 'mgr-nc@agency.test', password: 'password-123' };
    const created = await t.call('POST', '/api/v1/users', { token: director, body: { ...user, name: 'Мениджър', role: 'manager', locale: 'bg' } });
    const client = await pageClient(t, user);
    const departure = await createDeparture(t, operator);
    const done = await client.post(`/departures/${departure.id}/bookings/new-client`, { name: 'Мария Иванова', phone: '0888 123 456', email: '', locale: '', seats: '2' });
    expect(done.status).toBe(303);
    const dealId = Number(/\/deals\/(\d+)/.exec(done.location ?? '')?.[1]);
    const deal = (await t.call('GET', `/api/v1/deals/${dealId}`, { token: operator })).body;
    expect(deal).toMatchObject({ seats: 2, departureId: departure.id });
    const contact = (await t.call('GET', `/api/v1/contacts/${deal.contactId}`, { token: operator })).body;
    expect(contact).toMatchObject({ name: 'Мария Иванова', phone: '+359888123456', locale: 'bg', managerId: created.body.id });
  });

  it('a sold-out bus or a bad field leaves no card behind, and says why in Bulgarian beside the form', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, operator, { seats: 1 });
    const soldOut = await client.post(`/departures/${departure.id}/bookings/new-client`, { name: 'Иван', phone: '0888 111 222', seats: '3' });
    expect(soldOut.status).toBe(409);
    expect(soldOut.html).toContain('nc-seats-error');
    expect(soldOut.html).toContain('остава само 1 място');
    const noWay = await client.post(`/departures/${departure.id}/bookings/new-client`, { name: 'Иван', phone: '', email: '', seats: '1' });
    expect(noWay.status).toBe(400);
    expect(noWay.html).toContain('nc-phone-error');
    expect(noWay.html).toContain('Въведете телефон или e-mail');
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM deals').get()).toEqual({ n: 0 });
  });

  it('a phone already on file is refused with a link to that card', async () => {
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, operator);
    const existing = await t.call('POST', '/api/v1/contacts', { token: operator, body: { name: 'Иван', phone: '+359888111222' } });
    const refused = await client.post(`/departures/${departure.id}/bookings/new-client`, { name: 'Иван Иванов', phone: '0888 111 222', seats: '1' });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain(`href="/contacts/${existing.body.id}"`);
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM deals').get()).toEqual({ n: 0 });
  });
});
