import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

const ASSETS = new URL('../../../templates/assets/', import.meta.url);
const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};

/** The stylesheet and script, read once and served by the app itself (no CDN). */
export function assetRoutes() {
  const files = new Map(
    ['app.css', 'app.js', 'favicon.svg'].map((name) => [name, readFileSync(new URL(name, ASSETS), 'utf8')] as const),
  );
  const app = new Hono<AppEnv>();
  app.get('/:file', (c) => {
    const name = c.req.param('file');
    const body = files.get(name);
    if (body === undefined) return c.text('Not found', 404);
    c.header('Content-Type', TYPES[name.split('.').pop()!]!);
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(body);
  });
  return app;
}
