import { beforeEach, describe, expect, it } from 'vitest';
import { createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

describe('the client: stage, wishes, consent', () => {
  it('the stage follows the facts: pre-sale, choosing, booked, after the trip, refused, client; and the contacts filter by it', async () => {
    const stageOf = async (id: number) => (await t.call('GET', `/api/v1/contacts/${id}`, { token: director })).body.stage;
    const intake = await t.call('POST', '/api/v1/inquiries', { token: director, body: { name: 'Ана', phone: '+359888111222', wishes: { destination: 'Охрид', people: 2, dateFrom: '2027-10-01', dateTo: '2027-10-31', budgetMinor: 40000 } } });
    const contactId = intake.body.contact.id;
    expect(intake.body.inquiry.wishes).toEqual({ destination: 'Охрид', people: 2, dateFrom: '2027-10-01', dateTo: '2027-10-31', budgetMinor: 40000 });
    expect(await stageOf(contactId)).toBe('presale');
    await t.call('POST', `/api/v1/inquiries/${intake.body.inquiry.id}/status`, { token: director, body: { status: 'selecting' } });
    expect(await stageOf(contactId)).toBe('selection');
    // Wishes change field by field; a date range backwards is refused and changes nothing.
    const backwards = await t.call('PATCH', `/api/v1/inquiries/${intake.body.inquiry.id}`, { token: director, body: { wishes: { dateTo: '2027-09-01' } } });
    expect(backwards.status).toBe(400);
    const patched = await t.call('PATCH', `/api/v1/inquiries/${intake.body.inquiry.id}`, { token: director, body: { wishes: { budgetMinor: null, notes: 'море' } } });
    expect(patched.body.wishes).toEqual({ destination: 'Охрид', people: 2, dateFrom: '2027-10-01', dateTo: '2027-10-31', notes: 'море' });
    // The booking form offers the Ohrid trip of October first, for two.
    // An earlier trip elsewhere comes first by date; the wishes put Ohrid first.
    await createDeparture(t, director, { title: 'Истанбул', departsAt: '2027-01-10T07:00:00+02:00' });
    const ohrid = await createDeparture(t, director, { title: 'Охрид 29.10', departsAt: '2027-10-29T06:30:00+03:00' });
    const page = await pageClient(t, DIRECTOR);
    const html = (await page.get(`/inquiries/${intake.body.inquiry.id}`, 'bg')).html;
    expect(html).toMatch(new RegExp(`<option value="${ohrid.id}" selected=""`));
    expect(html).toContain('value="2"');
    const booked = await t.call('POST', `/api/v1/inquiries/${intake.body.inquiry.id}/book`, { token: director, body: { departureId: ohrid.id, seats: 2 } });
    expect(booked.status).toBe(201);
    expect(await stageOf(contactId)).toBe('booking');
    const list = async (stage: string) => (await t.call('GET', `/api/v1/contacts?stage=${stage}`, { token: director })).body.items.map((c: any) => c.id);
    expect(await list('booking')).toEqual([contactId]);
    expect(await list('presale')).toEqual([]);
    t.setNow(Date.parse('2027-10-31T10:00:00Z'));
    director = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    expect(await stageOf(contactId)).toBe('postsale');
    t.setNow(Date.parse('2027-12-15T10:00:00Z'));
    director = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    expect(await stageOf(contactId)).toBe('client');
    const again = await t.call('POST', '/api/v1/inquiries', { token: director, body: { name: 'Ана', phone: '+359888111222' } });
    await t.call('POST', `/api/v1/inquiries/${again.body.inquiry.id}/status`, { token: director, body: { status: 'refused', reason: 'price_shopping' } });
    expect(await stageOf(contactId)).toBe('refused');
    expect((await t.call('GET', '/api/v1/contacts?stage=nonsense', { token: director })).status).toBe(400);
  });

  it('consent and birthday are on the card and the form; consent is off by default', async () => {
    const created = await t.call('POST', '/api/v1/contacts', { token: director, body: { name: 'Бойко', email: 'boyko@example.bg' } });
    expect(created.body).toMatchObject({ marketingOptIn: false, birthDate: null });
    const bad = await t.call('PATCH', `/api/v1/contacts/${created.body.id}`, { token: director, body: { birthDate: '1980-02-30' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details)).toEqual(['birthDate']);
    const page = await pageClient(t, DIRECTOR);
    const saved = await page.post(`/contacts/${created.body.id}`, { name: 'Бойко', email: 'boyko@example.bg', birthDate: '1980-05-17', marketingOptIn: 'on' }, 'bg');
    expect(saved.status).toBe(303);
    const card = (await t.call('GET', `/api/v1/contacts/${created.body.id}`, { token: director })).body;
    expect(card).toMatchObject({ marketingOptIn: true, birthDate: '1980-05-17', stage: 'client', feedback: [] });
    expect((await page.get(`/contacts/${created.body.id}`, 'bg')).html).toContain('Получава предложения и поздравления');
  });
});
