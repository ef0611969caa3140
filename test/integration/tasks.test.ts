import { beforeEach, describe, expect, it } from 'vitest';
import { ensureDefaultPlan } from '../../src/domain/tasks/plan.js';
import { createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, START, type TestApp } from '../helpers/test-app.js';

const DAY = 86_400_000;

let t: TestApp;
let director: string;
let operator: { token: string; id: number };
let manager: { token: string; id: number };
beforeEach(async () => {
  t = await makeTestApp();
  await ensureDefaultPlan(t.ctx(), 'bg');
  director = (await t.as('director')).token;
  operator = await t.as('operator');
  manager = await t.as('manager');
});

const tasksOf = async (query: string, token = director) => {
  const answer = await t.call('GET', `/api/v1/tasks?${query}`, { token });
  expect(answer.status).toBe(200);
  return answer.body.items as any[];
};

describe('the trip plan', () => {
  it('a new departure gets the seven stages of the agencies scenario, due from its date, given to its operator and manager', async () => {
    const trip = await createDeparture(t, director, { title: 'Екскурзия Охрид', departsAt: '2027-03-29T07:00:00+03:00', operatorId: operator.id, managerId: manager.id });
    expect(trip).toMatchObject({ operatorId: operator.id, managerId: manager.id });
    const plan = await tasksOf(`departureId=${trip.id}&limit=50`);
    expect(plan.map((task) => task.title)).toEqual(['реклама', 'събиране на заявки', 'документи', 'капаро', 'плащане', 'ваучер', 'напомняне за време и място на тръгване']);
    // Due at the end of the day so many days before the departure day, in the trip's zone.
    expect(plan.find((task) => task.title === 'ваучер')).toMatchObject({ dueAt: '2027-03-26T21:59:59.999Z', assigneeId: operator.id, planned: true, daysBeforeDeparture: 3, status: 'open' });
    expect(plan.find((task) => task.title === 'капаро')).toMatchObject({ dueAt: '2027-03-15T21:59:59.999Z', assigneeId: manager.id, planRole: 'manager' });
    // Without a responsible person, the stages go to whoever created the trip.
    const bare = await createDeparture(t, director, { departsAt: '2027-04-10T07:00:00+03:00' });
    const own = await tasksOf(`departureId=${bare.id}`);
    expect(new Set(own.map((task) => task.assigneeName))).toEqual(new Set(['director']));
  });

  it('moving the departure moves its open stages and a new operator takes theirs; done stages stay as reported; a copy gets a fresh plan', async () => {
    const trip = await createDeparture(t, director, { departsAt: '2027-03-29T07:00:00+03:00', operatorId: operator.id, managerId: manager.id });
    const [advert] = await tasksOf(`departureId=${trip.id}&limit=1`);
    const done = await t.call('POST', `/api/v1/tasks/${advert.id}/done`, { token: manager.token, body: { report: 'Обява във Facebook и в офиса' } });
    expect(done.status).toBe(200);
    const other = await t.as('operator');
    const moved = await t.call('PATCH', `/api/v1/departures/${trip.id}`, { token: director, body: { departsAt: '2027-04-05T07:00:00+03:00', operatorId: other.id } });
    expect(moved.status).toBe(200);
    const plan = await tasksOf(`departureId=${trip.id}&limit=50`);
    expect(plan.find((task) => task.title === 'ваучер')).toMatchObject({ dueAt: '2027-04-02T20:59:59.999Z', assigneeId: other.id });
    expect(plan.find((task) => task.title === 'реклама')).toMatchObject({ status: 'done', dueAt: advert.dueAt, report: 'Обява във Facebook и в офиса' });
    const copy = await t.call('POST', `/api/v1/departures/${trip.id}/copy`, { token: director, body: { departsAt: '2027-05-10T07:00:00' } });
    expect(copy.status).toBe(201);
    const fresh = await tasksOf(`departureId=${copy.body.id}&limit=50`);
    expect(fresh).toHaveLength(7);
    expect(fresh.every((task) => task.status === 'open' && task.assigneeId !== undefined)).toBe(true);
    expect(fresh.find((task) => task.title === 'ваучер').assigneeId).toBe(other.id);
  });

  it('only a director changes the plan; a bad stage is a 400 naming it and changes nothing', async () => {
    expect((await t.call('GET', '/api/v1/task-templates', { token: director })).body).toHaveLength(7);
    const refused = await t.call('PUT', '/api/v1/task-templates', { token: manager.token, body: [{ title: 'x', daysBeforeDeparture: 1, role: 'manager' }] });
    expect(refused.status).toBe(403);
    const bad = await t.call('PUT', '/api/v1/task-templates', { token: director, body: [{ title: 'реклама', daysBeforeDeparture: -2, role: 'manager' }] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details)).toEqual(['0.daysBeforeDeparture']);
    const saved = await t.call('PUT', '/api/v1/task-templates', { token: director, body: [{ title: 'автобус', daysBeforeDeparture: 10, role: 'operator' }] });
    expect(saved.body).toEqual([{ title: 'автобус', daysBeforeDeparture: 10, role: 'operator' }]);
    const trip = await createDeparture(t, director, { operatorId: operator.id });
    expect((await tasksOf(`departureId=${trip.id}`)).map((task) => [task.title, task.assigneeId])).toEqual([['автобус', operator.id]]);
  });
});

