/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { mapInOrder } from '../../domain/in-order.js';
import { Hono, type Context } from 'hono';
import { DateTime } from 'luxon';
import { contactsByIds } from '../../domain/contacts/index.js';
import { departureReport } from '../../domain/reports/departures-report.js';
import { listDepartures } from '../../domain/departures/departures.js';
import { DAY_MS } from '../../domain/time.js';
import { departureMoney } from '../../domain/departures/summary.js';
import { busesAtTheDoor } from '../../domain/boarding/index.js';
import { myDay, stuckAcrossAgency, whoseWork } from '../../domain/worklists/index.js';
import { reasonText } from '../../i18n/reasons.js';
import { DeparturesPage } from '../../../templates/departures.js';
import { MyDayPage, type BusOfTheDay } from '../../../templates/my-day.js';
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
    const result = await myDay(ctx, { managerId, assigneeId: managerId ?? ctx.actor.id, limit: MY_DAY_LIMIT });
    const shown = shownOf(result.items, all);
    const zone = deps.agency.timeZone;
    const phones = await contactsByIds(ctx, shown.map((item) => item.contactId));
    const managerNames = new Map((await managersOf(ctx)).map((m) => [m.id, m.name]));
    return c.html(
      <MyDayPage
        {...frame}
        managers={role === 'director' ? await managersOf(ctx) : null}
        managerId={requested}
        total={result.total}
        tasks={result.items.filter((item) => item.contactId === 0).length}
        showAllHref={requested === undefined ? '/?all=1' : `/?managerId=${requested}&all=1`}
        all={all}
        buses={role === 'operator' ? await busesOfTheDay(c, deps) : null}
        stuck={
          role === 'director' && requested === undefined
            ? (await stuckAcrossAgency(ctx)).map((row) => ({
                list: row.list,
                total: row.total,
                overdue: row.overdue,
                more: row.more,
                byManager: [...row.overdueByManager]
                  .map(([managerId, overdue]) => ({ managerId, overdue, name: managerId === null ? frame.tr.t('myday.nobody') : (managerNames.get(managerId) ?? String(managerId)) }))
                  .sort((a, b) => b.overdue - a.overdue),
              }))
            : null
        }
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
