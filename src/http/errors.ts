import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorCode } from '../domain/errors.js';

export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  sold_out: 409,
  invalid_transition: 409,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  provider_unavailable: 502,
};

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** The single place errors become responses: a DomainError by its code, anything else a logged 500. */
export function respondToError(error: unknown, c: Context, log: (message: string, error: unknown) => void) {
  if (error instanceof DomainError) {
    const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retryAfter) c.header('Retry-After', String(retryAfter));
    return c.json(errorBody(error.code, error.message, error.details), STATUS_OF[error.code]);
  }
  const code = databaseCode(error);
  // SQLite: SQLITE_BUSY after the busy timeout; PostgreSQL: lock_not_available after lock_timeout.
  if (code?.startsWith('SQLITE_BUSY') || code === '55P03') {
    // Another process held the write lock past the busy timeout: nothing was written.
    c.header('Retry-After', '1');
    return c.json(errorBody('busy', 'The database is busy; nothing was changed, try again'), 503);
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') {
    // A race lost against another process's insert: the same answer the check would have given.
    return c.json(errorBody('conflict', 'This record already exists'), 409);
  }
  log(`${c.req.method} ${c.req.path} failed`, error);
  return c.json(errorBody('internal', 'Something went wrong on our side; nothing was changed'), 500);
}

/** The engine's error code (better-sqlite3's SQLITE_..., PostgreSQL's SQLSTATE), on the error or the one drizzle wrapped. */
function databaseCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = 'code' in e ? (e as { code: unknown }).code : undefined;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
