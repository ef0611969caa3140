import { beforeEach, describe, expect, it } from 'vitest';
import { createDeal, createDeparture, pay } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let operator: string;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
  operator = (await t.as('operator')).token;
});

const COSTS = [
  { label: 'Автобус', amountMinor: 120000 },
  { label: 'Екскурзовод', amountMinor: 30000 },
];

describe("a trip's costs and margin", () => {
  it('only a director sets and sees the costs; a copy takes them', async () => {
    const refused = await t.call('POST', '/api/v1/departures', { token: operator, body: { title: 'x', departsAt: '2027-10-29T06:30:00+03:00', meetingPoint: 'm', seats: 4, priceMinor: 1, depositMinor: 0, costs: COSTS } });
    expect(refused.status).toBe(403);
    const departure = await createDeparture(t, director, { costs: COSTS });
    expect(departure.costs).toEqual(COSTS);
    const seenByOperator = (await t.call('GET', `/api/v1/departures/${departure.id}`, { token: operator })).body;
    expect(seenByOperator).not.toHaveProperty('costs');
    expect((await t.call('GET', '/api/v1/departures', { token: operator })).body.items[0]).not.toHaveProperty('costs');
    expect((await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token: operator, body: { costs: [] } })).status).toBe(403);
    const copy = (await t.call('POST', `/api/v1/departures/${departure.id}/copy`, { token: operator, body: { departsAt: '2027-11-05T06:30:00+02:00' } })).body;
    expect((await t.call('GET', `/api/v1/departures/${copy.id}`, { token: director })).body.costs).toEqual(COSTS);
  });

  it('the report adds costs and margin (contracted, fees included, minus costs), per departure and in the totals', async () => {
    const departure = await createDeparture(t, director, { costs: COSTS, cancellationFees: [{ daysBefore: 365, percent: 20 }] });
    const kept = await createDeal(t, operator, { departureId: departure.id, seats: 10 }); // 150 000
    await pay(t, operator, kept.id, 50000);
    const cancelled = await createDeal(t, operator, { departureId: departure.id, seats: 2 }); // 30 000, fee 20 % = 6 000
    await pay(t, operator, cancelled.id, 10000);
    await t.call('POST', `/api/v1/deals/${cancelled.id}/cancel`, { token: operator, body: { reason: 'r' } });
    const report = (await t.call('GET', `/api/v1/reports/departures/${departure.id}`, { token: director })).body;
    expect(report).toMatchObject({ contractedMinor: 156000, feesMinor: 6000, costsMinor: 150000, marginMinor: 6000 });
    const period = (await t.call('GET', '/api/v1/reports/departures?from=2027-01-01&to=2027-12-31', { token: director })).body;
    expect(period.totals[0]).toMatchObject({ costsMinor: 150000, marginMinor: 6000 });
  });

  it('a director enters the costs on the departure form; an operator\'s form has none and leaves them', async () => {
    const departure = await createDeparture(t, director, { costs: COSTS });
    const client = await pageClient(t, DIRECTOR);
    const post = (c: typeof client, form: Record<string, string>) => c.post(`/departures/${departure.id}/edit`, form);
    const edit = await client.get(`/departures/${departure.id}/edit`, 'bg');
    expect(edit.html).toContain('name="costLabel0" type="text" value="Автобус"');
    const base = { title: 'Охрид 29.10', departsAt: '2027-10-29T06:30', meetingPoint: 'НДК', seats: '49', price: '150', deposit: '50', currency: 'EUR', timeZone: 'Europe/Sofia' };
    const bad = await post(client, { ...base, costLabel0: 'Автобус', costAmount0: 'много' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('f-costAmount0-error');
    const saved = await post(client, { ...base, costLabel0: 'Автобус', costAmount0: '1 300,00', costLabel1: 'Хотел', costAmount1: '2400' });
    expect(saved.status).toBe(303);
    expect((await t.call('GET', `/api/v1/departures/${departure.id}`, { token: director })).body.costs).toEqual([
      { label: 'Автобус', amountMinor: 130000 },
      { label: 'Хотел', amountMinor: 240000 },
    ]);
    const user = { email: 'op-costs@agency.test', password: 'password-123' };
    await t.call('POST', '/api/v1/users', { token: director, body: { ...user, name: 'Оператор', role: 'operator' } });
    const op = await pageClient(t, user);
    const opEdit = await op.get(`/departures/${departure.id}/edit`, 'bg');
    expect(opEdit.html).not.toContain('costLabel0');
    expect((await post(op, { ...base, costLabel0: 'x', costAmount0: '1' })).status).toBe(303);
    expect((await t.call('GET', `/api/v1/departures/${departure.id}`, { token: director })).body.costs).toHaveLength(2);
  });
});
