import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, launchChromium, signInAt } from '../helpers/browser.js';
import { havePoppler } from '../helpers/documents.js';
import { cuttableProxy } from '../helpers/cuttable-proxy.js';
import { jsonClient } from '../helpers/http-client.js';
import { startServerAt, type ServerProcess } from '../helpers/server-process.js';
import { START } from '../helpers/test-app.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots', 'door-offline');
const BOSS = { email: 'boss@agency.test', password: 'boss-password-1' };
const GUIDES = [
  { email: 'elena@agency.test', name: 'Елена', password: 'guide-password-1', locale: 'bg' },
  { email: 'oleg@agency.test', name: 'Олег', password: 'guide-password-2', locale: 'ru' },
] as const;

/**
 * The bus door at a parking lot without signal, on a 360 px phone: the boarding page opened
 * once keeps working offline (marks, a family in one tap, cash with a confirmation), survives
 * a reload without a network, and sends everything exactly once when the network returns;
 * two guides' phones on one bus agree after both reconnect; the camera's decoder reads a
 * voucher from a photo of it.
 */
describe.skipIf(!haveBrowser)('the bus door without signal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-door-'));
  let server: ServerProcess;
  /** What the phones reach the server through: a line that can be cut. */
  let line: Awaited<ReturnType<typeof cuttableProxy>>;
  let browser: Browser;
  let token: string;
  let departureId = 0;
  let otherDepartureId = 0;
  const deals = {} as Record<'petrovi' | 'koleva' | 'georgiev' | 'ivanova' | 'elsewhere', number>;

  const api = () => jsonClient(server.url);
  const travellersOf = async (dealId: number) => (await api().get(`/api/v1/deals/${dealId}`, token)).body.travellers as { id: number; name: string; boarding: string }[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerAt(START, { DATABASE_PATH: join(dir, 'door.sqlite'), ADMIN_EMAIL: BOSS.email, ADMIN_PASSWORD: BOSS.password, OUTBOX_DIR: join(dir, 'outbox') });
    token = (await api().post('/api/v1/session', BOSS)).body.token;
    for (const guide of GUIDES) expect((await api().post('/api/v1/users', { ...guide, role: 'operator' }, token)).status).toBe(201);
    const departure = await api().post('/api/v1/departures', { title: 'Рилски манастир', departsAt: '2026-11-22T10:00', meetingPoint: 'София, НДК', seats: 40, priceMinor: 6000, depositMinor: 2000 }, token);
    departureId = departure.body.id;
    otherDepartureId = (await api().post('/api/v1/departures', { title: 'Мелник', departsAt: '2026-12-19T07:30', meetingPoint: 'София, НДК', seats: 40, priceMinor: 5000, depositMinor: 2000 }, token)).body.id;
    const book = async (key: keyof typeof deals, name: string, phone: string, travellers: string[], paidMinor: number, departure = departureId) => {
      const contact = (await api().post('/api/v1/contacts', { name, phone }, token)).body;
      const deal = (await api().post('/api/v1/deals', { departureId: departure, contactId: contact.id, seats: travellers.length, travellers: travellers.map((n) => ({ name: n })) }, token)).body;
      if (paidMinor) await api().post(`/api/v1/deals/${deal.id}/payments`, { amountMinor: paidMinor, method: 'bank_transfer' }, token);
      deals[key] = deal.id;
    };
    await book('petrovi', 'Иван Петров', '+359888100200', ['Иван Петров', 'Елена Петрова', 'Калина Петрова'], 18000);
    await book('koleva', 'Мария Колева', '+359888300400', ['Мария Колева'], 2000);
    await book('georgiev', 'Георги Георгиев', '+359888500600', ['Георги Георгиев'], 6000);
    await book('ivanova', 'Анна Иванова', '+359888700800', ['Анна Иванова', 'Олег Иванов'], 12000);
    await book('elsewhere', 'Стоян Стоянов', '+359888900100', ['Стоян Стоянов'], 5000, otherDepartureId);
    line = await cuttableProxy(server.url);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await line?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function phone(guide: (typeof GUIDES)[number]): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: guide.locale === 'bg' ? 'bg-BG' : 'ru-RU' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await signInAt(page, line.url, guide);
    return { context, page, problems };
  }

  /** Opens the boarding page and waits until the phone keeps a copy of it for use offline. */
  async function openDoor(page: Page) {
    await page.goto(`${line.url}/departures/${departureId}/boarding`);
    await page.waitForFunction(async (path) => Boolean(navigator.serviceWorker.controller || (await navigator.serviceWorker.ready)) && Boolean(await caches.match(path)), `/departures/${departureId}/boarding`, { timeout: 15_000 });
  }
  const row = (page: Page, name: string) => page.locator('.boarding-row', { has: page.locator('strong', { hasText: name }) });
  const waiting = (page: Page) => page.locator('[data-sync-status]').getAttribute('data-waiting');
  const fits = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  /**
   * No signal: the browser's offline mode (navigator.onLine, the page's own requests) and the
   * line to the server cut (what the service worker passes on, which that mode does not hold).
   */
  const offline = async (context: BrowserContext) => {
    await context.setOffline(true);
    line.cut();
  };
  /** The network came back: the page hears it at once (the browser's own event, as a phone's). */
  const online = async (context: BrowserContext, page: Page) => {
    line.restore();
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
  };

  it('offline: five marks and one balance kept through a reload, sent once when the network returns', async () => {
    const { context, page, problems } = await phone(GUIDES[0]);
    await openDoor(page);
    await fits(page);
    const paymentsBefore = (await api().get(`/api/v1/deals/${deals.koleva}`, token)).body.payments.length;

    await offline(context);
    // A family of three in one tap.
    await row(page, 'Иван Петров').locator('form[data-board-all] button').click();
    await row(page, 'Георги Георгиев').locator('form[data-mark=boarded] button').click();
    await row(page, 'Анна Иванова').locator('form[data-mark=no_show] button').click();
    // The balance at the door: the confirmation names the amount.
    await row(page, 'Мария Колева').locator('form[data-collect] button').click();
    const question = (await page.textContent('[data-cash-question]'))!;
    expect(question).toContain('40,00');
    expect(question).toContain('Мария Колева');
    await page.click('[data-cash-dialog] button[value=yes]');
    await expect.poll(() => waiting(page)).toBe('4');
    expect(await page.textContent('[data-sync-status]')).toMatch(/4 промени чакат изпращане/);
    expect(await page.textContent('[data-total=boarded]')).toContain('4');
    expect(await page.textContent('[data-total=no_show]')).toContain('1');
    expect(await page.textContent('[data-total=cash]')).toContain('40,00');
    expect(await row(page, 'Мария Колева').locator('form[data-collect]').isHidden()).toBe(true);
    expect(await row(page, 'Калина Петрова').getAttribute('data-boarding')).toBe('boarded');
    // Undo only on a marked traveller.
    expect(await row(page, 'Мария Колева').locator('form[data-mark=expected]').isVisible()).toBe(false);
    expect(await row(page, 'Анна Иванова').locator('form[data-mark=expected]').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'offline-bg-360.png'), fullPage: true });

    // Reloaded without a network: the kept page, the kept changes.
    expect((await travellersOf(deals.petrovi)).map((t) => t.boarding)).toEqual(['expected', 'expected', 'expected']);
    await page.reload();
    await expect.poll(() => waiting(page)).toBe('4');
    expect(await row(page, 'Елена Петрова').getAttribute('data-boarding')).toBe('boarded');
    expect(await row(page, 'Анна Иванова').getAttribute('data-boarding')).toBe('no_show');
    expect(await page.textContent('[data-total=cash]')).toContain('40,00');
    // Nothing reached the server yet.
    expect((await travellersOf(deals.petrovi)).map((t) => t.boarding)).toEqual(['expected', 'expected', 'expected']);

    await online(context, page);
    await expect.poll(() => waiting(page), { timeout: 15_000 }).toBe('0');
    expect((await travellersOf(deals.petrovi)).map((t) => t.boarding)).toEqual(['boarded', 'boarded', 'boarded']);
    expect((await travellersOf(deals.georgiev)).map((t) => t.boarding)).toEqual(['boarded']);
    expect((await travellersOf(deals.ivanova)).map((t) => t.boarding)).toEqual(['no_show', 'expected']);
    expect((await travellersOf(deals.koleva)).map((t) => t.boarding)).toEqual(['expected']);
    const koleva = (await api().get(`/api/v1/deals/${deals.koleva}`, token)).body;
    expect(koleva.payments.length).toBe(paymentsBefore + 1);
    expect(koleva.payments.at(-1)).toMatchObject({ amountMinor: 4000, method: 'cash', kind: 'payment' });
    expect(koleva.balanceMinor ?? koleva.priceMinor - koleva.paidMinor).toBe(0);
    // Sent again (a lost answer, a second tab): nothing twice.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.reload();
    await expect.poll(() => waiting(page)).toBe('0');
    expect(await page.locator('[data-sync-status]').isHidden()).toBe(true);
    expect((await api().get(`/api/v1/deals/${deals.koleva}`, token)).body.payments.length).toBe(paymentsBefore + 1);
    expect(await row(page, 'Иван Петров').locator('.state').textContent()).toMatch(/^Качен \d\d:\d\d · Елена$/);
    expect(await row(page, 'Елена Петрова').locator('.state').textContent()).toMatch(/^Качена/);
    expect(await row(page, 'Мария Колева').locator('ul.receipts').textContent()).toMatch(/В брой 40,00.*Елена/);
    await page.screenshot({ path: join(ARTIFACTS, 'synced-bg-360.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('two phones on one bus, both offline, agree after both reconnect; the clash is shown plainly', async () => {
    const a = await phone(GUIDES[0]);
    const b = await phone(GUIDES[1]);
    await openDoor(a.page);
    await openDoor(b.page);
    await offline(a.context);
    await offline(b.context);
    // Both see Олег Иванов expected; one boards him, the other marks him a no-show.
    await row(a.page, 'Олег Иванов').locator('form[data-mark=boarded] button').click();
    await row(b.page, 'Олег Иванов').locator('form[data-mark=no_show] button').click();
    // Each marks someone else too.
    await row(a.page, 'Анна Иванова').locator('form[data-mark=expected] button').click();
    await row(b.page, 'Мария Колева').locator('form[data-mark=boarded] button').click();
    expect(await b.page.locator('[data-sync-status]').textContent()).toMatch(/2 изменения ждут отправки/);
    await fits(b.page);
    await b.page.screenshot({ path: join(ARTIFACTS, 'offline-ru-360.png'), fullPage: true });

    await online(a.context, a.page);
    await expect.poll(() => waiting(a.page), { timeout: 15_000 }).toBe('0');
    await online(b.context, b.page);
    await expect.poll(() => waiting(b.page), { timeout: 15_000 }).toBe('0');
    // The phone that came second is told: Олег was marked boarded by Елена; its no-show was not applied.
    const conflict = b.page.locator('[data-conflicts] li');
    await expect.poll(() => conflict.count()).toBe(1);
    expect(await conflict.textContent()).toMatch(/Олег Иванов: «Сел» — отметка Елена в \d\d:\d\d; ваша отметка «Не явился» не применена/);
    await b.page.screenshot({ path: join(ARTIFACTS, 'conflict-ru-360.png'), fullPage: true });
    // The first phone hears of the second's marks on its next exchange.
    await a.page.evaluate(() => window.dispatchEvent(new Event('online')));
    const marks = async (page: Page) => page.$$eval('.boarding-row[data-traveller]', (rows) => rows.map((r) => `${(r as HTMLElement).dataset.traveller}:${(r as HTMLElement).dataset.boarding}`).sort());
    await expect.poll(async () => JSON.stringify(await marks(a.page))).toBe(JSON.stringify(await marks(b.page)));
    expect((await travellersOf(deals.ivanova)).map((t) => t.boarding)).toEqual(['expected', 'boarded']);
    expect((await travellersOf(deals.koleva)).map((t) => t.boarding)).toEqual(['boarded']);
    // Keeping their mark clears the notice; nothing more is sent.
    await conflict.locator('button').first().click();
    expect(await b.page.locator('[data-conflicts]').isHidden()).toBe(true);
    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.context.close();
    await b.context.close();
  }, 120_000);

  it.skipIf(!havePoppler)('the scanner reads a photo of a voucher: this bus jumps to the booking, another bus says which', async () => {
    const { context, page, problems } = await phone(GUIDES[1]);
    await openDoor(page);
    const photo = async (dealId: number) => {
      const response = await fetch(`${server.url}/api/v1/deals/${dealId}/voucher.pdf`, { headers: { Authorization: `Bearer ${token}` } });
      const pdf = join(dir, `voucher-${dealId}.pdf`);
      writeFileSync(pdf, Buffer.from(await response.arrayBuffer()));
      execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, `voucher-${dealId}`)]);
      return join(dir, `voucher-${dealId}.png`);
    };
    await page.click('[data-scan]');
    // Headless Chromium has no camera: the scanner says so and offers a photo instead.
    await expect.poll(() => page.textContent('[data-scan-message]')).toMatch(/Камера недоступна/);
    await page.setInputFiles('[data-scan-photo]', await photo(deals.georgiev));
    await expect.poll(() => page.locator('.boarding-row.found').count()).toBeGreaterThan(0);
    expect(await page.locator('.boarding-row.found strong').textContent()).toBe('Георги Георгиев');
    expect(await page.locator('[data-scanner]').getAttribute('open')).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'scan-found-ru-360.png') });

    await page.click('[data-scan]');
    await page.setInputFiles('[data-scan-photo]', await photo(deals.elsewhere));
    await expect.poll(() => page.textContent('[data-scan-message]')).toMatch(/на «Мелник»/);
    await page.screenshot({ path: join(ARTIFACTS, 'scan-elsewhere-ru-360.png') });
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

