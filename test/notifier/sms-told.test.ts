import { mapInOrder } from '../../src/domain/in-order.js';
import { afterEach, describe, expect, it } from 'vitest';
import { recordReceipt } from '../../src/domain/notifications/index.js';
import { createUser } from '../../src/domain/users/users.js';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { SmppGateway } from '../../src/sms/smpp-gateway.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { pageClient } from '../helpers/pages.js';
import { startSmppServer, stopSmppServers, type SmsReceived } from '../helpers/smpp.js';
import { AGENCY, makeTestApp, TEST_PASSWORD_COST } from '../helpers/test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OPERATOR = { email: 'door@agency.test', password: 'door-password-1' };

const gateways: SmppGateway[] = [];
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.close();
  stopSmppServers();
});

const until = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 150 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 30));
  if (!(await check())) throw new Error(`timed out waiting for ${what}`);
};

const wholeText = (parts: SmsReceived[]) => parts.map((p) => p.text).join('');

/**
 * An agency with an SMS centre and a bus on 29.10 with two stops; two clients with a phone and
 * no e-mail, one on each stop. The clock starts months before, when they book.
 */
async function smsOnlyTrip() {
  const mailer = memoryMailer();
  const server = await startSmppServer();
  const t = await makeTestApp({ mailer, now: Date.parse('2027-03-01T09:00:00Z'), agency: { ...AGENCY, sms: true } });
  const gateway = new SmppGateway({ url: server.url, sender: 'BalkanTur', onReceipt: async (receipt) => await recordReceipt(t.ctx(), receipt) });
  gateways.push(gateway);
  await createUser(t.ctx(), { ...OPERATOR, name: 'Гергана', role: 'operator' }, TEST_PASSWORD_COST);
  const token = (await t.as('director')).token;
  const dep = await createDeparture(t, token, {
    title: 'Охрид 29.10',
    departsAt: '2027-10-29T06:30:00+03:00',
    stops: [
      { name: 'София, НДК', offsetMinutes: 0 },
      { name: 'Пловдив', address: 'хотел Тримонциум', offsetMinutes: 90 },
    ],
  });
  const [sofia, plovdiv] = dep.stops;
  const book = async (stopId: number, phone: string) => {
    const client = await createContact(t, token, { locale: 'bg', phone, email: null });
    return createDeal(t, token, { departureId: dep.id, contactId: client.id, seats: 1, stopId });
  };
  const onSofia = await book(sofia.id, '0881111111');
  const onPlovdiv = await book(plovdiv.id, '0882222222');
  const deals = [onSofia.id, onPlovdiv.id];
  const rowsOf = async (dealId: number) =>
    (await t.database.sqlite.prepare('SELECT kind, channel, status FROM notifications WHERE deal_id = ? ORDER BY id').all(dealId)) as { kind: string; channel: string; status: string }[];
  const allDelivered = async () => (await mapInOrder(deals, rowsOf)).every((rows) => rows.every((row) => row.status === 'delivered'));
  const pass = async () => await runNotifierPass(t.ctx, mailer, { channels: { sms: gateway } });
  const notifyDue = async () => {
    const answer = await t.call('GET', `/api/v1/worklists/notify-due?departureId=${dep.id}`, { token: (await t.as('director')).token, headers: { 'Accept-Language': 'en' } });
    expect(answer.status).toBe(200);
    return answer.body.items as { id: number; reason: string }[];
  };
  return { t, server, dep, onSofia, onPlovdiv, deals, rowsOf, allDelivered, pass, notifyDue, departsAt: Date.parse(dep.departsAt) };
}

/** What the desk shows of who is told: the roster, each deal page, and the operator's bus card. */
async function deskView(s: Awaited<ReturnType<typeof smsOnlyTrip>>) {
  const director = await pageClient(s.t, { email: 'director@agency.test', password: 'director-secret-1' });
  const operator = await pageClient(s.t, OPERATOR);
  const roster = await director.get(`/departures/${s.dep.id}`, 'en');
  const dealPages = await Promise.all(s.deals.map((id) => director.get(`/deals/${id}`, 'en')));
  const myDay = await operator.get('/', 'en');
  expect([roster.status, ...dealPages.map((p) => p.status), myDay.status]).toEqual([200, 200, 200, 200]);
  const bus = /<article class="card trip" data-departure="(\d+)">([\s\S]*?)<\/article>/.exec(myDay.html);
  expect(bus?.[1]).toBe(String(s.dep.id));
  return {
    html: [roster.html, ...dealPages.map((p) => p.html), myDay.html].join('\n'),
    /** Deals the roster offers "told by phone" for: those it shows as not told. */
    rosterUntold: s.deals.filter((id) => roster.html.includes(`/deals/${id}/told-by-phone`)),
    dealPagesUntold: s.deals.filter((id, i) => dealPages[i]!.html.includes(`/deals/${id}/told-by-phone`)),
    busCard: bus![2]!,
  };
}

