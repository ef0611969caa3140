import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'drizzle-orm';
import { contactRoutes } from './http/api/contacts.js';
import { dealRoutes } from './http/api/deals.js';
import { departureRoutes } from './http/api/departures.js';
import { sessionRoutes } from './http/api/session.js';
import { userRoutes } from './http/api/users.js';
import { worklistRoutes } from './http/api/worklists.js';
import type { AppDeps, AppEnv } from './http/context.js';
import { errorBody, respondToError } from './http/errors.js';

export type { AppDeps } from './http/context.js';

/** Requests larger than this are refused before they are read. */
const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: AppDeps) {
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const app = new Hono<AppEnv>();

  app.use('*', secureHeaders());
  app.onError((error, c) => respondToError(error, c, log));
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404)
      : c.text('Not found', 404),
  );

  app.get('/healthz', (c) => {
    deps.database.db.get(sql`select 1`);
    return c.json({ status: 'ok' });
  });

  const api = new Hono<AppEnv>();
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody('payload_too_large', `The body must be at most ${MAX_BODY_BYTES} bytes`), 413),
    }),
  );
  api.route('/session', sessionRoutes(deps));
  api.route('/users', userRoutes(deps));
  api.route('/departures', departureRoutes(deps));
  api.route('/contacts', contactRoutes(deps));
  api.route('/deals', dealRoutes(deps));
  api.route('/worklists', worklistRoutes(deps));
  app.route('/api/v1', api);

  return app;
}