describe('tasks', () => {
  it('a task needs a report to be closed; the assignee closes it and the director sees it done', async () => {
    const created = await t.call('POST', '/api/v1/tasks', { token: director, body: { title: 'Обади се на хотела', dueAt: '2026-11-23T12:00', assigneeId: operator.id } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', assigneeId: operator.id, dueAt: '2026-11-23T10:00:00.000Z', overdue: false });
    const empty = await t.call('POST', `/api/v1/tasks/${created.body.id}/done`, { token: operator.token, body: { report: '  ' } });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.error.details)).toEqual(['report']);
    const stranger = await t.as('manager');
    expect((await t.call('POST', `/api/v1/tasks/${created.body.id}/done`, { token: stranger.token, body: { report: 'x' } })).status).toBe(403);
    const done = await t.call('POST', `/api/v1/tasks/${created.body.id}/done`, { token: operator.token, body: { report: 'Потвърдиха 20 стаи' } });
    expect(done.body).toMatchObject({ status: 'done', report: 'Потвърдиха 20 стаи', doneBy: operator.id });
    expect((await t.call('POST', `/api/v1/tasks/${created.body.id}/done`, { token: operator.token, body: { report: 'again' } })).status).toBe(409);
    expect((await tasksOf(`status=done`)).map((task) => task.report)).toEqual(['Потвърдиха 20 стаи']);
  });

  it('refuses a task for nobody, a trip that does not exist or a year that cannot be', async () => {
    const answer = await t.call('POST', '/api/v1/tasks', { token: director, body: { title: 'x', dueAt: '20266-01-01T10:00', assigneeId: 999 } });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error.details)).toContain('dueAt');
    const nobody = await t.call('POST', '/api/v1/tasks', { token: director, body: { title: 'x', dueAt: '2026-12-01T10:00', assigneeId: 999 } });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.details).toHaveProperty('assigneeId');
    const noTrip = await t.call('POST', '/api/v1/tasks', { token: director, body: { title: 'x', dueAt: '2026-12-01T10:00', assigneeId: operator.id, departureId: 999 } });
    expect(noTrip.status).not.toBe(201);
    expect((await tasksOf('')).length).toBe(0);
  });

  it('a task due within a day or overdue reaches its assignee on tasks-due and my-day; the director sees stuck stages', async () => {
    const trip = await createDeparture(t, director, { departsAt: new Date(START + 5 * DAY).toISOString(), operatorId: operator.id, managerId: manager.id });
    // Stages already past when the trip is planned are due at once, not late from the first minute.
    const plan = await tasksOf(`departureId=${trip.id}&limit=50`);
    expect(plan.filter((task) => task.dueAt === new Date(START).toISOString())).toHaveLength(5);
    const day = await t.call('GET', '/api/v1/worklists/my-day', { token: operator.token });
    const mine = day.body.items.filter((item: any) => item.kind === 'task');
    expect(mine).toHaveLength(0);
    t.setNow(START + 3 * DAY);
    operator.token = await t.signIn('operator2@agency.test', 'password-123');
    const later = await t.call('GET', '/api/v1/worklists/my-day', { token: operator.token });
    expect(later.body.items.filter((item: any) => item.kind === 'task').map((item: any) => item.reasonCode)).toEqual(['task_due']);
    // On the operator's page too, with "Mark done" right there.
    const operatorPage = await pageClient(t, { email: 'operator2@agency.test', password: 'password-123' });
    const operatorDay = (await operatorPage.get('/', 'bg')).html;
    expect(operatorDay).toMatch(/задача: (ваучер|напомняне)/i);
    expect(operatorDay).toContain('/done"');
    const due = await t.call('GET', `/api/v1/worklists/tasks-due?managerId=${manager.id}`, { token: await t.signIn(DIRECTOR.email, DIRECTOR.password) });
    expect(due.body.items.map((item: any) => item.title)).toContain(`реклама — ${trip.title}`);
    expect(due.body.items.every((item: any) => item.kind === 'task')).toBe(true);
    const page = await pageClient(t, DIRECTOR);
    const html = (await page.get('/tasks?whose=team', 'bg')).html;
    expect(html).toContain('Пътувания с просрочени етапи');
    expect(html).toContain('6 просрочени етапа');
  });

  it('on the pages: an operator completes "ваучер" with a report, and a missing report is refused in Bulgarian', async () => {
    const trip = await createDeparture(t, director, { departsAt: new Date(START + 20 * DAY).toISOString(), operatorId: operator.id });
    const voucher = (await tasksOf(`departureId=${trip.id}&limit=50`)).find((task) => task.title === 'ваучер');
    const page = await pageClient(t, { email: 'operator2@agency.test', password: 'password-123' });
    const roster = await page.get(`/departures/${trip.id}`, 'bg');
    expect(roster.html).toContain('План на пътуването');
    const refused = await page.post(`/tasks/${voucher.id}/done`, { report: '', back: `/departures/${trip.id}` }, 'bg');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Попълнете полето');
    const done = await page.post(`/tasks/${voucher.id}/done`, { report: 'Ваучерите са изпратени на 12 клиента', back: `/departures/${trip.id}` }, 'bg');
    expect(done.status).toBe(303);
    const boss = await pageClient(t, DIRECTOR);
    const list = await boss.get('/tasks?whose=team&status=done', 'bg');
    expect(list.html).toContain('Ваучерите са изпратени на 12 клиента');
    const mine = await page.get('/tasks', 'ru');
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('Мои');
  });
});

