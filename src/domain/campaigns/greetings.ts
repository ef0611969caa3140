/**
 * Birthday greetings: when the agency turns them on, each client who agreed to hear from it
 * gets a greeting on their birthday morning, once a year (the unique index per client and
 * day). Someone born on 29 February is greeted on the 28th in other years.
 */
import { readConsistently } from '../../db/transaction.js';
import { filterInOrder } from '../in-order.js';
import { DateTime } from 'luxon';
import { marketable } from '../../db/fragments.js';
import { statement } from '../../db/statements.js';
import { atomically } from '../../db/transaction.js';
import { wallOf, type ActingCtx, type Ctx } from '../context.js';
import { DomainError } from '../errors.js';

/** The morning hour of the agency's zone greetings go out at. */
export const GREETING_HOUR = 9;
const SETTING = 'birthday_greetings';

export async function greetingsEnabled(ctx: Ctx): Promise<boolean> {
  const row = await statement(ctx.sqlite, `SELECT value FROM settings WHERE key = ?`).get(SETTING) as { value: string } | undefined;
  return row?.value === 'on';
}

export async function setGreetings(ctx: ActingCtx, enabled: boolean): Promise<{ enabled: boolean }> {
  if (ctx.actor.role !== 'director') throw new DomainError('forbidden', 'Only a director turns birthday greetings on or off');
  await atomically(ctx, async (ctx) => {
    await statement(ctx.sqlite, `INSERT INTO settings (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run({
      key: SETTING,
      value: enabled ? 'on' : 'off',
    });
  });
  return { enabled };
}

/** The month-days greeted today: today's, and 29 February on the 28th of a year without one. */
function birthdaysOn(day: DateTime): string[] {
  const today = day.toFormat('MM-dd');
  return today === '02-28' && !day.isInLeapYear ? [today, '02-29'] : [today];
}

/** Queues today's greetings once the morning has come; returns how many were queued (or would be). */
export async function planBirthdayGreetings(ctx: Ctx, dryRun = false): Promise<number> {
  if (!await greetingsEnabled(ctx)) return 0;
  const day = DateTime.fromMillis(ctx.now, { zone: ctx.agency.timeZone });
  const morning = day.startOf('day').set({ hour: GREETING_HOUR }).toMillis();
  if (ctx.now < morning) return 0;
  const select = `SELECT c.id, c.email, coalesce(c.locale, :agencyLocale) AS locale FROM contacts c
    WHERE c.email IS NOT NULL AND substr(c.birth_date, 6) IN (SELECT value FROM json_each(:days)) AND ${marketable('c')}
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.contact_id = c.id AND n.kind = 'birthday_greeting' AND n.due_at = :morning)`;
  const params = { agencyLocale: ctx.agency.locale, days: JSON.stringify(birthdaysOn(day)), morning };
  // Read outside the write lock (the birthday is no index), inserted under it; a twin pass's rows are no-ops.
  const rows = await readConsistently(ctx, async (ctx) => (await statement(ctx.sqlite, select).all(params)) as { id: number; email: string; locale: string }[]);
  if (dryRun || rows.length === 0) return rows.length;
  return await atomically(ctx, async (ctx) => {
    const insert = statement(
      ctx.sqlite,
      `INSERT INTO notifications (contact_id, kind, due_at, to_address, locale, status, next_attempt_at, created_at, updated_at)
       VALUES (:contactId, 'birthday_greeting', :morning, :email, :locale, 'pending', :wall, :now, :now) ON CONFLICT DO NOTHING`,
    );
    return (await filterInOrder(rows, async (row) => (await insert.run({ contactId: row.id, morning, email: row.email, locale: row.locale, wall: wallOf(ctx), now: ctx.now })).changes > 0)).length;
  });
}