/**
 * A YUV4MPEG2 video (what Chromium's fake camera plays) of one still picture: the PNG's
 * pixels as 4:2:0 frames, so the page's camera sees a voucher held in front of it.
 */
function stillVideo(png: Buffer, frames = 5): Buffer {
  const image = PNG.sync.read(png);
  const width = image.width - (image.width % 2);
  const height = image.height - (image.height % 2);
  const luma = Buffer.alloc(width * height);
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * image.width + x) * 4;
      luma[y * width + x] = Math.round(0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!);
    }
  }
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]);
}

describe.skipIf(!haveBrowser || !havePoppler)('the camera at the bus door', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-camera-'));
  let server: ServerProcess;

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Scan opens the camera, which reads the voucher held in front of it and jumps to that booking', async () => {
    server = await startServerAt(START, { DATABASE_PATH: join(dir, 'camera.sqlite'), ADMIN_EMAIL: BOSS.email, ADMIN_PASSWORD: BOSS.password, OUTBOX_DIR: join(dir, 'outbox') });
    const api = jsonClient(server.url);
    const token = (await api.post('/api/v1/session', BOSS)).body.token;
    const departureId = (await api.post('/api/v1/departures', { title: 'Копривщица', departsAt: '2026-11-22T10:00', meetingPoint: 'София', seats: 20, priceMinor: 4000, depositMinor: 1000 }, token)).body.id;
    const dealIds: number[] = [];
    for (const name of ['Петър Стоянов', 'Весела Димитрова', 'Христо Ботев']) {
      const contact = (await api.post('/api/v1/contacts', { name, phone: `+35988812${String(dealIds.length).padStart(4, '0')}` }, token)).body;
      dealIds.push((await api.post('/api/v1/deals', { departureId, contactId: contact.id, seats: 1, travellers: [{ name }] }, token)).body.id);
    }
    const wanted = dealIds[1]!;
    const pdf = join(dir, 'voucher.pdf');
    writeFileSync(pdf, Buffer.from(await (await fetch(`${server.url}/api/v1/deals/${wanted}/voucher.pdf`, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer()));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, 'voucher')]);
    const video = join(dir, 'voucher.y4m');
    writeFileSync(video, stillVideo(readFileSync(join(dir, 'voucher.png'))));

    const browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    try {
      const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'bg-BG', permissions: ['camera'] });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await signInAt(page, server.url, BOSS);
      await page.goto(`${server.url}/departures/${departureId}/boarding`);
      await page.click('[data-scan]');
      await expect.poll(() => page.locator('.boarding-row.found').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.locator('.boarding-row.found strong').textContent()).toBe('Весела Димитрова');
      expect(await page.locator('[data-scanner]').getAttribute('open')).toBeNull();
      // The camera is let go once the code is read.
      expect(await page.evaluate(() => (document.querySelector('[data-scan-video]') as HTMLVideoElement).srcObject)).toBeNull();
      await page.screenshot({ path: join(ARTIFACTS, 'camera-found-bg-360.png') });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
