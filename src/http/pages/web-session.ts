import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Actor, Locale } from '../../domain/context.js';
import { authenticate, SESSION_MAX_MS } from '../../domain/users/sessions.js';
import { readerLocale } from '../../i18n/index.js';
import { ctxOf, type AppDeps, type AppEnv } from '../context.js';

export const SESSION_COOKIE = 'tourdesk_session';

/** HttpOnly so scripts never see it; SameSite=Lax so other sites cannot post with it. */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https',
    maxAge: Math.floor(SESSION_MAX_MS / 1000),
  });
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: '/' });

export const sessionToken = (c: Context) => getCookie(c, SESSION_COOKIE) ?? null;

/** A form token bound to the session: a forged form from another site cannot know it. */
export const csrfTokenFor = (sessionToken: string) =>
  createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url').slice(0, 32);

export function pageLocale(c: Context, actor: Actor | null): Locale {
  return readerLocale(c, actor?.locale);
}

/** Pages need a signed-in user: anyone else is sent to the sign-in page and brought back after. */
export function requirePageSignIn(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = sessionToken(c);
    const actor = token ? await authenticate(ctxOf(c, deps), token) : null;
    if (!actor || !token) {
      if (token) clearSessionCookie(c);
      const next_ = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(next_.pathname + next_.search)}`, 303);
    }
    c.set('actor', actor);
    c.set('token', token);
    await next();
  };
}
