import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';
import { DAY_MS } from '../time.js';
import { contactItems } from './contact-lists.js';
import { dealItems } from './deal-lists.js';
import { inquiryItems } from './inquiry-lists.js';
import { collectWork, mergeByClient, MY_DAY_DEPTH } from './my-day.js';
import { taskItems } from './task-lists.js';
import { waitlistItems } from './waitlist-lists.js';
import type { MyDayItem, WorkItem, WorklistName } from './types.js';

/**
 * The lines of the director's summary: each a worklist (the one its link opens, and whose
 * depth says "at least") narrowed by what the line is about. Money lines count only what is
 * past its due day; the others count everything on the list and say how much is overdue.
 */
export const DAY_LINES = {
  'new-bookings': { list: 'new', is: (i: WorkItem) => i.kind === 'deal' },
  'new-inquiries': { list: 'new', is: (i: WorkItem) => i.kind === 'inquiry' },
  'first-offer-overdue': { list: 'first-offer-overdue', is: () => true },
  'offer-expiring': { list: 'offer-expiring', is: () => true },
  'documents-not-sent': { list: 'documents-missing', is: (i: WorkItem) => i.reason.code === 'documents_not_sent' },
  'documents-not-back': { list: 'documents-missing', is: (i: WorkItem) => i.reason.code === 'documents_not_back' },
  'voucher-due': { list: 'voucher-due', is: () => true },
  'notify-due': { list: 'notify-due', is: () => true },
  /** Of those not told: the notice went out and failed, nobody knows whether it arrived, or there is no address. */
  'notices-failed': {
    list: 'notify-due',
    is: (i: WorkItem) => i.reason.code === 'not_notified' && (i.reason.notice === 'failed' || i.reason.notice === 'uncertain' || i.reason.notice === 'no_address'),
  },
  'waitlist-offers': { list: 'waitlist-offers', is: () => true },
  'contacts-due': { list: 'contacts-due', is: () => true },
  'tasks-overdue': { list: 'tasks-due', is: (i: WorkItem, now: number) => i.dueAt < now },
  'deposits-overdue': { list: 'deposit-missing', is: (i: WorkItem) => (i.overdueDays ?? 0) > 0 },
  'balances-overdue': { list: 'balance-due', is: (i: WorkItem) => (i.overdueDays ?? 0) > 0 },
} as const satisfies Record<string, { list: Exclude<WorklistName, 'my-day'>; is: (item: WorkItem, now: number) => boolean }>;

export type DayLineCode = keyof typeof DAY_LINES;
export const DAY_LINE_CODES = Object.keys(DAY_LINES) as DayLineCode[];
export const MONEY_LINES = ['deposits-overdue', 'balances-overdue'] as const satisfies readonly DayLineCode[];
/** What a manager's "stuck" counts: overdue work on the lines that are neither money, tasks nor a part of another line. */
const STUCK_OF_MANAGER: readonly DayLineCode[] = DAY_LINE_CODES.filter(
  (code) => !(MONEY_LINES as readonly string[]).includes(code) && code !== 'tasks-overdue' && code !== 'notices-failed',
);

/** Sums of money, one per currency (the lists never convert). */
export type Sums = Map<string, number>;

export interface DayLine {
  code: DayLineCode;
  /** Items on the line. */
  total: number;
  /** Of them, past their due time. */
  overdue: number;
  /** The longest any of them is overdue, in whole days (calendar days for money); null when none is. */
  worstDays: number | null;
  /** The list holds more than was read: the figures are "at least". */
  more: boolean;
  /** Money lines: what is owed, per currency. */
  sums: Sums;
}

export interface ManagerDay {
  managerId: number | null;
  /** Overdue work of theirs on the lines that are not money. */
  stuck: number;
  /** Deposits and balances past due on their bookings: how many, and how much per currency. */
  moneyCount: number;
  money: Sums;
  /** Their open tasks, whenever due. */
  openTasks: number;
}

export interface AgencyDay {
  lines: DayLine[];
  managers: ManagerDay[];
  /** The clients the director's full My day lists (each once), their own tasks included. */
  clients: number;
}

const daysLate = (item: WorkItem, now: number) => (item.overdueDays !== undefined ? item.overdueDays : Math.floor((now - item.dueAt) / DAY_MS));
const isLate = (item: WorkItem, now: number) => (item.overdueDays !== undefined ? item.overdueDays > 0 : item.dueAt <= now);
const add = (sums: Sums, currency: string | null, minor: number) => {
  if (currency) sums.set(currency, (sums.get(currency) ?? 0) + minor);
};

/** The items on one line, read from the work already collected. */
export function itemsOfLine(code: DayLineCode, items: WorkItem[], now: number): WorkItem[] {
  const line = DAY_LINES[code];
  return items.filter((item) => item.list === line.list && line.is(item, now));
}

