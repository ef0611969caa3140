import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, launchChromium, signInAt } from '../helpers/browser.js';
import { havePoppler } from '../helpers/documents.js';
import { jsonClient } from '../helpers/http-client.js';
import { startServerAt, type ServerProcess } from '../helpers/server-process.js';
import { START } from '../helpers/test-app.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots', 'first-day');
const BOSS = { email: 'boss@agency.test', password: 'boss-password-1' };
const OPERATOR = { email: 'operator@agency.test', password: 'operator-password-1' };

/**
 * The agency's first day, from an empty database (no demo): an operator creates the trip,
 * books a new Bulgarian client with two travellers from the roster, records the deposit, and
 * the voucher comes in Bulgarian; then a cancellation, without JavaScript, shows the money first.
 */
describe.skipIf(!haveBrowser)("an operator's first day on a 360 px phone, in Bulgarian", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-first-day-'));
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerAt(START, { DATABASE_PATH: join(dir, 'empty.sqlite'), ADMIN_EMAIL: BOSS.email, ADMIN_PASSWORD: BOSS.password, OUTBOX_DIR: join(dir, 'outbox') });
    const api = jsonClient(server.url);
    const { token } = (await api.post('/api/v1/session', BOSS)).body;
    const created = await api.post('/api/v1/users', { ...OPERATOR, name: 'Елена Операторова', role: 'operator' }, token);
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function phone(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'bg-BG', javaScriptEnabled, acceptDownloads: true, extraHTTPHeaders: { 'Accept-Language': 'bg' } });
    const page = await context.newPage();
    await signInAt(page, server.url, OPERATOR);
    return { context, page };
  }
  const fits = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  let dealUrl = '';
  let departureId = 0;

  it('creates the trip, books a new client with two travellers, records the deposit; the voucher is Bulgarian', async () => {
    const { context, page } = await phone();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    expect(await page.textContent('h1')).toBe('Моят ден');
    expect(await page.textContent('main')).toContain('Днес и утре няма автобуси.');
    await page.click('nav >> text=Екскурзии');
    await page.click('a[href="/departures/new"]');
    await page.fill('input[name=title]', 'Охрид 29.10');
    await page.fill('input[name=departsAt]', '2031-10-29T06:30');
    await page.fill('input[name=meetingPoint]', 'София, НДК');
    await page.fill('input[name=price]', '150,00');
    await page.fill('input[name=deposit]', '50');
    await page.fill('input[name=feeDays0]', '14');
    await page.fill('input[name=feePercent0]', '30');
    await fits(page);
    await page.click('button:has-text("Създай екскурзия")');
    await page.waitForSelector('.flash');
    expect(await page.textContent('h1')).toBe('Охрид 29.10');
    departureId = Number(/\/departures\/(\d+)/.exec(page.url())![1]);

    // A client the agency has never seen: the search finds nobody and offers the form.
    await page.fill('#q', 'Мария Иванова');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Търси")')]);
    expect(await page.getAttribute('details.new-client', 'open')).not.toBeNull();
    expect(await page.inputValue('#nc-name')).toBe('Мария Иванова');
    await page.fill('#nc-phone', '0888 123 456');
    await page.fill('#nc-email', 'maria.ivanova@example.com');
    await page.fill('#nc-seats', '2');
    await fits(page);
    // A viewport shot: a full-page one resizes the page and leaves Chromium's hit-testing stale for the next click.
    await page.screenshot({ path: join(ARTIFACTS, 'roster-new-client.png') });
    await Promise.all([page.waitForURL(/\/deals\/\d+/), page.click('form[action$="/bookings/new-client"] button')]);
    dealUrl = page.url().split('?')[0]!;
    expect(await page.textContent('.flash')).toBe('Резервацията е създадена.');

    await page.fill('input[name=name0]', 'Мария Иванова');
    await page.fill('input[name=name1]', 'Петър Иванов');
    await page.click('button:has-text("Запази пътниците")');
    await page.waitForSelector('.flash');
    expect(await page.textContent('.flash')).toBe('Пътниците са запазени.');

    // A wrong amount is refused beside its field, in Bulgarian, and nothing is recorded.
    await page.fill('input[name=amount]', 'сто');
    await page.click('button:has-text("Запиши плащане")');
    await page.waitForSelector('.field.invalid');
    expect(await page.textContent('.field.invalid .error')).toMatch(/[\u0400-\u04FF]/);
    expect(await page.textContent('[data-testid=paid]')).toMatch(/0,00\s€/u);
    await page.locator('.field.invalid').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'payment-refused-bg.png') });
    await page.fill('input[name=amount]', '100');
    await page.click('button:has-text("Запиши плащане")');
    await page.waitForSelector('.flash');
    expect(await page.textContent('.flash')).toBe('Плащането е записано.');
    expect(await page.textContent('[data-testid=paid]')).toMatch(/100,00\s€/u);
    await fits(page);
    await shot(page, 'deal-deposit-paid');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/voucher.pdf"]')]);
    const pdf = join(dir, 'voucher.pdf');
    await download.saveAs(pdf);
    if (havePoppler) {
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toMatch(/ваучер/i);
      expect(text).toContain('Охрид 29.10');
      expect(text).toContain('Петър Иванов');
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(ARTIFACTS, 'voucher')]);
    } else {
      writeFileSync(join(ARTIFACTS, 'voucher-not-checked.txt'), 'poppler-utils missing: the voucher text was not read');
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('at the bus door on the phone: a tap marks the family boarded without reloading, and the balance is collected', async () => {
    const { context, page } = await phone();
    await page.goto(`${server.url}/departures/${departureId}/boarding`);
    await fits(page);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const row = page.locator('.boarding-row').first();
    await row.locator('button:has-text("Качи се")').click();
    await expect.poll(() => row.getAttribute('data-boarding')).toBe('boarded');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.textContent('[data-count=boarded]')).toContain('1');
    expect(await row.locator('.state').textContent()).toMatch(/^Качен/);
    await page.screenshot({ path: join(ARTIFACTS, 'boarding-phone.png'), fullPage: true });
    await page.click('button:has-text("Събери 200,00")');
    await page.click('[data-cash-dialog] button[value=yes]');
    await expect.poll(() => page.textContent('[data-sync-status]')).toMatch(/Всички промени са изпратени/);
    expect(await page.locator('form[data-collect]:visible').count()).toBe(0);
    // After a reload the mark is still there.
    await page.reload();
    expect(await page.locator('.boarding-row').first().getAttribute('data-boarding')).toBe('boarded');
    await context.close();
  }, 60_000);

  it('without JavaScript, cancelling shows the client, travellers and money first, and the fee from the policy', async () => {
    const { context, page } = await phone(false);
    await page.goto(dealUrl);
    await page.click('a:has-text("Анулиране…")');
    await page.waitForURL(/\/cancel/);
    const text = (await page.textContent('main'))!;
    expect(text).toContain('Мария Иванова');
    expect(text).toContain('Петър Иванов');
    // The deposit and the balance collected at the door.
    expect(text).toMatch(/Платено\s*300,00\s€/u);
    // Years before the trip: no rule reaches that far, so nothing is kept.
    expect(await page.textContent('[data-testid=fee]')).toMatch(/0,00\s€/u);
    await fits(page);
    await shot(page, 'cancel-no-js');
    await page.click('button:has-text("Анулирай резервацията")');
    // The reason is required: the browser keeps the form, nothing is cancelled.
    expect(page.url()).toContain('/cancel');
    await page.fill('#cancel-reason', 'Промяна на плановете');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Анулирай резервацията")')]);
    expect(await page.textContent('.flash')).toBe('Резервацията е анулирана; местата са свободни.');
    await context.close();
  }, 60_000);
});
