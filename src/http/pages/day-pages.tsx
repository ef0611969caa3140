/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { listDepartures } from '../../domain/departures/departures.js';
import { DAY_MS } from '../../domain/time.js';
import { departureMoney } from '../../domain/departures/summary.js';
import { myDay, whoseWork } from '../../domain/worklists/index.js';
import { reasonText } from '../../i18n/reasons.js';
import { DeparturesPage } from '../../../templates/departures.js';
import { MyDayPage } from '../../../templates/my-day.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { managersOf } from './desk-shared.js';
import { frameOf } from './frame.js';
import { positiveId } from './forms.js';

/** My day and the departures board: where each member of staff starts. */
export function dayPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const ctx = actingCtxOf(c, deps);
    const frame = frameOf(c, deps, 'my-day');
    const isDirector = ctx.actor.role === 'director';
    const requested = isDirector ? positiveId(c.req.query('managerId')) : undefined;
    const result = myDay(ctx, { managerId: whoseWork(ctx, requested), limit: 200 });
    const zone = deps.agency.timeZone;
    return c.html(
      <MyDayPage
        {...frame}
        managers={isDirector ? managersOf(ctx) : null}
        managerId={requested}
        entries={result.items.map((item) => ({
          href: item.kind === 'deal' ? `/deals/${item.id}` : `/contacts/${item.contactId}`,
          title: item.contactName,
          subtitle: item.departureTitle,
          reasons: item.reasons.map((r) => reasonText(frame.tr.locale, r.reason, zone)),
          dueAt: item.dueAt,
          urgency: item.urgency,
          priority: item.priority,
        }))}
      />,
    );
  });

  /** Upcoming departures, soonest first; or (`?when=past`) the last year's, latest first. */
  app.get('/departures', (c) => {
    const ctx = actingCtxOf(c, deps);
    const past = c.req.query('when') === 'past';
    const items = past
      ? listDepartures(ctx, { status: 'departed', from: new Date(ctx.now - 366 * DAY_MS).toISOString(), limit: 500 }).items.reverse()
      : listDepartures(ctx, { status: 'scheduled', limit: 200 }).items;
    const money = departureMoney(ctx, items.map((d) => d.id));
    return c.html(
      <DeparturesPage
        {...frameOf(c, deps, 'departures')}
        past={past}
        departures={items.map((d) => ({
          ...d,
          contractedMinor: money.get(d.id)!.contractedMinor,
          collectedMinor: money.get(d.id)!.collectedMinor,
          dealsByStatus: money.get(d.id)!.dealsByStatus,
        }))}
      />,
    );
  });

  return app;
}
