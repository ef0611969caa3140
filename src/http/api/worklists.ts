import { Hono } from 'hono';
import type { Locale } from '../../domain/context.js';
import { listWorklist, myDay, whoseWork, WorklistQuery, type MyDayItem, type WorkItem } from '../../domain/worklists/index.js';
import { readerLocale } from '../../i18n/index.js';
import { reasonText } from '../../i18n/reasons.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { readQuery } from '../validate.js';
import { apiReady, isoInstant } from './json.js';

/** A client's name and trip; a task's own title, with its trip. */
function titleOf(item: WorkItem): string {
  const who = item.reason.code === 'task_due' ? item.reason.title : item.contactName;
  return item.departureTitle ? `${who} — ${item.departureTitle}` : who;
}

function serializeItem(item: WorkItem, locale: Locale, zone: string) {
  return {
    kind: item.kind,
    id: item.id,
    title: titleOf(item),
    reason: reasonText(locale, item.reason, zone),
    reasonCode: item.reason.code,
    dueAt: isoInstant(item.dueAt),
    ...(item.overdueDays !== undefined ? { overdueDays: item.overdueDays } : {}),
    ...(item.waitlistEntryId !== undefined ? { waitlistEntryId: item.waitlistEntryId } : {}),
    priority: item.priority,
    urgency: item.urgency,
    list: item.list,
    contactId: item.contactId,
    contactName: item.contactName,
    managerId: item.managerId,
    departureId: item.departureId,
    departureTitle: item.departureTitle,
    departsAt: isoInstant(item.departsAt),
    dealStatus: item.dealStatus,
    amountMinor: item.amountMinor,
    currency: item.currency,
  };
}

export function worklistRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.get('/:name', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const name = c.req.param('name');
    const query = readQuery(c, WorklistQuery);
    const locale = readerLocale(c, ctx.actor.locale);
    const zone = ctx.agency.timeZone;
    if (name === 'my-day') {
      const managerId = whoseWork(ctx, query.managerId);
      const result = await myDay(ctx, { ...query, managerId, assigneeId: managerId ?? ctx.actor.id });
      return c.json(apiReady({
        items: result.items.map((item: MyDayItem) => ({
          ...serializeItem(item, locale, zone),
          reason: item.reasons.map((r) => reasonText(locale, r.reason, zone)).join('; '),
          reasons: item.reasons.map((r) => serializeItem(r, locale, zone)),
        })),
        nextCursor: result.nextCursor,
      }));
    }
    const result = await listWorklist(ctx, name, query);
    return c.json(apiReady({ items: result.items.map((item) => serializeItem(item, locale, zone)), nextCursor: result.nextCursor }));
  });

  return app;
}
