import { describe, expect, it } from 'vitest';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { makeTestApp } from '../helpers/test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "Охрид 29.10" with two stops, a booking on each; the clock a day before, when reminders go out. */
async function twoStops(departsAt = '2027-10-29T06:30:00+03:00') {
  const mailer = memoryMailer();
  const t = await makeTestApp({ mailer, now: Date.parse('2027-03-01T09:00:00Z') });
  const token = async () => (await t.as('operator')).token;
  const dep = await createDeparture(t, await token(), {
    title: 'Охрид 29.10',
    departsAt,
    stops: [
      { name: 'София, НДК', offsetMinutes: 0 },
      { name: 'Пловдив', address: 'хотел Тримонциум', offsetMinutes: 90 },
    ],
  });
  const [sofia, plovdiv] = dep.stops;
  const book = async (stopId: number, email: string) => {
    const client = await createContact(t, await token(), { locale: 'bg', email });
    return createDeal(t, await token(), { departureId: dep.id, contactId: client.id, seats: 1, stopId });
  };
  const onSofia = await book(sofia.id, 'sofia@example.com');
  const onPlovdiv = await book(plovdiv.id, 'plovdiv@example.com');
  const mailsTo = (address: string) => mailer.sent.filter((m: any) => String(m.to).includes(address));
  const pass = async () => await runNotifierPass(t.ctx, mailer);
  const patch = async (path: string, body: unknown) => t.call('PATCH', path, { token: await token(), body });
  return { t, mailer, dep, sofia, plovdiv, onSofia, onPlovdiv, mailsTo, pass, patch, departsAt: Date.parse(dep.departsAt) };
}

describe('each traveller is told their own stop and time', () => {
  it("the reminder for a Пловдив booking says 08:00 and Пловдив; the Sofia one says 06:30 and НДК", async () => {
    const s = await twoStops();
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    const [plovdiv] = s.mailsTo('plovdiv@example.com');
    const [sofia] = s.mailsTo('sofia@example.com');
    expect(plovdiv!.text).toContain('08:00');
    expect(plovdiv!.text).toContain('Пловдив, хотел Тримонциум');
    expect(plovdiv!.text).not.toContain('НДК');
    expect(sofia!.text).toContain('06:30');
    expect(sofia!.text).toContain('София, НДК');
  });

  it('moving the Пловдив stop to 08:15 corrects only the Пловдив bookings already told', async () => {
    const s = await twoStops();
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    s.t.advance(HOUR);
    const moved = await s.patch(`/api/v1/departures/${s.dep.id}`, {
      stops: [
        { id: s.sofia.id, name: 'София, НДК', offsetMinutes: 0 },
        { id: s.plovdiv.id, name: 'Пловдив', address: 'хотел Тримонциум', offsetMinutes: 105 },
      ],
    });
    expect(moved.status).toBe(200);
    await s.pass();
    expect(s.mailsTo('sofia@example.com')).toHaveLength(1);
    const plovdiv = s.mailsTo('plovdiv@example.com');
    expect(plovdiv).toHaveLength(2);
    expect(plovdiv[1]!.text).toContain('08:15');
    // Each carries the trip for the client's calendar: the same entry, moved to the new time.
    const entry = (mail: any) => mail.attachments.find((a: any) => a.filename === 'trip.ics').content.toString('utf8') as string;
    const [first, second] = [entry(plovdiv[0]), entry(plovdiv[1])];
    expect(first).toContain('DTSTART:20271029T050000Z');
    expect(first).toContain('LOCATION:Пловдив\\, хотел Тримонциум');
    expect(second).toContain('DTSTART:20271029T051500Z');
    expect(/UID:(.*)/.exec(second)![1]).toBe(/UID:(.*)/.exec(first)![1]);
    expect(Number(/SEQUENCE:(\d+)/.exec(second)![1])).toBeGreaterThan(Number(/SEQUENCE:(\d+)/.exec(first)![1]));
    // A second pass sends nothing more.
    await s.pass();
    expect(s.mailer.sent).toHaveLength(3);
  });

  it('moving the whole departure corrects everyone; a booking moved to another stop after being told gets one correction', async () => {
    const s = await twoStops();
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    const moved = await s.patch(`/api/v1/deals/${s.onSofia.id}`, { stopId: s.plovdiv.id });
    expect(moved.body.stopId).toBe(s.plovdiv.id);
    await s.pass();
    const sofiaClient = s.mailsTo('sofia@example.com');
    expect(sofiaClient).toHaveLength(2);
    expect(sofiaClient[1]!.text).toContain('08:00');
    expect(s.mailsTo('plovdiv@example.com')).toHaveLength(1);
    await s.patch(`/api/v1/departures/${s.dep.id}`, { departsAt: '2027-10-29T07:00:00+03:00' });
    await s.pass();
    expect(s.mailsTo('sofia@example.com')).toHaveLength(3);
    expect(s.mailsTo('plovdiv@example.com')).toHaveLength(2);
    expect(s.mailsTo('plovdiv@example.com')[1]!.text).toContain('08:30');
  });

  it('in the week the clocks go back, a stop 90 minutes later is still 90 minutes later on the trip\'s own clock', async () => {
    // 2027-10-31 is the night Europe/Sofia goes from +03:00 to +02:00: depart 02:30 summer time, stop at 03:00 winter time.
    const s = await twoStops('2027-10-31T02:30:00+03:00');
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    const [plovdiv] = s.mailsTo('plovdiv@example.com');
    // 90 elapsed minutes after 02:30 +03:00 is 03:00 +02:00.
    expect(plovdiv!.text).toContain('03:00');
  });
});
