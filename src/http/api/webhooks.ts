import { Hono } from 'hono';
import { checkWebhookInput, createWebhook, CreateWebhookInput, deleteWebhook, deliveriesOf, getWebhook, listWebhooks, serializeWebhook } from '../../domain/webhooks/index.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, write, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson } from '../validate.js';

/** Directors subscribe the agency's other tools to events; the secret is shown when it is made. */
export function webhookRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.post('/', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const input = await checkWebhookInput(ctx, await readJson(c, CreateWebhookInput), deps.resolveHost);
    return c.json(await write(deps, () => serializeWebhook(createWebhook(ctx, input), true)), 201);
  });

  app.get('/', (c) => c.json({ items: listWebhooks(actingCtxOf(c, deps)).map((row) => serializeWebhook(row)), nextCursor: null }));

  app.get('/:id', (c) => {
    const ctx = actingCtxOf(c, deps);
    const row = getWebhook(ctx, idParam(c, 'id', 'webhook'));
    return c.json({ ...serializeWebhook(row), deliveries: deliveriesOf(ctx, row.id) });
  });

  app.delete('/:id', async (c) => {
    const id = idParam(c, 'id', 'webhook');
    const ctx = actingCtxOf(c, deps);
    await write(deps, () => deleteWebhook(ctx, id));
    return c.body(null, 204);
  });

  return app;
}
