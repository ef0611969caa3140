import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, launchChromium, signInAt } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { jsonClient } from '../helpers/http-client.js';
import { runCli } from '../helpers/run-cli.js';
import { startServerAt, type ServerProcess } from '../helpers/server-process.js';
import { START } from '../helpers/test-app.js';
import Database from 'better-sqlite3';
import type { Ctx } from '../../src/domain/context.js';
import { feedbackToken } from '../../src/domain/aftercare/index.js';
import { unsubscribeToken } from '../../src/domain/campaigns/index.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots', 'every-page');
const BOSS = { email: 'boss@agency.test', password: 'boss-password-1' };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [360, 1366] as const;
const LOCALES = ['bg', 'ru', 'en'] as const;

/** Links a traveller gets by mail: a feedback page not answered yet, one answered, and an unsubscribe. */
async function linksOf(file: string) {
  const sqlite = new Database(file);
  try {
    const ctx = { sqlite } as unknown as Ctx;
    const open = await sqlite.prepare(`SELECT deal_id AS id FROM notifications WHERE kind = 'feedback_request' AND deal_id NOT IN (SELECT deal_id FROM feedback) LIMIT 1`).get() as { id: number };
    const answered = await sqlite.prepare('SELECT deal_id AS id FROM feedback LIMIT 1').get() as { id: number };
    const client = await sqlite.prepare('SELECT id FROM contacts WHERE marketing_opt_in = 1 LIMIT 1').get() as { id: number };
    return { open: await feedbackToken(ctx, open.id), answered: await feedbackToken(ctx, answered.id), unsubscribe: await unsubscribeToken(ctx, client.id, null) };
  } finally {
    sqlite.close();
  }
}

interface Problem {
  page: string;
  what: string;
}

/**
 * Every page of the desk, in each language, on a phone and a desktop: nothing wider than
 * the screen, and axe-core finds no serious or critical accessibility violation.
 */
