import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolveHost } from '../../src/domain/webhooks/index.js';
import { deliverWebhooks } from '../../src/notifier/webhooks.js';
import { createDeal } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { AGENCY, DIRECTOR, makeTestApp } from '../helpers/test-app.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A receiver on loopback, where an agency's router page or a database's HTTP port would be. */
async function receiver() {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { port: (server.address() as { port: number }).port, received };
}

/** DNS as the test says it is, with the questions it was asked. */
function dns(answers: Record<string, string>) {
  const asked: string[] = [];
  const resolve: ResolveHost = async (hostname) => {
    asked.push(hostname);
    const address = answers[hostname];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return { resolve, asked, answers };
}

const INTERNAL = [
  ['http://10.0.0.1/hooks', '10.0.0.1'],
  ['http://127.0.0.1:9000/hooks', '127.0.0.1'],
  ['http://[::1]:9000/hooks', '::1'],
  ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
  ['http://localhost:3000/hooks', '127.0.0.1'],
  ['http://[::ffff:7f00:1]/hooks', '::ffff:7f00:1'],
  ['http://0x7f.1/hooks', '127.0.0.1'],
  ['https://intranet.agency.example/hooks', '192.168.10.5'],
] as const;

describe('webhook receivers inside the network', () => {
  it('are refused with a 400 naming url, and nothing is subscribed', async () => {
    const t = await makeTestApp({ resolveHost: dns({ 'intranet.agency.example': '192.168.10.5' }).resolve });
    const director = (await t.as('director')).token;
    for (const [url, address] of INTERNAL) {
      const refused = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url, events: ['deal.created'] } });
      expect(refused.status, url).toBe(400);
      expect(Object.keys(refused.body.error.details)).toEqual(['url']);
      expect(refused.body.error.details.url).toContain(address);
    }
    expect((await t.call('GET', '/api/v1/webhooks', { token: director })).body.items).toEqual([]);
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM webhooks').get()).toEqual({ n: 0 });
    // A receiver on the internet is taken.
    const taken = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url: 'https://hooks.example.com/tourdesk', events: ['deal.created'] } });
    expect(taken.status).toBe(201);
  });

  it('are taken where the installation allows them (WEBHOOK_ALLOW_PRIVATE)', async () => {
    const t = await makeTestApp({ agency: { ...AGENCY, webhookAllowPrivate: true }, resolveHost: dns({ 'intranet.agency.example': '192.168.10.5' }).resolve });
    const director = (await t.as('director')).token;
    for (const [url] of INTERNAL) expect((await t.call('POST', '/api/v1/webhooks', { token: director, body: { url, events: ['deal.created'] } })).status, url).toBe(201);
  });

  it('are refused on the page in the reader’s language, the form kept', async () => {
    const t = await makeTestApp();
    const page = await pageClient(t, DIRECTOR);
    const refused = await page.post('/webhooks', { url: 'http://169.254.169.254/latest/meta-data/', 'event_deal.created': 'on' }, 'bg');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Този адрес е във вътрешната мрежа');
    expect(refused.html).toContain('169.254.169.254');
    expect(refused.html).toContain('value="http://169.254.169.254/latest/meta-data/"');
    const english = await page.post('/webhooks', { url: 'http://localhost:3000/h', 'event_deal.created': 'on' }, 'en');
    expect(english.html).toContain('This address is inside the network');
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM webhooks').get()).toEqual({ n: 0 });
  });
});

describe('a receiver address as written', () => {
  it('control characters, spaces and a user name or password are 400 naming url, even where internal receivers are allowed', async () => {
    const t = await makeTestApp({ agency: { ...AGENCY, webhookAllowPrivate: true } });
    const director = (await t.as('director')).token;
    for (const url of ['https://hooks.example.com/h\r\nX-Injected: 1', 'https://hooks.example.com/\u0000h', 'https://hooks.example.com/h\n', '\thttps://hooks.example.com/h', 'https://hooks.example.com/a b', 'https://hooks.example.com/h ', 'https://user:secret@hooks.example.com/h']) {
      const refused = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url, events: ['deal.created'] } });
      expect(refused.status, JSON.stringify(url)).toBe(400);
      expect(Object.keys(refused.body.error.details)).toEqual(['url']);
    }
    expect(await t.database.sqlite.prepare('SELECT count(*) AS n FROM webhooks').get()).toEqual({ n: 0 });
    const page = await pageClient(t, DIRECTOR);
    const spaced = await page.post('/webhooks', { url: 'https://hooks.example.com/a b', 'event_deal.created': 'on' }, 'ru');
    expect(spaced.status).toBe(400);
    expect(spaced.html).toContain('В адресе не может быть пробелов');
  });
});

