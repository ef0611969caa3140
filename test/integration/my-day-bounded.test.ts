import { beforeEach, describe, expect, it } from 'vitest';
import { createContact, createDeal, createDeparture } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;

beforeEach(async () => {
  t = await makeTestApp();
  director = (await t.as('director')).token;
});

/** A manager with 25 clients owing a deposit: 5 on tomorrow's bus (the urgent ones), 20 on a bus in two months. */
async function busyManager() {
  const user = { email: 'petrova@agency.test', password: 'password-123' };
  const created = await t.call('POST', '/api/v1/users', { token: director, body: { ...user, name: 'Петрова', role: 'manager', locale: 'bg' } });
  const managerId = created.body.id as number;
  const soon = await createDeparture(t, director, { title: 'Рила 23.11', departsAt: '2026-11-23T06:30:00+02:00' });
  const later = await createDeparture(t, director, { title: 'Охрид 20.01', departsAt: '2027-01-20T06:30:00+02:00' });
  const book = async (departureId: number, i: number) => {
    const contact = await createContact(t, director, { name: `Клиент ${i}`, managerId });
    await createDeal(t, director, { departureId, contactId: contact.id, managerId });
    return contact.id as number;
  };
  const urgent: number[] = [];
  for (let i = 0; i < 5; i++) urgent.push(await book(soon.id, i));
  for (let i = 5; i < 25; i++) await book(later.id, i);
  return { user, managerId, urgent };
}

const shownClients = (html: string) => [...html.matchAll(/<li class="(?:urgent|today|later)" data-contact="(\d+)"/g)].map((m) => Number(m[1]));

describe('my day, bounded', () => {
  it('shows the 20 most urgent clients first, and "show all" as a plain link that shows the rest', async () => {
    const manager = await busyManager();
    const client = await pageClient(t, manager.user);
    const first = await client.get('/', 'bg');
    expect(first.status).toBe(200);
    const shown = shownClients(first.html);
    expect(shown).toHaveLength(20);
    for (const id of manager.urgent) expect(shown).toContain(id);
    expect(first.html).toContain('Чакат ви 25 клиенти');
    expect(first.html).toContain('<a href="/?all=1">Покажи всички клиенти (25)</a>');

    const all = await client.get('/?all=1', 'bg');
    expect(shownClients(all.html)).toHaveLength(25);
    expect(all.html).not.toContain('href="/?all=1"');

  });

  it("keeps the manager a director is looking at when showing all of that manager's day", async () => {
    const manager = await busyManager();
    const client = await pageClient(t, DIRECTOR);
    const theirs = await client.get(`/?managerId=${manager.managerId}`, 'bg');
    expect(shownClients(theirs.html)).toHaveLength(20);
    expect(theirs.html).toContain(`href="/?managerId=${manager.managerId}&amp;all=1"`);
    const all = await client.get(`/?managerId=${manager.managerId}&all=1`, 'bg');
    expect(shownClients(all.html)).toHaveLength(25);
    // In the reader's language.
    expect((await client.get(`/?managerId=${manager.managerId}`, 'en')).html).toContain('Show all 25 clients');
    expect((await client.get(`/?managerId=${manager.managerId}`, 'ru')).html).toContain('Показать всех клиентов (25)');
  });
});