describe('tasks about a booking or a client', () => {
  it('"Give a task about this" from a booking: the form carries it, and the booking and the card list the task', async () => {
    const trip = await createDeparture(t, director);
    const contact = await t.call('POST', '/api/v1/contacts', { token: director, body: { name: 'Милена', phone: '+359888333444' } });
    const deal = await t.call('POST', '/api/v1/deals', { token: director, body: { departureId: trip.id, contactId: contact.body.id, seats: 2 } });
    const page = await pageClient(t, DIRECTOR);
    const form = await page.get(`/tasks?dealId=${deal.body.id}`, 'bg');
    expect(form.html).toContain(`name="dealId" value="${deal.body.id}"`);
    expect(form.html).toContain('За: Милена');
    const created = await page.post('/tasks', { title: 'Обади се за паспортите', dueAt: '2026-11-25T10:00', assigneeId: String(operator.id), dealId: String(deal.body.id), contactId: String(contact.body.id), departureId: String(trip.id), back: `/deals/${deal.body.id}` }, 'bg');
    expect(created.status).toBe(303);
    const [task] = await tasksOf(`dealId=${deal.body.id}`);
    expect(task).toMatchObject({ title: 'Обади се за паспортите', dealId: deal.body.id, contactId: contact.body.id, departureId: trip.id, assigneeId: operator.id });
    expect((await page.get(`/deals/${deal.body.id}`, 'bg')).html).toContain('Обади се за паспортите');
    expect((await page.get(`/contacts/${contact.body.id}`, 'ru')).html).toContain('Обади се за паспортите');
    const bad = await page.post('/tasks', { title: '', dueAt: 'утре', assigneeId: String(operator.id) }, 'bg');
    expect(bad.status).toBe(400);
    // The refused form wrote nothing: the operator still has the one task.
    expect(await tasksOf(`assigneeId=${operator.id}&limit=100`)).toHaveLength(1);
  });
});

describe('the plan editor page', () => {
  it('saves the rows typed, drops empty ones, and shows an error beside the row it is about', async () => {
    const page = await pageClient(t, DIRECTOR);
    const form = { rows: '4', title0: 'реклама', days0: '40', role0: 'manager', title1: '', days1: '', role1: 'manager', title2: 'автобус', days2: 'утре', role2: 'operator', title3: '', days3: '', role3: 'manager' };
    const refused = await page.post('/tasks/plan', form, 'bg');
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/id="plan-days-2"[^>]*aria-invalid="true"/);
    expect((await t.call('GET', '/api/v1/task-templates', { token: director })).body).toHaveLength(7);
    const saved = await page.post('/tasks/plan', { ...form, days2: '5' }, 'bg');
    expect(saved.status).toBe(303);
    expect((await t.call('GET', '/api/v1/task-templates', { token: director })).body).toEqual([
      { title: 'реклама', daysBeforeDeparture: 40, role: 'manager' },
      { title: 'автобус', daysBeforeDeparture: 5, role: 'operator' },
    ]);
    const manager = await pageClient(t, { email: 'manager3@agency.test', password: 'password-123' });
    expect((await manager.post('/tasks/plan', form, 'bg')).status).toBe(403);
  });
});
