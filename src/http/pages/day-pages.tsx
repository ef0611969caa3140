/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { dueOfReason } from '../../../templates/payment-due.js';
import { mapInOrder } from '../../domain/in-order.js';
import { Hono, type Context } from 'hono';
import { DateTime } from 'luxon';
import { contactsByIds } from '../../domain/contacts/index.js';
import { departureReport } from '../../domain/reports/departures-report.js';
import { listDepartures } from '../../domain/departures/departures.js';
import { DAY_MS } from '../../domain/time.js';
import { departureMoney } from '../../domain/departures/summary.js';
import { busesAtTheDoor } from '../../domain/boarding/index.js';
import { isDayList, lineOfDay, myDay, whoseWork } from '../../domain/worklists/index.js';
import { reasonText } from '../../i18n/reasons.js';
import { DeparturesPage } from '../../../templates/departures.js';
import { MyDayPage, type BusOfTheDay } from '../../../templates/my-day.js';
import { DirectorDayPage } from '../../../templates/director-day.js';
import { directorDay } from './director-day.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { managersOf, untold } from './desk-shared.js';
import { frameOf } from './frame.js';
import { positiveId } from './forms.js';

/**
 * A my-day page shows the first clients, most urgent first (and the person's own tasks,
 * however many clients wait); "Show all" (`?all=1`) shows up to MY_DAY_LIMIT. A manager with
 * hundreds of clients waiting got a page of 400 KiB that took longer to draw than to read.
 */
const FIRST_CLIENTS = 20;
const MY_DAY_LIMIT = 200;

/** The entries a page shows: all (up to the limit), or the first few plus every own task, in the list's order. */
function shownOf<T extends { reasons: { kind: string }[] }>(items: T[], all: boolean): T[] {
  if (all) return items.slice(0, MY_DAY_LIMIT);
  const own = items.filter((item) => item.reasons.some((r) => r.kind === 'task'));
  const others = items.filter((item) => !own.includes(item)).slice(0, Math.max(0, FIRST_CLIENTS - own.length));
  const chosen = new Set([...own, ...others]);
  return items.filter((item) => chosen.has(item));
}

/**
 * The buses of today and tomorrow in the agency's zone (those already gone this morning too):
 * seats, who is not told, and the balances to collect at the door; a departure of several
 * buses, each bus with how far its boarding has gone.
 */
async function busesOfTheDay(c: Context<AppEnv>, deps: AppDeps): Promise<BusOfTheDay[]> {
  const ctx = actingCtxOf(c, deps);
  const today = DateTime.fromMillis(ctx.now, { zone: deps.agency.timeZone }).toISODate()!;
  const tomorrow = DateTime.fromMillis(ctx.now, { zone: deps.agency.timeZone }).plus({ days: 1 }).toISODate()!;
  const departures = (await listDepartures(ctx, { from: today, to: tomorrow, limit: 50 })).items.filter((d) => d.status !== 'cancelled');
  const several = departures.filter((d) => d.vehicles.length > 1);
  const atTheDoor = await busesAtTheDoor(ctx, several.map((d) => ({ id: d.id, seatLayout: null })));
  return await mapInOrder(departures, async (d) => {
    const report = await departureReport(ctx, d.id);
    const owing = report.deals.filter((deal) => deal.balanceMinor > 0);
    return {
      id: d.id,
      title: d.title,
      departsAt: d.departsAt,
      meetingPoint: d.meetingPoint,
      seats: d.seats,
      seatsBooked: d.seatsBooked,
      untold: (await untold(c, deps, d.id)).size,
      balanceMinor: owing.reduce((sum, deal) => sum + deal.balanceMinor, 0),
      balanceDeals: owing.length,
      currency: d.currency,
      vehicles: atTheDoor.get(d.id) ?? [],
    };
  });
}

