import { Hono } from 'hono';
import { calendarOf, calendarOwner } from '../../domain/calendar/index.js';
import { installationId } from '../../domain/installation.js';
import { calendarIcs } from '../../documents/calendar-ics.js';
import { makeTr } from '../../../templates/tr.js';
import { ctxOf, type AppDeps, type AppEnv } from '../context.js';

const baseOf = (deps: AppDeps) => deps.agency.publicUrl ?? '';

/** The address a person pastes into Google Calendar or Outlook. */
export const calendarUrl = (deps: AppDeps, token: string) => `${baseOf(deps)}/api/v1/calendar.ics?token=${encodeURIComponent(token)}`;

/**
 * The calendar feed: no session (calendar programs fetch it on their own), the private token
 * the only permission. A stale or foreign token finds nothing.
 */
export function calendarRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/calendar.ics', async (c) => {
    const ctx = ctxOf(c, deps);
    const owner = await calendarOwner(ctx, c.req.query('token') ?? '');
    const tr = makeTr(owner.locale ?? deps.agency.locale, deps.agency.timeZone, deps.agency.country);
    const body = calendarIcs(await calendarOf(ctx, owner), { tr, owner: owner.name, agency: deps.agency.name, publicUrl: baseOf(deps), installation: await installationId(ctx.sqlite) });
    return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="tourdesk.ics"' });
  });
  return app;
}
