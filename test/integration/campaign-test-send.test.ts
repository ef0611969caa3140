import { beforeEach, describe, expect, it } from 'vitest';
import { expectAnswer } from '../helpers/answers.js';
import { createContact } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { AGENCY, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let mailer: ReturnType<typeof memoryMailer>;
let director: string;
let manager: { token: string; id: number };

beforeEach(async () => {
  mailer = memoryMailer();
  t = await makeTestApp({ mailer, agency: { ...AGENCY, publicUrl: 'https://desk.balkantour.test' } });
  director = (await t.as('director')).token;
  manager = await t.as('manager');
});

/** Two clients who agreed to offers (the first by name is Иван), one who did not. */
async function clients() {
  await createContact(t, director, { name: 'Мария Колева', email: 'maria@example.bg', locale: 'bg', marketingOptIn: true });
  await createContact(t, director, { name: 'Иван Петров', email: 'ivan@example.ru', locale: 'ru', marketingOptIn: true });
  await createContact(t, director, { name: 'Анна Без Согласия', email: 'anna@example.bg', locale: 'bg' });
}

const campaign = async (overrides: Record<string, unknown> = {}) =>
  (
    await t.call('POST', '/api/v1/campaigns', {
      token: manager.token,
      body: {
        name: 'Великден',
        subject: '{name}, Великден в Истанбул',
        body: 'Здравейте, {name}!\n\nЗа Великден предлагаме Истанбул.',
        texts: { ru: { subject: '{name}, Пасха в Стамбуле', body: 'Здравствуйте, {name}!\n\nНа Пасху мы предлагаем Стамбул.' } },
        segment: {},
        ...overrides,
      },
    })
  ).body;

describe('a campaign test copy', () => {
  it('goes once to the address given, written as the first recipient gets it, marked a test, the campaign unchanged', async () => {
    await clients();
    const draft = await campaign();
    expect(draft.recipients).toBe(2);

    const answer = await t.call('POST', `/api/v1/campaigns/${draft.id}/test`, { token: manager.token, body: { email: 'manager@agency.test' } });
    expect(answer.status).toBe(200);
    // The first recipient by name is Иван, who reads Russian: his language's text, his name.
    expect(answer.body).toMatchObject({ to: 'manager@agency.test', name: 'Иван Петров', locale: 'ru', subject: '[Тест] Иван Петров, Пасха в Стамбуле' });
    expect(answer.body.notification).toMatchObject({ kind: 'campaign_test', campaignId: draft.id, to: 'manager@agency.test', status: 'sent' });
    expectAnswer('post /campaigns/:id/test', answer.body);

    expect(mailer.sent).toHaveLength(1);
    const [mail] = mailer.sent;
    expect(mail!.to).toBe('manager@agency.test');
    expect(mail!.subject).toBe('[Тест] Иван Петров, Пасха в Стамбуле');
    expect(mail!.text).toContain('Здравствуйте, Иван Петров!');
    expect(mail!.text).toContain('На Пасху мы предлагаем Стамбул.');
    expect(mail!.html).toContain('Здравствуйте, Иван Петров!');
    // No link that unsubscribes anybody: no header for mail programs, and the line leads back to the campaign.
    expect(mail!.headers?.['List-Unsubscribe']).toBeUndefined();
    expect(mail!.text).not.toContain('/unsubscribe/');
    expect(mail!.text).toContain(`https://desk.balkantour.test/campaigns/${draft.id}`);

    const after = (await t.call('GET', `/api/v1/campaigns/${draft.id}`, { token: manager.token })).body;
    expect(after).toMatchObject({ status: 'draft', recipients: 2, sent: 0, failed: 0, pending: 0, unsubscribed: 0 });
    // It is recorded like every mail, as its own kind.
    const recorded = (await t.call('GET', `/api/v1/notifications?campaignId=${draft.id}`, { token: director })).body.items;
    expect(recorded.map((n: any) => n.kind)).toEqual(['campaign_test']);

    // The campaign is still a draft to send: it reaches the two clients, and a test after sending changes nothing either.
    expect((await t.call('POST', `/api/v1/campaigns/${draft.id}/send`, { token: manager.token })).body).toMatchObject({ status: 'sending', recipients: 2 });
    const again = await t.call('POST', `/api/v1/campaigns/${draft.id}/test`, { token: director, body: { email: 'director@agency.test' } });
    expect(again.status).toBe(200);
    expect(again.body.subject).toBe('[Тест] Иван Петров, Пасха в Стамбуле');
    const sent = (await t.call('GET', `/api/v1/campaigns/${draft.id}`, { token: manager.token })).body;
    expect(sent).toMatchObject({ recipients: 2, sent: 0, failed: 0, pending: 2 });
    expect(mailer.sent.map((m) => m.to)).toEqual(['manager@agency.test', 'director@agency.test']);
  });

  it('a campaign that reaches nobody is written with the name of the person asking, in the main text', async () => {
    const draft = await campaign({ segment: { tags: ['nobody-has-this'] } });
    expect(draft.recipients).toBe(0);
    const answer = await t.call('POST', `/api/v1/campaigns/${draft.id}/test`, { token: manager.token, body: { email: ' Me@Agency.test ' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: 'manager 2', contactId: null });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.text).toContain('Здравейте, manager 2!');
    expect(mailer.sent[0]!.subject).toMatch(/manager 2, Великден в Истанбул$/);
  });

  it('a mail server that refuses leaves the copy pending for the sender to retry, still not counted', async () => {
    await clients();
    const draft = await campaign();
    mailer.state.refuse = true;
    const answer = await t.call('POST', `/api/v1/campaigns/${draft.id}/test`, { token: manager.token, body: { email: 'manager@agency.test' } });
    expect(answer.status).toBe(200);
    expect(answer.body.notification).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await t.call('GET', `/api/v1/campaigns/${draft.id}`, { token: manager.token })).body).toMatchObject({ sent: 0, failed: 0, pending: 0 });
  });

  it('refuses a bad address (400 naming email), an unknown campaign (404) and an operator (403), sending nothing', async () => {
    await clients();
    const draft = await campaign();
    for (const body of [{}, { email: 'not an address' }, { email: 42 }]) {
      const bad = await t.call('POST', `/api/v1/campaigns/${draft.id}/test`, { token: manager.token, body });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
      expect(Object.keys(bad.body.error.details)).toEqual(['email']);
    }
    expect((await t.call('POST', '/api/v1/campaigns/9999/test', { token: manager.token, body: { email: 'me@agency.test' } })).status).toBe(404);
    const operator = (await t.as('operator')).token;
    const refused = await t.call('POST', `/api/v1/campaigns/${draft.id}/test`, { token: operator, body: { email: 'me@agency.test' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await t.call('POST', `/api/v1/campaigns/${draft.id}/test`, { body: { email: 'me@agency.test' } })).status).toBe(401);
    expect(mailer.sent).toHaveLength(0);
    expect((await t.call('GET', `/api/v1/notifications?campaignId=${draft.id}`, { token: director })).body.items).toHaveLength(0);
  });
});
