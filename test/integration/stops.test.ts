import { beforeEach, describe, expect, it } from 'vitest';
import { createDeal, createDeparture } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await makeTestApp();
  token = (await t.as('operator')).token;
});

const STOPS = [
  { name: 'София, НДК', address: 'бул. България 1', offsetMinutes: 0 },
  { name: 'Пловдив, хотел Тримонциум', offsetMinutes: 90 },
];

describe('pickup stops', () => {
  it('a departure keeps its stops in order, each with its own time', async () => {
    const departure = await createDeparture(t, token, { departsAt: '2027-10-29T06:30:00+03:00', stops: STOPS });
    expect(departure.stops).toEqual([
      { id: expect.any(Number), name: 'София, НДК', address: 'бул. България 1', offsetMinutes: 0, departsAt: '2027-10-29T03:30:00.000Z' },
      { id: expect.any(Number), name: 'Пловдив, хотел Тримонциум', address: null, offsetMinutes: 90, departsAt: '2027-10-29T05:00:00.000Z' },
    ]);
    const listed = (await t.call('GET', '/api/v1/departures', { token })).body.items[0];
    expect(listed.stops).toEqual(departure.stops);
  });

  it('without stops, the meeting point is the one stop, and follows a new meeting point', async () => {
    const departure = await createDeparture(t, token, { meetingPoint: 'НДК' });
    expect(departure.stops).toMatchObject([{ name: 'НДК', offsetMinutes: 0 }]);
    const moved = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token, body: { meetingPoint: 'Централна гара' } });
    expect(moved.body.stops).toMatchObject([{ id: departure.stops[0].id, name: 'Централна гара' }]);
  });

  it('a booking boards at the first stop unless it chooses another of its departure; a stop of another trip is 400', async () => {
    const departure = await createDeparture(t, token, { stops: STOPS });
    const other = await createDeparture(t, token);
    const first = await createDeal(t, token, { departureId: departure.id });
    expect(first.stopId).toBe(departure.stops[0].id);
    const plovdiv = await createDeal(t, token, { departureId: departure.id, stopId: departure.stops[1].id });
    expect(plovdiv.stopId).toBe(departure.stops[1].id);
    const wrong = await t.call('POST', '/api/v1/deals', { token, body: { departureId: departure.id, contactId: first.contactId, seats: 1, stopId: other.stops[0].id } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toHaveProperty('stopId');
    const moved = await t.call('PATCH', `/api/v1/deals/${first.id}`, { token, body: { stopId: departure.stops[1].id } });
    expect(moved.body.stopId).toBe(departure.stops[1].id);
    expect((await t.call('GET', `/api/v1/deals/${first.id}`, { token })).body.stopId).toBe(departure.stops[1].id);
  });

  it('a PATCH replaces the list: ids keep their stop and bookings; removing a stop in use is 409 and changes nothing', async () => {
    const departure = await createDeparture(t, token, { stops: STOPS });
    const [sofia, plovdiv] = departure.stops;
    await createDeal(t, token, { departureId: departure.id, stopId: plovdiv.id });
    const refused = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token, body: { stops: [{ id: sofia.id, name: 'София', offsetMinutes: 0 }] } });
    expect(refused.status).toBe(409);
    expect((await t.call('GET', `/api/v1/departures/${departure.id}`, { token })).body.stops).toEqual(departure.stops);
    const changed = await t.call('PATCH', `/api/v1/departures/${departure.id}`, {
      token,
      body: { stops: [{ id: sofia.id, name: 'София, НДК', offsetMinutes: 0 }, { name: 'Пазарджик', offsetMinutes: 60 }, { id: plovdiv.id, name: 'Пловдив', offsetMinutes: 105 }] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.stops.map((s: any) => [s.name, s.offsetMinutes])).toEqual([['София, НДК', 0], ['Пазарджик', 60], ['Пловдив', 105]]);
    expect(changed.body.stops[2].id).toBe(plovdiv.id);
    const foreign = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token, body: { stops: [{ id: 99999, name: 'x', offsetMinutes: 0 }] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toHaveProperty(['stops.0.id']);
    const none = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token, body: { stops: [] } });
    expect(none.status).toBe(400);
  });

  it('a copy takes the stops (new ones, same names and times)', async () => {
    const departure = await createDeparture(t, token, { stops: STOPS });
    const copy = (await t.call('POST', `/api/v1/departures/${departure.id}/copy`, { token, body: { departsAt: '2027-11-05T06:30:00+02:00' } })).body;
    expect(copy.stops.map((s: any) => [s.name, s.offsetMinutes])).toEqual([['София, НДК', 0], ['Пловдив, хотел Тримонциум', 90]]);
    expect(copy.stops[0].id).not.toBe(departure.stops[0].id);
    expect(copy.stops[1].departsAt).toBe('2027-11-05T06:00:00.000Z');
  });
});

