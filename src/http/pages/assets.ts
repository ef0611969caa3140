import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

const ASSETS = new URL('../../../templates/assets/', import.meta.url);
const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};
const typeOf = (name: string) => TYPES[name.split('.').pop()!]!;
const own = (name: string) => readFileSync(new URL(name, ASSETS), 'utf8');

/**
 * The stylesheet: the base rules, then one piece per area of the desk (templates/assets/styles/,
 * in name order), served as one file so a page still loads a single stylesheet.
 */
const STYLE_PIECES = new URL('styles/', ASSETS);
const styleSheet = () =>
  [own('app.css'), ...readdirSync(STYLE_PIECES).filter((name) => name.endsWith('.css')).sort().map((name) => readFileSync(new URL(name, STYLE_PIECES), 'utf8'))].join('\n');

/** The voucher scanner's QR decoder, served as its package built it (no CDN, works offline). */
const jsQrSource = () => readFileSync(createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js'), 'utf8');

/** The stylesheet and scripts, read once and served by the app itself (no CDN). */
export function assetRoutes() {
  const files = new Map<string, string>([
    ['app.css', styleSheet()],
    ...['app.js', 'boarding.js', 'extras-total.js', 'campaign-preview.js', 'webhooks.js', 'favicon.svg'].map((name) => [name, own(name)] as const),
    ['jsqr.js', jsQrSource()],
  ]);
  const app = new Hono<AppEnv>();
  app.get('/:file', (c) => {
    const name = c.req.param('file');
    const body = files.get(name);
    if (body === undefined) return c.text('Not found', 404);
    c.header('Content-Type', typeOf(name));
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(body);
  });
  return app;
}

/**
 * The service worker that keeps the boarding page for use without signal. It is served from
 * the root so it may answer for the pages; browsers check it for a new version on each visit.
 */
export function serviceWorkerRoute() {
  const body = own('sw.js');
  const app = new Hono<AppEnv>();
  app.get('/sw.js', (c) => {
    c.header('Content-Type', typeOf('sw.js'));
    c.header('Cache-Control', 'no-cache');
    return c.body(body);
  });
  return app;
}
