/**
 * A traveller on a 360 px phone, in Bulgarian and in Russian: finds a trip on /trips, books an
 * adult and a child, lands on their booking page, pays the deposit at the card provider (its
 * stand-in in its own process, speaking the Checkout API and signing its webhook), sees it
 * paid, fills in the passports; then the manager sees it all on the desk.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, launchChromium, signInAt } from '../helpers/browser.js';
import { startCheckoutStandin, stopCheckoutStandins, type CheckoutStandin } from '../helpers/checkout-standin.js';
import { jsonClient } from '../helpers/http-client.js';
import { startServerAt, type ServerProcess } from '../helpers/server-process.js';
import { START } from '../helpers/test-app.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots', 'online-booking');
const BOSS = { email: 'boss@agency.test', password: 'boss-password-1' };
const MANAGER = { email: 'maria@agency.test', name: 'Мария', password: 'manager-password-1', locale: 'bg', role: 'manager' };

/** A port free now: the provider's stand-in must know the desk's address before the desk starts. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe.skipIf(!haveBrowser)('a traveller books and pays on their phone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tourdesk-online-'));
  let server: ServerProcess;
  let standin: CheckoutStandin;
  let browser: Browser;
  let token: string;
  let tripId = 0;
  const api = () => jsonClient(server.url);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const port = await freePort();
    standin = await startCheckoutStandin({ webhookUrl: `http://127.0.0.1:${port}/api/v1/public/payments/webhook` });
    server = await startServerAt(START, {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_PATH: join(dir, 'agency.sqlite'),
      OUTBOX_DIR: join(dir, 'outbox'),
      ADMIN_EMAIL: BOSS.email,
      ADMIN_PASSWORD: BOSS.password,
      PAYMENT_PROVIDER_URL: standin.url,
      PAYMENT_PROVIDER_KEY: standin.apiKey,
      PAYMENT_WEBHOOK_SECRET: standin.secret,
    });
    token = (await api().post('/api/v1/session', BOSS)).body.token;
    const manager = (await api().post('/api/v1/users', MANAGER, token)).body;
    const trip = await api().post(
      '/api/v1/departures',
      {
        title: 'Мелник и Роженски манастир',
        destination: 'Мелник',
        departsAt: '2027-05-15T07:00',
        returnsAt: '2027-05-15T21:00',
        meetingPoint: 'София, НДК',
        seats: 40,
        priceMinor: 6000,
        depositMinor: 2000,
        prices: [{ category: 'child', label: 'Дете до 12 г.', priceMinor: 3000, depositMinor: 1000 }],
        stops: [
          { name: 'София, НДК', address: 'паркинг А', offsetMinutes: 0 },
          { name: 'Перник, автогара', offsetMinutes: 40 },
        ],
        managerId: manager.id,
        public: true,
        description: 'Най-малкият град в България.\nДегустация във винарна и Роженският манастир.',
      },
      token,
    );
    expect(trip.status).toBe(201);
    tripId = trip.body.id;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    stopCheckoutStandins();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  for (const [locale, client] of [
    ['bg', { name: 'Десислава Колева', phone: '+359 88 765 4321', email: 'desi@example.test', child: 'Никола Колев', passports: ['641234567', '649876543'] }],
    ['ru', { name: 'Ольга Смирнова', phone: '+7 916 123 4567', email: 'olga@example.test', child: 'Артём Смирнов', passports: ['75 1234567', '75 7654321'] }],
  ] as const) {
    it(`in ${locale}: /trips, two seats, the booking page, the deposit paid by card, the passports`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale, extraHTTPHeaders: { 'Accept-Language': locale } });
      const page = await context.newPage();
      await page.goto(`${server.url}/trips`);
      expect(await page.textContent('body')).toContain('Мелник и Роженски манастир');
      await shot(page, `${locale}-1-trips`);
      await page.click(`a[href*="/trips/${tripId}"]`);
      await page.waitForURL(new RegExp(`/trips/${tripId}`));
      expect(await page.textContent('body')).toContain('Дегустация във винарна');
      await page.selectOption('select[name=seats]', '2');
      await page.fill('input[name="travellers.0.name"]', client.name);
      await page.fill('input[name="travellers.1.name"]', client.child);
      await page.selectOption('select[name="travellers.1.category"]', 'child');
      await page.fill('input[name="travellers.1.birthDate"]', '2017-03-09');
      await page.selectOption('select[name=stopId]', { index: 1 });
      await page.fill('input[name=name]', client.name);
      await page.fill('input[name=phone]', client.phone);
      await page.fill('input[name=email]', client.email);
      await shot(page, `${locale}-2-trip-form`);
      // A double tap books once.
      // The second tap's request replaces the first's navigation: the page lands where the last answer sends it.
      await page.locator('button.client-submit').dblclick();
      await page.waitForURL(/\/b\/[\w.-]+/).catch(async () => await page.waitForURL(/\/b\/[\w.-]+/));
      await shot(page, `${locale}-3-booked`);
      const bookingUrl = page.url().split('?')[0]!;
      const manageToken = bookingUrl.split('/b/')[1]!;
      const booking = (await api().get(`/api/v1/public/bookings/${manageToken}`)).body;
      expect(booking).toMatchObject({ seats: 2, pickup: { name: 'Перник, автогара' }, money: { priceMinor: 9000, paidMinor: 0, next: { purpose: 'deposit', amountMinor: 3000 } } });
      expect(await horizontalOverflow(page)).toBe(false);

      // Pay the deposit: the provider's page, "Pay", and back on the booking page, paid.
      await Promise.all([page.waitForURL(new RegExp(`^${standin.url}/pay/`)), page.locator('form[action*="/pay"]').first().locator('button').click()]);
      await shot(page, `${locale}-4-provider`);
      await Promise.all([page.waitForURL(/\/b\/.*paid=deposit/), page.click('button[type=submit]')]);
      await shot(page, `${locale}-5-paid`);
      const paid = (await api().get(`/api/v1/public/bookings/${manageToken}`)).body;
      expect(paid.money).toMatchObject({ paidMinor: 3000, next: { purpose: 'balance', amountMinor: 6000 } });
      expect(await page.textContent('body')).toContain('30,00');

      // The passports, and a birth date the form had not asked for at booking.
      await page.fill('input[name="travellers.0.documentNumber"]', client.passports[0]);
      await page.fill('input[name="travellers.0.birthDate"]', '1986-07-21');
      await page.fill('input[name="travellers.1.documentNumber"]', client.passports[1]);
      await Promise.all([page.waitForURL(/saved=1/), page.locator('form[action*="/travellers"] button').click()]);
      await shot(page, `${locale}-6-passports`);
      const filled = (await api().get(`/api/v1/public/bookings/${manageToken}`)).body;
      expect(filled.travellers.map((t: { documentNumber: string }) => t.documentNumber)).toEqual(client.passports);
      await context.close();

      // On the desk: one online booking on the manager's day, its card payment, the client's changes.
      const online = (await api().get(`/api/v1/deals?departureId=${tripId}&limit=100`, token)).body.items.filter((d: { source: string; contactId: number }) => d.source === 'online');
      const deals = online.filter((d: { manageUrl: string }) => d.manageUrl.endsWith(manageToken));
      expect(deals).toHaveLength(1);
      // Both taps, one booking for this client.
      expect(online.filter((d: { contactId: number }) => d.contactId === deals[0].contactId)).toHaveLength(1);
      const deal = (await api().get(`/api/v1/deals/${deals[0].id}`, token)).body;
      expect(deal).toMatchObject({ source: 'online', status: 'deposit_paid', paidMinor: 3000, priceMinor: 9000 });
      expect(deal.payments).toEqual([expect.objectContaining({ method: 'card', amountMinor: 3000, reference: expect.stringMatching(/^cs_/) })]);
      expect(deal.history.some((h: { byClient: boolean; note: string | null }) => h.byClient && h.note?.startsWith('travellers:'))).toBe(true);
      const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'bg' });
      const deskPage = await desk.newPage();
      await signInAt(deskPage, server.url, MANAGER);
      expect(await deskPage.textContent('main')).toContain(client.name.split(' ')[0]!);
      await shot(deskPage, `${locale}-7-manager-my-day`);
      await deskPage.goto(`${server.url}/deals/${deal.id}`);
      const text = await deskPage.textContent('main');
      expect(text).toContain('Клиентът резервира онлайн');
      expect(text).toContain('клиентът');
      // The travellers' form on the desk holds what the client typed.
      expect(await deskPage.locator(`input[value="${client.passports[0]}"]`).count()).toBe(1);
      await shot(deskPage, `${locale}-8-desk-booking`);
      await desk.close();
    }, 120_000);
  }
});

async function horizontalOverflow(page: Page): Promise<boolean> {
  return await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}
