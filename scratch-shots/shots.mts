import { launchChromium } from '../test/helpers/browser.js';
const [base, out] = ['http://127.0.0.1:3917', '/tmp/shots'];
const shots = JSON.parse(process.argv[2]!) as { name: string; path: string; who: string; width: number; lang: string; selector?: string }[];
const browser = await launchChromium();
const accounts: Record<string, [string, string]> = { director: ['boss@agency.test', 'boss-password-1'], manager: ['maria@demo.tourdesk', 'tourdesk-demo'] };
for (const s of shots) {
  const context = await browser.newContext({ viewport: { width: s.width, height: 780 }, locale: s.lang, extraHTTPHeaders: { 'Accept-Language': s.lang } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name=email]', accounts[s.who]![0]);
  await page.fill('input[name=password]', accounts[s.who]![1]);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await page.goto(`${base}${s.path}`);
  if (s.selector) await page.locator(s.selector).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/${s.name}.png` });
  await context.close();
}
await browser.close();
