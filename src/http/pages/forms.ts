import type { Context } from 'hono';
import { DomainError } from '../../domain/errors.js';
import type { AppEnv } from '../context.js';
import { csrfTokenFor } from './web-session.js';

export type FormValues = Record<string, string>;

/** The posted form as plain strings, after checking its CSRF token against the session. */
export async function readForm(c: Context<AppEnv>): Promise<FormValues> {
  const body = await c.req.parseBody();
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') values[key] = value;
  const token = c.get('token');
  if (!token || values._csrf !== csrfTokenFor(token)) {
    throw new DomainError('forbidden', 'csrf');
  }
  return values;
}

/**
 * "150", "150.5", "150,50", "1 500" → minor units of a currency written with `digits`
 * decimals (2 for EUR, 0 for JPY); null when it is not an amount.
 */
export function parseMoneyInput(text: string | undefined, digits = 2): number | null {
  const cleaned = (text ?? '').replace(/[\s\u00a0]/g, '').replace(',', '.');
  const pattern = digits > 0 ? new RegExp(`^\\d{1,10}(\\.\\d{1,${digits}})?$`) : /^\d{1,12}$/;
  if (!pattern.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0);
}

export const optional = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

/** After a successful action: back to a page, carrying a confirmation to show there. */
export function redirectDone(c: Context, to: string, done: string, extra: Record<string, string> = {}) {
  const url = new URL(to, 'http://local');
  url.searchParams.set('done', done);
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  // The place on the page (#t12: the traveller just marked at the bus door) is kept.
  return c.redirect(url.pathname + url.search + url.hash, 303);
}

/** An id from a path or a form; anything that cannot be an id is undefined. */
export const positiveId = (value: string | undefined) => (value && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : undefined);
