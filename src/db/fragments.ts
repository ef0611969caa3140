/**
 * SQL the domain writes in more than one statement, named once. Each is written to stay an
 * index seek where it is used (the query-plan test checks the worklists that embed them).
 */

import { DEPARTURE_NOTICE } from './schema/notifications.js';

/** Money held for the deal `deal` (an alias of deals): the ledger's signed amounts, summed. */
export const paidOf = (deal: string) => `(SELECT coalesce(sum(p.delta_minor), 0) FROM payments p WHERE p.deal_id = ${deal}.id)`;

/**
 * The one rule of "told", for every place that asks (the planner's corrections, notify-due,
 * told by phone, the roster and my-day through notify-due):
 * - a notice *went out* when the mail server, the SMS centre or the bot took it (`sent`), the
 *   SMS centre then confirmed it arrived (`delivered`), or it may have gone (`uncertain`);
 *   what it told has to be corrected if the time or place changes;
 * - a notice *reached* the client when it went out for sure (`sent` or `delivered`, or a
 *   person told them by phone, recorded as `sent`); `uncertain` is for a person to check.
 */
export const WENT_OUT_STATUSES = ['sent', 'delivered', 'uncertain'] as const;
export const REACHED_STATUSES = ['sent', 'delivered'] as const;

/** Whether a notice in this state reached the client (see REACHED_STATUSES). */
export const hasReached = (status: string | null | undefined): boolean => (REACHED_STATUSES as readonly string[]).includes(status ?? '');

const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * The departure notices that went out to a deal: the condition over a notifications alias
 * `n`. `status <> 'superseded'` lets SQLite use the partial index of live notices per deal.
 */
export const toldNotice = (n: string) => `${n}.${DEPARTURE_NOTICE} AND ${n}.status <> 'superseded' AND ${n}.status IN (${sqlList(WENT_OUT_STATUSES)})`;

/** Of the notices that went out, whether `n` surely reached the client. */
export const reachedNotice = (n: string) => `${n}.status IN (${sqlList(REACHED_STATUSES)})`;

/**
 * Where and when a booking boards, in SQL: the twin of `pickupOf` (departures/stops.ts) over a
 * departures alias `dep` and the booking's stop `s` (LEFT JOINed, null when none is recorded):
 * the stop's own time after the departure's, and its name with its address, else the
 * departure's meeting point. A unit test holds the two to the same answers.
 */
export const pickupAtSql = (dep: string, s: string) => `(${dep}.departs_at + coalesce(${s}.offset_minutes, 0) * 60000)`;
export const pickupPlaceSql = (dep: string, s: string) =>
  `(CASE WHEN coalesce(${s}.name, '') = '' THEN ${dep}.meeting_point WHEN coalesce(${s}.address, '') = '' THEN ${s}.name ELSE ${s}.name || ', ' || ${s}.address END)`;

/**
 * Whether the contact `c` may be sent offers and greetings: they agreed, never unsubscribed,
 * are not "do not contact" and not black-listed.
 */
export const marketable = (c: string) => `(${c}.marketing_opt_in = 1 AND ${c}.unsubscribed_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM json_each(${c}.tags) tg WHERE tg.value = 'do_not_contact')
  AND NOT EXISTS (SELECT 1 FROM inquiries bl WHERE bl.contact_id = ${c}.id AND bl.status = 'blacklisted'))`;
