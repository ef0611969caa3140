import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, launchChromium, signInAt } from '../helpers/browser.js';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

const BOSS = { email: 'boss@agency.test', password: 'boss-password-1' };

/** The webhooks page on a 360 px phone in Russian: Send a test, its answer, the log as cards; with and without JavaScript. */
describe.skipIf(!haveBrowser)('the webhooks page on a phone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-webhook-page-'));
  let server: ServerProcess;
  let browser: Browser;
  let receiver: Server;
  let receiverUrl: string;
  let received = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received++;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/a-long-path-that-would-not-fit-on-a-phone-otherwise`;
    // The receiver listens on loopback: the installation allows private addresses.
    server = await startServer({ DATABASE_PATH: join(dir, 'desk.sqlite'), ADMIN_EMAIL: BOSS.email, ADMIN_PASSWORD: BOSS.password, OUTBOX_DIR: join(dir, 'outbox'), WEBHOOK_ALLOW_PRIVATE: 'true' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribe, send a test and read its answer and the log without sideways scrolling', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ru-RU', javaScriptEnabled, extraHTTPHeaders: { 'Accept-Language': 'ru' } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await signInAt(page, server.url, BOSS);
      await page.goto(`${server.url}/webhooks`);
      await page.fill('input[name=url]', `${receiverUrl}-${javaScriptEnabled}`);
      await page.check('input[name="event_deal.created"]');
      await Promise.all([page.waitForNavigation(), page.click('form[action="/webhooks"] button')]);
      expect(await page.inputValue('#webhook-secret')).toMatch(/^whsec_/);
      const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await fits();

      const before = received;
      await page.goto(`${server.url}/webhooks`);
      const card = page.locator('section.webhook', { hasText: `${receiverUrl}-${javaScriptEnabled}` });
      await Promise.all([page.waitForNavigation(), card.locator('button', { hasText: 'Отправить проверку' }).click()]);
      expect(received).toBe(before + 1);
      const answered = page.locator('section.webhook', { hasText: `${receiverUrl}-${javaScriptEnabled}` });
      expect(await answered.locator('[data-tested]').textContent()).toBe('Проверка доставлена: получатель ответил 204.');
      // The log's row reads as labelled lines, inside the screen.
      const cell = answered.locator('.delivery-log td').first();
      expect(await cell.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Событие"');
      await fits();
      expect(problems).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
