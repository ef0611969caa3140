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

describe('swapping seats', () => {
  const seatingOf = async (departureId: number) => (await t.call('GET', `/api/v1/departures/${departureId}/seating`, { token })).body;
  const travellersOf = async (dealId: number) => (await t.call('GET', `/api/v1/deals/${dealId}`, { token })).body.travellers;
  /** Who sits where: seat -> traveller id, or `held:<deal>:<number>` for a place not named yet. */
  const whoSits = (plan: any) =>
    Object.fromEntries(plan.seats.filter((s: any) => s.dealId).map((s: any) => [s.number, s.unnamed ? `held:${s.dealId}:${s.travellerNumber}` : s.travellerId]));

  it('two travellers of different bookings trade seats in one request', async () => {
    const departure = await createDeparture(t, token, { seats: 8 });
    const a = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Петрови') });
    const b = await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: names(1, 'Иванов') });
    await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token });
    const [first, second] = await travellersOf(a.id);
    const [ivanov] = await travellersOf(b.id);
    expect([first.seat, second.seat, ivanov.seat]).toEqual([1, 2, 3]);

    const swapped = await t.call('POST', `/api/v1/deals/${a.id}/seats`, { token, body: { assignments: [{ travellerId: first.id, seat: 3 }], swap: true } });
    expect(swapped.status).toBe(200);
    expect(whoSits(swapped.body)).toEqual({ 1: ivanov.id, 2: second.id, 3: first.id });
    expect(swapped.body.seats.find((s: any) => s.number === 1)).toMatchObject({ dealId: b.id, name: 'Иванов 1' });
    expect(swapped.body.unseated).toBe(0);
    expect(whoSits(await seatingOf(departure.id))).toEqual(whoSits(swapped.body));
    expect((await travellersOf(a.id)).map((x: any) => x.seat)).toEqual([3, 2]);
    expect((await travellersOf(b.id)).map((x: any) => x.seat)).toEqual([1]);
  });

  it('a place held for another booking\'s traveller not named yet moves to the seat left, and the name takes it later', async () => {
    const departure = await createDeparture(t, token, { seats: 8 });
    const a = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(1, 'Колев') });
    const b = await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: names(1, 'Иванов') });
    await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token });
    const [kolev] = await travellersOf(a.id);
    const [ivanov] = await travellersOf(b.id);
    expect(whoSits(await seatingOf(departure.id))).toEqual({ 1: kolev.id, 2: `held:${a.id}:2`, 3: ivanov.id });

    const swapped = await t.call('POST', `/api/v1/deals/${b.id}/seats`, { token, body: { assignments: [{ travellerId: ivanov.id, seat: 2 }], swap: true } });
    expect(swapped.status).toBe(200);
    expect(whoSits(swapped.body)).toEqual({ 1: kolev.id, 2: ivanov.id, 3: `held:${a.id}:2` });
    expect(swapped.body).toMatchObject({ seatsLeft: 5, unseated: 0 });

    expect((await t.call('PATCH', `/api/v1/deals/${a.id}`, { token, body: { travellers: names(2, 'Колев') } })).status).toBe(200);
    expect((await travellersOf(a.id)).map((x: any) => [x.name, x.seat])).toEqual([
      ['Колев 1', 1],
      ['Колев 2', 3],
    ]);
  });

  it('a family of two moves onto two occupied seats: each one displaced takes a seat the family left', async () => {
    const departure = await createDeparture(t, token, { seats: 8 });
    const a = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Петрови') });
    const b = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Иванови') });
    const c = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(1, 'Колев') });
    await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token });
    const [a1, a2] = await travellersOf(a.id);
    const [b1, b2] = await travellersOf(b.id);
    const [c1] = await travellersOf(c.id);
    expect(whoSits(await seatingOf(departure.id))).toEqual({ 1: a1.id, 2: a2.id, 3: b1.id, 4: b2.id, 5: c1.id, 6: `held:${c.id}:2` });

    const moved = await t.call('POST', `/api/v1/deals/${a.id}/seats`, {
      token,
      body: { assignments: [{ travellerId: a1.id, seat: 4 }, { travellerId: a2.id, seat: 6 }], swap: true },
    });
    expect(moved.status).toBe(200);
    expect(whoSits(moved.body)).toEqual({ 1: b2.id, 2: `held:${c.id}:2`, 3: b1.id, 4: a1.id, 5: c1.id, 6: a2.id });
    expect(moved.body.unseated).toBe(0);

    // A trade where one mover goes to a free seat: the one displaced takes the seat of the traveller who took theirs.
    const [p1, p2] = await travellersOf(a.id);
    const traded = await t.call('POST', `/api/v1/deals/${a.id}/seats`, {
      token,
      body: { assignments: [{ travellerId: p1.id, seat: 8 }, { travellerId: p2.id, seat: 3 }], swap: true },
    });
    expect(traded.status).toBe(200);
    expect(whoSits(traded.body)).toEqual({ 1: b2.id, 2: `held:${c.id}:2`, 3: a2.id, 5: c1.id, 6: b1.id, 8: a1.id });
  });

  it('a swap nobody leaves a seat for is 409 swap_without_seat and changes nothing; without swap a taken seat is still 409 seat_taken', async () => {
    const departure = await createDeparture(t, token, { seats: 8 });
    const b = await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: names(1, 'Иванов') });
    const c = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(1, 'Колев') });
    await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token });
    // Booked after the seating: no seat yet to give in a swap.
    const a = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Петрови') });
    const [a1, a2] = await travellersOf(a.id);
    const before = await seatingOf(departure.id);
    expect(whoSits(before)).toEqual({ 1: (await travellersOf(b.id))[0].id, 2: (await travellersOf(c.id))[0].id, 3: `held:${c.id}:2` });

    const noSeat = await t.call('POST', `/api/v1/deals/${a.id}/seats`, { token, body: { assignments: [{ travellerId: a1.id, seat: 1 }], swap: true } });
    expect(noSeat.status).toBe(409);
    expect(noSeat.body.error).toMatchObject({ code: 'conflict', details: { seat: 1, reason: 'swap_without_seat' } });
    expect(noSeat.body.error.message).toMatch(/no seat/);
    // One free seat among the wanted does not make room for the one displaced either.
    const half = await t.call('POST', `/api/v1/deals/${a.id}/seats`, {
      token,
      body: { assignments: [{ travellerId: a1.id, seat: 7 }, { travellerId: a2.id, seat: 3 }], swap: true },
    });
    expect(half.status).toBe(409);
    expect(half.body.error.details).toEqual({ seat: 3, reason: 'swap_without_seat' });
    expect(await seatingOf(departure.id)).toEqual(before);

    // Seated, the family may swap; asked without swap (or with swap: false), the same seat is taken as before.
    expect((await t.call('POST', `/api/v1/deals/${a.id}/seats`, { token, body: { assignments: [{ travellerId: a1.id, seat: 7 }, { travellerId: a2.id, seat: 8 }] } })).status).toBe(200);
    const seated = await seatingOf(departure.id);
    for (const body of [{ assignments: [{ travellerId: a1.id, seat: 1 }] }, { assignments: [{ travellerId: a1.id, seat: 3 }], swap: false }]) {
      const taken = await t.call('POST', `/api/v1/deals/${a.id}/seats`, { token, body });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatchObject({ code: 'conflict', message: `Seat ${body.assignments[0]!.seat} is taken`, details: { seat: body.assignments[0]!.seat, reason: 'seat_taken' } });
    }
    expect((await t.call('POST', `/api/v1/deals/${a.id}/seats`, { token, body: { assignments: [{ travellerId: a1.id, seat: 1 }], swap: 'yes' } })).status).toBe(400);
    const beyond = await t.call('POST', `/api/v1/deals/${a.id}/seats`, { token, body: { assignments: [{ travellerId: a1.id, seat: 9 }], swap: true } });
    expect(beyond.status).toBe(409);
    expect(beyond.body.error.details.reason).toBe('seat_beyond_bus');
    expect(await seatingOf(departure.id)).toEqual(seated);
  });

  it('a cancelled booking cannot swap', async () => {
    const departure = await createDeparture(t, token, { seats: 8 });
    const a = await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: names(1, 'Петров') });
    const b = await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: names(1, 'Иванов') });
    await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token });
    const [petrov] = await travellersOf(a.id);
    await t.call('POST', `/api/v1/deals/${a.id}/cancel`, { token, body: { reason: 'r' } });
    const before = await seatingOf(departure.id);
    const refused = await t.call('POST', `/api/v1/deals/${a.id}/seats`, { token, body: { assignments: [{ travellerId: petrov.id, seat: 2 }], swap: true } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('invalid_transition');
    expect(await seatingOf(departure.id)).toEqual(before);
    expect((await travellersOf(b.id))[0].seat).toBe(2);
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

describe('swapping seats on the map', () => {
  it('each traveller\'s select offers the other bookings\' seats as swaps, and the form swaps in one save', async () => {
    const { pageClient } = await import('../helpers/pages.js');
    const { DIRECTOR } = await import('../helpers/test-app.js');
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, token, { seats: 8 });
    const a = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Петрови') });
    const b = await createDeal(t, token, { departureId: departure.id, seats: 1, travellers: names(1, 'Иванов') });
    const c = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(1, 'Колев') });
    await client.post(`/departures/${departure.id}/seating/auto`, {});
    const [first, second] = (await t.call('GET', `/api/v1/deals/${a.id}`, { token })).body.travellers;
    const [ivanov] = (await t.call('GET', `/api/v1/deals/${b.id}`, { token })).body.travellers;
    // Петрови 1, 2; Иванов 3; Колев 5 and a place held for his booking's second traveller, 6.
    const html = (await client.get(`/departures/${departure.id}/seats`, 'en')).html;
    const formOf = (dealId: number) => new RegExp(`<form[^>]*data-deal="${dealId}"[\\s\\S]*?</form>`).exec(html)![0];
    const selectOf = (form: string, travellerId: number) => new RegExp(`<select id="seat-${travellerId}"[\\s\\S]*?</select>`).exec(form)![0];
    const values = (part: string) => [...part.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
    const swapsIn = (select: string) => values(/<optgroup[^>]*data-swap="1"[^>]*>([\s\S]*?)<\/optgroup>/.exec(select)?.[1] ?? '');

    const petrovi = formOf(a.id);
    expect(petrovi).toMatch(/<input type="hidden" name="swap" value="1"\/>/);
    const firstSelect = selectOf(petrovi, first.id);
    // Free seats and the traveller's own stay plain numbers; the others' seats are the swaps, by seat.
    expect(values(firstSelect.replace(/<optgroup[\s\S]*<\/optgroup>/, ''))).toEqual([1, 4, 7, 8]);
    expect(firstSelect).toMatch(/<option value="4">4<\/option>/);
    expect(swapsIn(firstSelect)).toEqual([3, 5, 6]);
    expect(swapsIn(selectOf(petrovi, second.id))).toEqual([3, 5, 6]);
    expect(swapsIn(selectOf(formOf(b.id), ivanov.id))).toEqual([1, 2, 5, 6]);

    const swapped = await client.post(`/deals/${a.id}/seats`, { [`seat${first.id}`]: '3', [`seat${second.id}`]: '6', swap: '1' });
    expect(swapped).toMatchObject({ status: 303, location: `/departures/${departure.id}/seats?done=seated` });
    const plan = (await t.call('GET', `/api/v1/departures/${departure.id}/seating`, { token })).body;
    const at = (seat: number) => plan.seats.find((s: any) => s.number === seat);
    expect(at(3)).toMatchObject({ travellerId: first.id });
    expect(at(6)).toMatchObject({ travellerId: second.id });
    expect(at(1)).toMatchObject({ travellerId: ivanov.id });
    expect(at(2)).toMatchObject({ dealId: c.id, unnamed: true, travellerNumber: 2 });
  });
});

