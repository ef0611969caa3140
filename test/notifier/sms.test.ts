import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { recordReceipt } from '../../src/domain/notifications/index.js';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { SmppGateway, type Receipt } from '../../src/sms/smpp-gateway.js';
import { segmentCount } from '../../src/sms/segments.js';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { startSmppServer, stopSmppServers, type SmsReceived } from '../helpers/smpp.js';
import { AGENCY, makeTestApp } from '../helpers/test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const gateways: SmppGateway[] = [];
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.close();
  stopSmppServers();
});

const until = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 30));
  if (!(await check())) throw new Error(`timed out waiting for ${what}`);
};

/** The bytes of a UCS-2 text as the server decoded them, joined part after part. */
const wholeText = (parts: SmsReceived[]) => parts.map((p) => p.text).join('');

describe('the SMPP gateway', () => {
  it('sends Cyrillic as UCS-2 in two concatenated parts, and hands over the receipts', async () => {
    const server = await startSmppServer();
    const receipts: Receipt[] = [];
    const gateway = new SmppGateway({ url: server.url, sender: 'BalkanTur', onReceipt: (r) => receipts.push(r) });
    gateways.push(gateway);
    const text = 'Балкан Тур: Охрид и Струга, 29.10.2027 г. в 06:30, София, НДК, пред входа откъм бул. България. Въпроси: +359 2 987 6543';
    expect(segmentCount(text)).toBe(2);
    const { messageId } = await gateway.send('+359881234567', text);
    const received = server.received();
    expect(received).toHaveLength(2);
    expect(received.map((r) => [r.destination, r.source, r.dataCoding])).toEqual([
      ['359881234567', 'BalkanTur', 8],
      ['359881234567', 'BalkanTur', 8],
    ]);
    // The concatenation header: IEI 0, length 3, one reference, 2 parts, part 1 then 2.
    const [first, second] = received.map((r) => r.udh![0]!);
    expect(first!.slice(0, 2)).toEqual([0x00, 0x03]);
    expect([first![3], first![4], second![3], second![4]]).toEqual([2, 1, 2, 2]);
    expect(first![2]).toBe(second![2]);
    expect(wholeText(received)).toBe(text);
    expect(messageId).toBe(received[1]!.id);
    await until(async () => receipts.length === 2, 'the receipts');
    expect(receipts.map((r) => r.delivered)).toEqual([true, true]);
  });

  it('refuses a login the centre refuses, and backs off before trying again', async () => {
    const server = await startSmppServer();
    const gateway = new SmppGateway({ url: server.url.replace('secret', 'wrong'), sender: 'BalkanTur', onReceipt: () => {} });
    gateways.push(gateway);
    await expect(gateway.send('+359881234567', 'x')).rejects.toThrow(/refused the login/);
    await expect(gateway.send('+359881234567', 'x')).rejects.toThrow(/unreachable; trying again in/);
  });
});

/** A bus tomorrow with two stops and clients without e-mail, one per stop; SMS set up. */
async function tripWithSms(options: { undeliverable?: string[]; refuse?: string[] } = {}) {
  const mailer = memoryMailer();
  const server = await startSmppServer(options);
  const t = await makeTestApp({ mailer, now: Date.parse('2027-03-01T09:00:00Z'), agency: { ...AGENCY, sms: true } });
  const gateway = new SmppGateway({ url: server.url, sender: 'BalkanTur', onReceipt: async (receipt) => await recordReceipt(t.ctx(), receipt) });
  gateways.push(gateway);
  const staff = await t.as('operator');
  const token = staff.token;
  const dep = await createDeparture(t, token, {
    title: 'Охрид 29.10',
    departsAt: '2027-10-29T06:30:00+03:00',
    stops: [
      { name: 'София, НДК', offsetMinutes: 0 },
      { name: 'Пловдив', address: 'хотел Тримонциум', offsetMinutes: 90 },
    ],
  });
  const [sofia, plovdiv] = dep.stops;
  const book = async (stopId: number, contact: Record<string, unknown>) => {
    const client = await createContact(t, token, { locale: 'bg', ...contact });
    return { client, deal: await createDeal(t, token, { departureId: dep.id, contactId: client.id, seats: 1, stopId }) };
  };
  const pass = async () => await runNotifierPass(t.ctx, mailer, { channels: { sms: gateway } });
  const rowsOf = async (dealId: number) => (await t.database.sqlite.prepare('SELECT * FROM notifications WHERE deal_id = ? ORDER BY id').all(dealId)) as any[];
  // The clock moves months ahead: a new sign-in each time.
  const fresh = async () => (await t.as('operator')).token;
  return { t, mailer, server, token, fresh, dep, sofia, plovdiv, book, pass, rowsOf, departsAt: Date.parse(dep.departsAt) };
}

