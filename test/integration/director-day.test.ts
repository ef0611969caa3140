import { beforeEach, describe, expect, it } from 'vitest';
import { myDay } from '../../src/domain/worklists/index.js';
import { formatMoney } from '../../src/i18n/index.js';
import { createContact, createDeal, createDeparture, pay } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, START, type TestApp } from '../helpers/test-app.js';

const DAY = 86_400_000;
let t: TestApp;
let director: string;

beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

async function staff(role: 'operator' | 'manager', name: string, email: string) {
  const user = { email, password: 'password-123' };
  const token = await t.signIn(DIRECTOR.email, DIRECTOR.password); // a session of now, whatever the clock says
  const created = await t.call('POST', '/api/v1/users', { token, body: { ...user, name, role, locale: 'en' } });
  expect(created.status).toBe(201);
  return { ...user, id: created.body.id as number, name };
}

/** The `<li>` (or `<tr>`) of the summary marked with this attribute, as HTML. */
function part(html: string, attribute: string) {
  const start = html.indexOf(attribute);
  expect(start, attribute).toBeGreaterThan(-1);
  const open = html.lastIndexOf('<', start);
  const tag = /^<(\w+)/.exec(html.slice(open))![1]!;
  return html.slice(open, html.indexOf(`</${tag}>`, start));
}

const eur = (minor: number) => formatMoney('en', minor, 'EUR');

/**
 * Two managers, four clients: deposits unpaid on a trip next autumn (two of Kolev's, one of
 * nobody's), one booking of Petrova's on this week's trip with its deposit paid, and an
 * overdue task of Kolev's. Eight days later, the director opens My day.
 */
async function seed() {
  const kolev = await staff('manager', 'Ivan Kolev', 'kolev@agency.test');
  const petrova = await staff('manager', 'Maria Petrova', 'petrova@agency.test');
  const far = await createDeparture(t, director, { title: 'Ohrid next autumn' });
  const week = await createDeparture(t, director, { title: 'Rila this week', departsAt: '2026-12-02T07:00:00+02:00', seats: 20 });
  const c1 = await createContact(t, director, { name: 'Anna Two-Seats', managerId: kolev.id });
  const c2 = await createContact(t, director, { name: 'Boris Part-Paid', managerId: kolev.id });
  const c3 = await createContact(t, director, { name: 'Vera Deposit-Paid', managerId: petrova.id });
  const c4 = await createContact(t, director, { name: 'Gosho Nobodys' });
  const d1 = await createDeal(t, director, { departureId: far.id, contactId: c1.id, managerId: kolev.id, seats: 2 }); // deposit 100.00
  const d2 = await createDeal(t, director, { departureId: far.id, contactId: c2.id, managerId: kolev.id }); // deposit 50.00
  await pay(t, director, d2.id, 2000); // 30.00 of it left
  const d3 = await createDeal(t, director, { departureId: week.id, contactId: c3.id, managerId: petrova.id }); // 150.00
  await pay(t, director, d3.id, 5000); // the deposit in: 100.00 owed
  const d4 = await createDeal(t, director, { departureId: far.id, contactId: c4.id }); // deposit 50.00, nobody's
  const task = await t.call('POST', '/api/v1/tasks', { token: director, body: { title: 'Call the hotel', dueAt: new Date(START + 2 * DAY).toISOString(), assigneeId: kolev.id } });
  expect(task.status).toBe(201);
  t.setNow(START + 8 * DAY); // 30.11: the deposits were due on 25.11
  return { kolev, petrova, far, week, c1, c2, c3, c4, d1, d2, d3, d4 };
}