describe('a booking with a seat not named yet', () => {
  it('occupies its seat: the map counts it as the roster does, flags it, seats it, and the name takes that seat later', async () => {
    const { pageClient } = await import('../helpers/pages.js');
    const { DIRECTOR } = await import('../helpers/test-app.js');
    const client = await pageClient(t, DIRECTOR);
    const departure = await createDeparture(t, token, { seats: 8 });
    const family = await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Иванови', phone: '+359888555666' } });
    const ivanovi = await createDeal(t, token, { departureId: departure.id, contactId: family.body.id, seats: 3, travellers: names(2, 'Иванов') });
    const petrovi = await createDeal(t, token, { departureId: departure.id, seats: 2, travellers: names(2, 'Петрови') });
    const roster = (await t.call('GET', `/api/v1/departures/${departure.id}`, { token })).body;
    expect(roster.seatsLeft).toBe(3);

    const map = await client.get(`/departures/${departure.id}/seats`, 'bg');
    expect(map.html).toContain('3 свободни места');
    expect(map.html).toContain('5 пътници без място.');
    expect(map.html).toMatch(/data-unnamed="3"><span>Пътник 3 \(Иванови\) <span class="badge today">все още без име<\/span>/);
    expect(map.html).toContain('1 запазено място е все още без име на пътник.');

    // The API says the same.
    const before = (await t.call('GET', `/api/v1/departures/${departure.id}/seating`, { token })).body;
    expect(before).toMatchObject({ seatsLeft: roster.seatsLeft, unseated: 5 });
    expect(before.bookings.find((b: any) => b.dealId === ivanovi.id).places.map((p: any) => [p.travellerNumber, p.name ?? null, p.seat])).toEqual([
      [1, 'Иванов 1', null],
      [2, 'Иванов 2', null],
      [3, null, null],
    ]);

    const seated = await client.post(`/departures/${departure.id}/seating/auto`, {});
    expect(seated.status).toBe(303);
    const plan = (await t.call('GET', `/api/v1/departures/${departure.id}/seating`, { token })).body;
    expect(plan).toMatchObject({ seatsLeft: 3, unseated: 0 });
    expect(plan.seats.filter((s: any) => s.dealId === ivanovi.id).map((s: any) => [s.number, s.name ?? null, s.unnamed ?? false])).toEqual([
      [1, 'Иванов 1', false],
      [2, 'Иванов 2', false],
      [3, null, true],
    ]);
    expect(plan.seats.filter((s: any) => s.dealId === petrovi.id).map((s: any) => s.number)).toEqual([5, 6]);
    expect(plan.seats.filter((s: any) => !s.dealId)).toHaveLength(3);
    const after = await client.get(`/departures/${departure.id}/seats`, 'en');
    expect(after.html).toContain('3 seats free');
    expect(after.html).toContain('Everyone has a seat.');
    expect(after.html).toMatch(/class="seat taken unnamed" data-seat="3" data-deal="\d+" data-unnamed="3"><b>3<\/b><small>Иванови, no\. 3, no name<\/small>/);
    expect(after.html).toMatch(/Traveller 3 of Иванови <span class="badge today">no name yet<\/span>/);

    // The guide and the manifest see the held seat on the unnamed place.
    const boarding = (await t.call('GET', `/api/v1/departures/${departure.id}/boarding`, { token })).body;
    expect(boarding.stops[0].travellers.filter((r: any) => r.dealId === ivanovi.id).map((r: any) => [r.seat, r.travellerId === null])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);

    // A named traveller may take the family's held seat: the unnamed place moves to the seat left.
    const [first] = (await t.call('GET', `/api/v1/deals/${ivanovi.id}`, { token })).body.travellers;
    const swapped = await t.call('POST', `/api/v1/deals/${ivanovi.id}/seats`, { token, body: { assignments: [{ travellerId: first.id, seat: 3 }] } });
    expect(swapped.status).toBe(200);
    expect(swapped.body.seats.filter((s: any) => s.dealId === ivanovi.id).map((s: any) => [s.number, s.unnamed ?? false])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    // Another booking's held seat is taken.
    const [petrov] = (await t.call('GET', `/api/v1/deals/${petrovi.id}`, { token })).body.travellers;
    const taken = await t.call('POST', `/api/v1/deals/${petrovi.id}/seats`, { token, body: { assignments: [{ travellerId: petrov.id, seat: 1 }] } });
    expect(taken.status).toBe(409);

    // Named later, the traveller sits in the seat held for them.
    const named = await t.call('PATCH', `/api/v1/deals/${ivanovi.id}`, { token, body: { travellers: [...names(2, 'Иванов'), { name: 'Иванов 3' }] } });
    expect(named.status).toBe(200);
    const deal = (await t.call('GET', `/api/v1/deals/${ivanovi.id}`, { token })).body;
    expect(deal.travellers.map((x: any) => [x.name, x.seat])).toEqual([
      ['Иванов 1', 3],
      ['Иванов 2', 2],
      ['Иванов 3', 1],
    ]);
  });

  it('a held seat goes back when the booking gives up that seat or is cancelled', async () => {
    const departure = await createDeparture(t, token, { seats: 8 });
    const a = await createDeal(t, token, { departureId: departure.id, seats: 3, travellers: names(1, 'Колеви') });
    const b = await createDeal(t, token, { departureId: departure.id, seats: 2 });
    await t.call('POST', `/api/v1/departures/${departure.id}/seating/auto`, { token });
    const seatsOf = async (dealId: number) =>
      (await t.call('GET', `/api/v1/departures/${departure.id}/seating`, { token })).body.seats.filter((s: any) => s.dealId === dealId).map((s: any) => s.number);
    expect(await seatsOf(a.id)).toEqual([1, 2, 3]);
    expect(await seatsOf(b.id)).toEqual([5, 6]);
    expect((await t.call('PATCH', `/api/v1/deals/${a.id}`, { token, body: { seats: 2 } })).status).toBe(200);
    expect(await seatsOf(a.id)).toEqual([1, 2]);
    // A name taken off leaves its seat held for that place: the seat is still booked.
    expect((await t.call('PATCH', `/api/v1/deals/${a.id}`, { token, body: { travellers: [] } })).status).toBe(200);
    expect(await seatsOf(a.id)).toEqual([1, 2]);
    expect((await t.call('POST', `/api/v1/deals/${b.id}/cancel`, { token, body: { reason: 'r' } })).status).toBe(200);
    expect(await seatsOf(b.id)).toEqual([]);
    const plan = (await t.call('GET', `/api/v1/departures/${departure.id}/seating`, { token })).body;
    expect(plan).toMatchObject({ seatsLeft: 6, unseated: 0 });
  });
});
