import { beforeEach, describe, expect, it } from 'vitest';
import { contactBody, createContact, createDeal, createDeparture, departureBody } from '../helpers/factories.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await makeTestApp();
  token = (await t.as('operator')).token;
});

describe('departures', () => {
  it('creates the Ohrid bus, reads a local time in the agency zone and answers in UTC', async () => {
    const answer = await t.call('POST', '/api/v1/departures', {
      token,
      body: departureBody({ departsAt: '2027-10-29T06:30', returnsAt: '2027-10-31T22:00' }),
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      title: 'Охрид 29.10',
      departsAt: '2027-10-29T03:30:00.000Z',
      returnsAt: '2027-10-31T20:00:00.000Z',
      timeZone: 'Europe/Sofia',
      seats: 49,
      seatsBooked: 0,
      seatsLeft: 49,
      currency: 'EUR',
      status: 'scheduled',
    });
    const read = await t.call('GET', `/api/v1/departures/${answer.body.id}`, { token });
    expect(read.body).toEqual(answer.body);
  });

  it('reads a time without offset in the departure own zone and keeps explicit offsets', async () => {
    const moscow = await createDeparture(t, token, { departsAt: '2027-06-01T08:00', timeZone: 'Europe/Moscow' });
    expect(moscow.departsAt).toBe('2027-06-01T05:00:00.000Z');
    const offset = await createDeparture(t, token, { departsAt: '2027-06-01T08:00:00-04:00' });
    expect(offset.departsAt).toBe('2027-06-01T12:00:00.000Z');
  });

  it('counts seats booked and left, and refuses seats below what is booked with 409', async () => {
    const departure = await createDeparture(t, token, { seats: 5 });
    await createDeal(t, token, { departureId: departure.id, seats: 3 });
    const read = await t.call('GET', `/api/v1/departures/${departure.id}`, { token });
    expect(read.body).toMatchObject({ seatsBooked: 3, seatsLeft: 2 });
    const lower = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token, body: { seats: 2 } });
    expect(lower.status).toBe(409);
    expect(lower.body.error.code).toBe('conflict');
    expect((await t.call('GET', `/api/v1/departures/${departure.id}`, { token })).body.seats).toBe(5);
    const ok = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token, body: { seats: 3 } });
    expect(ok.body).toMatchObject({ seats: 3, seatsLeft: 0 });
  });

  it('counts each departure own bookings only', async () => {
    const first = await createDeparture(t, token);
    const second = await createDeparture(t, token);
    await createDeal(t, token, { departureId: second.id, seats: 2 });
    await createDeal(t, token, { departureId: second.id, seats: 3 });
    const seatsOf = async (id: number) => (await t.call('GET', `/api/v1/departures/${id}`, { token })).body.seatsBooked;
    expect(await seatsOf(first.id)).toBe(0);
    expect(await seatsOf(second.id)).toBe(5);
    const listed = (await t.call('GET', '/api/v1/departures', { token })).body.items;
    expect(listed.map((d: any) => d.seatsBooked)).toEqual([0, 5]);
  });

  it('changes fields and bumps the schedule version only when time or place change', async () => {
    const departure = await createDeparture(t, token);
    const renamed = await t.call('PATCH', `/api/v1/departures/${departure.id}`, { token, body: { title: 'Ohrid & Struga' } });
    expect(renamed.body.scheduleVersion).toBe(1);
    const moved = await t.call('PATCH', `/api/v1/departures/${departure.id}`, {
      token,
      body: { departsAt: '2027-10-29T07:00:00+03:00', meetingPoint: 'Sofia, Central Station' },
    });
    expect(moved.body).toMatchObject({ departsAt: '2027-10-29T04:00:00.000Z', meetingPoint: 'Sofia, Central Station', scheduleVersion: 2 });
  });

  it('lists by date range with stable paging', async () => {
    for (const day of ['05', '01', '03', '02', '04']) await createDeparture(t, token, { departsAt: `2027-03-${day}T08:00` });
    await createDeparture(t, token, { departsAt: '2027-04-01T08:00' });
    const first = await t.call('GET', '/api/v1/departures?from=2027-03-01&to=2027-03-31&limit=2', { token });
    expect(first.body.items.map((d: any) => d.departsAt.slice(0, 10))).toEqual(['2027-03-01', '2027-03-02']);
    const seen = [...first.body.items];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await t.call('GET', `/api/v1/departures?from=2027-03-01&to=2027-03-31&limit=2&cursor=${cursor}`, { token });
      seen.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    expect(seen.map((d) => d.departsAt.slice(0, 10))).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05']);
    const bad = await t.call('GET', '/api/v1/departures?limit=501', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toHaveProperty('limit');
    expect((await t.call('GET', '/api/v1/departures?cursor=garbage', { token })).status).toBe(400);
  });

  it('filters by status: scheduled, departed', async () => {
    await createDeparture(t, token, { departsAt: '2026-11-23T08:00' });
    t.advance(2 * 86_400_000);
    token = (await t.as('operator')).token; // the old session went idle
    await createDeparture(t, token, { departsAt: '2027-01-10T08:00' });
    const departed = await t.call('GET', '/api/v1/departures?status=departed', { token });
    expect(departed.body.items).toHaveLength(1);
    expect(departed.body.items[0].status).toBe('departed');
    const scheduled = await t.call('GET', '/api/v1/departures?status=scheduled', { token });
    expect(scheduled.body.items.map((d: any) => d.departsAt)).toEqual(['2027-01-10T06:00:00.000Z']);
  });

  it('names each bad field', async () => {
    const answer = await t.call('POST', '/api/v1/departures', {
      token,
      body: departureBody({ seats: 0, priceMinor: 10.5, departsAt: 'tomorrow', timeZone: 'Nowhere/Land', meetingPoint: '' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(Object.keys(answer.body.error.details).sort()).toEqual(['departsAt', 'meetingPoint', 'priceMinor', 'seats', 'timeZone']);
    const deposit = await t.call('POST', '/api/v1/departures', { token, body: departureBody({ depositMinor: 20000 }) });
    expect(deposit.body.error.details).toHaveProperty('depositMinor');
    const returns = await t.call('POST', '/api/v1/departures', { token, body: departureBody({ returnsAt: '2027-10-28T06:30' }) });
    expect(returns.body.error.details).toHaveProperty('returnsAt');
    expect((await t.call('GET', '/api/v1/departures', { token })).body.items).toHaveLength(0);
  });

  it('answers 404 for an unknown departure', async () => {
    expect((await t.call('GET', '/api/v1/departures/999', { token })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/departures/abc', { token })).body.error.code).toBe('not_found');
    expect((await t.call('PATCH', '/api/v1/departures/999', { token, body: { title: 'x' } })).status).toBe(404);
  });
});

describe('contacts', () => {
  it('normalises phones so the same person written two ways is a 409 with existingId', async () => {
    const first = await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Иван Петров', phone: '+359 88 123 4567' } });
    expect(first.status).toBe(201);
    expect(first.body.phone).toBe('+359881234567');
    const again = await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Ivan', phone: '0881234567' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', details: { existingId: first.body.id } });
  });

  it('compares e-mails case-insensitively', async () => {
    const first = await createContact(t, token, { phone: null, email: 'Anna.Ivanova@Example.com' });
    const again = await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Anna', email: 'anna.ivanova@example.COM' } });
    expect(again.status).toBe(409);
    expect(again.body.error.details.existingId).toBe(first.id);
    expect(first.email).toBe('Anna.Ivanova@Example.com');
  });

  it('needs a phone or an e-mail, and a real phone number', async () => {
    const neither = await t.call('POST', '/api/v1/contacts', { token, body: { name: 'Nobody' } });
    expect(neither.status).toBe(400);
    expect(neither.body.error.details).toHaveProperty('phone');
    const bad = await t.call('POST', '/api/v1/contacts', { token, body: { name: 'X', phone: '12' } });
    expect(bad.body.error.details).toHaveProperty('phone');
    const email = await t.call('POST', '/api/v1/contacts', { token, body: { name: 'X', email: 'not-mail' } });
    expect(email.body.error.details).toHaveProperty('email');
  });

  it('finds by Cyrillic name in any case, by phone as typed, and by e-mail', async () => {
    const petrov = await createContact(t, token, { name: 'Пётр Петров', phone: '0887654321', email: 'petrov@mail.bg' });
    await createContact(t, token, { name: 'Мария Иванова' });
    await createContact(t, token, { name: 'John Smith' });
    const find = async (q: string) =>
      (await t.call('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`, { token })).body.items.map((c: any) => c.id);
    expect(await find('петров')).toEqual([petrov.id]);
    expect(await find('ПЕТРОВ')).toEqual([petrov.id]);
    expect(await find('петр')).toEqual([petrov.id]);
    expect(await find('пётр')).toEqual([petrov.id]);
    expect(await find('0887 654')).toEqual([petrov.id]);
    expect(await find('+359887654321')).toEqual([petrov.id]);
    expect(await find('PETROV@')).toEqual([petrov.id]);
    expect(await find('%')).toEqual([]);
    expect(await find('john')).toHaveLength(1);
  });

  it('keeps the card: communications with next contact, transfer, tags and deals', async () => {
    const manager = await t.as('manager');
    const contact = await createContact(t, token, { tags: ['VIP', 'vip', 'Pensioner'] });
    expect(contact.tags).toEqual(['vip', 'pensioner']); // never_bought needs two inquiries without a booking
    const talk = await t.call('POST', `/api/v1/contacts/${contact.id}/communications`, {
      token,
      body: { channel: 'call', summary: 'Wants Ohrid, will call back', nextContactAt: '2026-11-25T10:00' },
    });
    expect(talk.status).toBe(201);
    const moved = await t.call('POST', `/api/v1/contacts/${contact.id}/transfer`, { token, body: { managerId: manager.id } });
    expect(moved.body.managerId).toBe(manager.id);
    await createDeal(t, token, { contactId: contact.id });
    const card = await t.call('GET', `/api/v1/contacts/${contact.id}`, { token });
    expect(card.body.nextContactAt).toBe('2026-11-25T08:00:00.000Z');
    expect(card.body.communications[0]).toMatchObject({ channel: 'call', summary: 'Wants Ohrid, will call back' });
    expect(card.body.deals).toHaveLength(1);
    expect(card.body.tags).not.toContain('never_bought');
    expect(card.body.inquiries).toEqual([]);
  });

  it('changes a contact and refuses taking another contact phone', async () => {
    const a = await createContact(t, token);
    const b = await createContact(t, token);
    const clash = await t.call('PATCH', `/api/v1/contacts/${b.id}`, { token, body: { phone: a.phone } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details.existingId).toBe(a.id);
    const renamed = await t.call('PATCH', `/api/v1/contacts/${b.id}`, { token, body: { name: 'Нов Име', locale: 'ru' } });
    expect(renamed.body).toMatchObject({ name: 'Нов Име', locale: 'ru', phone: b.phone });
  });

  it('refuses an unknown manager and an unknown contact', async () => {
    const answer = await t.call('POST', '/api/v1/contacts', { token, body: contactBody({ managerId: 999 }) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toHaveProperty('managerId');
    expect((await t.call('GET', '/api/v1/contacts/999', { token })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/contacts/999/transfer', { token, body: { managerId: 1 } })).status).toBe(404);
  });
});
