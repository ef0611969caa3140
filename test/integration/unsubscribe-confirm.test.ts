import { beforeEach, describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../src/domain/campaigns/index.js';
import { runNotifierPass } from '../../src/notifier/pass.js';
import { createContact } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { AGENCY, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let director: string;
let mailer: Awaited<ReturnType<typeof memoryMailer>>;
beforeEach(async () => {
  mailer = memoryMailer();
  t = await makeTestApp({ mailer, agency: { ...AGENCY, publicUrl: 'https://desk.balkantour.test', campaignRatePerMinute: 6000 } });
  director = (await t.as('director')).token;
});

const stateOf = async (contactId: number) =>
  await t.database.sqlite.prepare('SELECT unsubscribed_at AS unsubscribedAt, marketing_opt_in AS optIn FROM contacts WHERE id = ?').get(contactId) as { unsubscribedAt: number | null; optIn: number };

/** A campaign to one consenting client, sent: the path of the link its mail carries, and the mail's headers. */
async function campaignMailTo(locale: 'bg' | 'ru' | 'en') {
  const client = await createContact(t, director, { name: 'Мария Петрова', locale, marketingOptIn: true });
  const draft = await t.call('POST', '/api/v1/campaigns', { token: director, body: { name: 'Лято', subject: 'Лято', body: 'Здравейте, {name}!', segment: {} } });
  expect((await t.call('POST', `/api/v1/campaigns/${draft.body.id}/send`, { token: director })).status).toBe(200);
  t.advance(1_000);
  await runNotifierPass(t.ctx, mailer);
  const mail = mailer.sent.find((m) => m.to === client.email)!;
  const header = mail.headers!['List-Unsubscribe']!;
  const path = /^<https:\/\/desk\.balkantour\.test(\/unsubscribe\/[\w.-]+)>$/.exec(header)![1]!;
  return { client, campaignId: draft.body.id as number, mail, path };
}

const postForm = (path: string, body: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body });

describe('unsubscribing only on purpose', () => {
  it('opening the link (as a mail scanner does) changes nothing and shows a button in the client’s language', async () => {
    const { client, path, campaignId } = await campaignMailTo('bg');
    for (let i = 0; i < 3; i++) {
      const opened = await t.app.request(path, { headers: { 'Accept-Language': 'en' } });
      expect(opened.status).toBe(200);
      const html = await opened.text();
      expect(html).toContain('<html lang="bg"');
      expect(html).toContain('Да се отпишете ли от предложенията?');
      expect(html).toMatch(new RegExp(`<form method="post" action="${path.replaceAll('.', '\\.')}"`));
      expect(html).toContain('<button class="tap"');
    }
    expect(await stateOf(client.id)).toEqual({ unsubscribedAt: null, optIn: 1 });
    expect((await t.call('GET', `/api/v1/campaigns/${campaignId}`, { token: director })).body.unsubscribed).toBe(0);
  });

  it('the page’s button posts and unsubscribes; opening the link again says so; another language on request', async () => {
    const { client, path, campaignId } = await campaignMailTo('ru');
    const page = await (await t.app.request(path)).text();
    expect(page).toContain('Отписаться от предложений?');
    expect((await stateOf(client.id)).unsubscribedAt).toBeNull();
    const pressed = await postForm(path, 'List-Unsubscribe=One-Click');
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain('мы больше не будем присылать вам предложения');
    expect(await stateOf(client.id)).toEqual({ unsubscribedAt: t.now, optIn: 0 });
    expect((await t.call('GET', `/api/v1/campaigns/${campaignId}`, { token: director })).body.unsubscribed).toBe(1);
    const again = await (await t.app.request(path)).text();
    expect(again).toContain('вы уже отписаны');
    expect(again).not.toContain('<form');
    expect(await (await t.app.request(`${path}?lang=bg`)).text()).toContain('вече сте отписани');
  });

  it('a mail program’s one-click POST, as RFC 8058 sends it (no page, no Origin, no CSRF token), unsubscribes', async () => {
    const { client, mail, path } = await campaignMailTo('en');
    expect(mail.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`https://desk.balkantour.test${path}`);
    // The mail provider's link scanner opens it first: nothing happens.
    expect((await t.app.request(path, { headers: { 'User-Agent': 'LinkScanner/1.0' } })).status).toBe(200);
    expect((await stateOf(client.id)).unsubscribedAt).toBeNull();
    const clicked = await postForm(path, 'List-Unsubscribe=One-Click');
    expect(clicked.status).toBe(200);
    expect((await stateOf(client.id)).unsubscribedAt).toBe(t.now);
    // Sent twice (a retry of the mail program): nothing more changes.
    t.advance(60_000);
    expect((await postForm(path, 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect((await stateOf(client.id)).unsubscribedAt).toBe(t.now - 60_000);
  });

  it('an altered link finds nothing, by GET or POST, and changes nothing', async () => {
    const client = await createContact(t, director, { locale: 'bg', marketingOptIn: true });
    const token = await unsubscribeToken(t.ctx(), client.id, null);
    const other = await createContact(t, director, { locale: 'bg', marketingOptIn: true });
    const forged = `/unsubscribe/${other.id}.${token.split('.')[1]}`;
    expect((await t.app.request(forged)).status).toBe(404);
    expect((await postForm(forged, 'List-Unsubscribe=One-Click')).status).toBe(404);
    const tampered = `/unsubscribe/${token.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'))}`;
    expect((await postForm(tampered, 'List-Unsubscribe=One-Click')).status).toBe(404);
    expect((await stateOf(other.id)).unsubscribedAt).toBeNull();
    expect((await stateOf(client.id)).unsubscribedAt).toBeNull();
  });
});
