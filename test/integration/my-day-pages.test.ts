import { beforeEach, describe, expect, it } from 'vitest';
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

async function staff(role: 'operator' | 'manager', name: string) {
  const user = { email: `${role}-${name.length}@agency.test`, password: 'password-123' };
  const created = await t.call('POST', '/api/v1/users', { token: director, body: { ...user, name, role, locale: 'bg' } });
  return { ...user, id: created.body.id as number, client: await pageClient(t, user) };
}

async function post(client: Awaited<ReturnType<typeof pageClient>>, path: string, form: Record<string, string>) {
  const { status, location } = await client.post(path, form);
  return { status, location };
}

describe('my day by role', () => {
  it("an operator's day starts with today's and tomorrow's buses: roster, who is not told, balance at the door", async () => {
    const operator = await staff('operator', 'Оператор');
    // Tomorrow 06:30 in Sofia; and one in a week that is not the operator's day yet.
    const tomorrow = await createDeparture(t, director, { title: 'Рила 23.11', departsAt: '2026-11-23T06:30:00+02:00', meetingPoint: 'НДК' });
    await createDeparture(t, director, { title: 'Охрид 29.11', departsAt: '2026-11-29T06:30:00+02:00' });
    const paidPart = await createDeal(t, director, { departureId: tomorrow.id, seats: 2 }); // 300,00
    await pay(t, director, paidPart.id, 10000);
    await createDeal(t, director, { departureId: tomorrow.id, seats: 1, contactId: (await createContact(t, director, { email: null })).id });
    const page = await operator.client.get('/', 'bg');
    expect(page.status).toBe(200);
    const buses = page.html.slice(page.html.indexOf('Автобуси днес и утре'));
    expect(buses).toContain('Рила 23.11');
    expect(page.html).not.toContain('Охрид 29.11</a></h3>');
    expect(buses).toContain(`href="/departures/${tomorrow.id}"`);
    expect(buses).toContain(`href="/departures/${tomorrow.id}/manifest.pdf"`);
    expect(buses).toMatch(/За събиране при автобуса: 350,00\s€ от 2 резервации/u);
    expect(buses).toContain('2 резервации не знаят часа и мястото');
    // The buses come before the clients.
    expect(page.html.indexOf('Автобуси днес и утре')).toBeLessThan(page.html.indexOf('class="work"'));
  });

  it("a manager's client shows a tappable phone and 'overdue by N days', and the payment is recorded right there", async () => {
    const manager = await staff('manager', 'Мениджър Петрова');
    const departure = await createDeparture(t, director);
    const contact = await createContact(t, director, { phone: '+359881007252', managerId: manager.id });
    const deal = await createDeal(t, director, { departureId: departure.id, contactId: contact.id, managerId: manager.id });
    t.setNow(START + 30 * DAY); // the deposit was due three days after booking
    manager.client = await pageClient(t, manager); // a month later: a new sign-in
    const page = await manager.client.get('/', 'bg');
    expect(page.html).toContain('href="tel:+359881007252"');
    expect(page.html).toContain('088 100 7252');
    // Its most pressing reason: the deposit, due at the end of the third day after booking (25.11), 27 calendar days ago.
    expect(page.html.match(/просрочено[^<]*/g)).toContain('просрочено с 27 дни');
    expect(page.html).toContain(`action="/deals/${deal.id}/payments"`);
    // The form comes filled with the deposit still missing (50,00 of one seat at 150,00), and says so.
    expect(page.html).toMatch(new RegExp(`<input id="amount-${deal.id}"[^>]*value="50,00"`));
    expect(page.html).toContain('Дължимо сега: капаро, 50,00');
    const paid = await post(manager.client, `/deals/${deal.id}/payments`, { amount: '50', method: 'cash', back: '/', idempotencyKey: 'k1' });
    expect(paid).toEqual({ status: 303, location: '/?done=payment' });
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    expect((await t.call('GET', `/api/v1/deals/${deal.id}`, { token })).body.paidMinor).toBe(5000);
  });

  it('a manager logs a call with the next contact from my day and comes back to it', async () => {
    const manager = await staff('manager', 'Мениджър Иванов');
    const departure = await createDeparture(t, director);
    const contact = await createContact(t, director, { managerId: manager.id });
    await createDeal(t, director, { departureId: departure.id, contactId: contact.id, managerId: manager.id });
    const page = await manager.client.get('/', 'bg');
    expect(page.html).toContain(`action="/contacts/${contact.id}/communications"`);
    const logged = await post(manager.client, `/contacts/${contact.id}/communications`, { channel: 'call', summary: 'Ще плати в петък', nextContactAt: '2026-11-27T10:00', back: '/' });
    expect(logged).toEqual({ status: 303, location: '/?done=communication' });
    const card = (await t.call('GET', `/api/v1/contacts/${contact.id}`, { token: director })).body;
    expect(card.communications[0]).toMatchObject({ channel: 'call', summary: 'Ще плати в петък' });
    expect(card.nextContactAt).toBe('2026-11-27T08:00:00.000Z');
  });

  it('a director sees what is stuck across the agency, whose it is, and may open a manager\'s day', async () => {
    const manager = await staff('manager', 'Мениджър Колев');
    const departure = await createDeparture(t, director);
    const contact = await createContact(t, director, { managerId: manager.id });
    await createDeal(t, director, { departureId: departure.id, contactId: contact.id, managerId: manager.id });
    t.setNow(START + 10 * DAY);
    const client = await pageClient(t, DIRECTOR);
    const page = await client.get('/', 'bg');
    const stuck = page.html.slice(page.html.indexOf('Какво е забавено в агенцията'));
    expect(stuck).toContain('data-line="deposits-overdue"');
    expect(stuck).toContain(`href="/?managerId=${manager.id}"`);
    const theirs = await client.get(`/?managerId=${manager.id}`, 'bg');
    expect(theirs.html).toContain(contact.name);
    expect(theirs.html).not.toContain('Какво е забавено в агенцията');
  });
});
