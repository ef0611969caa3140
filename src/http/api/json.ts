import type { MiddlewareHandler } from 'hono';
import { toApiJson } from '../../api-json.js';
import type { AppEnv } from '../context.js';

/** The writer lives in `src/api-json.ts` (webhooks write their objects with it too); re-exported for the routes. */
export { apiReady, isoInstant, toApiJson } from '../../api-json.js';

/** Every JSON answer of the API passes through `toApiJson`: routes hand over domain values as they are. */
export function apiJson(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const json = c.json.bind(c);
    c.json = ((value: unknown, ...rest: unknown[]) => (json as (...args: unknown[]) => Response)(toApiJson(value), ...rest)) as typeof c.json;
    await next();
  };
}
