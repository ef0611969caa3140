import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { DomainError } from './domain/errors.js';
import { assetRoutes, serviceWorkerRoute } from './http/pages/assets.js';
import { authPages } from './http/pages/auth-pages.js';
import { dayPages } from './http/pages/day-pages.js';
import { dealPages } from './http/pages/deal-pages.js';
import { departurePages } from './http/pages/departure-pages.js';
import { rosterPages } from './http/pages/roster-pages.js';
import { busPages } from './http/pages/bus-pages.js';
import { pageError } from './http/pages/error-page.js';
import { peoplePages } from './http/pages/people-pages.js';
import { requirePageSignIn } from './http/pages/web-session.js';
import { sql } from 'drizzle-orm';
import { contactRoutes } from './http/api/contacts.js';
import { dealRoutes } from './http/api/deals.js';
import { waitlistRoutes } from './http/api/waitlist.js';
import { waitlistPages } from './http/pages/waitlist-pages.js';
import { departureRoutes } from './http/api/departures.js';
import { sessionRoutes } from './http/api/session.js';
import { userRoutes } from './http/api/users.js';
import { inquiryRoutes, publicInquiryRoutes } from './http/api/inquiries.js';
import { publicOnlineRoutes } from './http/api/online.js';
import { taskRoutes, taskTemplateRoutes } from './http/api/tasks.js';
import { taskPages } from './http/pages/task-pages.js';
import { publicPages } from './http/pages/public-pages.js';
import { clientPages } from './http/pages/client-pages.js';
import { campaignPages } from './http/pages/campaign-pages.js';
import { webhookPages } from './http/pages/webhook-pages.js';
import { campaignRoutes } from './http/api/campaigns.js';
import { publicAftercareRoutes } from './http/api/aftercare.js';
import { calendarRoutes } from './http/api/calendar.js';
import { openApiDocument } from './http/api/openapi.js';
import { webhookRoutes } from './http/api/webhooks.js';
import { importRoutes, MAX_IMPORT_BYTES } from './http/api/imports.js';
import { importPages } from './http/pages/import-pages.js';
import { bankPages } from './http/pages/bank-pages.js';
import { ledgerPages } from './http/pages/ledger-pages.js';
import { inquiryPages } from './http/pages/inquiry-pages.js';
import { reportRoutes } from './http/api/reports.js';
import { ledgerRoutes } from './http/api/ledger.js';
import { worklistRoutes } from './http/api/worklists.js';
import { documentRoutes } from './http/api/documents.js';
import { roomingDownloads, roomingRoutes } from './http/api/rooming.js';
import { roomingPages } from './http/pages/rooming-pages.js';
import { notificationRoutes } from './http/api/notifications.js';
import { requireSignIn } from './http/auth.js';
import type { AppDeps, AppEnv } from './http/context.js';
import { errorBody, respondToError } from './http/errors.js';
import { apiJson } from './http/api/json.js';

export type { AppDeps } from './http/context.js';

/** Pages behind sign-in; /login and /assets are open. */
const PAGE_PATHS = ['/', '/departures', '/departures/*', '/deals/*', '/contacts', '/contacts/*', '/users', '/users/*', '/inquiries', '/inquiries/*', '/reports', '/v/*', '/waitlist/*', '/tasks', '/tasks/*', '/campaigns', '/campaigns/*', '/calendar/*', '/webhooks', '/webhooks/*', '/imports', '/imports/*', '/payments', '/payments/*', '/reports/cashbook'];

/** Requests larger than this are refused before they are read. */
const MAX_BODY_BYTES = 1024 * 1024;

const limitTo = (maxSize: number) =>
  bodyLimit({ maxSize, onError: (c) => c.json(errorBody('payload_too_large', `The body must be at most ${maxSize} bytes`), 413) });

