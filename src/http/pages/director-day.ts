import type { Context } from 'hono';
import { DateTime } from 'luxon';
import { listDepartures } from '../../domain/departures/departures.js';
import { departureMoney } from '../../domain/departures/summary.js';
import { agencyDay, DAY_LINE_CODES, MONEY_LINES, type DayLine, type Sums } from '../../domain/worklists/index.js';
import type { Amounts, DirectorDayProps, ManagerLine, WeekTrip } from '../../../templates/director-day.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { staffNames } from './desk-shared.js';
import { frameOf } from './frame.js';

/** How many days "this week" looks ahead, today included. */
const WEEK_DAYS = 7;

/** Sums per currency, the agency's own first, then the others by name. */
function amountsOf(sums: Sums, agencyCurrency: string): Amounts {
  return [...sums]
    .map(([currency, minor]) => ({ currency, minor }))
    .sort((a, b) => Number(b.currency === agencyCurrency) - Number(a.currency === agencyCurrency) || a.currency.localeCompare(b.currency));
}

/** Where a line opens: the tasks page for tasks (everyone's), else My day narrowed to the line. */
const hrefOf = (code: string) => (code === 'tasks-overdue' ? '/tasks?whose=team' : `/?list=${code}`);

/**
 * The trips leaving in the week from today (in the agency's zone; one that left this morning
 * included): seats sold, money collected and still owed. Two statements.
 */
async function tripsOfTheWeek(c: Context<AppEnv>, deps: AppDeps): Promise<WeekTrip[]> {
  const ctx = actingCtxOf(c, deps);
  const today = DateTime.fromMillis(ctx.now, { zone: deps.agency.timeZone });
  const departures = (await listDepartures(ctx, { from: today.toISODate()!, to: today.plus({ days: WEEK_DAYS - 1 }).toISODate()!, limit: 100 })).items.filter(
    (d) => d.status !== 'cancelled',
  );
  const money = await departureMoney(ctx, departures.map((d) => d.id));
  return departures.map((d) => {
    const m = money.get(d.id)!;
    return {
      id: d.id,
      title: d.title,
      departsAt: d.departsAt,
      seats: d.seats,
      seatsBooked: d.seatsBooked,
      collectedMinor: m.collectedMinor,
      owedMinor: Math.max(0, m.contractedMinor - m.collectedMinor),
      currency: d.currency,
    };
  });
}

/** The director's summary, worded by the template: the agency's day, managers named, the week's trips. */
export async function directorDay(c: Context<AppEnv>, deps: AppDeps): Promise<Omit<DirectorDayProps, keyof ReturnType<typeof frameOf>>> {
  const ctx = actingCtxOf(c, deps);
  const { tr } = frameOf(c, deps);
  const currency = deps.agency.currency;
  const day = await agencyDay(ctx);
  const byCode = new Map(day.lines.map((line) => [line.code, line]));
  const line = (code: (typeof DAY_LINE_CODES)[number]): DayLine => byCode.get(code)!;
  const money = MONEY_LINES.map((code) => {
    const l = line(code);
    return { code, href: hrefOf(code), count: l.total, amounts: amountsOf(l.sums, currency), worstDays: l.worstDays, more: l.more };
  });
  const total: Sums = new Map();
  for (const code of MONEY_LINES) for (const [cur, minor] of line(code).sums) total.set(cur, (total.get(cur) ?? 0) + minor);

  const people = await staffNames(ctx);
  // Who may be given clients (managersOf's rule, without reading the staff twice).
  const managing = new Set(people.filter((u) => u.active && u.role !== 'operator').map((u) => u.id));
  const names = new Map(people.map((m) => [m.id, m.name]));
  const rows = new Map(day.managers.map((m) => [m.managerId, m]));
  const managers: ManagerLine[] = [];
  const clear: string[] = [];
  // Everyone who manages, in the staff list's order; then others with work (an operator's tasks); then nobody's.
  const order = [...people.filter((p) => managing.has(p.id)).map((p) => p.id), ...day.managers.map((m) => m.managerId).filter((id): id is number => id !== null && !managing.has(id)), null];
  for (const id of order) {
    const m = rows.get(id);
    const name = id === null ? tr.t('myday.nobody') : (names.get(id) ?? String(id));
    if (!m || (m.stuck === 0 && m.moneyCount === 0 && m.openTasks === 0)) {
      if (id !== null && managing.has(id)) clear.push(name);
      continue;
    }
    managers.push({
      managerId: id,
      name,
      // Their own My day where they have clients to manage; an operator has tasks only.
      href: id !== null && managing.has(id) ? `/?managerId=${id}` : null,
      stuck: m.stuck,
      moneyCount: m.moneyCount,
      money: amountsOf(m.money, currency),
      tasksHref: id === null ? null : `/tasks?whose=${id}`,
      openTasks: m.openTasks,
    });
  }

  return {
    stuck: DAY_LINE_CODES.filter((code) => !(MONEY_LINES as readonly string[]).includes(code)).map((code) => {
      const l = line(code);
      return { code, href: hrefOf(code), total: l.total, overdue: l.overdue, worstDays: l.worstDays, more: l.more };
    }),
    money,
    moneyTotal: { count: money.reduce((n, l) => n + l.count, 0), amounts: amountsOf(total, currency), href: '/?list=money-overdue' },
    currency,
    managers,
    clear,
    trips: await tripsOfTheWeek(c, deps),
    clients: day.clients,
    clientsHref: '/?cards=1',
  };
}