describe('departure notices by SMS', () => {
  it('tells a client without e-mail their own stop and time by SMS in Bulgarian, two segments at most, and records the receipt', async () => {
    const s = await tripWithSms();
    const onPlovdiv = await s.book(s.plovdiv.id, { phone: '0881234567', email: null });
    s.t.setNow(s.departsAt - DAY);
    const report = await s.pass();
    expect(report.sent).toBe(1);
    const received = s.server.received();
    const text = wholeText(received);
    expect(received.length).toBeLessThanOrEqual(2);
    expect(received[0]!.destination).toBe('359881234567');
    expect(text).toContain('Охрид 29.10');
    expect(text).toContain('08:00');
    expect(text).toContain('Пловдив, хотел Тримонциум');
    expect(text).toContain('+359 2 987 6543');
    expect(segmentCount(text)).toBeLessThanOrEqual(2);
    await until(async () => (await s.rowsOf(onPlovdiv.deal.id))[0]?.status === 'delivered', 'the delivery receipt');
    const [row] = (await s.rowsOf(onPlovdiv.deal.id));
    expect(row).toMatchObject({ channel: 'sms', to_address: '+359881234567', status: 'delivered' });
    const answer = await s.t.call('GET', `/api/v1/notifications?dealId=${onPlovdiv.deal.id}`, { token: await s.fresh() });
    expect(answer.body.items[0]).toMatchObject({ channel: 'sms', status: 'delivered' });
  });

  it('moving the stop sends a correction by SMS with the old and the new time, only to those on it', async () => {
    const s = await tripWithSms();
    const onSofia = await s.book(s.sofia.id, { phone: '0881111111', email: null });
    const onPlovdiv = await s.book(s.plovdiv.id, { phone: '0882222222', email: null });
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    s.t.advance(HOUR);
    const moved = await s.t.call('PATCH', `/api/v1/departures/${s.dep.id}`, {
      token: await s.fresh(),
      body: { stops: [{ id: s.sofia.id, name: 'София, НДК', offsetMinutes: 0 }, { id: s.plovdiv.id, name: 'Пловдив', address: 'хотел Тримонциум', offsetMinutes: 105 }] },
    });
    expect(moved.status).toBe(200);
    await s.pass();
    const toPlovdiv = s.server.received().filter((r) => r.destination === '359882222222');
    const toSofia = s.server.received().filter((r) => r.destination === '359881111111');
    expect(wholeText(toSofia)).toContain('06:30');
    const correction = wholeText(toPlovdiv.slice(-(toPlovdiv.length - (toPlovdiv[0]!.udh ? 2 : 1))));
    expect(correction).toContain('ПРОМЯНА');
    expect(correction).toContain('08:15');
    expect(correction).toContain('не 08:00');
    expect((await s.rowsOf(onSofia.deal.id))).toHaveLength(1);
    expect((await s.rowsOf(onPlovdiv.deal.id)).map((r) => [r.kind, r.channel])).toEqual([
      ['departure_reminder', 'sms'],
      ['departure_changed', 'sms'],
    ]);
  });

  it('falls back to e-mail when the SMS centre refuses the number or cannot deliver it', async () => {
    const s = await tripWithSms({ refuse: ['359881111111'], undeliverable: ['359882222222'] });
    const refused = await s.book(s.sofia.id, { phone: '0881111111', email: 'refused@example.com', channels: ['sms', 'email'] });
    const lost = await s.book(s.sofia.id, { phone: '0882222222', email: 'lost@example.com', channels: ['sms', 'email'] });
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    // Refused at once: handed to e-mail, due now, sent by the next pass.
    expect((await s.rowsOf(refused.deal.id))[0]).toMatchObject({ channel: 'email', status: 'pending', to_address: 'refused@example.com' });
    await until(async () => (await s.rowsOf(lost.deal.id))[0]?.channel === 'email', 'the failed receipt');
    expect((await s.rowsOf(lost.deal.id))[0]).toMatchObject({ channel: 'email', status: 'pending' });
    await s.pass();
    expect((await s.rowsOf(refused.deal.id))[0]).toMatchObject({ channel: 'email', status: 'sent' });
    expect((await s.rowsOf(refused.deal.id))[0].error).toMatch(/^sms: the SMS centre refused the message/);
    expect((await s.rowsOf(lost.deal.id))[0].error).toMatch(/^sms: the SMS centre could not deliver it \(UNDELIV\)/);
    expect((await s.rowsOf(lost.deal.id))[0]).toMatchObject({ channel: 'email', status: 'sent' });
    expect(s.mailer.sent.map((m: any) => String(m.to)).sort()).toEqual(['lost@example.com', 'refused@example.com']);
  });

  it('a client reachable by no channel stays on notify-due for a phone call, as before', async () => {
    const s = await tripWithSms();
    const none = await s.book(s.sofia.id, { phone: '0881234567', email: null, channels: ['email'] });
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    expect((await s.rowsOf(none.deal.id))[0]).toMatchObject({ status: 'no_address' });
    const due = await s.t.call('GET', `/api/v1/worklists/notify-due?departureId=${s.dep.id}`, { token: await s.fresh() });
    expect(due.body.items.map((i: any) => i.dealId ?? i.id)).toContain(none.deal.id);
    expect(s.server.received()).toHaveLength(0);
  });
});

