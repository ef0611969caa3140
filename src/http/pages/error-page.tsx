/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../../domain/errors.js';
import { MessagePage } from '../../../templates/message.js';
import type { AppDeps, AppEnv } from '../context.js';
import { STATUS_OF } from '../errors.js';
import { refusalText } from '../../i18n/errors.js';
import { frameOf } from './frame.js';

/** Errors on web pages: a page in the user's language, never a stack trace. */
export function pageError(c: Context<AppEnv>, deps: AppDeps, error: unknown, log: (m: string, e: unknown) => void) {
  const frame = frameOf(c, deps);
  const back = { href: '/', label: frame.tr.t('error.back') };
  const page = (status: 400 | 403 | 404 | 409 | 413 | 429 | 500, message: string) =>
    c.html(<MessagePage {...frame} title={frame.tr.t('error.title')} message={message} link={back} />, status);
  if (error instanceof HTTPException) {
    return page(error.status === 403 ? 403 : 400, frame.tr.t(error.status === 403 ? 'error.csrf' : 'error.title'));
  }
  if (error instanceof DomainError) {
    if (error.code === 'unauthenticated') return c.redirect('/login', 303);
    if (error.code === 'not_found') return page(404, frame.tr.t('error.notFound'));
    if (error.code === 'forbidden') return page(403, frame.tr.t(error.message === 'csrf' ? 'error.csrf' : 'error.forbidden'));
    return page(STATUS_OF[error.code] as 400 | 409 | 413 | 429, refusalText(frame.tr.locale, error));
  }
  log(`${c.req.method} ${c.req.path} failed`, error);
  return page(500, frame.tr.t('error.title'));
}
