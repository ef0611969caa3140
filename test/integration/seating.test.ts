import { beforeEach, describe, expect, it } from 'vitest';
import { createDeal, createDeparture } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';
import { rowsOf } from '../../src/domain/departures/seat-layout.js';
import { seatsForGroup } from '../../src/domain/seating/index.js';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await makeTestApp();
  token = (await t.as('operator')).token;
});

const names = (n: number, family: string) => Array.from({ length: n }, (_, i) => ({ name: `${family} ${i + 1}` }));

describe('seat numbering', () => {
  it('rows of four with the aisle after two, and a back row of five when the layout says so', () => {
    expect(rowsOf({ seatsPerRow: 4, aisleAfter: 2 }, 10)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]);
    expect(rowsOf({ seatsPerRow: 4, aisleAfter: 2, lastRowSeats: 5 }, 13)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12, 13]]);
  });

  it('a group goes in one row when it fits, else in the fewest rows one behind the other', () => {
    const rows = rowsOf({ seatsPerRow: 4, aisleAfter: 2 }, 12);
    expect(seatsForGroup(rows, new Set([2, 3, 4, 6, 7, 8, 9, 10, 11, 12]), 4)).toEqual([9, 10, 11, 12]);
    expect(seatsForGroup(rows, new Set([4, 7, 8, 11, 12]), 3)).toEqual([4, 7, 8]);
  });
});

describe('seating a coach', () => {
  it('automatic seating keeps each booking together, in booking order, and never gives a seat twice', async () => {
    const departure = await createDeparture(t, token, { seats: 12 });
    const a = await createDeal(t, token, { departureId: departure.id, seats: 3, travellers: names(3, 'Петрови') });
    const b = await createDeal(t, token, { departureId: departure.id, seats: 4, travellers: names(4, 'Иванови') });
    const c = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Колеви') });
    const plan = (await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token })).body;
    const seatsOfDeal = (id: number) => plan.seats.filter((s: any) => s.dealId === id).map((s: any) => s.number);
    expect(seatsOfDeal(a.id)).toEqual([1, 2, 3]);
    expect(seatsOfDeal(b.id)).toEqual([5, 6, 7, 8]);
    expect(seatsOfDeal(c.id)).toEqual([9, 10]);
    const numbers = plan.seats.filter((s: any) => s.travellerId).map((s: any) => s.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Run again: nobody moves.
    const again = (await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token })).body;
    expect(again.seats).toEqual(plan.seats);
    const deal = (await t.call('GET', `/api/v1/deals/${a.id}`, { token })).body;
    expect(deal.travellers.map((x: any) => x.seat)).toEqual([1, 2, 3]);
  });

  it('moves travellers; a seat taken by another booking or beyond the bus is 409 and changes nothing', async () => {
    const departure = await createDeparture(t, token, { seats: 8 });
    const a = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Петрови') });
    const b = await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: names(1, 'Иванов') });
    await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token });
    const [first, second] = (await t.call('GET', `/api/v1/deals/${a.id}`, { token })).body.travellers;
    const taken = await t.call('POST', `/api/v1/deals/${a.id}/seats`, { token, body: { assignments: [{ travellerId: first.id, seat: 3 }] } });
    expect(taken.status).toBe(409);
    const beyond = await t.call('POST', `/api/v1/deals/${a.id}/seats`, { token, body: { assignments: [{ travellerId: first.id, seat: 9 }] } });
    expect(beyond.status).toBe(409);
    const moved = await t.call('POST', `/api/v1/deals/${a.id}/seats`, { token, body: { assignments: [{ travellerId: first.id, seat: 7 }, { travellerId: second.id, seat: 8 }] } });
    expect(moved.status).toBe(200);
    expect(moved.body.seats.filter((s: any) => s.dealId === a.id).map((s: any) => s.number)).toEqual([7, 8]);
    const foreign = await t.call('POST', `/api/v1/deals/${b.id}/seats`, { token, body: { assignments: [{ travellerId: first.id, seat: 5 }] } });
    expect(foreign.status).toBe(400);
    // A smaller bus than the seats in use is refused; cancelling gives the seats back.
    expect((await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token, body: { seats: 6 } })).status).toBe(409);
    await t.call('POST', `/api/v1/deals/${a.id}/cancel`, { token, body: { reason: 'r' } });
    const plan = (await t.call('GET', `/api/v1/departures/${departure.id}/seating`, { token })).body;
    expect(plan.seats.filter((s: any) => s.travellerId).map((s: any) => s.number)).toEqual([3]);
  });

  it('many seatings and moves at once never give one seat to two travellers', async () => {
    const departure = await createDeparture(t, token, { seats: 57, seatLayout: { seatsPerRow: 4, aisleAfter: 2, lastRowSeats: 5 } });
    const deals = [];
    for (let i = 0; i < 20; i++) deals.push(await createDeal(t, token, { departureId: departure.id, seats: 2 + (i % 2), travellers: names(2 + (i % 2), `Семейство ${i}`) }));
    const views = await Promise.all(deals.map(async (d) => (await t.call('GET', `/api/v1/deals/${d.id}`, { token })).body));
    const racers = [
      ...Array.from({ length: 5 }, () => t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token })),
      ...views.slice(0, 10).map((v, i) => t.call('POST', `/api/v1/deals/${v.id}/seats`, { token, body: { assignments: [{ travellerId: v.travellers[0].id, seat: 50 + (i % 5) }] } })),
    ];
    const answers = await Promise.all(racers);
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const plan = (await t.call('GET', `/api/v1/departures/${departure.id}/seating`, { token })).body;
    const seated = plan.seats.filter((s: any) => s.travellerId);
    expect(new Set(seated.map((s: any) => s.travellerId)).size).toBe(seated.length);
    expect(seated.length).toBe(views.reduce((n, v) => n + v.travellers.length, 0));
  });
});

describe('the seat map in the desk', () => {
  it('shows the bus, seats everyone with one button, and moves a traveller with a form; a taken seat comes back in Bulgarian', async () => {
    const { pageClient } = await import('../helpers/pages.js');
    const { DIRECTOR } = await import('../helpers/test-app.js');
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, token, { seats: 8 });
    const a = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Петрови') });
    const b = await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: names(1, 'Иванов') });
    const map = await client.get(`/departures/${departure.id}/seats`, 'bg');
    expect(map.status).toBe(200);
    expect(map.html).toContain('3 пътници без място.');
    const seated = await client.post(`/departures/${departure.id}/seating/auto`, {});
    expect(seated).toMatchObject({ status: 303, location: `/departures/${departure.id}/seats?done=seated` });
    const after = await client.get(`/departures/${departure.id}/seats`, 'bg');
    expect(after.html).toContain('Всички имат място.');
    expect(after.html).toMatch(/data-seat="1" data-deal="\d+"><b>1<\/b><small>Петрови 1/);
    const [first] = (await t.call('GET', `/api/v1/deals/${a.id}`, { token })).body.travellers;
    const taken = await client.post(`/deals/${a.id}/seats`, { [`seat${first.id}`]: '3' });
    expect(taken.status).toBe(409);
    expect(taken.html).toContain('Място 3 е заето');
    const moved = await client.post(`/deals/${a.id}/seats`, { [`seat${first.id}`]: '8' });
    expect(moved.status).toBe(303);
    expect((await t.call('GET', `/api/v1/deals/${a.id}`, { token })).body.travellers[0].seat).toBe(8);
    expect((await t.call('GET', `/api/v1/deals/${b.id}`, { token })).body.travellers[0].seat).toBe(3);
  });
});
