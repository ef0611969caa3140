import { atomically } from '../../db/transaction.js';
import { Hono } from 'hono';
import { checkWebhookInput, createWebhook, CreateWebhookInput, deleteWebhook, deliveriesOf, getWebhook, listWebhooks, serializeWebhook } from '../../domain/webhooks/index.js';
import { sendTestPing } from '../../notifier/webhooks.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson } from '../validate.js';

/** Directors subscribe the agency's other tools to events; the secret is shown when it is made. */
export function webhookRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.post('/', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const input = await checkWebhookInput(ctx, await readJson(c, CreateWebhookInput), deps.resolveHost);
    return c.json(await atomically(ctx, async (ctx) => serializeWebhook(await createWebhook(ctx, input), true)), 201);
  });

  app.get('/', async (c) => c.json({ items: (await listWebhooks(actingCtxOf(c, deps))).map((row) => serializeWebhook(row)), nextCursor: null }));

  app.get('/:id', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const row = await getWebhook(ctx, idParam(c, 'id', 'webhook'));
    return c.json({ ...serializeWebhook(row), deliveries: await deliveriesOf(ctx, row.id) });
  });

  /** Posts a signed `webhook.test` now and answers what the receiver did (a receiver down is a 200 saying so). */
  app.post('/:id/test', async (c) => {
    const id = idParam(c, 'id', 'webhook');
    const ctx = actingCtxOf(c, deps);
    return c.json(await sendTestPing(ctx, id, deps.resolveHost ? { resolve: deps.resolveHost } : {}));
  });

  app.delete('/:id', async (c) => {
    const id = idParam(c, 'id', 'webhook');
    const ctx = actingCtxOf(c, deps);
    await atomically(ctx, async (ctx) => await deleteWebhook(ctx, id));
    return c.body(null, 204);
  });

  return app;
}
