import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverWebhooks } from '../../src/notifier/webhooks.js';
import { createDeal, pay } from '../helpers/factories.js';
import { AGENCY, makeTestApp, type TestApp } from '../helpers/test-app.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP receiver on loopback: answers with `status`, or never (`hang`). */
async function receiver(answer: { status?: number; hang?: boolean } = {}) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (answer.hang) return;
      res.writeHead(answer.status ?? 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`, received };
}
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

let t: TestApp;
let director: string;
beforeEach(async () => {
  // The receivers here listen on loopback: the installation allows private addresses.
  t = await makeTestApp({ agency: { ...AGENCY, webhookAllowPrivate: true } });
  director = (await t.as('director')).token;
});

describe('webhooks', () => {
  it('a receiver gets a signed payment.recorded that the Standard Webhooks library verifies', async () => {
    const hook = await receiver();
    const created = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url: hook.url, events: ['payment.recorded', 'deal.status_changed'] } });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const deal = await createDeal(t, director);
    await pay(t, director, deal.id, 5000);
    // Nothing is posted inside the request: the scheduler posts after commit.
    expect(hook.received).toHaveLength(0);
    const report = await deliverWebhooks(t.ctx);
    expect(report).toEqual({ delivered: 2, failed: 0 });
    const payment = hook.received.find((r) => r.body.includes('"payment.recorded"'))!;
    const verified = new Webhook(created.body.secret).verify(payment.body, {
      'webhook-id': String(payment.headers['webhook-id']),
      'webhook-timestamp': String(payment.headers['webhook-timestamp']),
      'webhook-signature': String(payment.headers['webhook-signature']),
    }) as { type: string; data: { dealId: number; amountMinor: number } };
    expect(verified).toMatchObject({ type: 'payment.recorded', data: { dealId: deal.id, amountMinor: 5000 } });
    // A forged body does not verify.
    expect(() => new Webhook(created.body.secret).verify(payment.body.replace('5000', '9000'), payment.headers as Record<string, string>)).toThrow();
    const log = await t.call('GET', `/api/v1/webhooks/${created.body.id}`, { token: director });
    expect(log.body.deliveries.map((d: any) => [d.event, d.status, d.responseStatus]).sort()).toEqual([
      ['deal.status_changed', 'delivered', 204],
      ['payment.recorded', 'delivered', 204],
    ]);
    expect((await deliverWebhooks(t.ctx)).delivered).toBe(0);
  });

  it('a receiver gets a signed deal.created carrying the whole deal as GET /deals/:id answers it', async () => {
    const hook = await receiver();
    const created = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url: hook.url, events: ['deal.created'] } });
    const deal = await createDeal(t, director, { seats: 2 });
    expect(await deliverWebhooks(t.ctx)).toEqual({ delivered: 1, failed: 0 });
    const [posted] = hook.received;
    const verified = new Webhook(created.body.secret).verify(posted!.body, {
      'webhook-id': String(posted!.headers['webhook-id']),
      'webhook-timestamp': String(posted!.headers['webhook-timestamp']),
      'webhook-signature': String(posted!.headers['webhook-signature']),
    }) as { type: string; data: { dealId: number; deal: unknown } };
    expect(verified.type).toBe('deal.created');
    expect(verified.data.dealId).toBe(deal.id);
    expect(verified.data.deal).toEqual((await t.call('GET', `/api/v1/deals/${deal.id}`, { token: director })).body);
  });

  it('a receiver that answers 500 or hangs is retried with backoff, and the desk is never held up', async () => {
    const broken = await receiver({ status: 500 });
    const hanging = await receiver({ hang: true });
    await t.call('POST', '/api/v1/webhooks', { token: director, body: { url: broken.url, events: ['deal.created'] } });
    await t.call('POST', '/api/v1/webhooks', { token: director, body: { url: hanging.url, events: ['deal.created'] } });
    const started = performance.now();
    await createDeal(t, director);
    expect(performance.now() - started).toBeLessThan(5_000);
    const first = await deliverWebhooks(t.ctx, { timeoutMs: 300 });
    expect(first).toEqual({ delivered: 0, failed: 2 });
    expect(broken.received).toHaveLength(1);
    expect(hanging.received).toHaveLength(1);
    // Not again at once: the next try waits its backoff, with the same message id.
    expect(await deliverWebhooks(t.ctx, { timeoutMs: 300 })).toEqual({ delivered: 0, failed: 0 });
    t.setNow(t.now + 61_000);
    await deliverWebhooks(t.ctx, { timeoutMs: 300 });
    expect(broken.received).toHaveLength(2);
    expect(broken.received[1]!.headers['webhook-id']).toBe(broken.received[0]!.headers['webhook-id']);
  });

  it('only directors subscribe; a bad URL or event is a 400 naming it', async () => {
    const manager = await t.as('manager');
    expect((await t.call('POST', '/api/v1/webhooks', { token: manager.token, body: { url: 'https://x.test/h', events: ['deal.created'] } })).status).toBe(403);
    const bad = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url: 'ftp://x.test', events: ['deal.exploded'] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details).sort()).toEqual(['events.0', 'url']);
    const made = await t.call('POST', '/api/v1/webhooks', { token: director, body: { url: 'https://x.test/h', events: ['inquiry.created'] } });
    expect((await t.call('DELETE', `/api/v1/webhooks/${made.body.id}`, { token: director })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/webhooks', { token: director })).body.items).toEqual([]);
  });
});

describe('the webhooks page', () => {
  it('a director subscribes in Bulgarian, sees the secret once, then the delivery log; others are refused', async () => {
    const { pageClient } = await import('../helpers/pages.js');
    const { DIRECTOR } = await import('../helpers/test-app.js');
    const hook = await receiver();
    const page = await pageClient(t, DIRECTOR);
    const refused = await page.post('/webhooks', { url: 'не е адрес' }, 'bg');
    expect(refused.status).toBe(400);
    const made = await page.post('/webhooks', { url: hook.url, 'event_deal.created': 'on' }, 'bg');
    expect(made.status).toBe(200);
    const secret = /id="webhook-secret"[^>]*value="(whsec_[^"]+)"/.exec(made.html)![1]!;
    expect(secret).toMatch(/^whsec_/);
    await createDeal(t, director);
    await deliverWebhooks(t.ctx);
    const log = await page.get('/webhooks', 'bg');
    expect(log.html).toContain('доставено');
    expect(log.html).not.toContain(secret);
    // A manager (made here as manager2) does not reach it.
    await t.as('manager');
    const other = await pageClient(t, { email: 'manager2@agency.test', password: 'password-123' });
    expect((await other.get('/webhooks', 'bg')).status).toBe(403);
  });
});