describe('a delivered SMS means told', () => {
  it('SMS-only bookings walk through the reminder, its delivery receipt and a change of time: corrected by SMS, and told everywhere once delivered', async () => {
    const s = await smsOnlyTrip();

    // The day before: the reminders go out by SMS and the SMS centre confirms delivery.
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    await until(s.allDelivered, 'the delivery receipts of the reminders');
    for (const id of s.deals) expect((await s.rowsOf(id))).toEqual([{ kind: 'departure_reminder', channel: 'sms', status: 'delivered' }]);
    expect(await s.notifyDue()).toEqual([]);
    let desk = await deskView(s);
    expect(desk.rosterUntold).toEqual([]);
    expect(desk.dealPagesUntold).toEqual([]);
    expect(desk.busCard).toContain('Everyone is told the time and place');
    expect(desk.html).not.toContain('reason.');

    // The bus leaves half an hour later: both bookings were told 06:30 (08:00 at Пловдив), so
    // each gets a correction, queued by SMS in the change's own transaction.
    s.t.advance(HOUR);
    const moved = await s.t.call('PATCH', `/api/v1/departures/${s.dep.id}`, { token: (await s.t.as('director')).token, body: { departsAt: '2027-10-29T07:00:00+03:00' } });
    expect(moved.status).toBe(200);
    for (const id of s.deals) {
      expect((await s.rowsOf(id))).toEqual([
        { kind: 'departure_reminder', channel: 'sms', status: 'delivered' },
        { kind: 'departure_changed', channel: 'sms', status: 'pending' },
      ]);
    }
    // Until the correction goes out they are not told the new time, in words.
    const waiting = await s.notifyDue();
    expect(waiting.map((item) => item.id).sort()).toEqual([...s.deals].sort());
    for (const item of waiting) expect(item.reason).toMatch(/waiting to be sent/);
    desk = await deskView(s);
    expect(desk.rosterUntold.sort()).toEqual([...s.deals].sort());
    expect(desk.busCard).toContain('2 bookings not told the time and place');
    expect(desk.html).not.toContain('reason.');

    // The corrections say the old and the new time, each for the client's own stop.
    const before = s.server.received().length;
    await s.pass();
    await until(s.allDelivered, 'the delivery receipts of the corrections');
    const corrections = s.server.received().slice(before);
    const toSofia = wholeText(corrections.filter((r) => r.destination === '359881111111'));
    const toPlovdiv = wholeText(corrections.filter((r) => r.destination === '359882222222'));
    expect(toSofia).toContain('ПРОМЯНА');
    expect(toSofia).toContain('07:00');
    expect(toSofia).toContain('не 06:30');
    expect(toPlovdiv).toContain('08:30');
    expect(toPlovdiv).toContain('не 08:00');

    // Delivered: told on every list and page, and the operator's count agrees.
    expect(await s.notifyDue()).toEqual([]);
    desk = await deskView(s);
    expect(desk.rosterUntold).toEqual([]);
    expect(desk.dealPagesUntold).toEqual([]);
    expect(desk.busCard).toContain('Everyone is told the time and place');
    // A later pass owes nothing more.
    await s.pass();
    for (const id of s.deals) expect((await s.rowsOf(id))).toHaveLength(2);
  });

  it('"told by phone" on a booking whose SMS was delivered keeps the delivered notice as it is', async () => {
    const s = await smsOnlyTrip();
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    await until(s.allDelivered, 'the delivery receipts');
    const told = await s.t.call('POST', `/api/v1/deals/${s.onSofia.id}/told-by-phone`, { token: (await s.t.as('director')).token });
    expect(told.status).toBe(200);
    expect((await s.rowsOf(s.onSofia.id))).toEqual([{ kind: 'departure_reminder', channel: 'sms', status: 'delivered' }]);
  });
});

describe("told at the booking's own stop", () => {
  it('a booking told its stop 90 minutes after the departure is told, not listed on notify-due with a raw reason', async () => {
    const mailer = memoryMailer();
    const t = await makeTestApp({ mailer, now: Date.parse('2027-03-01T09:00:00Z') });
    const token = (await t.as('director')).token;
    const dep = await createDeparture(t, token, {
      title: 'Охрид 29.10',
      departsAt: '2027-10-29T06:30:00+03:00',
      stops: [
        { name: 'София, НДК', offsetMinutes: 0 },
        { name: 'Пловдив', address: 'хотел Тримонциум', offsetMinutes: 90 },
      ],
    });
    const client = await createContact(t, token, { locale: 'bg', email: 'plovdiv@example.com' });
    const deal = await createDeal(t, token, { departureId: dep.id, contactId: client.id, seats: 1, stopId: dep.stops[1].id });
    t.setNow(Date.parse(dep.departsAt) - DAY);
    await runNotifierPass(t.ctx, mailer);
    expect(mailer.sent).toHaveLength(1);
    const fresh = (await t.as('director')).token;
    const due = await t.call('GET', `/api/v1/worklists/notify-due?departureId=${dep.id}`, { token: fresh });
    expect(due.body.items).toEqual([]);
    const roster = await (await pageClient(t, { email: 'director@agency.test', password: 'director-secret-1' })).get(`/departures/${dep.id}`, 'en');
    expect(roster.html).not.toContain(`/deals/${deal.id}/told-by-phone`);
    expect(roster.html).not.toContain('reason.');
  });
});
