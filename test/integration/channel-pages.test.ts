import { beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { AGENCY, DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp({ agency: { ...AGENCY, sms: true, telegram: true, telegramBot: 'balkantour_bot' } });
  director = (await t.as('director')).token;
});

const channelsOf = async (id: number) => ((await t.database.sqlite.prepare('SELECT channels FROM contacts WHERE id = ?').get(id)) as { channels: string | null }).channels;
/** The card's details as the form posts them, beside the channel choices. */
const DETAILS = { name: 'Иван Петров', phone: '0881234567', email: 'ivan@example.com', tags: '', notes: '', locale: 'bg', birthDate: '' };

describe("the client's channels on the desk", () => {
  it('the card takes the order, keeps the default as the default, and says it in the reader\'s words', async () => {
    const client = await createContact(t, director, { name: 'Иван Петров', phone: '0881234567', email: 'ivan@example.com' });
    const page = await pageClient(t, DIRECTOR);
    const before = await page.get(`/contacts/${client.id}`, 'bg');
    expect(before.html).toContain('Известия: имейл → SMS');
    expect(before.html).toContain('https://t.me/balkantour_bot?start=');

    const saved = await page.post(`/contacts/${client.id}`, { ...DETAILS, channel1: 'sms', channel2: 'email', channel3: '' });
    expect(saved.status).toBe(303);
    expect(JSON.parse((await channelsOf(client.id))!)).toEqual(['sms', 'email']);
    expect((await page.get(`/contacts/${client.id}`, 'ru')).html).toContain('Уведомления: SMS → e-mail');

    await page.post(`/contacts/${client.id}`, { ...DETAILS, channel1: 'email', channel2: 'sms', channel3: '' });
    expect(await channelsOf(client.id)).toBeNull();

    await page.post(`/contacts/${client.id}`, { ...DETAILS, channel1: '', channel2: '', channel3: '' });
    expect(await channelsOf(client.id)).toBe('[]');
    expect((await page.get(`/contacts/${client.id}`, 'bg')).html).toContain('Известия: само по телефона');
    const api = await t.call('GET', `/api/v1/contacts/${client.id}`, { token: director });
    expect(api.body).toMatchObject({ channels: [], telegramLinked: false });
  });

  it('refuses a channel it does not know beside the choices, in the reader\'s language, and changes nothing', async () => {
    const client = await createContact(t, director, { name: 'Иван Петров', phone: '0881234567', email: 'ivan@example.com' });
    const page = await pageClient(t, DIRECTOR);
    const refused = await page.post(`/contacts/${client.id}`, { ...DETAILS, channel1: 'viber', channel2: '', channel3: '' }, 'bg');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Изберете');
    expect(await channelsOf(client.id)).toBeNull();
    const twice = await page.post(`/contacts/${client.id}`, { ...DETAILS, channel1: 'sms', channel2: 'sms', channel3: '' }, 'bg');
    expect(twice.status).toBe(400);
    expect(await channelsOf(client.id)).toBeNull();
  });

  it('the new-client form offers the same choice, starting from the default', async () => {
    const page = await pageClient(t, DIRECTOR);
    const form = await page.get('/contacts', 'bg');
    expect(form.html).toMatch(/<select id="new-channel1" name="channel1">[\s\S]*?<option value="email" selected/);
    const created = await page.post('/contacts', { name: 'Мария', phone: '0887654321', email: '', locale: 'bg', channel1: 'telegram', channel2: 'sms', channel3: '' });
    expect(created.status).toBe(303);
    const id = Number(/\/contacts\/(\d+)/.exec(created.location!)![1]);
    expect(JSON.parse((await channelsOf(id))!)).toEqual(['telegram', 'sms']);
  });
});
