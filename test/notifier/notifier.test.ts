import { atomically } from '../../src/db/transaction.js';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema/index.js';
import { planDueNotices, runNotifierPass } from '../../src/notifier/pass.js';
import { dispatchOutbox } from '../../src/notifier/dispatch.js';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { claimDue, LEASE_MS, markHandedOver, settle } from '../../src/domain/notifications/index.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { makeTestApp } from '../helpers/test-app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

async function setUp(departure: Record<string, unknown> = {}) {
  const mailer = memoryMailer();
  const t = await makeTestApp({ mailer, now: Date.parse('2027-03-01T09:00:00Z') });
  // The tests move the clock by days: every call signs in afresh rather than outlive a session.
  const call = async (method: string, path: string, body?: unknown) =>
    t.call(method, path, { token: (await t.as('operator')).token, ...(body === undefined ? {} : { body }) });
  const { token } = await t.as('operator');
  const dep = await createDeparture(t, token, { departsAt: '2027-10-29T06:30:00+03:00', ...departure });
  const departsAt = Date.parse(dep.departsAt);
  const pass = async () => await runNotifierPass(t.ctx, mailer);
  const book = async (contact: Record<string, unknown> = {}) => {
    const { token } = await t.as('operator');
    const client = await createContact(t, token, { locale: 'en', ...contact });
    return createDeal(t, token, { departureId: dep.id, contactId: client.id, seats: 2, travellers: [{ name: 'Anna Ivanova' }, { name: 'Boris Ivanov' }] });
  };
  const payFor = async (dealId: number, amountMinor: number) => pay(t, (await t.as('operator')).token, dealId, amountMinor);
  const notices = async (dealId: number) =>
    (await call('GET', `/api/v1/notifications?dealId=${dealId}`)).body.items.filter((n: any) => n.kind !== 'voucher');
  const move = (body: Record<string, unknown>) => call('PATCH', `/api/v1/departures/${dep.id}`, body);
  const notifyDue = async () => (await call('GET', `/api/v1/worklists/notify-due?departureId=${dep.id}`)).body.items;
  return { t, call, mailer, dep, departsAt, pass, book, payFor, notices, move, notifyDue };
}

const textOf = (mail: { text: string }) => mail.text;

