import { beforeEach, describe, expect, it } from 'vitest';
import { createContact } from '../helpers/factories.js';
import { memoryMailer } from '../helpers/memory-mailer.js';
import { pageClient } from '../helpers/pages.js';
import { AGENCY, makeTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let mailer: ReturnType<typeof memoryMailer>;
let director: string;
let page: Awaited<ReturnType<typeof pageClient>>;

beforeEach(async () => {
  mailer = memoryMailer();
  t = await makeTestApp({ mailer, agency: { ...AGENCY, publicUrl: 'https://desk.balkantour.test' } });
  director = (await t.as('director')).token;
  await t.as('manager');
  page = await pageClient(t, { email: 'manager2@agency.test', password: 'password-123' });
});

/** A Russian reader first by name, a Bulgarian one, and one who did not agree to offers. */
async function clients() {
  await createContact(t, director, { name: 'Иван Петров', email: 'ivan@example.ru', locale: 'ru', marketingOptIn: true });
  await createContact(t, director, { name: 'Мария Колева', email: 'maria@example.bg', locale: 'bg', marketingOptIn: true });
  await createContact(t, director, { name: 'Анна Без Согласия', email: 'anna@example.bg', locale: 'bg' });
}

const form = {
  name: 'Великден',
  subject: '{name}, Великден в Истанбул',
  body: 'Здравейте, {name}!\n\nЗа Великден предлагаме Истанбул.',
  subject_ru: '{name}, Пасха в Стамбуле',
  body_ru: 'Здравствуйте, {name}!\n\nНа Пасху мы предлагаем Стамбул.',
};

async function savedDraft(values: Record<string, string> = form) {
  const saved = await page.post('/campaigns', values, 'en');
  expect(saved.status).toBe(303);
  return Number(/\/campaigns\/(\d+)/.exec(saved.location!)![1]);
}

const once = () => `test-${Math.random().toString(36).slice(2)}-token-0123456789`;

describe('the campaign page shows the mail as a client gets it', () => {
  it("names the first recipient and shows their language's words with their name; a saved change shows at once", async () => {
    await clients();
    const id = await savedDraft();
    const draft = await page.get(`/campaigns/${id}`, 'en');
    expect(draft.status).toBe(200);
    const mail = /<section class="card mail-preview"[\s\S]*?<\/section>/.exec(draft.html)![0];
    expect(mail).toContain('The mail as Иван Петров will see it');
    expect(mail).toContain('>Иван Петров, Пасха в Стамбуле</strong>');
    expect(mail).toContain('<div class="mail-paragraphs"><p>Здравствуйте, Иван Петров!</p><p>На Пасху мы предлагаем Стамбул.</p></div>');
    expect(mail).not.toContain('{name}');
    // The unsubscribe line as the client reads it, not a link that would unsubscribe them.
    expect(mail).toContain('Больше не присылать мне предложения и поздравления');
    expect(mail).not.toContain('/unsubscribe/');
    // With JavaScript the preview follows the form as it is typed in (the script is the page's own).
    expect(draft.html).toContain('src="/assets/campaign-preview.js"');
    expect((await t.app.request('/assets/campaign-preview.js')).status).toBe(200);
    // The reader's own language for the words around it.
    expect((await page.get(`/campaigns/${id}`, 'ru')).html).toContain('Письмо так, как его увидит Иван Петров');

    // Without JavaScript: save, and the page that comes back shows the new words.
    expect((await page.post(`/campaigns/${id}`, { ...form, subject_ru: 'Скидка для вас, {name}' }, 'en')).status).toBe(303);
    expect((await page.get(`/campaigns/${id}`, 'en')).html).toContain('Скидка для вас, Иван Петров');

    // Once sent, the page says whose mail it shows: the first client it went to.
    expect((await page.post(`/campaigns/${id}/send`, { _once: once() }, 'en')).status).toBe(303);
    const sent = await page.get(`/campaigns/${id}`, 'en');
    expect(sent.html).toContain('The mail as Иван Петров got it');
    expect(sent.html).toContain('Скидка для вас, Иван Петров');
  });

  it('a campaign that reaches nobody is shown with the reader’s name', async () => {
    const id = await savedDraft();
    const draft = await page.get(`/campaigns/${id}`, 'en');
    expect(draft.html).toContain('The mail with your name (manager 2): the campaign reaches nobody yet');
    expect(draft.html).toContain('manager 2, Великден в Истанбул');
  });
});

describe('show recipients', () => {
  it('lists whom a segment reaches before there is a name, subject or text, keeps what was typed, and creates nothing', async () => {
    await clients();
    for (let i = 1; i <= 52; i++) await createContact(t, director, { name: `Клиент ${String(i).padStart(2, '0')}`, email: `c${i}@example.bg`, locale: 'bg', marketingOptIn: true });
    const shown = await page.post('/campaigns', { preview: '1', locale_ru: 'on', otherTags: '' }, 'en');
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('Reaches 1 client');
    expect(shown.html).toContain('Иван Петров');
    expect(shown.html).toContain('ivan@example.ru');
    expect(shown.html).toContain('reads Русский');
    expect(shown.html).not.toContain('Мария Колева');
    expect(shown.html).not.toContain('class="field invalid"');
    // The ticked box is still ticked; the mail waits for its words.
    expect(shown.html).toMatch(/name="locale_ru" checked/);
    expect(shown.html).toContain('Write the subject and the text to see the mail.');
    // The browser lets the button through with the required fields empty.
    expect(shown.html).toMatch(/name="preview" value="1" formnovalidate/);

    // Everyone who agreed: 54, the first 50 by name, "and 4 more".
    const all = await page.post('/campaigns', { preview: '1' }, 'en');
    expect(all.html).toContain('Reaches 54 clients');
    expect(all.html).toContain('and 4 more');
    expect(all.html).not.toContain('Анна Без Согласия');
    expect((await t.call('GET', '/api/v1/campaigns', { token: director })).body.items).toHaveLength(0);

    // With the words typed, the same button shows the mail as the first of them gets it, still saving nothing.
    const typed = await page.post('/campaigns', { ...form, preview: '1', locale_ru: 'on' }, 'ru');
    expect(typed.html).toContain('Письмо так, как его увидит Иван Петров');
    expect(typed.html).toContain('Иван Петров, Пасха в Стамбуле');
    expect(typed.html).toContain('Как набрано, ещё не сохранено.');
    expect((await t.call('GET', '/api/v1/campaigns', { token: director })).body.items).toHaveLength(0);
  });

  it('on a draft, with its subject and text emptied, shows whom the changed segment reaches and changes nothing', async () => {
    await clients();
    const id = await savedDraft();
    const shown = await page.post(`/campaigns/${id}`, { name: '', subject: '', body: '', preview: '1', locale_bg: 'on' }, 'en');
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('Reaches 1 client');
    expect(shown.html).toContain('Мария Колева');
    expect(shown.html).toContain('The mail as Мария Колева will see it');
    expect((await t.call('GET', `/api/v1/campaigns/${id}`, { token: director })).body).toMatchObject({ subject: form.subject, recipients: 2, segment: {} });
  });
});

describe('send a test to me', () => {
  it('sends one copy to the address in the form, says so in the reader’s language, and not twice on a second tap', async () => {
    await clients();
    const id = await savedDraft();
    const draft = await page.get(`/campaigns/${id}`, 'ru');
    expect(draft.html).toContain('Отправить тест себе');
    // The reader's own address to start with.
    expect(draft.html).toMatch(/name="email" type="email" value="manager2@agency.test"/);
    const version = /name="version" value="(\d+)"/.exec(draft.html)![1]!;

    const token = once();
    const sent = await page.post(`/campaigns/${id}/test`, { _once: token, version, email: 'me@agency.test' }, 'ru');
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/campaigns/${id}?done=campaignTestSent#test`);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: 'me@agency.test', subject: '[Тест] Иван Петров, Пасха в Стамбуле' });
    const after = await page.get(sent.location!.replace('#test', ''), 'ru');
    expect(after.html).toContain('Тестовая копия отправлена: проверьте почту.');
    expect(after.html).toContain('me@agency.test');
    expect((await t.call('GET', `/api/v1/campaigns/${id}`, { token: director })).body).toMatchObject({ status: 'draft', sent: 0, failed: 0 });

    // A double tap (the same rendered form): nothing more is sent, and the page says it was.
    const tap = await page.post(`/campaigns/${id}/test`, { _once: token, version, email: 'me@agency.test' }, 'ru');
    expect(tap.status).toBe(303);
    expect(tap.location).toContain('done=sentBefore');
    expect((await page.get(tap.location!, 'ru')).html).toContain('Уже отправлено — эта тестовая копия уже была отправлена.');
    // Back and send again (a new form, the same address, the draft unchanged): asked first.
    const back = await page.post(`/campaigns/${id}/test`, { _once: once(), version, email: 'me@agency.test' }, 'ru');
    expect(back.status).toBe(409);
    expect(back.html).toContain('Такая же тестовая копия ушла на этот адрес');
    expect(mailer.sent).toHaveLength(1);
    // After a change to the draft, a test of the new words goes without asking.
    t.setNow(t.now + 60_000);
    expect((await page.post(`/campaigns/${id}`, { ...form, subject_ru: 'Новая тема, {name}' }, 'ru')).status).toBe(303);
    const changed = /name="version" value="(\d+)"/.exec((await page.get(`/campaigns/${id}`, 'ru')).html)![1]!;
    expect(changed).not.toBe(version);
    expect((await page.post(`/campaigns/${id}/test`, { _once: once(), version: changed, email: 'me@agency.test' }, 'ru')).status).toBe(303);
    expect(mailer.sent.map((m) => m.subject)).toEqual(['[Тест] Иван Петров, Пасха в Стамбуле', '[Тест] Новая тема, Иван Петров']);
  });

  it('a bad address comes back beside the field in the reader’s language; an operator is refused', async () => {
    await clients();
    const id = await savedDraft();
    const bad = await page.post(`/campaigns/${id}/test`, { _once: once(), version: '1', email: 'not an address' }, 'ru');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Введите адрес почты, например name@example.com');
    expect(bad.html).toContain('value="not an address"');
    expect(mailer.sent).toHaveLength(0);

    await t.as('operator');
    const operator = await pageClient(t, { email: 'operator3@agency.test', password: 'password-123' });
    expect((await operator.post(`/campaigns/${id}/test`, { _once: once(), email: 'op@agency.test' }, 'ru')).status).toBe(403);
    expect(mailer.sent).toHaveLength(0);
  });
});