describe("the director's My day", () => {
  it('is the agency on one screen: stuck lines, money past due, per manager, the week, and no client cards', async () => {
    const s = await seed();
    const client = await pageClient(t, DIRECTOR);
    const page = await client.get('/', 'en');
    expect(page.status).toBe(200);
    const html = page.html;
    // No client cards without asking: neither the cards nor the clients' names.
    expect(html).not.toContain('class="work"');
    for (const c of [s.c1, s.c2, s.c3, s.c4]) expect(html).not.toContain(c.name);

    // Money: three deposits past due (100 + 30 + 50), the worst since 25.11 (5 calendar days).
    const deposits = part(html, 'data-line="deposits-overdue"');
    expect(deposits).toContain('href="/?list=deposits-overdue"');
    expect(deposits).toMatch(/<span class="n">3<\/span>/);
    expect(deposits).toContain(eur(18000));
    expect(deposits).toContain('worst 5 days');
    // The API's list agrees: the deals whose deposit is past due are those three.
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    const api = (await t.call('GET', '/api/v1/worklists/deposit-missing', { token })).body.items as { id: number; overdueDays: number }[];
    expect(api.filter((i) => i.overdueDays > 0).map((i) => i.id).sort((a, b) => a - b)).toEqual([s.d1.id, s.d2.id, s.d4.id]);
    const total = part(html, 'data-line="money-overdue"');
    expect(total).toContain('href="/?list=money-overdue"');

    // Stuck: the overdue task, linked to the team's tasks; new bookings untouched for more than a day.
    expect(part(html, 'data-line="tasks-overdue"')).toContain('href="/tasks?whose=team"');
    const fresh = part(html, 'data-line="new-bookings"');
    expect(fresh).toContain('href="/?list=new-bookings"');
    expect(fresh).toMatch(/<span class="n">3<\/span>/); // d1, d2, d4 are still new; d3 has its deposit

    // Per manager: Kolev's two deposits (130.00) and one open task, linked to his day and his tasks.
    const kolev = part(html, `data-manager="${s.kolev.id}"`);
    expect(kolev).toContain(`href="/?managerId=${s.kolev.id}"`);
    expect(kolev).toContain(`href="/?managerId=${s.kolev.id}&amp;list=money-overdue"`);
    expect(kolev).toContain(eur(13000));
    expect(kolev).toContain(`href="/tasks?whose=${s.kolev.id}">1</a>`);
    expect(part(html, 'data-manager="none"')).toContain(eur(5000));

    // This week's trip: 1 of 20 sold, 50.00 collected, 100.00 owed; next autumn's is not this week.
    const week = part(html, `data-departure="${s.week.id}"`);
    expect(week).toContain(`href="/departures/${s.week.id}"`);
    expect(week).toContain('1/20');
    expect(week).toContain(`${eur(5000)} collected · ${eur(10000)} owed`);
    expect(html).not.toContain(`data-departure="${s.far.id}"`);

    // The clients are one link away, counted as the full list counts them.
    const full = await myDay({ ...t.ctx(), actor: { id: 1, email: DIRECTOR.email, name: 'Director', role: 'director', locale: null } }, { limit: 200, assigneeId: 1 });
    expect(full.total).toBe(4);
    expect(html).toContain(`<a class="button secondary" href="/?cards=1">Show the clients (4)</a>`);
  });

  it('opens each line as its list, for the agency or one manager, and the cards when asked', async () => {
    const s = await seed();
    const client = await pageClient(t, DIRECTOR);
    const deposits = await client.get('/?list=deposits-overdue', 'en');
    expect(deposits.status).toBe(200);
    expect(deposits.html).toContain('<h1>Deposits overdue</h1>');
    expect(deposits.html).toContain('class="work"');
    for (const c of [s.c1, s.c2, s.c4]) expect(deposits.html).toContain(c.name);
    expect(deposits.html).not.toContain(s.c3.name);
    // The manager filter keeps the list.
    expect(deposits.html).toContain('<input type="hidden" name="list" value="deposits-overdue"/>');

    const kolevs = await client.get(`/?managerId=${s.kolev.id}&list=money-overdue`, 'en');
    expect(kolevs.html).toContain('<h1>Deposits and balances overdue · Ivan Kolev</h1>');
    expect(kolevs.html).toContain(s.c1.name);
    expect(kolevs.html).toContain(s.c2.name);
    expect(kolevs.html).not.toContain(s.c4.name);

    // An unknown list is the summary again, never an error.
    const unknown = await client.get('/?list=no-such-list', 'en');
    expect(unknown.status).toBe(200);
    expect(unknown.html).toContain('data-line="deposits-overdue"');

    const cards = await client.get('/?cards=1', 'en');
    expect(cards.html).toContain('class="work"');
    for (const c of [s.c1, s.c2, s.c3, s.c4]) expect(cards.html).toContain(c.name);
    expect(cards.html).not.toContain('data-line=');
    expect(cards.html).toContain('href="/">The agency at a glance</a>');

    const theirs = await client.get(`/?managerId=${s.kolev.id}`, 'en');
    expect(theirs.html).toContain(s.c1.name);
    expect(theirs.html).not.toContain(s.c3.name);
    expect(theirs.html).not.toContain('data-line=');
  });

  it("leaves the managers' and the operators' My day as they were", async () => {
    const s = await seed();
    const manager = await pageClient(t, s.kolev);
    const page = await manager.get('/', 'en');
    expect(page.html).toContain('class="work"');
    expect(page.html).toContain(s.c1.name);
    expect(page.html).not.toContain(s.c3.name);
    expect(page.html).not.toContain('data-line=');
    expect(page.html).not.toContain('agency-day');
    // What only a director's page reads is ignored on theirs.
    for (const path of ['/?list=deposits-overdue', '/?cards=1']) {
      const other = await manager.get(path, 'en');
      expect(other.html).toContain(s.c2.name);
      expect(other.html).not.toContain('data-line=');
    }
    const operator = await staff('operator', 'Elena Operator', 'elena@agency.test');
    const desk = await pageClient(t, operator);
    const day = await desk.get('/', 'en');
    expect(day.html).toContain('class="buses"');
    expect(day.html).not.toContain('data-line=');
  });
});