describe('departure reminders: when', () => {
  it('go out at T-24h exactly, not a minute before, and only once', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - DAY - MINUTE);
    expect(await s.pass()).toMatchObject({ reminders: 0, sent: 0 });
    expect(await s.notices(deal.id)).toEqual([]);

    s.t.setNow(s.departsAt - DAY);
    expect(await s.pass()).toMatchObject({ reminders: 1, corrections: 0, sent: 1, failed: 0, noAddress: 0 });
    const [notice] = await s.notices(deal.id);
    expect(notice).toMatchObject({ kind: 'departure_reminder', status: 'sent', attempts: 1, scheduleVersion: 1, channel: 'email' });
    expect(s.mailer.sent).toHaveLength(1);

    s.t.advance(HOUR);
    expect(await s.pass()).toMatchObject({ reminders: 0, sent: 0 });
    expect(s.mailer.sent).toHaveLength(1);
  });

  it('say the trip, local time, meeting point, travellers, balance and agency phone, in the client language', async () => {
    const s = await setUp();
    const deal = await s.book({ locale: 'ru' });
    await s.payFor(deal.id, 10000);
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    const [mail] = s.mailer.sent;
    expect(mail!.subject).toMatch(/^Напоминание: «Охрид 29\.10», отправление 29 окт\. 2027 г\., 06:30$/);
    expect(textOf(mail!)).toContain('Место сбора: Sofia, NDK, parking lot');
    expect(textOf(mail!)).toContain('Туристы: Anna Ivanova, Boris Ivanov');
    expect(textOf(mail!)).toMatch(/Остаток к оплате: 200,00\s€/);
    expect(textOf(mail!)).toContain('+359 2 987 6543');
    expect(mail!.html).toContain('<li>Отправление: 29 окт. 2027 г., 06:30</li>');
  });

  it('reach a booking made after T-24h at the next pass, and a server that was down late', async () => {
    const s = await setUp();
    const early = await s.book();
    s.t.setNow(s.departsAt - 3 * HOUR); // nothing ran until three hours before departure
    expect(await s.pass()).toMatchObject({ reminders: 1, sent: 1 });
    const late = await s.book();
    s.t.advance(MINUTE);
    expect(await s.pass()).toMatchObject({ reminders: 1, sent: 1 });
    expect((await s.notices(early.id)).map((n: any) => n.status)).toEqual(['sent']);
    expect((await s.notices(late.id)).map((n: any) => n.status)).toEqual(['sent']);
  });

  it('are never sent after departure: a notice still waiting then fails with a reason', async () => {
    const s = await setUp();
    const missed = await s.book();
    s.t.setNow(s.departsAt + MINUTE);
    expect(await s.pass()).toMatchObject({ reminders: 0, sent: 0 });
    expect(await s.notices(missed.id)).toEqual([]);

    const s2 = await setUp();
    const queued = await s2.book();
    s2.t.setNow(s2.departsAt - HOUR);
    await planDueNotices(s2.t.ctx(), false); // queued, then the process stopped before sending
    s2.t.setNow(s2.departsAt + MINUTE);
    expect(await s2.pass()).toMatchObject({ sent: 0, skipped: 1 });
    const [notice] = await s2.notices(queued.id);
    expect(notice).toMatchObject({ status: 'failed', sentAt: null });
    expect(notice.error).toMatch(/departure had left/);
    expect(s2.mailer.sent).toHaveLength(0);
  });

  it('give up at once when the next retry would come after departure, and the booking is listed for a call', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.mailer.state.refuse = true;
    s.t.setNow(s.departsAt - 2 * MINUTE);
    expect(await s.pass()).toMatchObject({ sent: 0, failed: 1 });
    expect(await s.notices(deal.id)).toMatchObject([{ status: 'pending', attempts: 1 }]); // retry in 1 min, before departure
    s.t.advance(MINUTE);
    expect(await s.pass()).toMatchObject({ sent: 0, failed: 1 });
    expect(await s.notices(deal.id)).toMatchObject([{ status: 'failed', attempts: 2 }]); // next would be after departure
    const [item] = await s.notifyDue();
    expect(item).toMatchObject({ id: deal.id, reasonCode: 'not_notified' });
    expect(item.reason).toMatch(/could not be sent/);
  });

  it.each([
    ['March, the day clocks go forward', '2027-03-28T06:30', '2027-03-27T03:30:00.000Z', '28 Mar 2027, 06:30'],
    ['October, the day clocks go back', '2027-10-31T06:30', '2027-10-30T04:30:00.000Z', '31 Oct 2027, 06:30'],
  ])('are sent 24 elapsed hours before a Sofia departure in %s, and say the local time', async (_, local, due, shown) => {
    const s = await setUp({ departsAt: local }); // no offset: the agency's zone, Europe/Sofia
    await s.book();
    s.t.setNow(Date.parse(due) - 1);
    expect(await s.pass()).toMatchObject({ sent: 0 });
    s.t.setNow(Date.parse(due));
    expect(await s.pass()).toMatchObject({ sent: 1 });
    expect(textOf(s.mailer.sent[0]!)).toContain(`Departure: ${shown}`);
  });

  it('speak the clock of a departure kept in another zone, and name that zone', async () => {
    const s = await setUp({ departsAt: '2027-06-10T08:00', timeZone: 'Europe/Istanbul' });
    expect(s.dep.departsAt).toBe('2027-06-10T05:00:00.000Z');
    await s.book();
    s.t.setNow(Date.parse('2027-06-09T05:00:00Z') - 1);
    expect(await s.pass()).toMatchObject({ sent: 0 });
    s.t.setNow(Date.parse('2027-06-09T05:00:00Z'));
    expect(await s.pass()).toMatchObject({ sent: 1 });
    expect(textOf(s.mailer.sent[0]!)).toContain('Departure: 10 Jun 2027, 08:00 (Türkiye Standard Time)');
    expect(textOf(s.mailer.sent[0]!)).not.toContain('Europe/Istanbul');
  });

  it('take a departure given with a foreign offset at its real instant', async () => {
    const s = await setUp({ departsAt: '2027-06-10T08:00:00+01:00' });
    await s.book();
    s.t.setNow(Date.parse('2027-06-09T07:00:00Z') - 1);
    expect(await s.pass()).toMatchObject({ sent: 0 });
    s.t.setNow(Date.parse('2027-06-09T07:00:00Z'));
    expect(await s.pass()).toMatchObject({ sent: 1 });
    expect(textOf(s.mailer.sent[0]!)).toContain('Departure: 10 Jun 2027, 10:00'); // Sofia's clock
  });
});

