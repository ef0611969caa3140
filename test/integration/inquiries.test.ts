import { describe, expect, it } from 'vitest';
import { inquiries } from '../../src/db/schema/index.js';
import { addWorkingHours, parseWorkingHours } from '../../src/domain/inquiries/working-hours.js';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { createDeparture } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { DIRECTOR, makeTestApp, START } from '../helpers/test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STATUSES = ['new', 'no_offer', 'selecting', 'offer_made', 'booked', 'refused', 'blacklisted'] as const;
type Status = (typeof STATUSES)[number];
const ALLOWED: Record<Status, Status[]> = {
  new: ['no_offer', 'selecting', 'refused', 'blacklisted'],
  no_offer: ['selecting', 'refused'],
  selecting: ['offer_made', 'no_offer', 'refused'],
  offer_made: ['selecting', 'refused'],
  booked: [],
  refused: [],
  blacklisted: [],
};
const REASON: Partial<Record<Status, string>> = { refused: 'not_going', blacklisted: 'rude' };

let phoneSeq = 0;
const nextPhone = () => `+35988${String(2_000_000 + ++phoneSeq).slice(-7)}`;

async function setUp(options: Parameters<typeof makeTestApp>[0] = {}) {
  const t = await makeTestApp(options);
  const director = await t.as('director');
  const manager = await t.as('manager');
  const managerEmail = 'manager2@agency.test';
  // The tests move the clock by days: a call whose session has run out signs in again once.
  const call = async (method: string, path: string, body?: unknown, token = manager.token) => {
    const send = (bearer: string) => t.call(method, path, { token: bearer, ...(body === undefined ? {} : { body }) });
    const answer = await send(token);
    if (answer.status !== 401) return answer;
    const again = token === director.token ? await t.signIn(DIRECTOR.email, DIRECTOR.password) : await t.signIn(managerEmail, 'password-123');
    if (token === director.token) director.token = again;
    else manager.token = again;
    return send(again);
  };
  const intake = (body: Record<string, unknown>, token = manager.token) => call('POST', '/api/v1/inquiries', body, token);
  const move = (id: number, status: Status, extra: Record<string, unknown> = {}, token = manager.token) =>
    call('POST', `/api/v1/inquiries/${id}/status`, { status, ...(REASON[status] ? { reason: REASON[status] } : {}), ...extra }, token);
  return { t, director, manager, call, intake, move };
}

/** An inquiry driven to `status` by allowed moves. */
async function inquiryIn(s: Awaited<ReturnType<typeof setUp>>, status: Status): Promise<number> {
  const { body } = await s.intake({ name: 'Анна Иванова', phone: nextPhone(), message: 'Охрид?' });
  const id = body.inquiry.id as number;
  const path: Record<Status, Status[]> = {
    new: [],
    no_offer: ['no_offer'],
    selecting: ['selecting'],
    offer_made: ['selecting', 'offer_made'],
    refused: ['refused'],
    blacklisted: ['blacklisted'],
    booked: [],
  };
  for (const step of path[status]) expect((await s.move(id, step, {}, s.director.token)).status).toBe(200);
  if (status === 'booked') {
    const departure = await createDeparture(s.t, s.manager.token);
    expect((await s.call('POST', `/api/v1/inquiries/${id}/book`, { departureId: departure.id, seats: 1 })).status).toBe(201);
  }
  return id;
}

