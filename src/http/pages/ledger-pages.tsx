/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { ActingCtx } from '../../domain/context.js';
import { getDeparture, listDepartures } from '../../domain/departures/departures.js';
import { DomainError } from '../../domain/errors.js';
import { cashbook, ledgerMethods, LedgerQuery, ledgerScope, listLedger } from '../../domain/ledger/index.js';
import { PeriodQuery } from '../../domain/reports/departures-report.js';
import { listUsers, requireRole } from '../../domain/users/users.js';
import { fieldErrorText } from '../../i18n/errors.js';
import { CashbookPage, LedgerPage, type LedgerFilterValues } from '../../../templates/ledger.js';
import type { Tr } from '../../../templates/tr.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { fieldErrors } from '../validate.js';
import { frameOf } from './frame.js';

/** The trips offered in the filter: those leaving from a month before the period to a year after it. */
const TRIPS_BEFORE = { months: 1 };
const TRIPS_AFTER = { months: 12 };
const MAX_TRIPS = 500;

/**
 * The period a page opens with: the current month in the agency's zone. A date the reader
 * emptied stays empty (no bound); a date never given is the month's edge.
 */
function periodValues(c: Context<AppEnv>, ctx: ActingCtx): { from: string; to: string } {
  const month = DateTime.fromMillis(ctx.now, { zone: ctx.agency.timeZone });
  const given = (name: string) => c.req.query(name)?.trim();
  return { from: given('from') ?? month.startOf('month').toISODate()!, to: given('to') ?? month.endOf('month').toISODate()! };
}

/** "" is "all": left out of what the domain reads. */
const present = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));

/** A refused filter in the reader's words, field by field: a date that is not one, a choice not offered. */
function wordErrors(tr: Tr, error: z.ZodError): Record<string, string> {
  const worded: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    if (field === 'from' || field === 'to') worded[field] = tr.t('ledgerPage.badDate');
    else if (field === 'kind' || field === 'departureId' || field === 'managerId') worded[field] = tr.t('fieldError.choose');
    else worded[field] = fieldErrorText(tr.locale, message);
  }
  return worded;
}

/** The accountant's pages: the money ledger of a period and the cash book per day and method. */
export function ledgerPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  /** The trips of the filter's choice, the chosen one always among them. */
  async function tripsFor(ctx: ActingCtx, period: { from: string; to: string }, chosen: number | undefined) {
    const day = (value: string, fallback: DateTime) => {
      const parsed = DateTime.fromISO(value, { zone: ctx.agency.timeZone });
      return parsed.isValid && /^\d{4}-\d{2}-\d{2}$/.test(value) ? parsed : fallback;
    };
    const today = DateTime.fromMillis(ctx.now, { zone: ctx.agency.timeZone });
    const from = day(period.from, today).minus(TRIPS_BEFORE).toISODate()!;
    const to = day(period.to, today).plus(TRIPS_AFTER).toISODate()!;
    const trips: { id: number; title: string; departsAt: number | null }[] = (await listDepartures(ctx, { from, to, limit: MAX_TRIPS })).items.map((d) => ({
      id: d.id,
      title: d.title,
      departsAt: d.departsAt,
    }));
    if (chosen !== undefined && !trips.some((d) => d.id === chosen)) {
      try {
        const trip = await getDeparture(ctx, chosen);
        trips.unshift({ id: trip.id, title: trip.title, departsAt: trip.departsAt });
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'not_found')) throw error;
        trips.unshift({ id: chosen, title: `#${chosen}`, departsAt: null });
      }
    }
    return trips;
  }

  app.get('/payments', async (c) => {
    const ctx = actingCtxOf(c, deps);
    // Operators are refused before anything is read; a manager sees their own bookings' money.
    ledgerScope(ctx, undefined);
    const director = ctx.actor.role === 'director';
    const frame = frameOf(c, deps, 'payments');
    const text = (name: string) => c.req.query(name)?.trim() ?? '';
    const filter: LedgerFilterValues = {
      ...periodValues(c, ctx),
      method: text('method'),
      kind: text('kind'),
      departureId: text('departureId'),
      // A manager has no choice here; naming another's bookings in the address is refused as in the API.
      managerId: text('managerId'),
    };
    const paging = present({ cursor: text('cursor'), limit: text('limit') });
    const parsed = LedgerQuery.safeParse({ ...present({ ...filter }), ...paging });
    const query = parsed.success ? parsed.data : null;
    const ledger = query ? await listLedger(ctx, query) : null;
    const staff = director ? await listUsers(ctx) : null;
    return c.html(
      <LedgerPage
        {...frame}
        filter={filter}
        errors={parsed.success ? {} : wordErrors(frame.tr, parsed.error)}
        methods={await ledgerMethods(ctx)}
        trips={await tripsFor(ctx, filter, query?.departureId)}
        managers={staff ? staff.filter((u) => u.role !== 'operator').map((u) => ({ id: u.id, name: u.name })) : null}
        ledger={ledger}
        paged={Boolean(query?.cursor)}
        limit={paging.limit ?? ''}
      />,
      parsed.success ? 200 : 400,
    );
  });

  app.get('/reports/cashbook', async (c) => {
    const ctx = actingCtxOf(c, deps);
    requireRole(ctx, 'director');
    const frame = frameOf(c, deps, 'reports');
    const period = periodValues(c, ctx);
    const parsed = PeriodQuery.safeParse(present(period));
    return c.html(
      <CashbookPage
        {...frame}
        {...period}
        errors={parsed.success ? {} : wordErrors(frame.tr, parsed.error)}
        book={parsed.success ? await cashbook(ctx, parsed.data) : null}
      />,
      parsed.success ? 200 : 400,
    );
  });

  return app;
}