describe('stops in the desk', () => {
  it('the departure form edits the stops as clocks on the trip\'s day; the roster filters by stop; the deal changes its stop', async () => {
    const { pageClient } = await import('../helpers/pages.js');
    const { DIRECTOR } = await import('../helpers/test-app.js');
    const client = await pageClient(t, DIRECTOR);
    const form = { title: 'Охрид 29.10', departsAt: '2027-10-29T06:30', meetingPoint: 'София, НДК', seats: '49', price: '150', deposit: '50', currency: 'EUR', timeZone: 'Europe/Sofia' };
    const bad = await client.post('/departures/new', { ...form, stopName0: 'София, НДК', stopTime0: '06:30', stopName1: 'Пловдив', stopTime1: 'осем' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('f-stopTime1-error');
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM departures').get()).toEqual({ n: 0 });
    const created = await client.post('/departures/new', { ...form, stopName0: 'София, НДК', stopTime0: '06:30', stopName1: 'Пловдив', stopTime1: '08:00', stopAddress1: 'хотел Тримонциум' });
    expect(created.status).toBe(303);
    const departure = (await t.call('GET', '/api/v1/departures/1', { token })).body;
    expect(departure.stops.map((s: any) => [s.name, s.offsetMinutes, s.address])).toEqual([['София, НДК', 0, null], ['Пловдив', 90, 'хотел Тримонциум']]);
    const edit = await client.get('/departures/1/edit', 'bg');
    expect(edit.html).toContain('name="stopTime1" type="time" value="08:00"');
    // Moving Plovdiv to 08:15 keeps the stop (its id) and the bookings on it.
    const plovdiv = departure.stops[1];
    const deal = await createDeal(t, token, { departureId: 1, stopId: plovdiv.id });
    const moved = await client.post('/departures/1/edit', { ...form, stopId0: String(departure.stops[0].id), stopName0: 'София, НДК', stopTime0: '06:30', stopId1: String(plovdiv.id), stopName1: 'Пловдив', stopTime1: '08:15' });
    expect(moved.status).toBe(303);
    const after = (await t.call('GET', '/api/v1/departures/1', { token })).body;
    expect(after.stops[1]).toMatchObject({ id: plovdiv.id, offsetMinutes: 105 });
    const roster = await client.get(`/departures/1?stopId=${plovdiv.id}`, 'bg');
    expect(roster.html).toContain(`data-deal="${deal.id}"`);
    const sofiaOnly = await client.get(`/departures/1?stopId=${departure.stops[0].id}`, 'bg');
    expect(sofiaOnly.html).not.toContain(`data-deal="${deal.id}"`);
    expect(roster.html).toContain('08:15 Пловдив');
    const page = await client.get(`/deals/${deal.id}`, 'bg');
    expect(page.html).toContain(`action="/deals/${deal.id}/stop"`);
    const changed = await client.post(`/deals/${deal.id}/stop`, { stopId: String(departure.stops[0].id) });
    expect(changed.status).toBe(303);
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token })).body.stopId).toBe(departure.stops[0].id);
  });
});

describe('the voucher names the booking\'s own stop and time', () => {
  it('a Plovdiv booking\'s voucher says Пловдив and 08:00', async () => {
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { havePoppler } = await import('../helpers/documents.js');
    if (!havePoppler) return console.warn('voucher text not read: poppler-utils missing');
    const departure = await createDeparture(t, token, { departsAt: '2027-10-29T06:30:00+03:00', stops: [{ name: 'София, НДК', offsetMinutes: 0 }, { name: 'Пловдив', address: 'хотел Тримонциум', offsetMinutes: 90 }] });
    const deal = await createDeal(t, token, { departureId: departure.id, stopId: departure.stops[1].id });
    const response = await t.app.request(`/api/v1/deals/${deal.id}/voucher.pdf`, { headers: { Authorization: `Bearer ${token}` } });
    const file = join(mkdtempSync(join(tmpdir(), 'voucher-stop-')), 'v.pdf');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Пловдив, хотел Тримонциум');
    expect(text).toContain('08:00');
    expect(text).not.toContain('София, НДК');
  });
});

describe('a departure written without stops', () => {
  it('boards at its meeting point: bookings, boarding and the manifest work as if it were the one stop', async () => {
    const departure = await createDeparture(t, token);
    // As an import or a hand-written row would leave it: no stops at all.
    await t.database.sqlite.prepare('DELETE FROM departure_stops WHERE departure_id = ?').run(departure.id);
    await t.database.sqlite.prepare('UPDATE deals SET stop_id = NULL').run();
    const deal = await createDeal(t, token, { departureId: departure.id, travellers: [{ name: 'Иван' }] });
    expect(deal.stopId).toBeNull();
    const boarding = (await t.call('GET', `/api/v1/departures/${departure.id}/boarding`, { token })).body;
    expect(boarding.stops).toHaveLength(1);
    expect(boarding.stops[0].stop.name).toBe(departure.meetingPoint);
    expect(boarding.stops[0].travellers.map((r: any) => r.name)).toEqual(['Иван']);
    const manifest = await t.app.request(`/api/v1/departures/${departure.id}/manifest.csv`, { headers: { Authorization: `Bearer ${token}` } });
    expect(manifest.status).toBe(200);
    expect(await manifest.text()).toContain(departure.meetingPoint);
  });
});
