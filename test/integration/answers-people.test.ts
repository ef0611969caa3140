/**
 * The answer schemas of clients, inquiries, tasks, campaigns, webhooks, after the trip, mail and
 * rooms held to what the routes really send: each answer parses, and carries no field the
 * schema does not declare. The data is made rich enough that nullable and optional parts
 * appear both ways (a client with and without e-mail, a failed mail, a done task...).
 */
import { createServer, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { departures, travellers } from '../../src/db/schema/index.js';
import { feedbackToken } from '../../src/domain/aftercare/index.js';
import { unsubscribeToken } from '../../src/domain/campaigns/index.js';
import { dispatchOutbox } from '../../src/notifier/dispatch.js';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { deliverWebhooks } from '../../src/notifier/webhooks.js';
import { expectAnswer } from '../helpers/answers.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { AGENCY, DIRECTOR, makeTestApp, START, type Call, type TestApp } from '../helpers/test-app.js';
import type { OperationKey } from '../../src/http/api/answers/types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

async function setUp() {
  const mailer = memoryMailer();
  const t = await makeTestApp({
    mailer,
    agency: { ...AGENCY, publicUrl: 'https://desk.balkantour.test', telegram: true, telegramBot: 'balkantour_bot', webhookAllowPrivate: true, campaignRatePerMinute: 600 },
  });
  const director = await t.as('director');
  const manager = await t.as('manager');
  const operator = await t.as('operator');
  /** Moves the clock and signs everyone in again (sessions do not outlive a day of idleness). */
  const travel = async (to: number) => {
    t.setNow(to);
    director.token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    manager.token = await t.signIn('manager2@agency.test', 'password-123');
    operator.token = await t.signIn('operator3@agency.test', 'password-123');
  };
  return { t, mailer, director, manager, operator, travel };
}

/** Calls, expects the status, and holds the body to the operation's answer schema. */
async function answered(t: TestApp, operation: OperationKey, status: number, call: Promise<Call>) {
  const answer = await call;
  expect(answer.status, `${operation}: ${JSON.stringify(answer.body)}`).toBe(status);
  expectAnswer(operation, answer.body);
  return answer.body;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A webhook receiver on loopback that answers `status`. */
async function receiver(status: number) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
}

describe('answers of clients', () => {
  it('a client with everything, one with a phone only, one with an e-mail only; the card with bookings, money, inquiries, talks and feedback', async () => {
    const { t, director, manager, travel, mailer } = await setUp();
    const token = manager.token;
    const full = await answered(t, 'post /contacts', 201, t.call('POST', '/api/v1/contacts', {
      token,
      body: { name: 'Мария Петрова', phone: '+359888111222', email: 'maria@example.bg', locale: 'bg', tags: ['VIP'], managerId: manager.id, notes: 'Пътува с внука', birthDate: '1960-04-02', marketingOptIn: true, channels: ['email', 'sms'] },
    }));
    expect(full.telegramLink).toMatch(/^https:\/\/t\.me\/balkantour_bot\?start=/);
    const phoneOnly = await answered(t, 'post /contacts', 201, t.call('POST', '/api/v1/contacts', { token, body: { name: 'Иван Колев', phone: '+359888333444' } }));
    expect(phoneOnly).toMatchObject({ email: null, birthDate: null, unsubscribedAt: null });
    await answered(t, 'post /contacts', 201, t.call('POST', '/api/v1/contacts', { token, body: { name: 'Anna Smith', email: 'anna@example.com' } }));

    // A trip soon, booked, paid in part, travelled and answered; an inquiry of hers; conversations.
    const trip = await createDeparture(t, director.token, { title: 'Рилски манастир', departsAt: iso(START + 2 * DAY), returnsAt: iso(START + 2 * DAY + 10 * HOUR) });
    const deal = await createDeal(t, token, { departureId: trip.id, contactId: full.id, seats: 2, travellers: [{ name: 'Мария Петрова' }, { name: 'Петър Петров' }] });
    await pay(t, token, deal.id, 5000);
    const later = await createDeparture(t, director.token, { title: 'Охрид' });
    await createDeal(t, token, { departureId: later.id, contactId: full.id, seats: 1 });
    expect((await t.call('POST', '/api/v1/inquiries', { token, body: { name: 'Мария Петрова', phone: '+359888111222', message: 'А през пролетта?', wishes: { destination: 'Гърция' } } })).status).toBe(201);
    await answered(t, 'post /contacts/:id/communications', 201, t.call('POST', `/api/v1/contacts/${full.id}/communications`, {
      token,
      body: { channel: 'call', summary: 'Пита за Охрид', outcome: 'ще помисли', nextContactAt: iso(START + DAY) },
    }));
    await answered(t, 'post /contacts/:id/communications', 201, t.call('POST', `/api/v1/contacts/${full.id}/communications`, { token, body: { channel: 'note', summary: 'Без план' } }));

    // After the trip: the feedback request plans the manager's follow-up, and she answers.
    await travel(START + 5 * DAY);
    expect((await runNotifierPass(t.ctx, mailer)).feedbackRequests).toBe(1);
    const link = await feedbackToken(t.ctx(), deal.id);
    expect((await t.call('POST', `/api/v1/public/feedback/${link}`, { body: { rating: 5, comment: 'Чудесно' } })).status).toBe(201);

    const card = await answered(t, 'get /contacts/:id', 200, t.call('GET', `/api/v1/contacts/${full.id}`, { token: manager.token }));
    expect(card.deals).toHaveLength(2);
    expect(card.payments).toHaveLength(1);
    expect(card.inquiries).toHaveLength(1);
    expect(card.feedback).toHaveLength(1);
    expect(card).toMatchObject({ lastTripAt: expect.any(String), followUpDepartureId: trip.id, nextContactAt: expect.any(String), unsubscribedAt: null });
    expect(new Set(card.timeline.map((entry: { type: string }) => entry.type))).toEqual(new Set(['communication', 'inquiry', 'deal', 'payment', 'notice']));
    // A card without any of it.
    const bare = await answered(t, 'get /contacts/:id', 200, t.call('GET', `/api/v1/contacts/${phoneOnly.id}`, { token: manager.token }));
    expect(bare).toMatchObject({ deals: [], feedback: [], lastTripAt: null, nextContactAt: null });

    const changed = await answered(t, 'patch /contacts/:id', 200, t.call('PATCH', `/api/v1/contacts/${phoneOnly.id}`, {
      token: manager.token,
      body: { email: 'ivan@example.bg', nextContactAt: iso(START + 6 * DAY), birthDate: '1975-01-30', locale: null },
    }));
    expect(changed).toMatchObject({ nextContactAt: expect.any(String), locale: null });
    await answered(t, 'post /contacts/:id/transfer', 200, t.call('POST', `/api/v1/contacts/${phoneOnly.id}/transfer`, { token: director.token, body: { managerId: manager.id } }));

    const list = await answered(t, 'get /contacts', 200, t.call('GET', '/api/v1/contacts?limit=2', { token: manager.token }));
    expect(list.nextCursor).toEqual(expect.any(String));
    const rest = await answered(t, 'get /contacts', 200, t.call('GET', `/api/v1/contacts?limit=2&cursor=${list.nextCursor}`, { token: manager.token }));
    expect(rest.nextCursor).toBeNull();
    await answered(t, 'get /contacts', 200, t.call('GET', '/api/v1/contacts?stage=booking', { token: manager.token }));
  });

  it('an import: a dry run with errors, warnings and both kinds of conflict; then applied skipping the bad rows', async () => {
    const { t, director } = await setUp();
    const onFile = await createContact(t, director.token, { name: 'Мария Сидорова', phone: '0881234567', email: null });
    const csv = [
      'Имя;Телефон;Почта;Язык',
      'Иван Петров;0881 234 567;ivan@example.test;', // meets the client on file
      'Анна Новая;0882345678;;de', // a language it cannot read: a warning
      'Мария Новая;0882345678;;', // meets the row above
      'Плохая почта;;not-an-email;', // an error
      ';0884567890;;', // an error without a value: no name
      'Пётр Смирнов;0883456789;;ru',
    ].join('\n');
    const upload = (query: string) =>
      t.call('POST', `/api/v1/imports/contacts?${query}`, { token: director.token, raw: csv, headers: { 'Content-Type': 'text/csv' } });
    const dry = await answered(t, 'post /imports/contacts', 200, upload('dryRun=true'));
    expect(dry.conflicts.map((c: { existingId?: number; existingRow?: number }) => [c.existingId ?? null, c.existingRow ?? null])).toEqual([
      [onFile.id, null],
      [null, 3],
    ]);
    expect(dry.errors.length).toBeGreaterThan(0);
    expect(dry.warnings.length).toBeGreaterThan(0);
    const applied = await answered(t, 'post /imports/contacts', 200, upload('skipInvalid=true'));
    expect(applied).toMatchObject({ applied: true, skipped: 4 });
  });
});

describe('answers of inquiries', () => {
  it('taken, merged, listed, wished, moved, refused and booked', async () => {
    const { t, director, manager } = await setUp();
    const token = manager.token;
    const trip = await createDeparture(t, director.token, { title: 'Солун' });
    const taken = await answered(t, 'post /inquiries', 201, t.call('POST', '/api/v1/inquiries', {
      token,
      body: { name: 'Елена Димитрова', phone: '+359887000111', email: 'elena@example.bg', message: 'Солун за двама?', source: 'phone', departureId: trip.id, wishes: { destination: 'Солун', dateFrom: '2027-05-01', dateTo: '2027-05-31', people: 2, budgetMinor: 60000, notes: 'море' } },
    }));
    expect(taken.merged).toBe(false);
    const merged = await answered(t, 'post /inquiries', 200, t.call('POST', '/api/v1/inquiries', { token, body: { name: 'Елена Димитрова', phone: '+359887000111', message: 'И с внучката' } }));
    expect(merged).toMatchObject({ merged: true, inquiry: { id: taken.inquiry.id } });
    expect(merged.inquiry.lastMessageAt).not.toBeNull();
    const id = taken.inquiry.id;

    await answered(t, 'patch /inquiries/:id', 200, t.call('PATCH', `/api/v1/inquiries/${id}`, { token, body: { wishes: { budgetMinor: null, people: 3 } } }));
    await answered(t, 'post /inquiries/:id/status', 200, t.call('POST', `/api/v1/inquiries/${id}/status`, { token, body: { status: 'selecting' } }));
    const offered = await answered(t, 'post /inquiries/:id/status', 200, t.call('POST', `/api/v1/inquiries/${id}/status`, { token, body: { status: 'offer_made', decisionDate: '2026-12-01', note: 'Оферта по имейл' } }));
    expect(offered.offerExpiresAt).not.toBeNull();
    const booked = await answered(t, 'post /inquiries/:id/book', 201, t.call('POST', `/api/v1/inquiries/${id}/book`, {
      token,
      body: { departureId: trip.id, seats: 2, travellers: [{ name: 'Елена Димитрова', birthDate: '1970-03-03' }, { name: 'Мила Димитрова' }] },
    }));
    expect(booked.inquiry).toMatchObject({ status: 'booked', dealId: booked.deal.id });

    // Without e-mail, without wishes, refused with its reason.
    const other = await answered(t, 'post /inquiries', 201, t.call('POST', '/api/v1/inquiries', { token, body: { name: 'Стоян Стоянов', phone: '+359887000222' } }));
    expect(other.contact.email).toBeNull();
    const refused = await answered(t, 'post /inquiries/:id/status', 200, t.call('POST', `/api/v1/inquiries/${other.inquiry.id}/status`, { token, body: { status: 'refused', reason: 'bought_elsewhere', note: 'Купи от друг' } }));
    expect(refused).toMatchObject({ reason: 'bought_elsewhere', allowedMoves: [] });
    const refusing = await answered(t, 'get /contacts/:id', 200, t.call('GET', `/api/v1/contacts/${other.contact.id}`, { token }));
    expect(refusing).toMatchObject({ automaticTags: ['bought_elsewhere'], stage: 'refused' });
    await answered(t, 'get /inquiries/:id', 200, t.call('GET', `/api/v1/inquiries/${id}`, { token }));
    await answered(t, 'get /inquiries/:id', 200, t.call('GET', `/api/v1/inquiries/${other.inquiry.id}`, { token }));
    const list = await answered(t, 'get /inquiries', 200, t.call('GET', '/api/v1/inquiries?limit=1', { token }));
    expect(list.nextCursor).toEqual(expect.any(String));
    await answered(t, 'get /inquiries', 200, t.call('GET', `/api/v1/inquiries?cursor=${list.nextCursor}`, { token }));
  });
});

describe('answers of tasks', () => {
  it('the plan read and replaced; tasks given (planned and by hand), moved, done, listed', async () => {
    const { t, director, manager, operator } = await setUp();
    await answered(t, 'get /task-templates', 200, t.call('GET', '/api/v1/task-templates', { token: director.token }));
    const plan = await answered(t, 'put /task-templates', 200, t.call('PUT', '/api/v1/task-templates', {
      token: director.token,
      body: [{ title: 'Документи', daysBeforeDeparture: 14, role: 'manager' }, { title: 'Ваучер', daysBeforeDeparture: 3, role: 'operator' }],
    }));
    expect(plan).toHaveLength(2);
    await answered(t, 'get /task-templates', 200, t.call('GET', '/api/v1/task-templates', { token: director.token }));
    // The departure gets the plan's tasks.
    const deal = await createDeal(t, manager.token);
    const given = await answered(t, 'post /tasks', 201, t.call('POST', '/api/v1/tasks', {
      token: manager.token,
      body: { title: 'Обади се за паспортите', dueAt: iso(START + DAY), assigneeId: operator.id, dealId: deal.id, note: 'до петък' },
    }));
    expect(given).toMatchObject({ dealId: deal.id, departureId: deal.departureId, planned: false });
    const bare = await answered(t, 'post /tasks', 201, t.call('POST', '/api/v1/tasks', { token: manager.token, body: { title: 'Поръчай брошури', dueAt: iso(START - HOUR), assigneeId: manager.id } }));
    expect(bare).toMatchObject({ departureId: null, contactId: null, overdue: true });
    await answered(t, 'patch /tasks/:id', 200, t.call('PATCH', `/api/v1/tasks/${given.id}`, { token: manager.token, body: { dueAt: iso(START + 2 * DAY), note: null } }));
    const done = await answered(t, 'post /tasks/:id/done', 200, t.call('POST', `/api/v1/tasks/${given.id}/done`, { token: operator.token, body: { report: 'Получени' } }));
    expect(done).toMatchObject({ status: 'done', doneBy: operator.id });
    expect(done.doneByName).toEqual(expect.any(String));
    await answered(t, 'get /tasks/:id', 200, t.call('GET', `/api/v1/tasks/${given.id}`, { token: manager.token }));
    const all = await answered(t, 'get /tasks', 200, t.call('GET', '/api/v1/tasks?limit=500', { token: director.token }));
    expect(all.items.some((task: { planned: boolean; planRole: string | null }) => task.planned && task.planRole !== null)).toBe(true);
    expect(all.items.some((task: { status: string }) => task.status === 'done')).toBe(true);
    const page = await answered(t, 'get /tasks', 200, t.call('GET', '/api/v1/tasks?limit=1', { token: director.token }));
    expect(page.nextCursor).toEqual(expect.any(String));

  });
});

describe('answers of campaigns', () => {
  it('previewed, drafted in several languages, changed, sent, counted, unsubscribed from; greetings on', async () => {
    const { t, director, manager, mailer } = await setUp();
    await createContact(t, manager.token, { name: 'Мария', locale: 'bg', marketingOptIn: true, tags: ['море'] });
    const leaving = await createContact(t, manager.token, { name: 'Иван', locale: 'ru', marketingOptIn: true, tags: ['море'] });
    await createContact(t, manager.token, { name: 'Anna', marketingOptIn: true });
    await createContact(t, manager.token, { name: 'Без съгласие' });

    const segment = { tags: ['море'], stages: ['client'], locales: ['bg', 'ru'], birthdayMonth: 4, lastTripAfter: '2020-01-01' };
    const preview = await answered(t, 'post /campaigns/preview', 200, t.call('POST', '/api/v1/campaigns/preview', { token: manager.token, body: { tags: ['море'] } }));
    expect(preview.recipients).toBe(2);
    await answered(t, 'post /campaigns/preview', 200, t.call('POST', '/api/v1/campaigns/preview', { token: manager.token, body: segment }));
    const draft = await answered(t, 'post /campaigns', 201, t.call('POST', '/api/v1/campaigns', {
      token: manager.token,
      body: { name: 'Лято', subject: 'Морето чака', body: 'Здравейте, {name}!', texts: { ru: { subject: 'Море ждёт', body: 'Здравствуйте, {name}!' } }, segment },
    }));
    expect(draft.recipientsPreview).toEqual([]);
    const changed = await answered(t, 'patch /campaigns/:id', 200, t.call('PATCH', `/api/v1/campaigns/${draft.id}`, { token: manager.token, body: { segment: { tags: ['море'] } } }));
    expect(changed.recipientsPreview).toHaveLength(2);
    await answered(t, 'post /campaigns', 201, t.call('POST', '/api/v1/campaigns', { token: manager.token, body: { name: 'Всички', subject: 'Новини', body: 'Новини', segment: {} } }));

    const sent = await answered(t, 'post /campaigns/:id/send', 200, t.call('POST', `/api/v1/campaigns/${draft.id}/send`, { token: manager.token }));
    expect(sent).toMatchObject({ status: 'sending', recipients: 2, pending: 2 });
    expect(sent.queuedAt).not.toBeNull();
    expect(sent).not.toHaveProperty('recipientsPreview');
    t.advance(HOUR);
    await dispatchOutbox(() => t.ctx(), mailer);
    expect((await t.call('POST', `/api/v1/public/unsubscribe/${await unsubscribeToken(t.ctx(), leaving.id, draft.id)}`, {})).status).toBe(200);
    const mails = await answered(t, 'get /notifications', 200, t.call('GET', `/api/v1/notifications?campaignId=${draft.id}`, { token: manager.token }));
    expect(mails.items).toHaveLength(2);
    expect(mails.items[0]).toMatchObject({ kind: 'campaign', contactId: expect.any(Number), campaignId: draft.id, departureId: null, dealId: null });
    const counted = await answered(t, 'get /campaigns/:id', 200, t.call('GET', `/api/v1/campaigns/${draft.id}`, { token: manager.token }));
    expect(counted).toMatchObject({ status: 'sent', sent: 2, unsubscribed: 1 });
    const list = await answered(t, 'get /campaigns', 200, t.call('GET', '/api/v1/campaigns?limit=1', { token: manager.token }));
    expect(list.nextCursor).toEqual(expect.any(String));
    await answered(t, 'get /campaigns', 200, t.call('GET', `/api/v1/campaigns?cursor=${list.nextCursor}`, { token: manager.token }));

    await answered(t, 'get /campaigns/birthday-greetings', 200, t.call('GET', '/api/v1/campaigns/birthday-greetings', { token: manager.token }));
    const on = await answered(t, 'put /campaigns/birthday-greetings', 200, t.call('PUT', '/api/v1/campaigns/birthday-greetings', { token: director.token, body: { enabled: true } }));
    expect(on).toEqual({ enabled: true });
  });
});

describe('answers of webhooks', () => {
  it('subscribed with its secret, listed, read with deliveries delivered and refused', async () => {
    const { t, director, manager } = await setUp();
    const made = await answered(t, 'post /webhooks', 201, t.call('POST', '/api/v1/webhooks', { token: director.token, body: { url: await receiver(204), events: ['deal.created', 'payment.recorded'] } }));
    expect(made.secret).toMatch(/^whsec_/);
    const failing = await answered(t, 'post /webhooks', 201, t.call('POST', '/api/v1/webhooks', { token: director.token, body: { url: await receiver(500), events: ['deal.created'] } }));
    await createDeal(t, manager.token);
    await deliverWebhooks(t.ctx);
    const listed = await answered(t, 'get /webhooks', 200, t.call('GET', '/api/v1/webhooks', { token: director.token }));
    expect(listed.items).toHaveLength(2);
    expect(listed.items[0]).not.toHaveProperty('secret');
    const good = await answered(t, 'get /webhooks/:id', 200, t.call('GET', `/api/v1/webhooks/${made.id}`, { token: director.token }));
    expect(good.deliveries).toEqual([expect.objectContaining({ status: 'delivered', responseStatus: 204, nextAttemptAt: null })]);
    const bad = await answered(t, 'get /webhooks/:id', 200, t.call('GET', `/api/v1/webhooks/${failing.id}`, { token: director.token }));
    expect(bad.deliveries).toEqual([expect.objectContaining({ status: 'pending', responseStatus: 500, deliveredAt: null, nextAttemptAt: expect.any(String), error: expect.any(String) })]);
  });
});

describe('answers of after the trip', () => {
  it("the trip's feedback and rating, the public link before and after its answer, unsubscribing twice", async () => {
    const { t, director, manager } = await setUp();
    const trip = await createDeparture(t, director.token, { title: 'Пловдив' });
    const empty = await answered(t, 'get /departures/:id/feedback', 200, t.call('GET', `/api/v1/departures/${trip.id}/feedback`, { token: manager.token }));
    expect(empty).toEqual({ rating: { average: null, count: 0 }, items: [] });
    const first = await createDeal(t, manager.token, { departureId: trip.id });
    const second = await createDeal(t, manager.token, { departureId: trip.id });
    const link = await feedbackToken(t.ctx(), first.id);
    const before = await answered(t, 'get /public/feedback/:token', 200, t.call('GET', `/api/v1/public/feedback/${link}`));
    expect(before.answered).toBe(false);
    await answered(t, 'post /public/feedback/:token', 201, t.call('POST', `/api/v1/public/feedback/${link}`, { body: { rating: 4, comment: 'Хубаво' } }));
    const after = await answered(t, 'get /public/feedback/:token', 200, t.call('GET', `/api/v1/public/feedback/${link}`));
    expect(after.answered).toBe(true);
    const silent = await answered(t, 'post /public/feedback/:token', 201, t.call('POST', `/api/v1/public/feedback/${await feedbackToken(t.ctx(), second.id)}`, { body: { rating: 5 } }));
    expect(silent.comment).toBeNull();
    const rated = await answered(t, 'get /departures/:id/feedback', 200, t.call('GET', `/api/v1/departures/${trip.id}/feedback`, { token: manager.token }));
    expect(rated.rating).toEqual({ average: 4.5, count: 2 });

    const client = await createContact(t, manager.token, { marketingOptIn: true });
    const unsubscribe = `/api/v1/public/unsubscribe/${await unsubscribeToken(t.ctx(), client.id, null)}`;
    await answered(t, 'post /public/unsubscribe/:token', 200, t.call('POST', unsubscribe, {}));
    await answered(t, 'post /public/unsubscribe/:token', 200, t.call('POST', unsubscribe, {}));
    const gone = await answered(t, 'get /contacts/:id', 200, t.call('GET', `/api/v1/contacts/${client.id}`, { token: manager.token }));
    expect(gone).toMatchObject({ unsubscribedAt: expect.any(String), marketingOptIn: false });
  });
});

describe('answers of mail', () => {
  it('vouchers sent, refused until failed, to nobody; a confirmation; told by phone; the outbox with every kind of row', async () => {
    const { t, director, manager, operator, mailer } = await setUp();
    const trip = await createDeparture(t, director.token, { title: 'Банско', departsAt: iso(START + 3 * DAY) });
    const paid = async (contact: Record<string, unknown>) => {
      const client = await createContact(t, manager.token, contact);
      const deal = await createDeal(t, manager.token, { departureId: trip.id, contactId: client.id, seats: 1, travellers: [{ name: String(contact.name ?? 'Пътник') }] });
      await pay(t, manager.token, deal.id, deal.priceMinor);
      return deal;
    };
    const ok = await paid({ name: 'Мария Петрова', locale: 'bg' });
    const refused = await paid({ name: 'Иван Колев' });
    const nowhere = await paid({ name: 'Без Имейл', email: null });
    await paid({ name: 'Стефан Стоянов' });

    const sent = await answered(t, 'post /deals/:id/voucher/send', 200, t.call('POST', `/api/v1/deals/${ok.id}/voucher/send`, { token: operator.token }));
    expect(sent.notification).toMatchObject({ status: 'sent', nextAttemptAt: null, error: null });
    expect(sent.deal.status).toBe('voucher_sent');
    mailer.state.refuse = true;
    const pending = await answered(t, 'post /deals/:id/voucher/send', 200, t.call('POST', `/api/v1/deals/${refused.id}/voucher/send`, { token: operator.token }));
    expect(pending.notification).toMatchObject({ status: 'pending', nextAttemptAt: expect.any(String), error: expect.any(String) });
    const none = await answered(t, 'post /deals/:id/voucher/send', 200, t.call('POST', `/api/v1/deals/${nowhere.id}/voucher/send`, { token: operator.token }));
    expect(none.notification).toMatchObject({ status: 'no_address', to: null });
    const rest = await answered(t, 'post /departures/:id/vouchers/send', 200, t.call('POST', `/api/v1/departures/${trip.id}/vouchers/send`, { token: operator.token }));
    expect(rest.items.length).toBeGreaterThan(0);
    for (let attempt = 2; attempt <= 5; attempt++) {
      t.advance(61 * 60_000);
      await dispatchOutbox(() => t.ctx(), mailer);
    }
    mailer.state.refuse = false;

    const confirmation = await answered(t, 'post /deals/:id/confirmation', 202, t.call('POST', `/api/v1/deals/${ok.id}/confirmation`, { token: manager.token }));
    expect(confirmation).toMatchObject({ channel: 'email', status: 'pending' });
    const told = await answered(t, 'post /deals/:id/told-by-phone', 200, t.call('POST', `/api/v1/deals/${nowhere.id}/told-by-phone`, { token: operator.token }));
    expect(told.notification).toMatchObject({ channel: 'phone', status: 'sent', toldDepartsAt: expect.any(String) });

    // An unpaid booking, and the day before the trip: departure reminders and payment reminders.
    await createDeal(t, manager.token, { departureId: trip.id });
    t.setNow(START + 2 * DAY + 12 * HOUR);
    await runNotifierPass(t.ctx, mailer);
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    const outbox = await answered(t, 'get /notifications', 200, t.call('GET', '/api/v1/notifications?limit=500', { token }));
    const statuses = new Set(outbox.items.map((n: { status: string }) => n.status));
    for (const status of ['sent', 'failed', 'no_address']) expect(statuses.has(status), status).toBe(true);
    const kinds = new Set(outbox.items.map((n: { kind: string }) => n.kind));
    for (const kind of ['voucher', 'booking_confirmation', 'departure_reminder']) expect(kinds.has(kind), kind).toBe(true);
    const page = await answered(t, 'get /notifications', 200, t.call('GET', `/api/v1/notifications?limit=2&departureId=${trip.id}`, { token }));
    expect(page.nextCursor).toEqual(expect.any(String));
  });
});

describe('answers of rooms', () => {
  it('a list with rooms, travellers in none, the single supplement and a suggestion; replaced; suggested', async () => {
    const { t, director, operator } = await setUp();
    const trip = await createDeparture(t, director.token, { title: 'Охрид и Струга', departsAt: '2027-10-29T06:30:00+03:00', returnsAt: '2027-10-31T20:00:00+02:00' });
    const book = async (people: { name: string; birthDate?: string; documentNumber?: string }[]) => {
      const contact = await createContact(t, director.token);
      const deal = await createDeal(t, director.token, { departureId: trip.id, contactId: contact.id, seats: people.length, travellers: people });
      return deal.travellers.map((traveller: { id: number }) => traveller.id) as number[];
    };
    const couple = await book([{ name: 'Иван Петров', birthDate: '1980-05-12', documentNumber: '0012345' }, { name: 'Мария Петрова' }]);
    const alone = await book([{ name: 'Стефан Иванов' }, { name: 'Анна Иванова' }]);
    await t.database.db.update(departures).set({ extras: JSON.stringify([{ code: 'single', label: 'Single room supplement', priceMinor: 4000, per: 'traveller' }]) }).where(eq(departures.id, trip.id)).run();
    await t.database.db.update(travellers).set({ extras: JSON.stringify(['single']) }).where(eq(travellers.id, alone[0]!)).run();

    const empty = await answered(t, 'get /departures/:id/rooming', 200, t.call('GET', `/api/v1/departures/${trip.id}/rooming`, { token: operator.token }));
    expect(empty).toMatchObject({ nights: 2, rooms: [] });
    expect(empty.suggestion.rooms.length).toBeGreaterThan(0);
    const put = await answered(t, 'put /departures/:id/rooming', 200, t.call('PUT', `/api/v1/departures/${trip.id}/rooming`, { token: operator.token, body: { rooms: [{ type: 'double', travellerIds: couple }] } }));
    expect(put.unroomed).toHaveLength(2);
    const suggested = await answered(t, 'post /departures/:id/rooming/suggest', 200, t.call('POST', `/api/v1/departures/${trip.id}/rooming/suggest`, { token: operator.token }));
    expect(suggested).toMatchObject({ unroomed: [], suggestion: { rooms: [] } });
    expect(suggested.rooms.some((room: { travellers: { singleSupplement: boolean }[] }) => room.travellers.some((traveller) => traveller.singleSupplement))).toBe(true);
  });
});