describe('inquiry moves', () => {
  it('allows exactly the moves of the table and names the allowed ones when refusing', async () => {
    const s = await setUp();
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const id = await inquiryIn(s, from);
        const answer = await s.move(id, to, {}, s.director.token);
        if (ALLOWED[from].includes(to)) {
          expect(answer.status, `${from} -> ${to}`).toBe(200);
          expect(answer.body.status).toBe(to);
        } else {
          expect(answer.status, `${from} -> ${to}`).toBe(409);
          expect(answer.body.error.code).toBe('invalid_transition');
          expect(answer.body.error.details.allowed).toEqual(ALLOWED[from]);
          expect((await s.call('GET', `/api/v1/inquiries/${id}`)).body.status).toBe(from);
        }
      }
    }
  });

  it('keeps every move, its reason and note in the history', async () => {
    const s = await setUp();
    const id = await inquiryIn(s, 'new');
    await s.move(id, 'selecting', { note: 'wants Ohrid in October' });
    await s.move(id, 'refused', { reason: 'bought_elsewhere', note: 'went with a competitor' });
    const view = (await s.call('GET', `/api/v1/inquiries/${id}`)).body;
    expect(view).toMatchObject({ status: 'refused', reason: 'bought_elsewhere', allowedMoves: [] });
    expect(view.history.map((h: any) => [h.kind, h.from, h.to, h.reason, h.note])).toEqual([
      ['created', null, 'new', null, null],
      ['status', 'new', 'selecting', null, 'wants Ohrid in October'],
      ['status', 'selecting', 'refused', 'bought_elsewhere', 'went with a competitor'],
    ]);
    expect(view.history[0].message).toBe('Охрид?');
  });

  it('needs a valid reason to refuse or black-list, and only a director black-lists', async () => {
    const s = await setUp();
    const id = await inquiryIn(s, 'new');
    const noReason = await s.call('POST', `/api/v1/inquiries/${id}/status`, { status: 'refused' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.reason).toMatch(/is required/);
    expect((await s.move(id, 'refused', { reason: 'too_expensive' })).status).toBe(400);
    const byManager = await s.move(id, 'blacklisted');
    expect(byManager.status).toBe(403);
    expect((await s.call('GET', `/api/v1/inquiries/${id}`)).body.status).toBe('new');
    expect((await s.move(id, 'blacklisted', { reason: 'moved' }, s.director.token)).body).toMatchObject({ status: 'blacklisted', reason: 'moved' });
  });

  it('books only through book, in the capacity transaction; sold out leaves the inquiry as it was', async () => {
    const s = await setUp();
    const id = await inquiryIn(s, 'offer_made');
    expect((await s.move(id, 'booked')).body.error.message).toMatch(/by booking it/);
    const small = await createDeparture(s.t, s.manager.token, { seats: 2 });
    const soldOut = await s.call('POST', `/api/v1/inquiries/${id}/book`, { departureId: small.id, seats: 3 });
    expect(soldOut.status).toBe(409);
    expect(soldOut.body.error.code).toBe('sold_out');
    expect((await s.call('GET', `/api/v1/inquiries/${id}`)).body).toMatchObject({ status: 'offer_made', dealId: null });
    const booked = await s.call('POST', `/api/v1/inquiries/${id}/book`, { departureId: small.id, seats: 2, travellers: [{ name: 'Анна Иванова' }] });
    expect(booked.status).toBe(201);
    expect(booked.body.deal).toMatchObject({ seats: 2, status: 'new', departureId: small.id });
    expect(booked.body.inquiry).toMatchObject({ status: 'booked', dealId: booked.body.deal.id });
    expect((await s.call('POST', `/api/v1/inquiries/${id}/book`, { departureId: small.id, seats: 1 })).status).toBe(409);
  });
});

