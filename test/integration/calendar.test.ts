import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { AGENCY, makeTestApp, START, type TestApp } from '../helpers/test-app.js';

const DAY = 86_400_000;
let t: TestApp;
let director: string;
let operator: { token: string; id: number };
beforeEach(async () => {
  t = await makeTestApp({ agency: { ...AGENCY, publicUrl: 'https://desk.agency.test' } });
  director = (await t.as('director')).token;
  operator = await t.as('operator');
});

/** The feed as a standard parser (ical.js) reads it. */
async function feed(url: string) {
  const answer = await t.app.request(url.replace('https://desk.agency.test', ''));
  const text = await answer.text();
  if (answer.status !== 200) return { status: answer.status, events: [] };
  expect(answer.headers.get('content-type')).toMatch(/^text\/calendar/);
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  return { status: answer.status, events: events.map((e) => ({ uid: e.uid, summary: e.summary, location: e.location, start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString() })) };
}

describe('the calendar feed', () => {
  it("holds the person's trips and open tasks, opens in a standard parser, and a new address ends the old one", async () => {
    const mine = await createDeparture(t, director, { title: 'Охрид', departsAt: new Date(START + 10 * DAY).toISOString(), returnsAt: new Date(START + 12 * DAY).toISOString(), operatorId: operator.id });
    await createDeparture(t, director, { title: 'Чужда', departsAt: new Date(START + 11 * DAY).toISOString() });
    await t.call('POST', '/api/v1/tasks', { token: director, body: { title: 'Обади се на хотела', dueAt: new Date(START + DAY).toISOString(), assigneeId: operator.id, departureId: mine.id } });
    const session = (await t.call('GET', '/api/v1/session', { token: operator.token })).body;
    expect(session.calendarUrl).toBe(`https://desk.agency.test/api/v1/calendar.ics?token=${encodeURIComponent(session.calendarToken)}`);
    const { events } = await feed(session.calendarUrl);
    expect(events.filter((e) => e.uid.startsWith('departure-'))).toEqual([
      { uid: expect.stringMatching(new RegExp(`^departure-${mine.id}@`)), summary: '🚌 Охрид', location: 'Sofia, NDK, parking lot', start: new Date(START + 10 * DAY).toISOString(), end: new Date(START + 12 * DAY).toISOString() },
    ]);
    expect(events.filter((e) => e.uid.startsWith('task-')).map((e) => [e.summary, e.end])).toEqual([['Задача: Обади се на хотела', new Date(START + DAY).toISOString()]]);
    // The director's feed has every trip.
    const boss = (await t.call('GET', '/api/v1/session', { token: director })).body;
    expect((await feed(boss.calendarUrl)).events.filter((e) => e.uid.startsWith('departure-'))).toHaveLength(2);
    // A new address: the old one finds nothing at once, an altered one never did.
    const renewed = await t.call('POST', '/api/v1/session/calendar-token', { token: operator.token });
    expect(renewed.body.calendarToken).not.toBe(session.calendarToken);
    expect((await feed(session.calendarUrl)).status).toBe(404);
    expect((await feed(renewed.body.calendarUrl)).events.length).toBeGreaterThan(0);
    expect((await feed(renewed.body.calendarUrl.replace(/.$/, (ch: string) => (ch === 'A' ? 'B' : 'A')))).status).toBe(404);
    expect((await feed('/api/v1/calendar.ics')).status).toBe(404);
  });

  it('the tasks page shows the private address and makes a new one', async () => {
    const page = await pageClient(t, { email: 'operator2@agency.test', password: 'password-123' });
    const before = (await page.get('/tasks', 'bg')).html;
    expect(before).toContain('Вашият календар');
    const url = /id="calendar-url" type="url" readonly="" value="([^"]+)"/.exec(before)![1]!.replaceAll('&amp;', '&');
    expect((await feed(url)).status).toBe(200);
    expect((await page.post('/calendar/renew', {}, 'bg')).status).toBe(303);
    expect((await feed(url)).status).toBe(404);
  });
});