describe('delivery goes only where the name resolves at that moment, if that is allowed', () => {
  it('a name that resolves inside the network at delivery time (DNS rebinding) is refused, logged in the reader’s words and retried, and nothing reaches the address', async () => {
    const inside = await receiver();
    const names = dns({ 'hooks.example.com': '93.184.216.34' });
    const t = await makeTestApp({ resolveHost: names.resolve });
    const director = (await t.as('director')).token;
    const url = `http://hooks.example.com:${inside.port}/hooks`;
    const made = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url, events: ['deal.created'] } });
    expect(made.status).toBe(201);
    await createDeal(t, director);

    // The name now answers with the loopback address, where the receiver listens.
    names.answers['hooks.example.com'] = '127.0.0.1';
    expect(await deliverWebhooks(t.ctx, { resolve: names.resolve })).toEqual({ delivered: 0, failed: 1 });
    expect(inside.received).toEqual([]);
    const log = (await t.call('GET', `/api/v1/webhooks/${made.body.id}`, { token: director })).body.deliveries;
    expect(log).toMatchObject([{ event: 'deal.created', status: 'pending', attempts: 1, responseStatus: null }]);
    expect(log[0].error).toBe('refused: hooks.example.com resolves to 127.0.0.1, a private, loopback or link-local address');
    const page = await pageClient(t, DIRECTOR);
    expect((await page.get('/webhooks', 'bg')).html).toContain('Не е изпратено: hooks.example.com води към 127.0.0.1');

    // Retried like any failure: still refused while the name points inside.
    t.advance(61_000);
    expect(await deliverWebhooks(t.ctx, { resolve: names.resolve })).toEqual({ delivered: 0, failed: 1 });
    expect(inside.received).toEqual([]);
    expect((await t.call('GET', `/api/v1/webhooks/${made.body.id}`, { token: director })).body.deliveries[0].attempts).toBe(2);
  });

  it('posts to the address it checked, never asking DNS again: the name is answered once and the connection goes there', async () => {
    const hook = await receiver();
    // Only this test's resolver knows the name: a second lookup by the connection would fail.
    const names = dns({ 'receiver.tourdesk.test': '127.0.0.1' });
    const t = await makeTestApp({ agency: { ...AGENCY, webhookAllowPrivate: true }, resolveHost: names.resolve });
    const director = (await t.as('director')).token;
    const made = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url: `http://receiver.tourdesk.test:${hook.port}/hooks?from=desk`, events: ['deal.created'] } });
    expect(made.status).toBe(201);
    await createDeal(t, director);
    names.asked.length = 0;
    expect(await deliverWebhooks(t.ctx, { resolve: names.resolve })).toEqual({ delivered: 1, failed: 0 });
    expect(names.asked).toEqual(['receiver.tourdesk.test']);
    expect(hook.received).toHaveLength(1);
    const [post] = hook.received;
    expect(post!.headers.host).toBe(`receiver.tourdesk.test:${hook.port}`);
    const verified = new Webhook(made.body.secret).verify(post!.body, {
      'webhook-id': String(post!.headers['webhook-id']),
      'webhook-timestamp': String(post!.headers['webhook-timestamp']),
      'webhook-signature': String(post!.headers['webhook-signature']),
    });
    expect(verified).toMatchObject({ type: 'deal.created' });
  });

  it('a name that does not resolve is recorded as such and retried', async () => {
    const names = dns({ 'hooks.example.com': '93.184.216.34' });
    const t = await makeTestApp({ resolveHost: names.resolve });
    const director = (await t.as('director')).token;
    const made = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url: 'https://hooks.example.com/h', events: ['deal.created'] } });
    await createDeal(t, director);
    delete names.answers['hooks.example.com'];
    expect(await deliverWebhooks(t.ctx, { resolve: names.resolve })).toEqual({ delivered: 0, failed: 1 });
    const log = (await t.call('GET', `/api/v1/webhooks/${made.body.id}`, { token: director })).body.deliveries;
    expect(log).toMatchObject([{ status: 'pending', attempts: 1, error: 'could not resolve hooks.example.com' }]);
    const page = await pageClient(t, DIRECTOR);
    expect((await page.get('/webhooks', 'ru')).html).toContain('Не отправлено: имя hooks.example.com не найдено');
  });
});
