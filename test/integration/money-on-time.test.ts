import { beforeEach, describe, expect, it } from 'vitest';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { AGENCY, DIRECTOR, makeTestApp, START, type TestApp } from '../helpers/test-app.js';

const HOUR = 3_600_000;
const PRICES = [
  { category: 'adult', priceMinor: 15000, depositMinor: 5000 },
  { category: 'child', priceMinor: 9000, depositMinor: 3000 },
];

let t: TestApp;
let director: string;
let manager: { token: string; id: number };
beforeEach(async () => {
  t = await makeTestApp({ agency: { ...AGENCY, paymentInstructions: 'IBAN BG80 BNBG 9661 1020 3456 78\nв офиса, пн–пт 9–18' } });
  director = (await t.as('director')).token;
  manager = await t.as('manager');
});

/** Moves the clock, and signs in again (a session does not outlive a day of idleness). */
async function travel(to: number) {
  t.setNow(to);
  director = await t.signIn(DIRECTOR.email, DIRECTOR.password);
  manager.token = await t.signIn('manager2@agency.test', 'password-123');
}

const notifications = async (query: string) => (await t.call('GET', `/api/v1/notifications?${query}`, { token: director })).body.items as any[];
const pass = async (mailer = memoryMailer()) => ({ report: await runNotifierPass(t.ctx, mailer), mailer });

/** A Bulgarian family of two adults and a child on "Охрид 29.10". */
let families = 0;
async function family() {
  families++;
  const trip = await createDeparture(t, director, { departsAt: '2027-01-20T06:30:00+02:00', prices: PRICES });
  const contact = await createContact(t, director, { name: 'Иванови', email: `ivanovi${families}@example.bg`, locale: 'bg', managerId: manager.id });
  const deal = await createDeal(t, manager.token, {
    departureId: trip.id,
    contactId: contact.id,
    seats: 3,
    travellers: [{ name: 'Иван Иванов' }, { name: 'Мария Иванова' }, { name: 'Ани Иванова', category: 'child' }],
  });
  return { trip, contact, deal };
}

