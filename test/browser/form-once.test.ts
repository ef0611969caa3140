import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, launchChromium, signInAt } from '../helpers/browser.js';
import { jsonClient } from '../helpers/http-client.js';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots', 'form-once');
const BOSS = { email: 'boss@agency.test', password: 'boss-password-1' };

/**
 * Back, reload and a second press in a real Chromium on a 360 px phone: the browser's own
 * Back button fetches the form page again (the pages are never cached) and keeps what was
 * typed; sending it again does nothing twice.
 */
describe.skipIf(!haveBrowser)('a form sent again from the browser is done once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-form-once-'));
  let server: ServerProcess;
  let browser: Browser;
  let api: Awaited<ReturnType<typeof jsonClient>>;
  let token: string;
  let departureId: number;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer({ DATABASE_PATH: join(dir, 'desk.sqlite'), ADMIN_EMAIL: BOSS.email, ADMIN_PASSWORD: BOSS.password, OUTBOX_DIR: join(dir, 'outbox') });
    api = jsonClient(server.url);
    token = (await api.post('/api/v1/session', BOSS)).body.token;
    const departure = await api.post('/api/v1/departures', { title: 'Рила — манастир', departsAt: '2031-05-10T07:00', meetingPoint: 'София, НДК', seats: 40, priceMinor: 6000, depositMinor: 2000 }, token);
    departureId = departure.body.id;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function phone(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'en-GB', javaScriptEnabled, extraHTTPHeaders: { 'Accept-Language': 'en' } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await signInAt(page, server.url, BOSS);
    return { context, page, problems };
  }
  const fits = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const newBooking = async (seats = 2) => {
    const contact = (await api.post('/api/v1/contacts', { name: `Клиент ${Math.random().toString(36).slice(2, 8)}`, email: `c${Date.now()}${Math.floor(Math.random() * 1000)}@example.com` }, token)).body;
    return (await api.post('/api/v1/deals', { departureId, contactId: contact.id, seats }, token)).body.id as number;
  };
  const paymentsOf = async (dealId: number) => (await api.get(`/api/v1/deals/${dealId}`, token)).body.payments as unknown[];

  it('Create departure, Back, Create again: still one trip, and the page says it was already created, with a link to it', async () => {
    const { context, page, problems } = await phone();
    await page.goto(`${server.url}/departures/new`);
    await page.fill('input[name=title]', 'Back-button trip');
    await page.fill('input[name=departsAt]', '2031-10-29T06:30');
    await page.fill('input[name=meetingPoint]', 'Sofia, NDK');
    await page.fill('input[name=price]', '150');
    await page.fill('input[name=deposit]', '50');
    await Promise.all([page.waitForURL(/\/departures\/\d+(\?|$)/), page.click('button:has-text("Create departure")')]);
    const tripPath = new URL(page.url()).pathname;
    expect(await page.textContent('.flash')).toBe('Departure created.');

    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/departures/new');
    // Chromium fetched the form again and kept what was typed.
    expect(await page.inputValue('input[name=title]')).toBe('Back-button trip');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Create departure")')]);
    expect(new URL(page.url()).pathname).toBe(tripPath);
    const flash = page.locator('.flash');
    expect(await flash.textContent()).toContain('Already created — this form was already sent.');
    expect(await flash.locator('a').getAttribute('href')).toBe(tripPath);
    expect(await flash.locator('a').textContent()).toBe('Open the departure');
    await fits(page);
    await page.screenshot({ path: join(ARTIFACTS, 'departure-sent-again.png'), fullPage: true });
    const trips = (await api.get('/api/v1/departures?limit=100', token)).body.items.filter((d: { title: string }) => d.title === 'Back-button trip');
    expect(trips).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('Record payment on a booking, Back, Record again: one payment', async () => {
    const dealId = await newBooking();
    const { context, page, problems } = await phone();
    await page.goto(`${server.url}/deals/${dealId}`);
    await page.fill('input[name=amount]', '40');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record payment")')]);
    expect(await page.textContent('.flash')).toBe('Payment recorded.');
    await page.goBack();
    expect(await page.inputValue('input[name=amount]')).toBe('40');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record payment")')]);
    expect(await page.textContent('.flash')).toContain('Already recorded — this form was already sent.');
    expect(await page.locator('.flash a').getAttribute('href')).toBe(`/deals/${dealId}`);
    expect(await paymentsOf(dealId)).toHaveLength(1);
    await fits(page);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('Subscribe a webhook, then reload the page, with and without JavaScript: one webhook each, the secret never shown again', async () => {
    for (const [javaScript, url] of [[true, 'https://hooks.example.com/with-js'], [false, 'https://hooks.example.com/without-js']] as const) {
      const { context, page, problems } = await phone(javaScript);
      await page.goto(`${server.url}/webhooks`);
      await page.fill('input[name=url]', url);
      await page.check('input[name="event_deal.created"]');
      await Promise.all([page.waitForNavigation(), page.click('form[action="/webhooks"] button')]);
      const secret = await page.inputValue('#webhook-secret');
      expect(secret).toMatch(/^whsec_/);
      // Copy is offered only where the script can write the clipboard; without it the field is there to select.
      expect(await page.isVisible('button[data-copy="webhook-secret"]')).toBe(javaScript);
      // The browser posts the form again, token and all: nothing is added, and it says so.
      const reloaded = await page.reload();
      expect(reloaded?.request().redirectedFrom()?.method()).toBe('POST');
      expect(new URL(page.url()).pathname).toBe('/webhooks');
      expect(await page.textContent('.flash')).toContain('Already subscribed — this form was already sent.');
      expect(await page.content()).not.toContain(secret!);
      expect(await page.locator('section[data-webhook] h2').allTextContents()).toContain(url);
      const hooks = (await api.get('/api/v1/webhooks', token)).body.items as { url: string }[];
      expect(hooks.filter((hook) => hook.url === url)).toHaveLength(1);
      await fits(page);
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 120_000);

  // The minutes counted on a set clock are in test/integration/form-once.test.ts; here the real clock says "less than a minute".
  it('without JavaScript: Back and Record again asks first ("already recorded … ago"); "Record it again" records once', async () => {
    const dealId = await newBooking(3);
    const { context, page } = await phone(false);
    await page.goto(`${server.url}/deals/${dealId}`);
    await page.fill('input[name=amount]', '25');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record payment")')]);
    expect(await page.textContent('.flash')).toBe('Payment recorded.');
    await page.goBack();
    expect(await page.inputValue('input[name=amount]')).toBe('25');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record payment")')]);
    expect(await page.textContent('h1')).toBe('This form was already sent');
    expect(await page.textContent('main')).toContain('This payment was already recorded less than a minute ago.');
    expect(await page.locator('main a.button').getAttribute('href')).toBe(`/deals/${dealId}`);
    expect(await paymentsOf(dealId)).toHaveLength(1);
    await fits(page);
    await page.screenshot({ path: join(ARTIFACTS, 'payment-asked-no-js.png'), fullPage: true });

    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Record it again")')]);
    expect(await page.textContent('.flash')).toBe('Payment recorded.');
    expect(await paymentsOf(dealId)).toHaveLength(2);
    await context.close();
  }, 90_000);
});