/** My day and the departures board: where each member of staff starts. */
export function dayPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const frame = frameOf(c, deps, 'my-day');
    const role = ctx.actor.role;
    const requested = role === 'director' ? positiveId(c.req.query('managerId')) : undefined;
    const managerId = whoseWork(ctx, requested);
    const all = c.req.query('all') === '1';
    const director = role === 'director';
    const line = director ? c.req.query('list') : undefined;
    // The director starts with the agency on one screen; the clients are asked for (cards, all, a manager or a line).
    if (director && requested === undefined && !all && c.req.query('cards') !== '1' && !isDayList(line)) {
      return c.html(<DirectorDayPage {...frame} {...await directorDay(c, deps)} />);
    }
    const lineCode = isDayList(line) ? line : undefined;
    const result = lineCode
      ? { items: await lineOfDay(ctx, lineCode, managerId), total: 0 }
      : await myDay(ctx, { managerId, assigneeId: managerId ?? ctx.actor.id, limit: MY_DAY_LIMIT });
    if (lineCode) result.total = result.items.length;
    const shown = lineCode ? result.items.slice(0, MY_DAY_LIMIT) : shownOf(result.items, all);
    const zone = deps.agency.timeZone;
    const phones = await contactsByIds(ctx, shown.map((item) => item.contactId));
    const managers = director ? await managersOf(ctx) : null;
    const keep: Record<string, string> = lineCode ? { list: lineCode } : requested === undefined && director ? { cards: '1' } : {};
    const here = new URLSearchParams({ ...keep, ...(requested !== undefined ? { managerId: String(requested) } : {}) }).toString();
    return c.html(
      <MyDayPage
        {...frame}
        managers={managers}
        managerId={requested}
        keep={keep}
        heading={
          lineCode
            ? [frame.tr.t(`director.line.${lineCode}`), requested !== undefined ? managers?.find((m) => m.id === requested)?.name ?? String(requested) : null].filter(Boolean).join(' · ')
            : null
        }
        summaryHref={director ? '/' : null}
        total={result.total}
        tasks={result.items.filter((item) => item.contactId === 0).length}
        showAllHref={`/?${here ? `${here}&` : ''}all=1`}
        all={all || !!lineCode}
        buses={role === 'operator' ? await busesOfTheDay(c, deps) : null}
        entries={shown.map((item) => ({
          href: item.kind === 'deal' ? `/deals/${item.id}` : item.kind === 'task' ? `/tasks#task-${item.id}` : `/contacts/${item.contactId}`,
          title: item.reason.code === 'task_due' ? item.reason.title : item.contactName,
          subtitle: item.departureTitle,
          contactId: item.contactId,
          phone: phones.get(item.contactId)?.phone ?? null,
          reasons: item.reasons.map((r) => ({
            text: reasonText(frame.tr.locale, r.reason, zone),
            code: r.reason.code,
            kind: r.kind,
            id: r.id,
            documentsSent: r.reason.code === 'documents_not_back',
            entryId: r.waitlistEntryId,
            due: dueOfReason(r.reason),
          })),
          dueAt: item.dueAt,
          // Money due by a date counts calendar days (as the lists do); other work, whole days since it fell due.
          overdueDays:
            item.overdueDays !== undefined
              ? item.overdueDays > 0 ? item.overdueDays : null
              : item.dueAt <= ctx.now ? Math.floor((ctx.now - item.dueAt) / DAY_MS) : null,
          urgency: item.urgency,
        }))}
      />,
    );
  });

  /** Upcoming departures, soonest first; or (`?when=past`) the last year's, latest first. */
  app.get('/departures', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const past = c.req.query('when') === 'past';
    const items = past
      ? (await listDepartures(ctx, { status: 'departed', from: new Date(ctx.now - 366 * DAY_MS).toISOString(), limit: 500 })).items.reverse()
      : (await listDepartures(ctx, { status: 'scheduled', limit: 200 })).items;
    const money = await departureMoney(ctx, items.map((d) => d.id));
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