describe('inquiry timers', () => {
  it('owes the first offer 8 hours after it came in, and lists it when that passes', async () => {
    const s = await setUp();
    const { body } = await s.intake({ name: 'Борис', phone: nextPhone() });
    expect(body.inquiry.firstOfferDueAt).toBe(new Date(START + 8 * HOUR).toISOString());
    const overdue = async () => (await s.call('GET', '/api/v1/worklists/first-offer-overdue')).body.items.map((i: any) => i.id);
    s.t.setNow(START + 8 * HOUR - 1);
    expect(await overdue()).toEqual([]);
    s.t.setNow(START + 8 * HOUR);
    expect(await overdue()).toEqual([body.inquiry.id]);
    await s.move(body.inquiry.id, 'selecting');
    expect(await overdue()).toEqual([body.inquiry.id]); // still no offer
    await s.move(body.inquiry.id, 'offer_made');
    expect(await overdue()).toEqual([]);
  });

  it('counts the 8 hours in office hours when the agency sets them, across a weekend and DST', () => {
    const office = parseWorkingHours('Mon-Fri 09:00-18:00')!;
    const friday5pm = Date.parse('2027-03-26T17:00:00+02:00');
    expect(new Date(addWorkingHours(friday5pm, 8, 'Europe/Sofia', office)).toISOString()).toBe('2027-03-29T13:00:00.000Z'); // Mon 16:00 EEST
    const sunday = Date.parse('2027-03-28T12:00:00+03:00');
    expect(new Date(addWorkingHours(sunday, 8, 'Europe/Sofia', office)).toISOString()).toBe('2027-03-29T14:00:00.000Z'); // Mon 17:00
    expect(addWorkingHours(friday5pm, 8, 'Europe/Sofia', null)).toBe(friday5pm + 8 * HOUR);
    expect(() => parseWorkingHours('weekdays')).toThrow(/Mon-Fri 09:00-18:00/);
  });

  it('an offer lasts 7 days or to the decision date, then goes back to selecting by itself', async () => {
    const s = await setUp();
    const id = await inquiryIn(s, 'selecting');
    const offered = (await s.move(id, 'offer_made')).body;
    expect(offered.offerExpiresAt).toBe(new Date(START + 7 * DAY).toISOString());
    const other = await inquiryIn(s, 'selecting');
    const dated = (await s.move(other, 'offer_made', { decisionDate: '2026-11-25' })).body;
    expect(dated.offerExpiresAt).toBe('2026-11-25T21:59:59.999Z'); // the end of that day in Sofia
    expect((await s.move(other, 'offer_made', { decisionDate: '2026-11-01' })).status).toBe(409); // already offered

    s.t.setNow(START + 7 * DAY - 1);
    expect(await runNotifierPass(s.t.ctx, memoryMailer())).toMatchObject({ offersExpired: 1 }); // the dated one
    s.t.setNow(START + 7 * DAY);
    expect(await runNotifierPass(s.t.ctx, memoryMailer())).toMatchObject({ offersExpired: 1 });
    const view = (await s.call('GET', `/api/v1/inquiries/${id}`)).body;
    expect(view).toMatchObject({ status: 'selecting', offerExpiresAt: null });
    expect(view.history.at(-1)).toMatchObject({ from: 'offer_made', to: 'selecting', note: 'offer expired without a decision', by: null });
  });

  it('refuses a decision date in the past', async () => {
    const s = await setUp();
    const id = await inquiryIn(s, 'selecting');
    const answer = await s.move(id, 'offer_made', { decisionDate: '2026-11-01' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.decisionDate).toMatch(/future/);
  });

  it('lists an offer running out within a day, flagged with fewer than two contacts since it was made', async () => {
    const s = await setUp();
    const id = await inquiryIn(s, 'selecting');
    await s.move(id, 'offer_made', { decisionDate: '2026-11-22' }); // tonight
    const { body } = await s.call('GET', '/api/v1/worklists/offer-expiring');
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ kind: 'inquiry', id, reasonCode: 'offer_expiring' });
    expect(body.items[0].reason).toMatch(/only 0 contact/);
    const contactId = (await s.call('GET', `/api/v1/inquiries/${id}`)).body.contactId;
    for (const summary of ['sent the programme', 'called back']) {
      await s.call('POST', `/api/v1/contacts/${contactId}/communications`, { channel: 'call', summary });
    }
    const after = (await s.call('GET', '/api/v1/worklists/offer-expiring')).body.items[0];
    expect(after.reason).not.toMatch(/only/);
  });
});