describe('departure changes', () => {
  it('after a reminder: exactly one correction with the old and the new time, sent at once', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    s.t.advance(HOUR);
    expect((await s.move({ departsAt: '2027-10-29T07:30:00+03:00' })).status).toBe(200);
    expect(await s.pass()).toMatchObject({ reminders: 0, corrections: 0, sent: 1 }); // queued by the change itself
    expect(await s.pass()).toMatchObject({ sent: 0 });
    const kinds = (await s.notices(deal.id)).map((n: any) => [n.kind, n.status, n.scheduleVersion]);
    expect(kinds).toEqual([
      ['departure_reminder', 'sent', 1],
      ['departure_changed', 'sent', 2],
    ]);
    const correction = s.mailer.sent[1]!;
    expect(correction.subject).toBe('Changed: Охрид 29.10 now leaves 29 Oct 2027, 07:30');
    expect(textOf(correction)).toContain('Departure: 29 Oct 2027, 07:30');
    expect(textOf(correction)).toContain('Before the change: 29 Oct 2027, 06:30, Sofia, NDK, parking lot');
  });

  it('a correction is owed even when the new time is days away', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    await s.move({ departsAt: '2027-11-05T06:30:00+02:00' });
    expect(await s.pass()).toMatchObject({ sent: 1 });
    expect((await s.notices(deal.id)).map((n: any) => n.kind)).toEqual(['departure_reminder', 'departure_changed']);
  });

  it('before the reminder: no correction, just the reminder at the new T-24h', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - 2 * DAY);
    await s.move({ departsAt: '2027-10-29T09:30:00+03:00' });
    const moved = s.departsAt + 3 * HOUR;
    s.t.setNow(s.departsAt - DAY); // the old T-24h
    expect(await s.pass()).toMatchObject({ sent: 0 });
    s.t.setNow(moved - DAY);
    expect(await s.pass()).toMatchObject({ reminders: 1, sent: 1 });
    expect((await s.notices(deal.id)).map((n: any) => [n.kind, n.scheduleVersion])).toEqual([['departure_reminder', 2]]);
    expect(textOf(s.mailer.sent[0]!)).toContain('29 Oct 2027, 09:30');
  });

  it('a meeting point change after the reminder is corrected once', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    await s.move({ meetingPoint: 'Sofia, Central Station, platform 3' });
    await s.move({ title: 'Охрид — 3 дни' }); // not a schedule change: nothing more to tell
    expect(await s.pass()).toMatchObject({ sent: 1 });
    expect(await s.pass()).toMatchObject({ sent: 0 });
    expect((await s.notices(deal.id)).map((n: any) => n.kind)).toEqual(['departure_reminder', 'departure_changed']);
    expect(textOf(s.mailer.sent[1]!)).toContain('Meeting point: Sofia, Central Station, platform 3');
  });

  it('back and forth: one notice per change that was made after a notice, never a burst', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - DAY);
    await s.pass(); // told 06:30
    await s.move({ departsAt: '2027-10-29T07:30:00+03:00' });
    await s.move({ departsAt: '2027-10-29T06:30:00+03:00' }); // undone before anyone was told
    expect(await s.pass()).toMatchObject({ sent: 0 });
    expect((await s.notices(deal.id)).map((n: any) => n.status)).toEqual(['sent', 'superseded']);
    expect(await s.notifyDue()).toEqual([]);

    await s.move({ departsAt: '2027-10-29T07:30:00+03:00' });
    expect(await s.pass()).toMatchObject({ sent: 1 }); // told 07:30
    await s.move({ departsAt: '2027-10-29T06:30:00+03:00' });
    expect(await s.pass()).toMatchObject({ sent: 1 }); // told 06:30 again
    for (let i = 0; i < 3; i++) {
      await s.move({ departsAt: '2027-10-29T08:30:00+03:00' });
      await s.move({ departsAt: '2027-10-29T06:30:00+03:00' });
    }
    expect(await s.pass()).toMatchObject({ sent: 0 });
    const sent = (await s.notices(deal.id)).filter((n: any) => n.status === 'sent');
    expect(sent.map((n: any) => n.kind)).toEqual(['departure_reminder', 'departure_changed', 'departure_changed']);
    expect(s.mailer.sent.map((m) => m.subject)).toEqual([
      'Reminder: Охрид 29.10 leaves 29 Oct 2027, 06:30',
      'Changed: Охрид 29.10 now leaves 29 Oct 2027, 07:30',
      'Changed: Охрид 29.10 now leaves 29 Oct 2027, 06:30',
    ]);
  });

  it('a reminder still waiting when the time changes is withdrawn and replaced, not sent with the old time', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.mailer.state.refuse = true;
    s.t.setNow(s.departsAt - DAY);
    await s.pass(); // the mail server refused: waiting for a retry
    await s.move({ departsAt: '2027-10-29T06:00:00+03:00' }); // earlier: its reminder is due at once
    s.mailer.state.refuse = false;
    s.t.advance(2 * MINUTE);
    expect(await s.pass()).toMatchObject({ sent: 1 }); // queued by the change itself
    expect((await s.notices(deal.id)).map((n: any) => [n.kind, n.status])).toEqual([
      ['departure_reminder', 'superseded'],
      ['departure_reminder', 'sent'],
    ]);
    expect(textOf(s.mailer.sent[0]!)).toContain('29 Oct 2027, 06:00');
  });

  it('a cancelled booking is told nothing', async () => {
    const s = await setUp();
    const deal = await s.book();
    await s.call('POST', `/api/v1/deals/${deal.id}/cancel`, { reason: 'ill' });
    s.t.setNow(s.departsAt - DAY);
    expect(await s.pass()).toMatchObject({ reminders: 0, sent: 0 });
    expect(await s.notifyDue()).toEqual([]);
  });
});

