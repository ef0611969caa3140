import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await makeTestApp();
  token = (await t.as('director')).token;
});

const names = (n: number, family: string) => Array.from({ length: n }, (_, i) => ({ name: `${family} ${i + 1}` }));
const twoBuses = (overrides: Record<string, unknown> = {}) =>
  createDeparture(t, token, { seats: undefined, vehicles: [{ label: 'Автобус 1', seats: 45 }, { label: 'Автобус 2', seats: 45 }], ...overrides });
const plan = async (departureId: number, vehicleId?: number) =>
  (await t.call('GET', `/api/v1/departures/${departureId}/seating${vehicleId ? `?vehicleId=${vehicleId}` : ''}`, { token })).body;
const seatsOf = (seating: any, dealId: number) => seating.seats.filter((s: any) => s.dealId === dealId).map((s: any) => s.number);

describe('a departure of several buses', () => {
  it('a 90-seat trip on two buses takes 90 and refuses the 91st; each booking rides in one bus', async () => {
    const trip = await twoBuses();
    expect(trip.seats).toBe(90);
    expect(trip.vehicles).toEqual([
      expect.objectContaining({ label: 'Автобус 1', seats: 45, seatsBooked: 0 }),
      expect.objectContaining({ label: 'Автобус 2', seats: 45, seatsBooked: 0 }),
    ]);
    const contact = await createContact(t, token);
    // Families of 3 and 2 and singles: 15 × 3 + 20 × 2 + 5 × 1 = 90.
    const sizes = [...Array(15).fill(3), ...Array(20).fill(2), ...Array(5).fill(1)];
    const deals = [];
    for (const seats of sizes) deals.push(await createDeal(t, token, { departureId: trip.id, contactId: contact.id, seats }));
    const after = (await t.call('GET', `/api/v1/departures/${trip.id}`, { token })).body;
    expect(after).toMatchObject({ seats: 90, seatsBooked: 90, seatsLeft: 0 });
    expect(after.vehicles.map((v: any) => v.seatsBooked)).toEqual([45, 45]);
    const refused = await t.call('POST', '/api/v1/deals', { token, body: { departureId: trip.id, contactId: contact.id, seats: 1 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('sold_out');
    // Every traveller of a booking answers its bus.
    const family = (await t.call('GET', `/api/v1/deals/${deals[0].id}`, { token })).body;
    expect(family.vehicleId).toBe(after.vehicles[0].id);
  });

  it('a booking that fits only split between buses is refused with how many sit together', async () => {
    const trip = await createDeparture(t, token, { seats: undefined, vehicles: [{ label: 'A', seats: 4 }, { label: 'B', seats: 4 }] });
    await createDeal(t, token, { departureId: trip.id, seats: 3 });
    await createDeal(t, token, { departureId: trip.id, seats: 3 });
    const split = await t.call('POST', '/api/v1/deals', { token, body: { departureId: trip.id, contactId: (await createContact(t, token)).id, seats: 2 } });
    expect(split.status).toBe(409);
    expect(split.body.error).toMatchObject({ code: 'sold_out', details: expect.objectContaining({ seatsLeft: 2, seatsTogether: 1, reason: 'split_across_vehicles' }) });
  });

  it('bookings are put in the bus their stop already rides in, then the first with room', async () => {
    const trip = await twoBuses({ stops: [{ name: 'Sofia', offsetMinutes: 0 }, { name: 'Plovdiv', offsetMinutes: 120 }] });
    const [sofia, plovdiv] = trip.stops;
    const [one, two] = trip.vehicles;
    const a = await createDeal(t, token, { departureId: trip.id, seats: 40, stopId: sofia.id });
    const b = await createDeal(t, token, { departureId: trip.id, seats: 10, stopId: plovdiv.id });
    const c = await createDeal(t, token, { departureId: trip.id, seats: 2, stopId: plovdiv.id });
    const d = await createDeal(t, token, { departureId: trip.id, seats: 2, stopId: sofia.id });
    expect([a.vehicleId, b.vehicleId, c.vehicleId, d.vehicleId]).toEqual([one.id, two.id, two.id, one.id]);
    // Asking for a bus: one without room is a 409 naming it.
    const full = await t.call('POST', '/api/v1/deals', { token, body: { departureId: trip.id, contactId: (await createContact(t, token)).id, seats: 4, vehicleId: one.id } });
    expect(full.status).toBe(409);
    expect(full.body.error.details).toMatchObject({ vehicleId: one.id, reason: 'vehicle_full' });
  });

  it('moving a family to the other bus keeps them together and their seats; a bus without room is 409 and changes nothing', async () => {
    const trip = await twoBuses();
    const [one, two] = trip.vehicles;
    const before = await createDeal(t, token, { departureId: trip.id, seats: 4, travellers: names(4, 'Ивановы') });
    const family = await createDeal(t, token, { departureId: trip.id, seats: 4, travellers: names(3, 'Петровы') });
    await t.call('POST', `/api/v1/departures/${trip.id}/seating/auto`, { token });
    const seated = seatsOf(await plan(trip.id, one.id), family.id);
    expect(seated).toEqual([5, 6, 7, 8]);
    const moved = await t.call('POST', `/api/v1/deals/${family.id}/vehicle`, { token, body: { vehicleId: two.id } });
    expect(moved.status).toBe(200);
    expect(moved.body.vehicleId).toBe(two.id);
    expect(seatsOf(moved.body, family.id)).toEqual([5, 6, 7, 8]);
    expect(seatsOf(await plan(trip.id, one.id), family.id)).toEqual([]);
    const view = (await t.call('GET', `/api/v1/deals/${family.id}`, { token })).body;
    expect(view.vehicleId).toBe(two.id);
    expect(view.travellers.map((x: any) => [x.vehicleId, x.seat])).toEqual([[two.id, 5], [two.id, 6], [two.id, 7]]);

    // Back to bus one where their seats are now someone else's: they sit together elsewhere.
    await t.call('POST', `/api/v1/deals/${before.id}/seats`, { token, body: { assignments: [{ travellerId: (await t.call('GET', `/api/v1/deals/${before.id}`, { token })).body.travellers[0].id, seat: 6 }], swap: false } });
    const back = await t.call('POST', `/api/v1/deals/${family.id}/vehicle`, { token, body: { vehicleId: one.id } });
    const seatsBack = seatsOf(back.body, family.id);
    expect(seatsBack).toHaveLength(4);
    expect(seatsBack).not.toContain(6);
    expect(Math.max(...seatsBack) - Math.min(...seatsBack)).toBe(3);

    // Bus two filled up: the family cannot go there.
    await createDeal(t, token, { departureId: trip.id, seats: 44, vehicleId: two.id });
    const refused = await t.call('POST', `/api/v1/deals/${family.id}/vehicle`, { token, body: { vehicleId: two.id } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ reason: 'vehicle_full', seatsFree: 1 });
    expect(seatsOf(await plan(trip.id, one.id), family.id)).toEqual(seatsBack);
    // Another departure's bus is a 400 naming it.
    const other = await createDeparture(t, token);
    const foreign = await t.call('POST', `/api/v1/deals/${family.id}/vehicle`, { token, body: { vehicleId: other.vehicles[0].id } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toHaveProperty('vehicleId');
  });

  it('each bus numbers its seats and seats its own bookings', async () => {
    const trip = await createDeparture(t, token, { seats: undefined, vehicles: [{ label: 'A', seats: 8 }, { label: 'B', seats: 8, seatLayout: { seatsPerRow: 3, aisleAfter: 1 } }] });
    const [a, b] = trip.vehicles;
    expect(b.seatLayout).toEqual({ seatsPerRow: 3, aisleAfter: 1 });
    const x = await createDeal(t, token, { departureId: trip.id, seats: 3, travellers: names(3, 'X'), vehicleId: a.id });
    const y = await createDeal(t, token, { departureId: trip.id, seats: 3, travellers: names(3, 'Y'), vehicleId: b.id });
    await t.call('POST', `/api/v1/departures/${trip.id}/seating/auto`, { token });
    expect(seatsOf(await plan(trip.id, a.id), x.id)).toEqual([1, 2, 3]);
    const planB = await plan(trip.id, b.id);
    expect(planB.rows[0]).toEqual([1, 2, 3]);
    expect(seatsOf(planB, y.id)).toEqual([1, 2, 3]);
    expect(planB.vehicles.map((v: any) => v.id)).toEqual([a.id, b.id]);
    // A seat beyond this bus is beyond it, whatever the other bus has.
    const yTravellers = (await t.call('GET', `/api/v1/deals/${y.id}`, { token })).body.travellers;
    const beyond = await t.call('POST', `/api/v1/deals/${y.id}/seats`, { token, body: { assignments: [{ travellerId: yTravellers[0].id, seat: 9 }] } });
    expect(beyond.status).toBe(409);
    expect((await t.call('GET', `/api/v1/departures/${trip.id}/seating?vehicleId=abc`, { token })).status).toBe(400);
  });

  it('changing the buses: a bus added to a full trip offers its seats to the waiting list; one with bookings cannot go or shrink below them', async () => {
    const trip = await createDeparture(t, token, { seats: 4 });
    const [only] = trip.vehicles;
    expect(only).toMatchObject({ label: '1', seats: 4 });
    await createDeal(t, token, { departureId: trip.id, seats: 4 });
    const waiting = await createContact(t, token, { email: 'waiting@example.com' });
    expect((await t.call('POST', `/api/v1/departures/${trip.id}/waitlist`, { token, body: { contactId: waiting.id, seats: 2 } })).status).toBe(201);
    // On one bus, `seats` resizes it; below its bookings it is refused.
    expect((await t.call('PATCH', `/api/v1/departures/${trip.id}`, { token, body: { seats: 3 } })).status).toBe(409);
    const added = await t.call('PATCH', `/api/v1/departures/${trip.id}`, { token, body: { vehicles: [{ id: only.id, label: 'Голям', seats: 4 }, { label: 'Малък', seats: 8 }] } });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ seats: 12, seatsBooked: 4, seatsHeld: 2 });
    const [entry] = (await t.call('GET', `/api/v1/departures/${trip.id}/waitlist`, { token })).body.items;
    expect(entry.status).toBe('offered');
    // Two buses: `seats` alone cannot say which one changes.
    const ambiguous = await t.call('PATCH', `/api/v1/departures/${trip.id}`, { token, body: { seats: 20 } });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.details).toHaveProperty('seats');
    const [big, small] = added.body.vehicles;
    const removeBooked = await t.call('PATCH', `/api/v1/departures/${trip.id}`, { token, body: { vehicles: [{ id: small.id, label: 'Малък', seats: 8 }] } });
    expect(removeBooked.status).toBe(409);
    const shrink = await t.call('PATCH', `/api/v1/departures/${trip.id}`, { token, body: { vehicles: [{ id: big.id, label: 'Голям', seats: 3 }, { id: small.id, label: 'Малък', seats: 8 }] } });
    expect(shrink.status).toBe(409);
    const foreign = await t.call('PATCH', `/api/v1/departures/${trip.id}`, { token, body: { vehicles: [{ id: 999999, label: 'X', seats: 8 }] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toHaveProperty(['vehicles.0.id']);
    expect((await t.call('GET', `/api/v1/departures/${trip.id}`, { token })).body.vehicles.map((v: any) => [v.label, v.seats])).toEqual([['Голям', 4], ['Малък', 8]]);
    // The empty bus may go.
    const removed = await t.call('PATCH', `/api/v1/departures/${trip.id}`, { token, body: { vehicles: [{ id: big.id, label: 'Голям', seats: 4 }, { label: 'Нов', seats: 2 }] } });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ seats: 6, seatsBooked: 4, seatsHeld: 2 });
    expect(removed.body.vehicles.map((v: any) => v.label)).toEqual(['Голям', 'Нов']);
  });

  it('a copy takes the buses with their labels, seats and layouts, without bookings', async () => {
    const trip = await createDeparture(t, token, { seats: undefined, vehicles: [{ label: 'A', seats: 30 }, { label: 'B', seats: 20, seatLayout: { seatsPerRow: 3, aisleAfter: 2 } }] });
    await createDeal(t, token, { departureId: trip.id, seats: 2 });
    const copy = (await t.call('POST', `/api/v1/departures/${trip.id}/copy`, { token, body: { departsAt: '2027-11-05T06:30' } })).body;
    expect(copy.seats).toBe(50);
    expect(copy.vehicles.map((v: any) => [v.label, v.seats, v.seatsBooked, v.seatLayout])).toEqual([
      ['A', 30, 0, { seatsPerRow: 4, aisleAfter: 2 }],
      ['B', 20, 0, { seatsPerRow: 3, aisleAfter: 2 }],
    ]);
    expect(copy.vehicles[0].id).not.toBe(trip.vehicles[0].id);
  });

  it('refuses buses that do not add up and empty labels, naming the field', async () => {
    const bad = await t.call('POST', '/api/v1/departures', { token, body: { title: 'X', departsAt: '2027-10-29T06:30', meetingPoint: 'NDK', priceMinor: 100, depositMinor: 0, seats: 50, vehicles: [{ label: 'A', seats: 45 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toHaveProperty('seats');
    const empty = await t.call('POST', '/api/v1/departures', { token, body: { title: 'X', departsAt: '2027-10-29T06:30', meetingPoint: 'NDK', priceMinor: 100, depositMinor: 0, vehicles: [{ label: ' ', seats: 45 }] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toHaveProperty(['vehicles.0.label']);
    const none = await t.call('POST', '/api/v1/departures', { token, body: { title: 'X', departsAt: '2027-10-29T06:30', meetingPoint: 'NDK', priceMinor: 100, depositMinor: 0 } });
    expect(none.status).toBe(400);
    expect(none.body.error.details).toHaveProperty('seats');
  });
});

describe('extras', () => {
  const extras = [
    { code: 'lunch', label: 'Обяд', priceMinor: 1500, per: 'traveller' },
    { code: 'insurance', label: 'Застраховка', priceMinor: 700, per: 'booking' },
    { code: 'single', label: 'Единична стая', priceMinor: 4000, per: 'traveller' },
  ];

  it('a four-traveller booking with lunch for two prices right, and a change of names keeps what they took', async () => {
    const trip = await createDeparture(t, token, { priceMinor: 10000, depositMinor: 3000, extras });
    expect(trip.extras).toEqual(extras);
    const travellers = [
      { name: 'Иван Петров', extras: ['lunch'] },
      { name: 'Мария Петрова', extras: ['lunch'] },
      { name: 'Петя Петрова' },
      { name: 'Никола Петров' },
    ];
    const deal = await createDeal(t, token, { departureId: trip.id, seats: 4, travellers });
    expect(deal.priceMinor).toBe(4 * 10000 + 2 * 1500);
    expect(deal.depositDueMinor).toBe(4 * 3000);
    expect(deal.travellers.map((x: any) => x.extras)).toEqual([['lunch'], ['lunch'], [], []]);
    // Insurance per booking: 700 more.
    const insured = await t.call('PATCH', `/api/v1/deals/${deal.id}`, { token, body: { extras: ['insurance'] } });
    expect(insured.status).toBe(200);
    expect(insured.body).toMatchObject({ priceMinor: 43000 + 700, extras: ['insurance'] });
    // A spelling fix that does not speak of extras keeps lunch and the price.
    const renamed = await t.call('PATCH', `/api/v1/deals/${deal.id}`, { token, body: { travellers: travellers.map((x, i) => ({ name: i === 0 ? 'Иван Петров-Стоянов' : x.name })) } });
    expect(renamed.body.priceMinor).toBe(43700);
    expect(renamed.body.travellers[0].extras).toEqual(['lunch']);
  });

  it('an extra the departure does not sell that way is a 400 naming the traveller, and nothing is booked', async () => {
    const trip = await createDeparture(t, token, { extras });
    const contact = await createContact(t, token);
    const wrong = await t.call('POST', '/api/v1/deals', { token, body: { departureId: trip.id, contactId: contact.id, seats: 2, travellers: [{ name: 'A' }, { name: 'B', extras: ['insurance'] }] } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toHaveProperty(['travellers.1.extras']);
    const perBooking = await t.call('POST', '/api/v1/deals', { token, body: { departureId: trip.id, contactId: contact.id, seats: 1, extras: ['lunch'] } });
    expect(perBooking.status).toBe(400);
    expect(perBooking.body.error.details).toHaveProperty('extras');
    const twice = await t.call('POST', '/api/v1/departures', { token, body: { title: 'X', departsAt: '2027-10-29T06:30', meetingPoint: 'NDK', seats: 4, priceMinor: 100, depositMinor: 0, extras: [extras[0], { ...extras[0], label: 'Again' }] } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details).toHaveProperty(['extras.1.code']);
    expect((await t.call('GET', `/api/v1/departures/${trip.id}`, { token })).body.seatsBooked).toBe(0);
  });
});