describe('de-duplication', () => {
  it('adds a second message from the same phone (any format) or e-mail (any case) to the open inquiry', async () => {
    const s = await setUp();
    const first = await s.intake({ name: 'Иван Петров', phone: '+359 88 123 4567', email: 'Ivan@Example.com', message: 'Охрид' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ merged: false, inquiry: { reactivation: false } });
    const byLocalPhone = await s.intake({ name: 'Ваня', phone: '0881234567', message: 'и Струга?' });
    expect(byLocalPhone.status).toBe(200);
    expect(byLocalPhone.body).toMatchObject({ merged: true, inquiry: { id: first.body.inquiry.id }, contact: { id: first.body.contact.id, name: 'Иван Петров' } });
    const byEmail = await s.intake({ name: 'I. Petrov', email: 'IVAN@example.COM', message: 'в октябре' });
    expect(byEmail.body).toMatchObject({ merged: true, inquiry: { id: first.body.inquiry.id } });
    const view = byEmail.body.inquiry;
    expect(view.history.map((h: any) => [h.kind, h.message])).toEqual([
      ['created', 'Охрид'],
      ['message', 'и Струга?'],
      ['message', 'в октябре'],
    ]);
    expect(view.lastMessageAt).not.toBeNull();
  });

  it('opens a reactivation when the earlier inquiries are closed', async () => {
    const s = await setUp();
    const phone = nextPhone();
    const first = await s.intake({ name: 'Мария', phone });
    await s.move(first.body.inquiry.id, 'refused', { reason: 'changed_mind' });
    s.t.advance(30 * DAY);
    const back = await s.intake({ name: 'Мария', phone, message: 'снова я' });
    expect(back.status).toBe(201);
    expect(back.body).toMatchObject({ merged: false, inquiry: { reactivation: true, status: 'new' } });
    expect(back.body.inquiry.id).not.toBe(first.body.inquiry.id);
  });

  it('records a black-listed client but puts the inquiry on no list, flagged for the director', async () => {
    const s = await setUp();
    const phone = nextPhone();
    const first = await s.intake({ name: 'Грубиян', phone });
    await s.move(first.body.inquiry.id, 'blacklisted', { reason: 'rude' }, s.director.token);
    const again = await s.intake({ name: 'Грубиян', phone });
    expect(again.body.inquiry).toMatchObject({ flagged: true, status: 'new' });
    s.t.advance(9 * HOUR);
    for (const list of ['new', 'first-offer-overdue', 'my-day']) {
      const items = (await s.call('GET', `/api/v1/worklists/${list}`, undefined, s.director.token)).body.items;
      expect(items.map((i: any) => i.id), list).not.toContain(again.body.inquiry.id);
    }
  });

  it('refuses a bad intake naming the field and stores nothing', async () => {
    const s = await setUp();
    const answer = await s.intake({ name: 'Без телефона' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.phone).toMatch(/phone or email/);
    const badPhone = await s.intake({ name: 'X', phone: '12' });
    expect(badPhone.status).toBe(400);
    expect(await s.t.ctx().db.select().from(inquiries).all()).toEqual([]);
  });
});

describe('public intake', () => {
  const post = (s: Awaited<ReturnType<typeof setUp>>, body: unknown, address = '203.0.113.7', headers: Record<string, string> = {}) =>
    s.t.call('POST', '/api/v1/public/inquiries', typeof body === 'string' ? { raw: body, address, headers: { 'Content-Type': 'application/json', ...headers } } : { body, address, headers });

  it('answers 202 {received: true} and nothing else; the honeypot stores nothing', async () => {
    const s = await setUp({ intake: { limit: 10, origins: ['https://agency.example'] } });
    const ok = await post(s, { name: 'Сайт Клиент', email: 'site@example.com', message: '<script>alert(1)</script>' }, '203.0.113.7', { Origin: 'https://agency.example' });
    expect(ok.status).toBe(202);
    expect(ok.body).toEqual({ received: true });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://agency.example');
    const bot = await post(s, { name: 'Bot', email: 'bot@spam.example', website: 'http://spam.example' });
    expect(bot.status).toBe(202);
    expect(bot.body).toEqual({ received: true });
    const stored = (await s.call('GET', '/api/v1/inquiries')).body.items;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source: 'site', contactName: 'Сайт Клиент' });
    const view = (await s.call('GET', `/api/v1/inquiries/${stored[0].id}`)).body;
    expect(view.history[0].message).toBe('<script>alert(1)</script>'); // stored as given, escaped when shown
  });

  it('accepts a plain HTML form post, and a second post from the same phone lands in the same inquiry', async () => {
    const s = await setUp();
    const form = (fields: Record<string, string>) =>
      s.t.call('POST', '/api/v1/public/inquiries', {
        raw: new URLSearchParams(fields).toString(),
        address: '198.51.100.1',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    expect((await form({ name: 'Пётр', phone: '0887 555 111', message: 'Истанбул', website: '' })).status).toBe(202);
    expect((await form({ name: 'Пётр', phone: '+359887555111', message: 'на двоих' })).status).toBe(202);
    const stored = (await s.call('GET', '/api/v1/inquiries')).body.items;
    expect(stored).toHaveLength(1);
    expect((await s.call('GET', `/api/v1/inquiries/${stored[0].id}`)).body.history.map((h: any) => h.message)).toEqual(['Истанбул', 'на двоих']);
  });

  it('refuses more than 16 KB with 413, and more than the limit per address with 429 and Retry-After', async () => {
    const s = await setUp({ intake: { limit: 3, origins: [] } });
    const big = await post(s, { name: 'X', email: 'x@example.com', message: 'я'.repeat(9000) });
    expect(big.status).toBe(413);
    for (let i = 0; i < 3; i++) expect((await post(s, { name: 'A', email: `a${i}@example.com` }, '192.0.2.1')).status).toBe(202);
    const limited = await post(s, { name: 'A', email: 'a9@example.com' }, '192.0.2.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(500);
    expect((await post(s, { name: 'B', email: 'b@example.com' }, '192.0.2.2')).status).toBe(202); // another address
    s.t.advance(10 * 60_000 + 1);
    expect((await post(s, { name: 'A', email: 'a10@example.com' }, '192.0.2.1')).status).toBe(202);
  });

  it('names a bad field with 400', async () => {
    const s = await setUp();
    const answer = await post(s, { name: 'Nobody' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.phone).toBeDefined();
  });
});

describe('client card', () => {
  it('shows inquiries and computes never_bought (2+ inquiries, no booking) and bought_elsewhere', async () => {
    const s = await setUp();
    const phone = nextPhone();
    const first = await s.intake({ name: 'Елена', phone });
    const card = async () => (await s.call('GET', `/api/v1/contacts/${first.body.contact.id}`)).body;
    expect((await card()).tags).not.toContain('never_bought'); // one inquiry is not a pattern
    await s.move(first.body.inquiry.id, 'refused', { reason: 'bought_elsewhere' });
    await s.intake({ name: 'Елена', phone });
    const after = await card();
    expect(after.inquiries).toHaveLength(2);
    expect(after.automaticTags).toEqual(expect.arrayContaining(['never_bought', 'bought_elsewhere']));
  });

  it('keeps a timeline of everything: inquiry moves and messages, conversations, booking, payments', async () => {
    const s = await setUp();
    const phone = nextPhone();
    const { body } = await s.intake({ name: 'Вера', phone, message: 'Охрид' });
    const contactId = body.contact.id;
    await s.call('POST', `/api/v1/contacts/${contactId}/communications`, { channel: 'call', summary: 'sent the programme' });
    await s.move(body.inquiry.id, 'selecting');
    const departure = await createDeparture(s.t, s.manager.token);
    const booked = await s.call('POST', `/api/v1/inquiries/${body.inquiry.id}/book`, { departureId: departure.id, seats: 1 });
    await s.call('POST', `/api/v1/deals/${booked.body.deal.id}/payments`, { amountMinor: 5000, method: 'card' });
    const card = (await s.call('GET', `/api/v1/contacts/${contactId}`)).body;
    expect(new Set(card.timeline.map((e: any) => e.type))).toEqual(new Set(['inquiry', 'communication', 'deal', 'payment']));
    expect(card.timeline.map((e: any) => e.at)).toEqual([...card.timeline.map((e: any) => e.at)].sort().reverse());
    expect(card.payments).toEqual([expect.objectContaining({ dealId: booked.body.deal.id, kind: 'payment', method: 'card', amountMinor: 5000 })]);
  });

  it('"do not contact" is set and lifted only by a director', async () => {
    const s = await setUp();
    const { body } = await s.intake({ name: 'Тихон', phone: nextPhone() });
    const path = `/api/v1/contacts/${body.contact.id}`;
    expect((await s.call('PATCH', path, { tags: ['do_not_contact'] })).status).toBe(403);
    expect((await s.call('PATCH', path, { tags: ['do_not_contact', 'vip'] }, s.director.token)).status).toBe(200);
    expect((await s.call('PATCH', path, { tags: ['vip'] })).status).toBe(403);
    expect((await s.call('PATCH', path, { tags: ['do_not_contact', 'vip', 'mountains'] })).status).toBe(200);
  });

  it('a transferred client shows on the new manager\'s my-day as newly received until they talk', async () => {
    const s = await setUp();
    const other = await s.t.as('manager');
    const { body } = await s.intake({ name: 'Пётр', phone: nextPhone() });
    await s.call('POST', `/api/v1/contacts/${body.contact.id}/transfer`, { managerId: other.id });
    const myDay = async () => (await s.call('GET', `/api/v1/worklists/my-day?managerId=${other.id}`, undefined, other.token)).body.items;
    const item = (await myDay()).find((i: any) => i.contactId === body.contact.id);
    expect(item.reason).toMatch(/Newly received/);
    await s.call('POST', `/api/v1/contacts/${body.contact.id}/communications`, { channel: 'call', summary: 'introduced myself' }, other.token);
    const later = (await myDay()).find((i: any) => i.contactId === body.contact.id);
    expect(later?.reason ?? '').not.toMatch(/Newly received/);
  });
});

