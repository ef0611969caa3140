import type { Context } from 'hono';

/** The socket's address; behind a proxy every client shares the proxy's (see README). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
