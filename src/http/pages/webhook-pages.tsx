/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { mapInOrder } from '../../domain/in-order.js';
import { Hono, type Context } from 'hono';
import { WEBHOOK_EVENTS } from '../../db/schema/index.js';
import { checkWebhookInput, createWebhook, CreateWebhookInput, deleteWebhook, deliveriesOf, listWebhooks, serializeWebhook, type ClaimedDelivery } from '../../domain/webhooks/index.js';
import { WebhooksPage } from '../../../templates/webhooks.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { formAction, refusalOf } from './form-action.js';
import { formOnce } from './form-once.js';
import { positiveId, readForm } from './forms.js';
import { sendTestPing, type TestPingResult } from '../../notifier/webhooks.js';
import { DomainError } from '../../domain/errors.js';
import { frameOf } from './frame.js';

type C = Context<AppEnv>;

/**
 * The test's delivery id, from what the form's token is kept with (the first write: the
 * delivery about to be posted) or from the finished test (its log row): the same row.
 */
const testedIdOf = (result: TestPingResult | ClaimedDelivery) => ('delivery' in result ? result.delivery.id : result.id);

/** Directors: subscriptions of the agency's other tools, their delivery log, a new one (its secret shown once). */
export function webhookPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function render(c: C, extra: { created?: { url: string; secret: string }; form?: { values: Record<string, string>; errors: Record<string, string> }; status?: number } = {}) {
    const ctx = actingCtxOf(c, deps);
    const webhooks = await mapInOrder((await listWebhooks(ctx)), async (row) => ({ ...serializeWebhook(row), deliveries: await deliveriesOf(ctx, row.id, 20) }));
    const testedId = positiveId(c.req.query('tested'));
    return c.html(<WebhooksPage {...frameOf(c, deps, 'users')} webhooks={webhooks} events={WEBHOOK_EVENTS} created={extra.created} form={extra.form} testedId={testedId} />, (extra.status ?? 200) as 200);
  }

  app.get('/webhooks', async (c) => await render(c));

  // Answered with the page itself, not a redirect: the secret is shown this once and never put in an address.
  // So a reload of that page posts the form again: its token answers with the page as it is, without the secret.
  app.post('/webhooks', async (c) => {
    const form = await readForm(c);
    const once = formOnce(c, deps, form, { kind: 'webhook' }, () => ({ to: '/webhooks', code: 'webhookCreated', link: '/webhooks' }));
    const before = await once.sentBefore();
    if (before) return before;
    const ctx = once.ctx;
    try {
      const events = WEBHOOK_EVENTS.filter((event) => form[`event_${event}`] === 'on');
      // The browser trims a url field; where it points is checked before anything is written.
      const input = await checkWebhookInput(ctx, parseWith(CreateWebhookInput, { url: (form.url ?? '').trim(), events }), deps.resolveHost);
      const row = await atomically(ctx, async (ctx) => await createWebhook(ctx, input));
      once.assertSealed();
      return await render(c, { created: { url: row.url, secret: row.secret } });
    } catch (error) {
      const answer = once.answer(error);
      if (answer) return answer;
      if (!(error instanceof DomainError) || error.code === 'forbidden' || error.code === 'not_found') throw error;
      const refusal = refusalOf(error, form, frameOf(c, deps).tr.locale, 'form', { 'events.0': 'events' });
      return await render(c, { form: { values: form, errors: refusal.errors }, status: refusal.status });
    }
  });

  // Posted at once; the answer is shown on the subscription's card after the redirect. Once per
  // rendered form: a reload or a double tap shows the first test's answer instead of posting again.
  app.post(
    '/webhooks/:id/test',
    formAction(deps, {
      once: { kind: 'webhookTest', sameValues: false },
      run: async (ctx, _, c) => await sendTestPing(ctx, idParam(c, 'id', 'webhook'), deps.resolveHost ? { resolve: deps.resolveHost } : {}),
      done: (result, _, c) => ({ to: `/webhooks#webhook-${c.req.param('id')}`, code: 'webhookTested', extra: { tested: String(testedIdOf(result)) } }),
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );

  app.post(
    '/webhooks/:id/delete',
    formAction(deps, {
      run: async (ctx, _, c) => await atomically(ctx, async (ctx) => await deleteWebhook(ctx, idParam(c, 'id', 'webhook'))),
      done: () => ({ to: '/webhooks', code: 'webhookDeleted' }),
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );

  return app;
}
