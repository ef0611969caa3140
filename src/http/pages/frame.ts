import type { Context } from 'hono';
import { isMessageKey } from '../../i18n/index.js';
import type { PageFrame } from '../../../templates/layout.js';
import { makeTr, type Tr } from '../../../templates/tr.js';
import { isSentKind, sentWords } from '../../../templates/form-sent.js';
import type { AppDeps, AppEnv } from '../context.js';
import { csrfTokenFor, pageLocale } from './web-session.js';

/** Confirmations that the action worked but a person must still do something. */
const WARNINGS = new Set(['no_address', 'waitlistHoldExpired', 'waitlistClosed', 'importRefused', 'alreadyCancelled', 'boardingChanged']);
/** A `done` code is shown when the catalogue words it (`done.<code>`); anything else in the URL is ignored. */
const doneKey = (done: string | undefined) => {
  const key = `done.${done ?? ''}`;
  return done && isMessageKey(key) ? key : null;
};

/** The `done` code of a form sent a second time: nothing was done, the first submit's result is linked. */
export const SENT_BEFORE = 'sentBefore';

/** "Already created — this form was already sent", and the link to what the first submit made. */
function sentBeforeFlash(c: Context<AppEnv>, tr: Tr, count: number): Pick<PageFrame, 'flash' | 'flashLink'> | null {
  const kind = c.req.query('sent');
  if (!isSentKind(kind)) return null;
  const words = sentWords(kind);
  const link = c.req.query('link');
  return {
    flash: tr.t(words.already, { count }),
    flashLink: link ? { href: localPath(link, '/'), text: tr.t(words.open) } : null,
  };
}

/** What every page shares: language, user, form token, and the confirmation of the last action. */
export function frameOf(c: Context<AppEnv>, deps: AppDeps, current?: PageFrame['current']): PageFrame {
  const actor = c.get('actor') ?? null;
  const tr = makeTr(pageLocale(c, actor), deps.agency.timeZone, deps.agency.country);
  const token = c.get('token');
  const done = c.req.query('done');
  const flashKey = doneKey(done);
  const count = Number(/^\d{1,6}$/.test(c.req.query('count') ?? '') ? c.req.query('count') : 0);
  const sentBefore = done === SENT_BEFORE ? sentBeforeFlash(c, tr, count) : null;
  const url = new URL(c.req.url);
  url.searchParams.delete('done');
  if (done === SENT_BEFORE) for (const name of ['sent', 'link']) url.searchParams.delete(name);
  return {
    tr,
    actor,
    csrf: token ? csrfTokenFor(token) : '',
    path: url.pathname + url.search,
    ...(current ? { current } : {}),
    flash: sentBefore?.flash ?? (flashKey ? tr.t(flashKey, { count }) : null),
    flashLink: sentBefore?.flashLink ?? null,
    flashTone: sentBefore || (done && WARNINGS.has(done)) ? 'warn' : 'ok',
    ...(c.req.method === 'POST' ? { posted: true } : {}),
  };
}

/** Only paths on this site are followed after an action, never another host. */
export function localPath(value: string | undefined, fallback: string): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : fallback;
}
