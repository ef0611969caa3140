/**
 * How the API writes a domain value: instants as ISO 8601 in UTC. Apart from the HTTP layer
 * so that what leaves the desk another way (a webhook's object, written in the domain's
 * transaction) reads exactly as the API answers it; `src/http/api/json.ts` re-exports it.
 *
 * The domain speaks in epoch milliseconds; the API speaks ISO 8601 in UTC. The convention
 * that makes one writer enough: a field named `at` or ending in `At` or `Until` (a waiting
 * list's `holdUntil`) that holds a number is an instant. Everything else passes as it is.
 */
const isInstantKey = (key: string) => key === 'at' || key.endsWith('At') || key.endsWith('Until');

/** Answers a route has already written in the API's terms (instants as ISO): passed as they are. */
const ready = new WeakSet<object>();

/**
 * Marks an answer whose instants the route wrote as ISO itself (with `isoInstant`), so the
 * writer does not copy it again: a hot list of 50 items spent more on the copy than on its query.
 */
export function apiReady<T extends object>(value: T): T {
  ready.add(value);
  return value;
}

/** An instant as the API writes it; absent stays absent. */
export const isoInstant = (ms: number | null | undefined) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : ms);

/**
 * A copy of a domain value with its instants as ISO 8601 UTC. (A copy and then the plain
 * JSON.stringify measured twice as fast as a replacer function on a 50-item list.)
 */
export function toApiJson(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && ready.has(value)) return value;
  const iso = new Map<number, string>();
  const instant = (ms: number) => {
    let text = iso.get(ms);
    if (text === undefined) {
      text = new Date(ms).toISOString();
      iso.set(ms, text);
    }
    return text;
  };
  const walk = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(walk);
    const out: Record<string, unknown> = {};
    for (const key in node) {
      const child = (node as Record<string, unknown>)[key];
      out[key] = typeof child === 'number' ? (isInstantKey(key) && Number.isFinite(child) ? instant(child) : child) : typeof child === 'object' && child !== null ? walk(child) : child;
    }
    return out;
  };
  return walk(value);
}
