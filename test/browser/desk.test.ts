import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, launchChromium } from '../helpers/browser.js';
import { jsonClient } from '../helpers/http-client.js';
import { runCli } from '../helpers/run-cli.js';
import { startServerAt, type ServerProcess } from '../helpers/server-process.js';
import { START } from '../helpers/test-app.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const BOSS = { email: 'boss@agency.test', password: 'boss-password-1' };

describe.skipIf(!haveBrowser)('the web desk in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-browser-'));
  let server: ServerProcess;
  let browser: Browser;
  let departureId: number;
  let dealId: number;
  let hostileId: number;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(dir, 'desk.sqlite');
    // The demo and the server at one instant of their own: the desk looks the same at any hour.
    const demo = await runCli('src/cli/demo.ts', ['--now', new Date(START).toISOString()], { DATABASE_PATH: file, ADMIN_EMAIL: BOSS.email, ADMIN_PASSWORD: BOSS.password });
    if (demo.code !== 0) throw new Error(demo.stderr);
    server = await startServerAt(START, { DATABASE_PATH: file });
    const api = jsonClient(server.url);
    const { token } = (await api.post('/api/v1/session', BOSS)).body;
    const departure = (
      await api.post('/api/v1/departures', { title: 'Охрид — браузър', departsAt: '2030-10-29T06:30', meetingPoint: 'София, НДК', seats: 49, priceMinor: 15000, depositMinor: 5000 }, token)
    ).body;
    departureId = departure.id;
    const contact = (await api.post('/api/v1/contacts', { name: 'Стоян Браузъров', phone: '+359 87 700 0001' }, token)).body;
    dealId = (await api.post('/api/v1/deals', { departureId, contactId: contact.id, seats: 2, travellers: [{ name: 'Стоян Браузъров' }] }, token)).body.id;
    hostileId = (await api.post('/api/v1/contacts', { name: '<script>alert("x")</script> Hacker', email: 'hacker@example.com' }, token)).body.id;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function newPage(width: number, height: number): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      if (!dialog.message().startsWith('Cancel')) problems.push(`dialog: ${dialog.message()}`);
      void dialog.accept();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    return { page, problems };
  }

  async function signIn(page: Page) {
    await page.goto(`${server.url}/`);
    await expect(page.url()).toContain('/login');
    await page.fill('input[name=email]', BOSS.email);
    await page.fill('input[name=password]', BOSS.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/`);
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('signs in, opens my day and a roster, records a payment through the form and sees the deal move tabs', async () => {
    const { page, problems } = await newPage(1280, 900);
    await signIn(page);
    await expect(await page.textContent('h1')).toBe('My day');
    await shot(page, 'desktop-my-day');

    await page.click('nav >> text=Departures');
    await expect(await page.textContent('h1')).toBe('Upcoming departures');
    await shot(page, 'desktop-departures');

    await page.goto(`${server.url}/departures/${departureId}`);
    const row = page.locator(`tr[data-deal="${dealId}"]`);
    await expect(await row.locator('.badge').textContent()).toBe('New');
    await row.locator('summary', { hasText: 'Record payment' }).click();
    await row.locator('input[name=amount]').fill('100,00');
    await row.locator('select[name=method]').selectOption('card');
    await row.locator('button', { hasText: 'Record payment' }).click();
    await page.waitForSelector('.flash');
    await expect(await page.textContent('.flash')).toBe('Payment recorded.');
    await expect(await page.locator(`tr[data-deal="${dealId}"] .badge`).textContent()).toBe('Deposit paid');
    await shot(page, 'desktop-roster');

    await page.click('.tabs a[data-status="deposit_paid"]');
    expect(await page.locator(`tr[data-deal="${dealId}"]`).count()).toBe(1);
    expect(await page.locator('.tabs a[data-status="new"]').count()).toBe(0);

    await page.goto(`${server.url}/deals/${dealId}`);
    await expect(await page.textContent('[data-testid=paid]')).toBe('€100.00');
    // stages are shown by their own facts: a deposit paid before any documents leaves those open
    expect(await page.getAttribute('li[data-stage=deposit_paid]', 'class')).toBe('done');
    expect(await page.getAttribute('li[data-stage=documents_sent]', 'class')).toBeNull();
    await shot(page, 'desktop-deal');
    expect(problems).toEqual([]);
  }, 60_000);

  it('pays the balance on the deal page and sends the voucher from there', async () => {
    const { page, problems } = await newPage(1280, 900);
    await signIn(page);
    await page.goto(`${server.url}/deals/${dealId}`);
    await page.fill('input[name=amount]', '200');
    await page.click('button:has-text("Record payment")');
    await page.waitForSelector('.flash');
    await page.click('button:has-text("Send voucher")');
    await page.waitForSelector('.flash');
    expect(await page.textContent('.flash')).toBe('The client has no e-mail address: hand the voucher over by other means.');
    expect(await page.textContent('main')).toContain('no e-mail address');
    const download = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Voucher (PDF)")')]);
    expect(download[0].suggestedFilename()).toMatch(/^TD-\d{6}-[0-9A-F]{6}\.pdf$/);
    await shot(page, 'desktop-deal-paid');
    expect(problems).toEqual([]);
  }, 60_000);

  it('takes a phone inquiry to a booking through the pages, warning of the duplicate on the way', async () => {
    const { page, problems } = await newPage(1280, 900);
    await signIn(page);
    await page.click('nav >> text=Inquiries');
    await expect(await page.textContent('h1')).toBe('Inquiries');
    await page.click('summary:has-text("New inquiry")');
    await page.fill('#f-name', 'Дарина Звънова');
    await page.fill('#f-phone', '0887 300 301');
    await page.fill('#f-message', 'Охрид за двама');
    await page.selectOption('#f-source', 'phone');
    await page.click('button:has-text("Save inquiry")');
    await page.waitForSelector('.flash');
    expect(await page.textContent('.flash')).toBe('Inquiry saved.');
    const inquiryUrl = page.url();

    // She calls again: the form names her open inquiry before adding to it.
    await page.goto(`${server.url}/inquiries`);
    await page.click('summary:has-text("New inquiry")');
    await page.fill('#f-name', 'Дарина');
    await page.fill('#f-phone', '+359887300301');
    await page.fill('#f-message', 'и Струга');
    await page.click('button:has-text("Save inquiry")');
    await page.waitForSelector('.flash.warn');
    expect(await page.textContent('.flash.warn')).toContain('already has an open inquiry');
    await shot(page, 'desktop-inquiry-duplicate');
    await page.click('button:has-text("Add to the open inquiry")');
    await page.waitForSelector('.flash');
    expect(page.url().split('?')[0]).toBe(inquiryUrl.split('?')[0]);
    expect(await page.textContent('main')).toContain('и Струга');

    await page.click('button:has-text("Selecting an offer")');
    await page.waitForSelector('.flash');
    await page.click('button:has-text("Offer made")');
    await page.waitForSelector('.flash');
    expect(await page.textContent('main')).toContain('Offer open until');
    await page.selectOption('#f-departureId', String(departureId));
    await page.fill('#f-seats', '2');
    await shot(page, 'desktop-inquiry');
    await page.click('form[action$="/book"] button');
    await page.waitForURL(/\/deals\/\d+/);
    expect(await page.textContent('.flash')).toBe('Booked: the inquiry is closed as a booking.');
    expect(await page.textContent('h1')).toContain('Дарина Звънова');

    await page.goto(`${server.url}/inquiries`);
    expect(await page.textContent('section[data-status="booked"]')).toContain('Дарина Звънова');
    await shot(page, 'desktop-inquiries-board');
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows a bad amount next to its field and keeps the rest of the input', async () => {
    const { page } = await newPage(1280, 900);
    await signIn(page);
    await page.goto(`${server.url}/deals/${dealId}`);
    await page.fill('input[name=amount]', 'a lot');
    await page.click('button:has-text("Record payment")');
    await page.waitForSelector('.field.invalid');
    expect(await page.inputValue('input[name=amount]')).toBe('a lot');
    expect(await page.textContent('.field.invalid .error')).toContain('Enter an amount');
  }, 60_000);

  it('shows a client named <script> as text', async () => {
    const { page, problems } = await newPage(1280, 900);
    await signIn(page);
    await page.goto(`${server.url}/contacts/${hostileId}`);
    expect(await page.textContent('h1')).toBe('<script>alert("x")</script> Hacker');
    expect(problems).toEqual([]);
  }, 60_000);

  it('switches to Russian and stays in Russian', async () => {
    const { page } = await newPage(1280, 900);
    await signIn(page);
    await page.selectOption('#lang', 'ru');
    await page.waitForSelector('.flash');
    expect(await page.textContent('.flash')).toBe('Язык изменён.');
    expect(await page.textContent('h1')).toBe('Мой день');
    await page.click('nav >> text=Выезды');
    expect(await page.textContent('h1')).toBe('Ближайшие выезды');
    await shot(page, 'desktop-departures-ru');
    await page.selectOption('#lang', 'en');
    await page.waitForSelector('.flash');
  }, 60_000);

  it('works on a phone screen', async () => {
    const { page, problems } = await newPage(390, 844);
    await signIn(page);
    await shot(page, 'phone-my-day');
    await page.goto(`${server.url}/departures`);
    await shot(page, 'phone-departures');
    await page.goto(`${server.url}/departures/${departureId}`);
    await shot(page, 'phone-roster');
    await page.goto(`${server.url}/deals/${dealId}`);
    await shot(page, 'phone-deal');
    await page.goto(`${server.url}/contacts`);
    await shot(page, 'phone-contacts');
    await page.goto(`${server.url}/users`);
    await shot(page, 'phone-users');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  }, 60_000);

  it('works without JavaScript for the core flow', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.url}/deals/${dealId}`);
    await page.click('button:has-text("Documents received")');
    await page.waitForSelector('.flash');
    expect(await page.textContent('.flash')).toBe('Documents recorded.');
    await page.goto(`${server.url}/contacts`);
    await shot(page, 'desktop-contacts');
    await page.goto(`${server.url}/users`);
    await shot(page, 'desktop-users');
    await page.goto(`${server.url}/login`);
  }, 60_000);

  it('creates "Охрид 29.10" from the departures board on a 360 px phone in Bulgarian, then copies it', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'bg-BG', extraHTTPHeaders: { 'Accept-Language': 'bg' } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await signIn(page);
    await page.goto(`${server.url}/departures`);
    // The director's own language setting wins over the browser's: choose Bulgarian as a user would.
    await Promise.all([page.waitForNavigation(), page.selectOption('#lang', 'bg')]);
    await page.click('a[href="/departures/new"]');
    await expect(await page.textContent('h1')).toBe('Нова екскурзия');
    await page.fill('input[name=title]', 'Охрид 29.10');
    await page.fill('input[name=destination]', 'Охрид');
    await page.fill('input[name=departsAt]', '2031-10-29T06:30');
    await page.fill('input[name=meetingPoint]', 'София, НДК');
    await page.fill('input[name=seats]', '49');
    await page.fill('input[name=price]', '150,00');
    await page.fill('input[name=deposit]', '50');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(360);
    await shot(page, 'phone-departure-new-bg');
    await page.click('button:has-text("Създай екскурзия")');
    await page.waitForSelector('.flash');
    await expect(await page.textContent('.flash')).toBe('Екскурзията е създадена.');
    await expect(await page.textContent('h1')).toContain('Охрид 29.10');
    await page.click('a:has-text("Промени екскурзията")');
    await page.fill('#copy-departsAt', '2032-10-29T06:30');
    await page.click('button:has-text("Копирай")');
    await page.waitForSelector('.flash');
    await expect(await page.textContent('.flash')).toBe('Екскурзията е копирана за новата дата.');
    await shot(page, 'phone-departure-copied-bg');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