/** Open tasks per assignee, by the partial index of open tasks. */
async function openTasksByAssignee(ctx: Ctx): Promise<Map<number, number>> {
  const rows = await statement(ctx.sqlite, `SELECT t.assignee_id AS assigneeId, count(*) AS n FROM tasks t WHERE t.status = 'open' GROUP BY t.assignee_id`).all() as { assigneeId: number; n: number }[];
  return new Map(rows.map((r) => [r.assigneeId, r.n]));
}

/**
 * The agency on one screen: what is stuck and how long, money past due, each manager's share,
 * and how many clients the full list holds. The same 13 list statements as my-day (the tasks
 * read for everyone), plus one count of open tasks; nothing read twice.
 */
export async function agencyDay(ctx: Ctx & { actor: { id: number } }): Promise<AgencyDay> {
  const items = await collectWork(ctx, {}, {});
  // How many rows each statement gave ('new' is two: its deals and its inquiries).
  const perList = new Map<string, number>();
  const keyOf = (item: WorkItem) => `${item.list}|${item.list === 'new' ? item.kind : ''}`;
  for (const item of items) perList.set(keyOf(item), (perList.get(keyOf(item)) ?? 0) + 1);
  const lines = DAY_LINE_CODES.map((code): DayLine => {
    const on = itemsOfLine(code, items, ctx.now);
    const late = on.filter((item) => isLate(item, ctx.now));
    const sums: Sums = new Map();
    if ((MONEY_LINES as readonly string[]).includes(code)) for (const item of on) add(sums, item.currency, item.amountMinor);
    return {
      code,
      total: on.length,
      overdue: late.length,
      worstDays: late.length ? Math.max(0, ...late.map((item) => daysLate(item, ctx.now))) : null,
      more: (perList.get(`${DAY_LINES[code].list}|${code === 'new-bookings' ? 'deal' : code === 'new-inquiries' ? 'inquiry' : ''}`) ?? 0) >= MY_DAY_DEPTH,
      sums,
    };
  });

  const managers = new Map<number | null, ManagerDay>();
  const of = (managerId: number | null) => {
    let m = managers.get(managerId);
    if (!m) managers.set(managerId, (m = { managerId, stuck: 0, moneyCount: 0, money: new Map(), openTasks: 0 }));
    return m;
  };
  for (const code of STUCK_OF_MANAGER) for (const item of itemsOfLine(code, items, ctx.now)) if (isLate(item, ctx.now)) of(item.managerId).stuck++;
  for (const code of MONEY_LINES) {
    for (const item of itemsOfLine(code, items, ctx.now)) {
      const m = of(item.managerId);
      m.moneyCount++;
      add(m.money, item.currency, item.amountMinor);
    }
  }
  for (const [assigneeId, n] of await openTasksByAssignee(ctx)) of(assigneeId).openTasks = n;

  // The full list is the director's My day: the agency's clients and their own tasks.
  const clients = mergeByClient(items.filter((item) => item.kind !== 'task' || item.managerId === ctx.actor.id)).length;
  return { lines, managers: [...managers.values()], clients };
}

/** A list the summary links to: one of its lines, or the money lines together. */
export type DayListCode = DayLineCode | 'money-overdue';
export const isDayList = (code: string | undefined): code is DayListCode => code === 'money-overdue' || (code !== undefined && Object.hasOwn(DAY_LINES, code));

/** One line's items, read by the one statement of the line's list at my-day's depth. */
async function itemsOf(ctx: Ctx, code: DayLineCode, managerId: number | undefined): Promise<WorkItem[]> {
  const list = DAY_LINES[code].list;
  const scope = { managerId, limit: MY_DAY_DEPTH };
  const read = async (): Promise<WorkItem[]> => {
    if (code === 'new-inquiries') return (await inquiryItems(ctx, 'new', scope)).items;
    if (list === 'first-offer-overdue' || list === 'offer-expiring') return (await inquiryItems(ctx, list, scope)).items;
    if (list === 'contacts-due') return (await contactItems(ctx, scope)).items;
    if (list === 'waitlist-offers') return (await waitlistItems(ctx, scope)).items;
    if (list === 'tasks-due') return (await taskItems(ctx, scope)).items;
    return (await dealItems(ctx, list, scope)).items;
  };
  return itemsOfLine(code, await read(), ctx.now);
}

/** A line's list as My day shows it (each client once, most urgent first), for the agency or one manager. */
export async function lineOfDay(ctx: Ctx, code: DayListCode, managerId: number | undefined): Promise<MyDayItem[]> {
  if (code === 'money-overdue') {
    return mergeByClient([...await itemsOf(ctx, 'deposits-overdue', managerId), ...await itemsOf(ctx, 'balances-overdue', managerId)]);
  }
  return mergeByClient(await itemsOf(ctx, code, managerId));
}