describe('the demo agency with an SMS centre', () => {
  // Written and notified just after midnight: the hours when the 07:00 of the next calendar
  // day is more than 24 hours away (the demo's morning bus is this morning's then).
  it("tells the travellers of tomorrow's bus who have no e-mail by SMS, in their language, two segments at most, with the stop's time", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tourdesk-demo-sms-'));
    const env = { DATABASE_PATH: join(dir, 'desk.sqlite'), OUTBOX_DIR: join(dir, 'outbox'), AGENCY_NAME: 'Балкан Тур', AGENCY_CONTACTS: 'София, бул. Витоша 1 · +359 2 987 6543' };
    const demo = await runCli('src/cli/demo.ts', ['--now', '2026-12-05T00:30'], { ...env, ADMIN_EMAIL: 'boss@agency.test', ADMIN_PASSWORD: 'boss-password-1' });
    expect(demo.code, demo.stderr).toBe(0);
    const server = await startSmppServer();
    const notify = await runCli('src/cli/notify.ts', ['--now', '2026-12-05T00:32'], { ...env, SMS_URL: server.url });
    expect(notify.code, notify.stderr).toBe(0);
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    const texted = await db
      .prepare(
        `SELECT n.to_address AS phone, n.locale, n.status FROM notifications n JOIN departures d ON d.id = n.departure_id
         WHERE n.kind = 'departure_reminder' AND d.title = 'Рилски манастир' AND n.channel = 'sms'`,
      )
      .all() as { phone: string; locale: string; status: string }[];
    const withoutEmail = await db
      .prepare(`SELECT count(*) AS n FROM deals x JOIN departures d ON d.id = x.departure_id JOIN contacts c ON c.id = x.contact_id WHERE d.title = 'Рилски манастир' AND c.email IS NULL AND x.cancelled_at IS NULL`)
      .get() as { n: number };
    db.close();
    expect(withoutEmail.n).toBeGreaterThan(0);
    expect(texted).toHaveLength(withoutEmail.n);
    for (const notice of texted) {
      const parts = server.received().filter((r) => `+${r.destination}` === notice.phone);
      const text = wholeText(parts);
      expect(parts[0]!.source).toBe('Balkan Tur');
      expect(segmentCount(text)).toBeLessThanOrEqual(2);
      expect(text).toContain('Рилски манастир');
      expect(text).toContain('07:00');
      expect(text).toContain(notice.locale === 'ru' ? 'Вопросы' : 'Въпроси');
    }
  });
});

describe('waiting-list offers by SMS', () => {
  it('a client without e-mail offered freed seats is told by SMS, with the hold', async () => {
    const s = await tripWithSms();
    const token = await s.fresh();
    const full = await createDeparture(s.t, token, { title: 'Мелник', departsAt: '2027-06-10T07:00:00+03:00', seats: 1 });
    const first = await createContact(s.t, token, { locale: 'bg' });
    const booking = await createDeal(s.t, token, { departureId: full.id, contactId: first.id, seats: 1 });
    const waiting = await createContact(s.t, token, { locale: 'bg', phone: '0883333333', email: null });
    const joined = await s.t.call('POST', `/api/v1/departures/${full.id}/waitlist`, { token, body: { contactId: waiting.id, seats: 1 } });
    expect(joined.status).toBe(201);
    const cancelled = await s.t.call('POST', `/api/v1/deals/${booking.id}/cancel`, { token, body: { reason: 'Заболял' } });
    expect(cancelled.status).toBe(200);
    await s.pass();
    const text = wholeText(s.server.received().filter((r) => r.destination === '359883333333'));
    expect(text).toContain('освободи се 1 място за Мелник');
    expect(text).toMatch(/пазим до \d\d\.\d\d \d\d:\d\d/);
  });
});