describe('told and not told', () => {
  it('a fully paid booking becomes notified; one with a balance keeps it visible and gets the date', async () => {
    const s = await setUp();
    const paid = await s.book();
    await s.payFor(paid.id, paid.priceMinor);
    const owing = await s.book();
    await s.payFor(owing.id, 10000);
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    const paidAfter = (await s.call('GET', `/api/v1/deals/${paid.id}`)).body;
    expect(paidAfter).toMatchObject({ status: 'notified', notifiedAt: new Date(s.departsAt - DAY).toISOString() });
    expect(paidAfter.history.at(-1)).toMatchObject({ from: 'fully_paid', to: 'notified', by: null });
    const owingAfter = (await s.call('GET', `/api/v1/deals/${owing.id}`)).body;
    expect(owingAfter).toMatchObject({ status: 'deposit_paid', balanceMinor: 20000 });
    expect(owingAfter.notifiedAt).not.toBeNull();
  });

  it('no e-mail: recorded no_address, listed on notify-due, and "told by phone" takes it off', async () => {
    const s = await setUp();
    const deal = await s.book({ email: null, phone: '+359888000111' });
    const mailed = await s.book();
    s.t.setNow(s.departsAt - DAY);
    expect(await s.pass()).toMatchObject({ reminders: 2, sent: 1, noAddress: 1 });
    expect(await s.notices(deal.id)).toMatchObject([{ status: 'no_address', to: null }]);
    const due = await s.notifyDue();
    expect(due.map((i: any) => i.id)).toEqual([deal.id]);
    expect(due[0].reason).toMatch(/no e-mail address/);

    const told = await s.call('POST', `/api/v1/deals/${deal.id}/told-by-phone`);
    expect(told.status).toBe(200);
    expect(told.body.notification).toMatchObject({ kind: 'departure_reminder', status: 'sent', channel: 'phone', to: '+359888000111' });
    expect(told.body.deal.notifiedAt).not.toBeNull();
    expect(await s.notifyDue()).toEqual([]);
    expect(await s.pass()).toMatchObject({ reminders: 0, sent: 0 });
    expect((await s.notices(mailed.id)).map((n: any) => n.status)).toEqual(['sent']);

    // The time changes: the phone call told the old time, so the booking is due again.
    await s.move({ departsAt: '2027-10-29T07:30:00+03:00' });
    expect(await s.pass()).toMatchObject({ sent: 1 }); // the mailed one's correction
    expect((await s.notices(deal.id)).map((n: any) => [n.kind, n.status])).toEqual([
      ['departure_reminder', 'sent'],
      ['departure_changed', 'no_address'],
    ]);
    expect(await s.notifyDue()).toEqual([]); // leaves in 25 h: not yet within the day
    s.t.advance(2 * HOUR);
    expect((await s.notifyDue()).map((i: any) => i.id)).toEqual([deal.id]);
  });

  it('told by phone is refused after departure and for a cancelled booking, and changes nothing', async () => {
    const s = await setUp();
    const deal = await s.book();
    const gone = await s.book();
    await s.call('POST', `/api/v1/deals/${gone.id}/cancel`, { reason: 'changed plans' });
    expect((await s.call('POST', `/api/v1/deals/${gone.id}/told-by-phone`)).status).toBe(409);
    s.t.setNow(s.departsAt + MINUTE);
    const late = await s.call('POST', `/api/v1/deals/${deal.id}/told-by-phone`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('conflict');
    expect(await s.notices(deal.id)).toEqual([]);
    expect((await s.call('POST', '/api/v1/deals/999999/told-by-phone')).status).toBe(404);
  });

  it('the database refuses a second notice for one booking and departure version', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - DAY);
    await s.pass();
    const insert = async (kind: 'departure_reminder' | 'departure_changed') =>
      await s.t.database.db
        .insert(notifications)
        .values({ dealId: deal.id, departureId: s.dep.id, kind, scheduleVersion: 1, locale: 'en', status: 'pending', nextAttemptAt: 0, createdAt: 0, updatedAt: 0 })
        .run();
    // SQLite's words, or PostgreSQL's (behind drizzle's "Failed query").
    const unique = (error: unknown) => /UNIQUE constraint failed|duplicate key value violates unique constraint/.test(`${(error as Error).message} ${String((error as Error).cause ?? '')}`);
    await expect(insert('departure_reminder').catch(unique)).resolves.toBe(true);
    await expect(insert('departure_changed').catch(unique)).resolves.toBe(true);
  });

  it('a dry run counts what it would do and writes nothing', async () => {
    const s = await setUp();
    await s.book();
    await s.book({ email: null, phone: '+359888000222' });
    s.t.setNow(s.departsAt - DAY);
    expect(await runNotifierPass(s.t.ctx, s.mailer, { dryRun: true })).toMatchObject({ dryRun: true, reminders: 2, noAddress: 1, due: 1, sent: 0 });
    expect(await s.t.ctx().db.select().from(notifications).all()).toEqual([]);
    expect(s.mailer.sent).toEqual([]);
  });

  it('a sender that stopped before handing the mail over: the row is sent by a later pass', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - DAY);
    await planDueNotices(s.t.ctx(), false);
    expect((await claimDue(s.t.ctx(), 10)).rows).toHaveLength(1); // claimed, then the process died
    expect(await dispatchOutbox(s.t.ctx, s.mailer)).toMatchObject({ sent: 0 }); // leased: nobody else takes it
    s.t.advance(3 * MINUTE);
    expect(await dispatchOutbox(s.t.ctx, s.mailer)).toMatchObject({ sent: 1, uncertain: 0 });
    const [notice] = await s.notices(deal.id);
    expect(notice).toMatchObject({ status: 'sent', attempts: 1 });
    expect(s.mailer.sent[0]!.key).toMatch(new RegExp(`^notification-${notice.id}\\.[0-9a-f]{24}$`));
  });

  it('a sender that stopped after handing the mail over: uncertain, never resent, listed for a person', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - DAY);
    await planDueNotices(s.t.ctx(), false);
    const claim = await claimDue(s.t.ctx(), 10);
    await atomically(s.t.ctx(), (ctx) => markHandedOver(ctx, claim.token, claim.rows.map((row) => row.id))); // then the process died
    s.t.advance(3 * MINUTE);
    expect(await s.pass()).toMatchObject({ sent: 0, uncertain: 1 });
    expect(s.mailer.sent).toHaveLength(0);
    const [notice] = await s.notices(deal.id);
    expect(notice).toMatchObject({ status: 'uncertain', sentAt: null });
    expect(notice.error).toMatch(/may have arrived/);
    const [item] = await s.notifyDue();
    expect(item.reason).toMatch(/may not have arrived/);
    expect(await s.pass()).toMatchObject({ sent: 0, uncertain: 0 });

    const told = await s.call('POST', `/api/v1/deals/${deal.id}/told-by-phone`);
    expect(told.body.notification).toMatchObject({ id: notice.id, status: 'sent', channel: 'phone' });
    expect(await s.notifyDue()).toEqual([]);
  });

  it('a lease counts on the wall clock, not on the instant a run is asked about (--now)', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - DAY);
    await planDueNotices(s.t.ctx(), false);
    const wall = s.departsAt - DAY + 5 * MINUTE;
    const at = (now: number, wallNow: number) => () => ({ ...s.t.ctx(), now, wall: wallNow });
    expect((await claimDue(at(s.departsAt - DAY, wall)(), 10)).rows).toHaveLength(1); // claimed by a live sender
    // Asked about an hour later, but only seconds have passed in the real world: still leased.
    expect(await dispatchOutbox(at(s.departsAt - DAY + HOUR, wall + 10_000), s.mailer)).toMatchObject({ sent: 0 });
    // The same instant asked about again once the lease has run out in the real world: sent.
    expect(await dispatchOutbox(at(s.departsAt - DAY, wall + LEASE_MS + 1), s.mailer)).toMatchObject({ sent: 1 });
    expect((await s.notices(deal.id))[0]).toMatchObject({ status: 'sent' });
  });

  it('a claim taken over by another sender before the hand-over: the mail is not handed over from here', async () => {
    const s = await setUp();
    const deal = await s.book();
    s.t.setNow(s.departsAt - DAY);
    await planDueNotices(s.t.ctx(), false);
    const first = await claimDue(s.t.ctx(), 10);
    // The first sender stalls past its lease; a second one claims the row.
    const later = () => ({ ...s.t.ctx(), wall: s.t.ctx().now + LEASE_MS + 1 });
    const second = await claimDue(later(), 10);
    expect(second.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    // The first sender wakes up and would hand its mail over: nothing is marked for it.
    const handed = await settle(s.t.ctx(), [], first.rows.map((row) => ({ token: first.token, id: row.id })));
    expect(handed.size).toBe(0);
    expect(await settle(later(), [], second.rows.map((row) => ({ token: second.token, id: row.id })))).toEqual(new Set(second.rows.map((row) => row.id)));
    expect((await s.notices(deal.id))[0]).toMatchObject({ status: 'sending' });
  });

  it('the claims of a sender that has died end at once, without waiting for their lease', async () => {
    const s = await setUp();
    const [handed, claimed] = [await s.book(), await s.book()];
    s.t.setNow(s.departsAt - DAY);
    await planDueNotices(s.t.ctx(), false);
    const claim = await claimDue(s.t.ctx(), 10);
    expect(claim.rows).toHaveLength(2);
    const handedRow = claim.rows.find((row) => row.dealId === handed.id)!;
    await atomically(s.t.ctx(), (ctx) => markHandedOver(ctx, claim.token, [handedRow.id]));
    // The claim now belongs to a process of this machine that has exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    await s.t.database.sqlite.prepare(`UPDATE notifications SET claimed_by = ?`).run(`${hostname()}:${dead}`);
    expect(await dispatchOutbox(s.t.ctx, s.mailer)).toMatchObject({ sent: 1, uncertain: 1 });
    expect((await s.notices(claimed.id))[0]).toMatchObject({ status: 'sent' });
    expect((await s.notices(handed.id))[0]).toMatchObject({ status: 'uncertain' });
    // A live claimant (this very process) keeps its lease.
    const third = await s.book();
    await planDueNotices(s.t.ctx(), false);
    expect((await claimDue(s.t.ctx(), 10)).rows.map((row) => row.dealId)).toEqual([third.id]);
    expect(await dispatchOutbox(s.t.ctx, s.mailer)).toMatchObject({ sent: 0 });
  });
});