describe.skipIf(!haveBrowser)('every page, every language, both widths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-every-page-'));
  let server: ServerProcess;
  let browser: Browser;
  let pages: { name: string; path: string; who: 'director' | 'operator' | 'manager' | 'nobody' }[] = [];
  let staffIds: number[] = [];
  let token: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(dir, 'desk.sqlite');
    // The demo and the server at one instant of their own: every page looks the same at any hour.
    const demo = await runCli('src/cli/demo.ts', ['--now', new Date(START).toISOString()], { DATABASE_PATH: file, ADMIN_EMAIL: BOSS.email, ADMIN_PASSWORD: BOSS.password });
    if (demo.code !== 0) throw new Error(demo.stderr);
    server = await startServerAt(START, { DATABASE_PATH: file });
    const api = jsonClient(server.url);
    const session = (await api.post('/api/v1/session', BOSS)).body;
    token = session.token;
    const users = (await api.get('/api/v1/users', token)).body.items as { id: number; email: string }[];
    staffIds = users.filter((u) => [BOSS.email, 'elena@demo.tourdesk', 'maria@demo.tourdesk'].includes(u.email)).map((u) => u.id);
    const departures = (await api.get('/api/v1/departures?status=scheduled&limit=50', token)).body.items;
    const busy = departures.reduce((a: any, b: any) => (b.seatsBooked > a.seatsBooked ? b : a));
    const deals = (await api.get(`/api/v1/deals?departureId=${busy.id}&limit=500`, token)).body.items;
    const live = deals.find((d: any) => d.status !== 'cancelled' && d.paidMinor > 0);
    const cancelled = (await api.get('/api/v1/deals?status=cancelled&limit=1', token)).body.items[0];
    const inquiry = (await api.get('/api/v1/inquiries?limit=1', token)).body.items[0];
    // The demo's full trip with a waiting list, and the trip that sells several price categories.
    const full = departures.find((d: any) => d.seatsHeld > 0);
    const priced = departures.find((d: any) => d.prices.length > 2);
    // The demo's trip of two buses: its form, the second bus's seat plan, a booking's page with its move.
    const buses = departures.find((d: any) => d.vehicles.length > 1);
    const onBus = (await api.get(`/api/v1/deals?departureId=${buses.id}&limit=500`, token)).body.items.find((d: any) => d.status !== 'cancelled');
    const campaign = (await api.get('/api/v1/campaigns', token)).body.items[0];
    // The traveller's pages come from links in mails: signed here as the mail would be.
    const links = await linksOf(file);
    // The demo's online bookings: one waiting for its deposit, one paid by card, one cancelled unpaid.
    const online = (await api.get('/api/v1/deals?limit=500', token)).body.items.filter((d: any) => d.source === 'online');
    const bookingPage = (status: (s: string) => boolean) => new URL(online.find((d: any) => status(d.status)).manageUrl).pathname;
    pages = [
      { name: 'my-day', path: '/', who: 'director' },
      { name: 'my-day-operator', path: '/', who: 'operator' },
      { name: 'my-day-manager', path: '/', who: 'manager' },
      { name: 'departures', path: '/departures', who: 'director' },
      { name: 'departures-past', path: '/departures?when=past', who: 'director' },
      { name: 'departure-new', path: '/departures/new', who: 'director' },
      { name: 'roster', path: `/departures/${busy.id}`, who: 'director' },
      { name: 'roster-search', path: `/departures/${busy.id}?q=zzzz`, who: 'director' },
      { name: 'departure-edit', path: `/departures/${busy.id}/edit`, who: 'director' },
      { name: 'roster-waitlist', path: `/departures/${full.id}?q=${encodeURIComponent('а')}`, who: 'manager' },
      { name: 'departure-edit-prices', path: `/departures/${priced.id}/edit`, who: 'director' },
      { name: 'vouchers', path: `/departures/${busy.id}/vouchers`, who: 'director' },
      { name: 'boarding', path: `/departures/${busy.id}/boarding`, who: 'operator' },
      { name: 'seats', path: `/departures/${busy.id}/seats`, who: 'operator' },
      { name: 'departure-edit-buses', path: `/departures/${buses.id}/edit`, who: 'director' },
      { name: 'seats-bus-2', path: `/departures/${buses.id}/seats?vehicleId=${buses.vehicles[1].id}`, who: 'operator' },
      { name: 'deal-bus', path: `/deals/${onBus.id}`, who: 'director' },
      { name: 'deal', path: `/deals/${live.id}`, who: 'director' },
      { name: 'deal-cancelled', path: `/deals/${cancelled.id}`, who: 'director' },
      { name: 'deal-cancel', path: `/deals/${live.id}/cancel`, who: 'director' },
      { name: 'contacts', path: '/contacts', who: 'director' },
      { name: 'contact', path: `/contacts/${live.contactId}`, who: 'director' },
      { name: 'inquiries', path: '/inquiries', who: 'director' },
      { name: 'inquiry', path: `/inquiries/${inquiry.id}`, who: 'director' },
      { name: 'reports', path: '/reports', who: 'director' },
      { name: 'users', path: '/users', who: 'director' },
      { name: 'tasks-team', path: '/tasks?whose=team', who: 'director' },
      { name: 'tasks-operator', path: '/tasks', who: 'operator' },
      { name: 'tasks-done', path: '/tasks?status=done', who: 'manager' },
      { name: 'contacts-stage', path: '/contacts?stage=postsale', who: 'manager' },
      { name: 'campaigns', path: '/campaigns', who: 'director' },
      { name: 'webhooks', path: '/webhooks', who: 'director' },
      { name: 'imports', path: '/imports', who: 'manager' },
      { name: 'import-preview', path: '/imports/2', who: 'manager' },
      { name: 'campaign', path: `/campaigns/${campaign.id}`, who: 'manager' },
      { name: 'feedback', path: `/feedback/${links.open}`, who: 'nobody' },
      { name: 'feedback-answered', path: `/feedback/${links.answered}`, who: 'nobody' },
      { name: 'unsubscribe', path: `/unsubscribe/${links.unsubscribe}`, who: 'nobody' },
      { name: 'login', path: '/login', who: 'director' },
      { name: 'trips', path: '/trips', who: 'nobody' },
      { name: 'trip', path: `/trips/${priced.id}`, who: 'nobody' },
      { name: 'trip-sold-out', path: `/trips/${full.id}`, who: 'nobody' },
      { name: 'booking-page', path: bookingPage((s) => s === 'new'), who: 'nobody' },
      { name: 'booking-page-paid', path: bookingPage((s) => s === 'deposit_paid'), who: 'nobody' },
      { name: 'booking-page-cancelled', path: bookingPage((s) => s === 'cancelled'), who: 'nobody' },
      // The money: the ledger of the demo's months, a manager's own, the cash book, this morning's bank statement.
      { name: 'payments', path: '/payments?from=2026-01-01', who: 'director' },
      { name: 'payments-manager', path: '/payments', who: 'manager' },
      { name: 'cashbook', path: '/reports/cashbook?from=2026-09-01', who: 'director' },
      { name: 'bank', path: '/imports/bank', who: 'director' },
      { name: 'bank-statement', path: '/imports/bank/statements/1', who: 'director' },
    ];
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ACCOUNTS = {
    director: BOSS,
    operator: { email: 'elena@demo.tourdesk', password: DEMO_PASSWORD },
    manager: { email: 'maria@demo.tourdesk', password: DEMO_PASSWORD },
  };

  /** A signed-in browser of that person, in the language their own setting gives. */
  async function signedIn(who: keyof typeof ACCOUNTS, width: number, locale: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale, bypassCSP: true, extraHTTPHeaders: { 'Accept-Language': locale } });
    const page = await context.newPage();
    await signInAt(page, server.url, ACCOUNTS[who]);
    await page.close();
    return context;
  }

  async function check(page: Page, name: string, width: number): Promise<Problem[]> {
    const problems: Problem[] = [];
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > width) {
      // Name the widest element, so the failure says where to look.
      const culprit = await page.evaluate((limit) => {
        let worst = '';
        let right = limit;
        // An element inside a box that scrolls or clips on its own does not widen the page.
        const clipped = (el: Element) => {
          for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== 'visible') return true;
          }
          return false;
        };
        for (const el of Array.from(document.querySelectorAll('body *'))) {
          const box = el.getBoundingClientRect();
          if (clipped(el)) continue;
          if (box.right > right + 0.5 && getComputedStyle(el).position !== 'fixed') {
            right = box.right;
            worst = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
          }
        }
        return `${worst} reaches ${Math.round(right)} px`;
      }, width);
      problems.push({ page: name, what: `page is ${scrollWidth} px wide at ${width} px: ${culprit}` });
    }
    if (width >= 1366) {
      // On a desktop no table is clipped inside its scrolling box either.
      const clippedTables = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.table-wrap'))
          .filter((box) => box.scrollWidth > box.clientWidth + 1)
          .map((box) => `${box.closest('section')?.querySelector('h2')?.textContent ?? 'table'}: ${box.scrollWidth} > ${box.clientWidth}`),
      );
      for (const table of clippedTables) problems.push({ page: name, what: `table clipped at ${width} px: ${table}` });
    }
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    // Serious and critical ones, and headings out of order (moderate for axe, but the issue's own bar).
    for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'heading-order')) {
      problems.push({ page: name, what: `axe ${v.impact} ${v.id}: ${v.targets.join(' | ')}` });
    }
    return problems;
  }

  for (const locale of LOCALES) {
    it(`${locale}: every page fits 360 px and 1366 px, with no serious or critical axe violation`, async () => {
      // Each person's own language wins over the browser's: set it as the language switch would.
      for (const id of staffIds) await jsonClient(server.url).patch(`/api/v1/users/${id}`, { locale }, token);
      const problems: Problem[] = [];
      for (const width of WIDTHS) {
        const tabs = new Map<string, { context: BrowserContext; page: Page }>();
        const tabOf = async (who: (typeof pages)[number]['who'] | 'nobody') => {
          if (!tabs.has(who)) {
            const context = who === 'nobody' ? await browser.newContext({ viewport: { width, height: 800 }, locale, bypassCSP: true, extraHTTPHeaders: { 'Accept-Language': locale } }) : await signedIn(who, width, locale);
            await context.addInitScript({ content: AXE });
            tabs.set(who, { context, page: await context.newPage() });
          }
          return tabs.get(who)!.page;
        };
        for (const entry of pages) {
          const page = await tabOf(entry.name === 'login' ? 'nobody' : entry.who);
          if (entry.who === 'nobody') await page.context().setExtraHTTPHeaders({ 'Accept-Language': locale });
          const response = await page.goto(`${server.url}${entry.path}`);
          if (response?.status() !== 200) problems.push({ page: entry.name, what: `answered ${response?.status()}` });
          problems.push(...(await check(page, `${entry.name} ${locale} ${width}`, width)));
          // Screenshots to look at: the phone in Bulgarian and Russian, and every my-day.
          if ((width === 360 && locale !== 'en') || entry.name.startsWith('my-day')) {
            await page.screenshot({ path: join(ARTIFACTS, `${entry.name}-${locale}-${width}.png`), fullPage: true });
          }
        }
        for (const tab of tabs.values()) await tab.context.close();
      }
      expect(problems, problems.map((p) => `${p.page}: ${p.what}`).join('\n')).toEqual([]);
    }, 300_000);
  }
});
