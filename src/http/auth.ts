import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors.js';
import { authenticate } from '../domain/users/sessions.js';
import { ctxOf, type AppDeps, type AppEnv } from './context.js';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** Every /api/v1 route but signing in needs a valid token; the role check is per route. */
export function requireSignIn(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'));
    const actor = token ? await authenticate(ctxOf(c, deps), token) : null;
    if (!actor) throw new DomainError('unauthenticated', 'Sign in first: send Authorization: Bearer TOKEN');
    c.set('actor', actor);
    c.set('token', token);
    await next();
  };
}
