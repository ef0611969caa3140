import { Webhook } from 'standardwebhooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhooks } from '../../src/db/schema/index.js';
import { atomically } from '../../src/db/transaction.js';
import { createDeal } from '../helpers/factories.js';
import { pageClient } from '../helpers/pages.js';
import { receiver } from '../helpers/webhook-receiver.js';
import { AGENCY, DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';


let t: TestApp;
let director: string;
beforeEach(async () => {
  t = await makeTestApp({ agency: { ...AGENCY, webhookAllowPrivate: true } });
  director = (await t.as('director')).token;
});

const onceOf = (html: string, action: string) => new RegExp(`action="${action}"[^>]*>\\s*<input[^>]*name="_csrf"[^>]*>\\s*<input[^>]*name="_once" value="([^"]+)"`).exec(html)?.[1];

describe('the webhooks page', () => {
  it('offers the events in the reader’s words with their names beside them, and shows the secret once in a read-only field with Copy', async () => {
    const page = await pageClient(t, DIRECTOR);
    const empty = await page.get('/webhooks', 'ru');
    expect(empty.html).toContain('Заявка создана <small class="muted event-code">(deal.created)</small>');
    expect(empty.html).toContain('Ваучер отправлен <small class="muted event-code">(voucher.sent)</small>');
    expect(empty.html).toContain('name="event_waitlist.offered"');
    // Nothing to copy yet: the script is not even loaded.
    expect(empty.html).not.toContain('/assets/webhooks.js');

    const hook = await receiver();
    const made = await page.post('/webhooks', { url: hook.url, 'event_deal.created': 'on', 'event_refund.recorded': 'on' }, 'bg');
    expect(made.status).toBe(200);
    const field = /<input id="webhook-secret"[^>]*>/.exec(made.html)![0];
    expect(field).toContain('readonly');
    const secret = /value="(whsec_[^"]+)"/.exec(field)![1]!;
    expect((await t.ctx().db.select().from(webhooks).all())[0]!.secret).toBe(secret);
    // The button is there for the script to show; without JavaScript it stays hidden.
    expect(made.html).toMatch(/<button[^>]*hidden[^>]*data-copy="webhook-secret"[^>]*>Копирай<\/button>/);
    expect(made.html).toContain('<script src="/assets/webhooks.js"');
    expect((await t.app.request('/assets/webhooks.js')).status).toBe(200);
    // The subscription's events, in Bulgarian, with their names.
    expect(made.html).toContain('Създадена резервация <small class="muted event-code">(deal.created)</small>');
    expect(made.html).toContain('Записано връщане на пари <small class="muted event-code">(refund.recorded)</small>');

    const later = await page.get('/webhooks', 'bg');
    expect(later.html).not.toContain(secret);
    expect(later.html).not.toContain('id="webhook-secret"');
  });

  it('Send a test posts a signed webhook.test, redirects, and shows the answer on the card in the reader’s language; a reload does not post again', async () => {
    const hook = await receiver();
    const page = await pageClient(t, DIRECTOR);
    const made = await page.post('/webhooks', { url: hook.url, 'event_deal.created': 'on' }, 'en');
    const secret = /id="webhook-secret"[^>]*value="(whsec_[^"]+)"/.exec(made.html)![1]!;
    const id = (await t.ctx().db.select().from(webhooks).all())[0]!.id;
    const before = await page.get('/webhooks', 'en');
    const once = onceOf(before.html, `/webhooks/${id}/test`);
    expect(once).toBeDefined();
    expect(before.html).toContain('>Send a test</button>');

    const sent = await page.post(`/webhooks/${id}/test`, { _once: once! }, 'ru');
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(new RegExp(`^/webhooks\\?done=webhookTested&tested=\\d+#webhook-${id}$`));
    expect(hook.received).toHaveLength(1);
    const [got] = hook.received;
    const verified = new Webhook(secret).verify(got!.body, {
      'webhook-id': String(got!.headers['webhook-id']),
      'webhook-timestamp': String(got!.headers['webhook-timestamp']),
      'webhook-signature': String(got!.headers['webhook-signature']),
    }) as { type: string; data: { webhookId: number } };
    expect(verified).toMatchObject({ type: 'webhook.test', data: { webhookId: id } });

    const shown = await page.get(sent.location!, 'ru');
    expect(shown.html).toContain('Проверка отправлена: ответ получателя ниже.');
    expect(shown.html).toContain('Проверка доставлена: получатель ответил 204.');
    // In the log, the test in words with its name.
    expect(shown.html).toContain('Проверка <small class="muted event-code">(webhook.test)</small>');

    // The same rendered form again (a reload, a double tap): nothing posted, the first answer shown.
    const again = await page.post(`/webhooks/${id}/test`, { _once: once! }, 'ru');
    expect(again.location).toContain('done=sentBefore');
    expect(again.location).toContain(`tested=${new URL(sent.location!, 'http://x').searchParams.get('tested')}`);
    expect(hook.received).toHaveLength(1);
    expect(await t.ctx().db.select().from(webhookDeliveries).all()).toHaveLength(1);
  });

  it('a receiver that answers 500 is shown as not delivered, with its status, in Bulgarian', async () => {
    const broken = await receiver(500);
    const page = await pageClient(t, DIRECTOR);
    await page.post('/webhooks', { url: broken.url, 'event_deal.created': 'on' }, 'bg');
    const id = (await t.ctx().db.select().from(webhooks).all())[0]!.id;
    const sent = await page.post(`/webhooks/${id}/test`, {}, 'bg');
    expect(sent.status).toBe(303);
    const shown = await page.get(sent.location!, 'bg');
    expect(shown.html).toContain('Пробата не е доставена: получателят отговори 500.');
    expect(shown.html).toMatch(/class="alert" role="status" data-tested="\d+"/);
  });

  it('the delivery log words known events, shows an unknown one as given, and labels each cell for a phone', async () => {
    const hook = await receiver();
    const page = await pageClient(t, DIRECTOR);
    await page.post('/webhooks', { url: hook.url, 'event_deal.created': 'on' }, 'en');
    const id = (await t.ctx().db.select().from(webhooks).all())[0]!.id;
    await createDeal(t, director);
    // An event this version does not know (written by a newer one, or by hand) is shown as it is.
    await atomically(t.ctx(), async (ctx) => {
      await ctx.db.insert(webhookDeliveries).values({ webhookId: id, messageId: 'msg_x', event: 'deal.exploded' as never, payload: '{}', status: 'failed', attempts: 3, nextAttemptAt: t.now, createdAt: t.now, updatedAt: t.now, error: 'answered 410', responseStatus: 410 }).run();
      await ctx.db.update(webhooks).set({ events: JSON.stringify(['deal.created', 'deal.exploded']) }).run();
    });
    const log = await page.get('/webhooks', 'en');
    expect(log.status).toBe(200);
    expect(log.html).toContain('<span class="event-name">deal.exploded</span>');
    expect(log.html).toContain('Booking created <small class="muted event-code">(deal.created)</small>');
    expect(log.html).toContain('data-label="Event"');
    expect(log.html).toContain('data-label="Answer"');
    expect(log.html).toContain('3 attempts');
    // The stylesheet lays the log out for a phone.
    const css = await (await t.app.request('/assets/app.css')).text();
    expect(css).toContain('.delivery-log td::before { content: attr(data-label)');
  });

  it('only directors reach the page and its test', async () => {
    const page = await pageClient(t, DIRECTOR);
    await page.post('/webhooks', { url: 'https://hooks.example.com/h', 'event_deal.created': 'on' }, 'en');
    const id = (await t.ctx().db.select().from(webhooks).all())[0]!.id;
    await t.as('manager');
    const manager = await pageClient(t, { email: 'manager2@agency.test', password: 'password-123' });
    expect((await manager.get('/webhooks', 'en')).status).toBe(403);
    expect((await manager.post(`/webhooks/${id}/test`, {}, 'en')).status).toBe(403);
    expect((await page.post('/webhooks/9999/test', {}, 'en')).status).toBe(404);
    expect(await t.ctx().db.select().from(webhookDeliveries).all()).toEqual([]);
  });
});
