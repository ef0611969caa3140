import type { Context } from 'hono';
import type { ActingCtx } from '../../domain/context.js';
import { listUsers } from '../../domain/users/users.js';
import { listWorklist } from '../../domain/worklists/index.js';
import { reasonText } from '../../i18n/reasons.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { frameOf } from './frame.js';

/** Staff as the desk's pickers show them. */
export const staffNames = (ctx: ActingCtx) => listUsers(ctx).map((u) => ({ id: u.id, name: u.name, role: u.role, active: u.active }));

/** Who may be given clients and bookings: active managers and directors. */
export const managersOf = (ctx: ActingCtx) => staffNames(ctx).filter((u) => u.active && u.role !== 'operator');

/** Bookings of a departure nobody has told its time and place yet, with why, in the reader's words. */
export function untold(c: Context<AppEnv>, deps: AppDeps, departureId: number): Map<number, string> {
  const locale = frameOf(c, deps).tr.locale;
  const items = listWorklist(actingCtxOf(c, deps), 'notify-due', { departureId, limit: 500 }).items;
  return new Map(items.map((item) => [item.id, reasonText(locale, item.reason, deps.agency.timeZone)]));
}