export function createApp(deps: AppDeps) {
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const app = new Hono<AppEnv>();

  app.use(
    '*',
    secureHeaders({
      // No inline script or style anywhere: the pages use /assets only.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // blob: a photo of a voucher's code, read on the phone by the boarding page's scanner.
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        // The booking page's "Pay" forms are answered with the provider's payment page.
        formAction: ["'self'", (c) => (c.req.path.startsWith('/b/') ? (deps.payments?.checkoutOrigins ?? []).join(' ') : '')],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    }),
  );
  // Pages, documents and API answers go compressed to clients that accept it. Only those pass
  // through hono's compress: it adds Vary to every answer, which rebuilt each answer as a stream
  // the server then read back, even when nothing was compressed.
  const compressing = compress();
  app.use('*', (c, next) => (/gzip|deflate/i.test(c.req.header('Accept-Encoding') ?? '') ? compressing(c, next) : next()));
  // Signed-in pages and API answers hold client data: no browser or proxy may keep a copy.
  // Only the static assets are cacheable (they set their own header).
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
  const isApi = (path: string) => path.startsWith('/api/') || path === '/api';
  app.onError((error, c) => (isApi(c.req.path) ? respondToError(error, c, log) : pageError(c, deps, error, log)));
  app.notFound((c) =>
    isApi(c.req.path)
      ? c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404)
      : pageError(c, deps, new DomainError('not_found', c.req.path), log),
  );

  app.get('/healthz', async (c) => {
    await deps.database.db.get(sql`select 1`);
    return c.json({ status: 'ok', engine: deps.database.engine.kind });
  });

  const api = new Hono<AppEnv>();
  api.use('*', apiJson());
  const bodyLimits = { usual: limitTo(MAX_BODY_BYTES), imports: limitTo(MAX_IMPORT_BYTES) };
  // A GET or HEAD has no body to limit; asking for one builds a whole second Request object.
  api.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : (c.req.path.startsWith('/api/v1/imports/') ? bodyLimits.imports : bodyLimits.usual)(c, next),
  );
  api.route('/session', sessionRoutes(deps));
  api.route('/', calendarRoutes(deps));
  api.get('/openapi.json', (c) => c.json(openApiDocument(deps.agency.publicUrl ?? '')));
  api.route('/users', userRoutes(deps));
  api.route('/departures', departureRoutes(deps));
  api.route('/contacts', contactRoutes(deps));
  api.route('/deals', dealRoutes(deps));
  api.route('/waitlist', waitlistRoutes(deps));
  api.route('/worklists', worklistRoutes(deps));
  api.route('/inquiries', inquiryRoutes(deps));
  api.route('/reports', reportRoutes(deps));
  api.route('/payments', ledgerRoutes(deps));
  api.route('/tasks', taskRoutes(deps));
  api.route('/task-templates', taskTemplateRoutes(deps));
  api.route('/campaigns', campaignRoutes(deps));
  api.route('/webhooks', webhookRoutes(deps));
  api.route('/imports', importRoutes(deps));
  api.route('/public', publicOnlineRoutes(deps));
  api.route('/public', publicAftercareRoutes(deps));
  api.route('/public', publicInquiryRoutes(deps, deps.intake ?? { limit: 10, origins: [] }));
  api.use('/deals/:id/voucher.pdf', requireSignIn(deps));
  api.use('/departures/:id/manifest.*', requireSignIn(deps));
  api.use('/departures/:id/boarding.pdf', requireSignIn(deps));
  api.route('/', documentRoutes(deps));
  api.route('/', roomingRoutes(deps));
  api.route('/', notificationRoutes(deps));
  app.route('/api/v1', api);

  // Web pages: forms are checked for their origin (hono's csrf) and a session-bound token.
  // A client's signed link is its own permission: the one-click unsubscribe is posted by mail
  // programs from no page of ours (RFC 8058), and a feedback answer may come from any client.
  const signedLink = (path: string) => path.startsWith('/unsubscribe/') || path.startsWith('/feedback/');
  app.use('*', async (c, next) => (isApi(c.req.path) || signedLink(c.req.path) ? next() : csrf()(c, next)));
  app.route('/assets', assetRoutes());
  app.route('/', serviceWorkerRoute());
  app.route('/', authPages(deps));
  for (const path of PAGE_PATHS) app.use(path, requirePageSignIn(deps));
  app.route('/', dayPages(deps));
  app.route('/', departurePages(deps));
  app.route('/', busPages(deps));
  app.route('/', rosterPages(deps));
  app.route('/', waitlistPages(deps));
  app.route('/', dealPages(deps));
  app.route('/', ledgerPages(deps));
  app.route('/', documentRoutes(deps));
  app.route('/', roomingDownloads(deps));
  app.route('/', roomingPages(deps));
  // The reports page's downloads: the API's report routes behind the cookie session.
  app.route('/reports/export', reportRoutes(deps, requirePageSignIn(deps)));
  app.route('/payments/export', ledgerRoutes(deps, requirePageSignIn(deps)));
  app.route('/', peoplePages(deps));
  app.route('/', inquiryPages(deps));
  app.route('/', taskPages(deps));
  app.route('/', publicPages(deps));
  app.route('/', clientPages(deps));
  app.route('/', campaignPages(deps));
  app.route('/', webhookPages(deps));
  app.route('/', bankPages(deps));
  app.route('/', importPages(deps));

  return app;
}
