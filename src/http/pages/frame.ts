import type { Context } from 'hono';
import { isMessageKey } from '../../i18n/index.js';
import type { PageFrame } from '../../../templates/layout.js';
import { makeTr } from '../../../templates/tr.js';
import type { AppDeps, AppEnv } from '../context.js';
import { csrfTokenFor, pageLocale } from './web-session.js';

/** Confirmations that the action worked but a person must still do something. */
const WARNINGS = new Set(['no_address', 'waitlistHoldExpired', 'waitlistClosed', 'importRefused']);
/** A `done` code is shown when the catalogue words it (`done.<code>`); anything else in the URL is ignored. */
const doneKey = (done: string | undefined) => {
  const key = `done.${done ?? ''}`;
  return done && isMessageKey(key) ? key : null;
};

/** What every page shares: language, user, form token, and the confirmation of the last action. */
export function frameOf(c: Context<AppEnv>, deps: AppDeps, current?: PageFrame['current']): PageFrame {
  const actor = c.get('actor') ?? null;
  const tr = makeTr(pageLocale(c, actor), deps.agency.timeZone, deps.agency.country);
  const token = c.get('token');
  const done = c.req.query('done');
  const flashKey = doneKey(done);
  const url = new URL(c.req.url);
  url.searchParams.delete('done');
  return {
    tr,
    actor,
    csrf: token ? csrfTokenFor(token) : '',
    path: url.pathname + url.search,
    ...(current ? { current } : {}),
    flash: flashKey ? tr.t(flashKey, { count: Number(/^\d{1,6}$/.test(c.req.query('count') ?? '') ? c.req.query('count') : 0) }) : null,
    flashTone: done && WARNINGS.has(done) ? 'warn' : 'ok',
  };
}

/** Only paths on this site are followed after an action, never another host. */
export function localPath(value: string | undefined, fallback: string): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : fallback;
}