describe('due dates and payment reminders', () => {
  it('prices follow the travellers: two adults and a child are 390,00 €, deposit 130,00 €', async () => {
    const { trip, deal } = await family();
    expect(trip.prices).toEqual([
      { category: 'adult', label: null, priceMinor: 15000, depositMinor: 5000 },
      { category: 'child', label: null, priceMinor: 9000, depositMinor: 3000 },
    ]);
    expect(deal).toMatchObject({ priceMinor: 39000, depositDueMinor: 13000 });
    expect(deal.travellers.map((x: any) => x.category)).toEqual(['adult', 'adult', 'child']);
    // A seat without a named traveller is the default category; a given price wins.
    const unnamed = await createDeal(t, director, { departureId: trip.id, seats: 2, travellers: [{ name: 'Дете', category: 'child' }] });
    expect(unnamed.priceMinor).toBe(24000);
    const given = await createDeal(t, director, { departureId: trip.id, seats: 2, priceMinor: 20000 });
    expect(given.priceMinor).toBe(20000);
    // Changing a traveller's category re-prices a booking whose price was not given...
    const changed = await t.call('PATCH', `/api/v1/deals/${deal.id}`, {
      token: director,
      body: { travellers: [{ name: 'Иван Иванов' }, { name: 'Мария Иванова', category: 'child' }, { name: 'Ани Иванова', category: 'child' }] },
    });
    expect(changed.body.priceMinor).toBe(33000);
    // ...but not one whose price was.
    const kept = await t.call('PATCH', `/api/v1/deals/${given.id}`, { token: director, body: { travellers: [{ name: 'A', category: 'child' }] } });
    expect(kept.body.priceMinor).toBe(20000);
    // A category the trip does not sell is refused by name, and changes nothing.
    const refused = await t.call('POST', '/api/v1/deals', {
      token: director,
      body: { departureId: trip.id, contactId: deal.contactId, seats: 1, travellers: [{ name: 'X', category: 'pensioner' }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toHaveProperty(['travellers.0.category']);
    expect((await t.call('GET', `/api/v1/deals?departureId=${trip.id}`, { token: director })).body.items).toHaveLength(3);
  });

  it('the deposit is due in 3 days, reminded 2 days before in Bulgarian, and overdue by 1 day the day after', async () => {
    const { deal } = await family();
    // Booked 22.11 09:00 in Sofia: deposit by the end of 25.11, balance by the end of 6.1 (14 days before 20.1).
    expect(deal.depositDueAt).toBe('2026-11-25T21:59:59.999Z');
    expect(deal.balanceDueAt).toBe('2027-01-06T21:59:59.999Z');
    expect((await pass()).report.paymentReminders).toBe(0);

    await travel(Date.parse('2026-11-23T07:30:00Z')); // 23.11, 09:30 in Sofia: two days before the due day
    const first = await pass();
    expect(first.report.paymentReminders).toBe(1);
    expect(first.mailer.sent).toHaveLength(1);
    const mail = first.mailer.sent[0]!;
    expect(mail.to).toMatch(/^ivanovi\d+@example\.bg$/);
    expect(mail.subject).toContain('Капаро');
    expect(mail.text).toMatch(/130,00\s€/u);
    expect(mail.text).toContain('25.11.2026');
    expect(mail.text).toContain('IBAN BG80 BNBG 9661 1020 3456 78');
    expect(mail.text).toContain('в офиса, пн–пт 9–18');
    // The same pass again plans nothing new.
    expect((await pass()).report.paymentReminders).toBe(0);
    const [reminder] = await notifications(`dealId=${deal.id}`);
    expect(reminder).toMatchObject({ kind: 'payment_reminder', paymentKind: 'deposit', reminderStage: 'upcoming', status: 'sent', dueAt: '2026-11-25T21:59:59.999Z', locale: 'bg' });

    await travel(Date.parse('2026-11-26T08:00:00Z')); // the day after the due day, 10:00 in Sofia
    const list = (await t.call('GET', `/api/v1/worklists/deposit-missing?managerId=${manager.id}`, { token: director })).body.items;
    expect(list[0]).toMatchObject({ id: deal.id, dueAt: '2026-11-25T21:59:59.999Z', overdueDays: 1 });
    const overdue = await pass();
    expect(overdue.report.paymentReminders).toBe(1);
    expect(overdue.mailer.sent[0]!.subject).toContain('просрочен');
    // On top of the manager's day, in words.
    const day = (await t.call('GET', `/api/v1/worklists/my-day?managerId=${manager.id}`, { token: director, headers: { 'Accept-Language': 'bg' } })).body.items;
    expect(day[0]).toMatchObject({ id: deal.id, reasonCode: 'deposit_missing' });
    expect(day[0].reason).toContain('просрочено с 1 ден');
  });

  it('a deposit 3 days overdue comes before a balance due in 10 days', async () => {
    const trip = await createDeparture(t, director, { departsAt: '2027-01-20T06:30:00+02:00' });
    const late = await createDeal(t, director, { departureId: trip.id, managerId: manager.id }); // deposit due 25.11
    const early = await createDeal(t, director, { departureId: trip.id, managerId: manager.id });
    await pay(t, director, early.id, 5000);
    await t.call('PATCH', `/api/v1/deals/${early.id}`, { token: director, body: { balanceDueAt: '2026-12-08' } });
    await travel(Date.parse('2026-11-28T10:00:00Z'));
    const day = (await t.call('GET', `/api/v1/worklists/my-day?managerId=${manager.id}`, { token: director })).body.items;
    const deposit = day.findIndex((item: any) => item.id === late.id);
    const balance = day.findIndex((item: any) => item.id === early.id);
    expect(deposit).toBeGreaterThanOrEqual(0);
    expect(deposit).toBeLessThan(balance);
    const balanceItem = (await t.call('GET', '/api/v1/worklists/balance-due', { token: director })).body.items[0];
    expect(balanceItem).toMatchObject({ id: early.id, overdueDays: 0, dueAt: '2026-12-08T21:59:59.999Z' });
  });

  it('never reminds of what is paid, a cancelled booking, or after departure; a moved date plans anew', async () => {
    const { deal } = await family();
    const other = await family();
    const third = await family();
    await pay(t, director, deal.id, 13000); // the deposit is in
    await t.call('POST', `/api/v1/deals/${other.deal.id}/cancel`, { token: director, body: { reason: 'болест' } });
    await travel(Date.parse('2026-11-23T07:30:00Z'));
    // Only the third is reminded; and its mail cannot go out yet.
    const offline = memoryMailer();
    offline.state.refuse = true;
    expect((await pass(offline)).report.paymentReminders).toBe(1);
    expect(await notifications(`dealId=${deal.id}`)).toEqual([]);
    expect(await notifications(`dealId=${other.deal.id}`)).toEqual([]);
    expect((await notifications(`dealId=${third.deal.id}`)).map((r) => r.status)).toEqual(['pending']);

    // The due date moved before the reminder went out: withdrawn, and a new one planned for the new date.
    const moved = await t.call('PATCH', `/api/v1/deals/${third.deal.id}`, { token: manager.token, body: { depositDueAt: '2026-11-27' } });
    expect(moved.status).toBe(200);
    expect(moved.body.depositDueAt).toBe('2026-11-27T21:59:59.999Z');
    const rows = await notifications(`dealId=${third.deal.id}`);
    expect(rows.map((r) => r.status)).toEqual(['superseded']);
    await travel(Date.parse('2026-11-25T07:30:00Z'));
    const replanned = await pass();
    expect(replanned.report.paymentReminders).toBe(1);
    expect(replanned.mailer.sent[0]!.text).toContain('27.11.2026');

    // Moving the deposit after the balance, or after the departure, is refused by field and changes nothing.
    const wrong = await t.call('PATCH', `/api/v1/deals/${third.deal.id}`, { token: manager.token, body: { depositDueAt: '2027-01-10' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toHaveProperty('depositDueAt');
    const late = await t.call('PATCH', `/api/v1/deals/${third.deal.id}`, { token: manager.token, body: { balanceDueAt: '2027-02-01' } });
    expect(late.status).toBe(400);
    expect((await t.call('GET', `/api/v1/deals/${third.deal.id}`, { token: director })).body.depositDueAt).toBe('2026-11-27T21:59:59.999Z');
  });

  it('a late booking owes its balance the same day; a departure sets its own days', async () => {
    const soon = await createDeparture(t, director, { departsAt: '2026-11-30T06:30:00+02:00', depositDueDays: 1, balanceDueDays: 10 });
    expect(soon).toMatchObject({ depositDueDays: 1, balanceDueDays: 10 });
    const deal = await createDeal(t, director, { departureId: soon.id });
    expect(deal.balanceDueAt).toBe('2026-11-22T21:59:59.999Z');
    expect(deal.depositDueAt).toBe(deal.balanceDueAt);
    const own = await createDeparture(t, director, { departsAt: '2027-03-01T06:30:00+02:00', depositDueDays: 7, balanceDueDays: 30 });
    const booked = await createDeal(t, director, { departureId: own.id });
    expect(booked.depositDueAt).toBe('2026-11-29T21:59:59.999Z');
    expect(booked.balanceDueAt).toBe('2027-01-30T21:59:59.999Z');
    const bad = await t.call('POST', '/api/v1/departures', { token: director, body: { title: 'x', departsAt: '2027-10-29T06:30:00+03:00', meetingPoint: 'm', seats: 4, priceMinor: 1, depositMinor: 0, depositDueDays: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toHaveProperty('depositDueDays');
  });
});

describe('the waiting list', () => {
  async function fullBus() {
    const trip = await createDeparture(t, director, { departsAt: '2027-01-20T06:30:00+02:00', seats: 4 });
    const a = await createDeal(t, director, { departureId: trip.id, seats: 2 });
    const b = await createDeal(t, director, { departureId: trip.id, seats: 2 });
    const couple = await createContact(t, director, { name: 'Петрови', email: 'petrovi@example.bg', locale: 'bg', managerId: manager.id });
    return { trip, a, b, couple };
  }

  it('a couple waits on a full bus, is offered the seats a cancellation frees for 24 hours, and books them', async () => {
    const { trip, a, couple } = await fullBus();
    const free = await createDeparture(t, director, { seats: 10 });
    const refused = await t.call('POST', `/api/v1/departures/${free.id}/waitlist`, { token: director, body: { contactId: couple.id, seats: 2 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.reason).toBe('seats_free');

    const joined = await t.call('POST', `/api/v1/departures/${trip.id}/waitlist`, { token: manager.token, body: { contactId: couple.id, seats: 2, note: 'по прозореца' } });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ departureId: trip.id, contactId: couple.id, seats: 2, status: 'waiting', holdUntil: null });
    const twice = await t.call('POST', `/api/v1/departures/${trip.id}/waitlist`, { token: manager.token, body: { contactId: couple.id, seats: 2 } });
    expect(twice.status).toBe(409);

    t.setNow(START + HOUR);
    await t.call('POST', `/api/v1/deals/${a.id}/cancel`, { token: director, body: { reason: 'болест' } });
    const [entry] = (await t.call('GET', `/api/v1/departures/${trip.id}/waitlist`, { token: director })).body.items;
    expect(entry).toMatchObject({ status: 'offered', holdUntil: new Date(START + HOUR + 24 * HOUR).toISOString() });
    const departure = (await t.call('GET', `/api/v1/departures/${trip.id}`, { token: director })).body;
    expect(departure).toMatchObject({ seatsBooked: 2, seatsHeld: 2, seatsLeft: 0 });
    // Nobody else can take the held seats.
    const stranger = await t.call('POST', '/api/v1/deals', { token: director, body: { departureId: trip.id, contactId: (await createContact(t, director)).id, seats: 1 } });
    expect(stranger.status).toBe(409);
    expect(stranger.body.error.code).toBe('sold_out');
    // The manager's list, and the offer mail in Bulgarian.
    const offers = (await t.call('GET', '/api/v1/worklists/waitlist-offers', { token: manager.token })).body.items;
    expect(offers).toEqual([expect.objectContaining({ contactId: couple.id, waitlistEntryId: entry.id, departureId: trip.id })]);
    const { mailer } = await pass();
    expect(mailer.sent.map((m) => m.to)).toEqual(['petrovi@example.bg']);
    expect(mailer.sent[0]!.text).toContain('Пазим ги за вас до');
    expect((await notifications(`departureId=${trip.id}`)).find((n) => n.kind === 'waitlist_offer')).toMatchObject({ dealId: null, waitlistEntryId: entry.id, status: 'sent' });

    const booked = await t.call('POST', `/api/v1/waitlist/${entry.id}/book`, { token: manager.token, body: { travellers: [{ name: 'Петър Петров' }, { name: 'Пена Петрова' }] } });
    expect(booked.status).toBe(201);
    expect(booked.body.deal).toMatchObject({ contactId: couple.id, seats: 2, departureId: trip.id });
    expect((await t.call('GET', `/api/v1/waitlist/${entry.id}`, { token: director })).body).toMatchObject({ status: 'booked', dealId: booked.body.deal.id });
    expect((await t.call('GET', `/api/v1/departures/${trip.id}`, { token: director })).body).toMatchObject({ seatsBooked: 4, seatsHeld: 0, seatsLeft: 0 });
    expect((await t.call('GET', '/api/v1/worklists/waitlist-offers', { token: manager.token })).body.items).toEqual([]);
  });

  it('an expired hold passes the seats to the next entry once, however many passes run', async () => {
    const { trip, a, couple } = await fullBus();
    const single = await createContact(t, director, { name: 'Стоянов', email: 'stoyanov@example.bg' });
    const bigFamily = await createContact(t, director, { name: 'Георгиеви', phone: '+359888000111', email: null });
    const first = (await t.call('POST', `/api/v1/departures/${trip.id}/waitlist`, { token: director, body: { contactId: couple.id, seats: 2 } })).body;
    const tooBig = (await t.call('POST', `/api/v1/departures/${trip.id}/waitlist`, { token: director, body: { contactId: bigFamily.id, seats: 3 } })).body;
    const second = (await t.call('POST', `/api/v1/departures/${trip.id}/waitlist`, { token: director, body: { contactId: single.id, seats: 1 } })).body;
    await t.call('POST', `/api/v1/deals/${a.id}/cancel`, { token: director, body: { reason: 'r' } });
    await travel(START + 25 * HOUR);
    // Booking after the hold is refused, and changes nothing.
    const late = await t.call('POST', `/api/v1/waitlist/${first.id}/book`, { token: director, body: {} });
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe('hold_expired');
    const reports = await Promise.all([pass(), pass(), pass()]);
    expect(reports.reduce((n, r) => n + r.report.holdsExpired, 0)).toBe(1);
    const entries = (await t.call('GET', `/api/v1/departures/${trip.id}/waitlist`, { token: director })).body.items;
    // The three-seat family does not fit in two; the single after them does.
    expect(entries.map((e: any) => [e.id, e.status])).toEqual([
      [first.id, 'expired'],
      [tooBig.id, 'waiting'],
      [second.id, 'offered'],
    ]);
    // Withdrawn: the seats go on to whoever fits next (nobody: the family needs three).
    const withdrawn = await t.call('POST', `/api/v1/waitlist/${second.id}/withdraw`, { token: director });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await t.call('GET', `/api/v1/departures/${trip.id}`, { token: director })).body).toMatchObject({ seatsHeld: 0, seatsLeft: 2 });
    // A bigger bus offers the family its seats.
    await t.call('PATCH', `/api/v1/departures/${trip.id}`, { token: director, body: { seats: 5 } });
    expect((await t.call('GET', `/api/v1/waitlist/${tooBig.id}`, { token: director })).body.status).toBe('offered');
    // No e-mail: the offer is recorded for a phone call.
    expect((await notifications(`departureId=${trip.id}`)).filter((n) => n.kind === 'waitlist_offer').map((n) => n.status)).toContain('no_address');
  });
});
