import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, launchChromium, signInAt } from '../helpers/browser.js';
import { jsonClient } from '../helpers/http-client.js';
import { startServerAt, type ServerProcess } from '../helpers/server-process.js';
import { START } from '../helpers/test-app.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots', 'bus-day');
const BOSS = { email: 'boss@agency.test', password: 'boss-password-1' };

/**
 * The bus of "Охрид 29.10" in the pages on a 360 px phone, in Bulgarian: two stops made in
 * the form, a booking on each, seating that keeps each family together, the Пловдив stop
 * moved, and the guide at the door marking a family boarded and collecting 60,00 €.
 */
describe.skipIf(!haveBrowser)('a day of the bus on a phone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-bus-day-'));
  let server: ServerProcess;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerAt(START, { DATABASE_PATH: join(dir, 'bus.sqlite'), ADMIN_EMAIL: BOSS.email, ADMIN_PASSWORD: BOSS.password, OUTBOX_DIR: join(dir, 'outbox') });
    token = (await jsonClient(server.url).post('/api/v1/session', BOSS)).body.token;
    await jsonClient(server.url).patch('/api/v1/users/1', { locale: 'bg' }, token);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const fits = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  it('stops, seats and boarding, start to end', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'bg-BG' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await signInAt(page, server.url, BOSS);

    await page.goto(`${server.url}/departures/new`);
    await page.fill('input[name=title]', 'Охрид 29.10');
    await page.fill('input[name=departsAt]', '2031-10-29T06:30');
    await page.fill('input[name=meetingPoint]', 'София, НДК');
    await page.fill('input[name=price]', '150');
    await page.fill('input[name=deposit]', '50');
    await page.fill('input[name=stopName0]', 'София, НДК');
    await page.fill('input[name=stopTime0]', '06:30');
    await page.fill('input[name=stopName1]', 'Пловдив');
    await page.fill('input[name=stopTime1]', '08:00');
    await fits(page);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Създай екскурзия")')]);
    const departureId = Number(/\/departures\/(\d+)/.exec(page.url())![1]);
    const departure = (await jsonClient(server.url).get(`/api/v1/departures/${departureId}`, token)).body;
    expect(departure.stops.map((s: { name: string; offsetMinutes: number }) => [s.name, s.offsetMinutes])).toEqual([['София, НДК', 0], ['Пловдив', 90]]);

    // A family on each stop, booked from the roster as new clients.
    const book = async (name: string, phone: string, seats: string, stop: number) => {
      await page.goto(`${server.url}/departures/${departureId}?q=${encodeURIComponent(name)}`);
      await page.fill('#nc-phone', phone);
      await page.fill('#nc-seats', seats);
      await page.selectOption('#nc-stop', String(departure.stops[stop].id));
      await Promise.all([page.waitForURL(/\/deals\/\d+/), page.click('form[action$="/bookings/new-client"] button')]);
      return Number(/\/deals\/(\d+)/.exec(page.url())![1]);
    };
    const sofia = await book('Иван Петров', '0888 100 200', '2', 0);
    const plovdiv = await book('Мария Колева', '0888 300 400', '3', 1);
    for (const [dealId, names] of [[sofia, ['Иван Петров', 'Елена Петрова']], [plovdiv, ['Мария Колева', 'Петър Колев', 'Ива Колева']]] as const) {
      await jsonClient(server.url).patch(`/api/v1/deals/${dealId}`, { travellers: names.map((name) => ({ name })) }, token);
    }
    await jsonClient(server.url).post(`/api/v1/deals/${plovdiv}/payments`, { amountMinor: 39000, method: 'bank_transfer' }, token);

    await page.goto(`${server.url}/departures/${departureId}/seats`);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Настани ги")')]);
    expect(await page.textContent('main')).toContain('Всички имат място.');
    await fits(page);
    await page.screenshot({ path: join(ARTIFACTS, 'seat-map-phone.png'), fullPage: true });
    const seatsOf = async (dealId: number) => (await jsonClient(server.url).get(`/api/v1/deals/${dealId}`, token)).body.travellers.map((t: { seat: number }) => t.seat);
    expect(await seatsOf(sofia)).toEqual([1, 2]);
    expect(await seatsOf(plovdiv)).toEqual([5, 6, 7]);

    // Пловдив moves to 08:15 on the edit page: the stop keeps its bookings.
    await page.goto(`${server.url}/departures/${departureId}/edit`);
    await page.fill('input[name=stopTime1]', '08:15');
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/edit"] button[type=submit]')]);
    const moved = (await jsonClient(server.url).get(`/api/v1/departures/${departureId}`, token)).body;
    expect(moved.stops[1]).toMatchObject({ id: departure.stops[1].id, offsetMinutes: 105 });

    // The guide at the Пловдив stop: the family boards, 60,00 € collected at the door.
    await page.goto(`${server.url}/departures/${departureId}/boarding`);
    await fits(page);
    const section = page.locator(`section[data-stop="${departure.stops[1].id}"]`);
    expect(await section.locator('h2').textContent()).toContain('08:15');
    for (const row of await section.locator('.boarding-row').all()) {
      await row.locator('button:has-text("Качи се")').click();
      await expect.poll(() => row.getAttribute('data-boarding')).toBe('boarded');
    }
    expect(await section.locator('[data-count=boarded]').textContent()).toContain('3');
    await page.screenshot({ path: join(ARTIFACTS, 'boarding-phone.png'), fullPage: true });
    // The cash: a confirmation that names the amount, taken in the background.
    await section.locator('button:has-text("Събери 60,00")').click();
    expect(await page.textContent('[data-cash-question]')).toMatch(/60,00.*Мария Колева/);
    await page.click('[data-cash-dialog] button[value=yes]');
    await expect.poll(() => page.textContent('[data-sync-status]')).toMatch(/Всички промени са изпратени/);
    const report = (await jsonClient(server.url).get(`/api/v1/reports/departures/${departureId}`, token)).body;
    expect(report.collectedMinor).toBe(45000);
    const list = (await jsonClient(server.url).get(`/api/v1/departures/${departureId}/boarding`, token)).body;
    expect(list.stops[1]).toMatchObject({ total: 3, boarded: 3, noShow: 0 });
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
