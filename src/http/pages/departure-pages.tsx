/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { cancellationFeesInput, readFeeRules } from '../../domain/departures/cancellation-fees.js';
import { stopsInput, stopsOf as stopRowsOf } from '../../domain/departures/stops.js';
import { costsInput, readCosts } from '../../domain/departures/costs.js';
import {
  CopyDepartureInput,
  copyDeparture,
  CreateDepartureInput,
  createDeparture,
  getDeparture,
  UpdateDepartureInput,
} from '../../domain/departures/departures.js';
import { changeDeparture } from '../../domain/departures/reschedule.js';
import { invalid } from '../../domain/errors.js';
import { currencyDigits } from '../../domain/money.js';
import { DepartureFormPage } from '../../../templates/departure-form.js';
import { actingCtxOf, write, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { formAction, type Refusal } from './form-action.js';
import { frameOf } from './frame.js';
import { optional, parseMoneyInput, positiveId, type FormValues } from './forms.js';

type C = Context<AppEnv>;

/** Rows of the cancellation-policy table on the form. */
export const FEE_ROWS = 4;

/**
 * The policy's rows as typed (`feeDays0`/`feePercent0`, ...): empty rows are skipped; a
 * wrong row is refused at its own inputs, in the form's names.
 */
function feeRulesOf(form: FormValues) {
  const rows = Array.from({ length: FEE_ROWS }, (_, i) => ({ i, days: optional(form[`feeDays${i}`]), percent: optional(form[`feePercent${i}`]) })).filter(
    (row) => row.days !== undefined || row.percent !== undefined,
  );
  const asNumber = (text: string | undefined) => (text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : NaN);
  const rules = rows.map((row) => ({ daysBefore: asNumber(row.days), percent: asNumber(row.percent) }));
  const parsed = cancellationFeesInput.safeParse(rules);
  if (parsed.success) return parsed.data;
  const wrong: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const [index, key] = issue.path as [number, string];
    const name = `${key === 'percent' ? 'feePercent' : 'feeDays'}${rows[index]?.i ?? 0}`;
    wrong[name] ??= issue.message;
  }
  throw invalid(wrong);
}

/** Rows of the costs table beyond the costs a departure has (directors only). */
export const EXTRA_COST_ROWS = 3;

/** The costs as typed (`costLabel0`, `costAmount0` in major units); empty rows are skipped. */
function costsOf(form: FormValues, digits: number, notAnAmount: string) {
  const rows = Object.keys(form)
    .map((key) => /^costLabel(\d+)$/.exec(key)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
    .map((i) => ({ i, label: form[`costLabel${i}`] ?? '', amount: optional(form[`costAmount${i}`]) }))
    .filter((row) => row.label.trim() !== '' || row.amount !== undefined);
  const wrong: Record<string, string> = {};
  const costs = rows.map((row) => {
    const amountMinor = parseMoneyInput(row.amount, digits);
    if (amountMinor === null) wrong[`costAmount${row.i}`] = notAnAmount;
    return { label: row.label, amountMinor: amountMinor ?? 0 };
  });
  if (Object.keys(wrong).length) throw invalid(wrong);
  const parsed = costsInput.safeParse(costs);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const [index, key] = issue.path as [number, string];
    wrong[`${key === 'amountMinor' ? 'costAmount' : 'costLabel'}${rows[index]?.i ?? 0}`] ??= issue.message;
  }
  throw invalid(wrong);
}

/** Rows of the pickup-stops table beyond the stops a departure has. */
export const EXTRA_STOP_ROWS = 2;

/**
 * The stops as typed (`stopName0`, `stopAddress0`, `stopTime0` as the stop's local clock,
 * `stopId0` for a stop kept): the offset is the stop's time after the departure's, past
 * midnight when the clock is earlier. Empty rows are skipped; none at all: no change.
 */
function stopsOf(form: FormValues, departsAtLocal: string | undefined) {
  const rows = Object.keys(form)
    .map((key) => /^stopName(\d+)$/.exec(key)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
    .map((i) => ({ i, id: positiveId(form[`stopId${i}`]), name: form[`stopName${i}`] ?? '', address: optional(form[`stopAddress${i}`]) ?? null, time: optional(form[`stopTime${i}`]) }))
    .filter((row) => row.name.trim() !== '' || row.time !== undefined);
  if (rows.length === 0) return undefined;
  const clock = /T(\d{2}):(\d{2})/.exec(departsAtLocal ?? '');
  const start = clock ? Number(clock[1]) * 60 + Number(clock[2]) : null;
  const wrong: Record<string, string> = {};
  const stops = rows.map((row) => {
    const time = /^(\d{1,2}):(\d{2})$/.exec(row.time ?? '');
    if (!time || start === null) {
      if (!time) wrong[`stopTime${row.i}`] = 'is not a real date and time';
      return { id: row.id, name: row.name, address: row.address, offsetMinutes: 0 };
    }
    const minutes = Number(time[1]) * 60 + Number(time[2]);
    return { id: row.id, name: row.name, address: row.address, offsetMinutes: (minutes - start + 24 * 60) % (24 * 60) };
  });
  if (Object.keys(wrong).length) throw invalid(wrong);
  const parsed = stopsInput.safeParse(stops);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const [index, key] = issue.path as [number, string];
    const name = `${key === 'offsetMinutes' ? 'stopTime' : key === 'address' ? 'stopAddress' : 'stopName'}${rows[index]?.i ?? 0}`;
    wrong[name] ??= issue.message;
  }
  throw invalid(wrong);
}

/** The form's fields as the domain's departure input; amounts typed in major units of the currency. */
function departureInput(c: C, deps: AppDeps, form: FormValues) {
  const tr = frameOf(c, deps).tr;
  const currency = (optional(form.currency) ?? deps.agency.currency).toUpperCase();
  const digits = currencyDigits(currency);
  const priceMinor = parseMoneyInput(form.price, digits);
  const depositMinor = parseMoneyInput(form.deposit, digits);
  const wrong = { ...(priceMinor === null ? { price: tr.t('error.amount') } : {}), ...(depositMinor === null ? { deposit: tr.t('error.amount') } : {}) };
  if (Object.keys(wrong).length) throw invalid(wrong);
  const cancellationFees = feeRulesOf(form);
  const stops = stopsOf(form, form.departsAt);
  // Only a director's form has the costs; anyone else's leaves them as they are.
  const costs = actingCtxOf(c, deps).actor.role === 'director' ? costsOf(form, digits, tr.t('error.amount')) : undefined;
  return {
    title: form.title,
    destination: optional(form.destination) ?? null,
    departsAt: form.departsAt,
    returnsAt: optional(form.returnsAt) ?? null,
    timeZone: optional(form.timeZone) ?? deps.agency.timeZone,
    meetingPoint: form.meetingPoint,
    seats: Number(form.seats),
    priceMinor: priceMinor!,
    depositMinor: depositMinor!,
    currency,
    cancellationFees,
    ...(stops ? { stops } : {}),
    ...(costs ? { costs } : {}),
  };
}

/** The domain's names for the form's fields. */
const RENAME = { priceMinor: 'price', depositMinor: 'deposit' };

/** Departures in the desk: create one, change it, copy it to another date. */
export function departurePages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const departureOf = (c: C) => idParam(c, 'id', 'departure');

  function render(c: C, departureId: number | null, state?: { refusal: Refusal; form: 'details' | 'copy' }) {
    const ctx = actingCtxOf(c, deps);
    const departure = departureId === null ? null : getDeparture(ctx, departureId);
    return c.html(
      <DepartureFormPage
        {...frameOf(c, deps, 'departures')}
        departure={departure && { ...departure, cancellationFees: readFeeRules(departure.cancellationFees), stops: stopRowsOf(ctx, departure.id), costs: readCosts(departure.costs) }}
        costRows={ctx.actor.role === 'director' ? EXTRA_COST_ROWS : null}
        extraStopRows={EXTRA_STOP_ROWS}
        feeRows={FEE_ROWS}
        defaults={{ timeZone: deps.agency.timeZone, currency: deps.agency.currency }}
        state={state ? { values: state.refusal.values, errors: state.refusal.errors, form: state.form } : undefined}
      />,
      state ? state.refusal.status : 200,
    );
  }

  app.get('/departures/new', (c) => render(c, null));

  app.post(
    '/departures/new',
    formAction(deps, {
      rename: RENAME,
      run: (ctx, form, c) => {
        const input = parseWith(CreateDepartureInput, departureInput(c, deps, form));
        return write(deps, () => createDeparture(ctx, input));
      },
      done: (departure) => ({ to: `/departures/${departure.id}`, code: 'departureCreated' }),
      refused: (c, refusal) => render(c, null, { refusal, form: 'details' }),
    }),
  );

  app.get('/departures/:id/edit', (c) => render(c, departureOf(c)));

  app.post(
    '/departures/:id/edit',
    formAction(deps, {
      rename: RENAME,
      run: (ctx, form, c) => {
        const input = parseWith(UpdateDepartureInput, departureInput(c, deps, form));
        return write(deps, () => changeDeparture(ctx, departureOf(c), input));
      },
      done: (_, __, c) => ({ to: `/departures/${departureOf(c)}`, code: 'departureSaved' }),
      refused: (c, refusal) => render(c, departureOf(c), { refusal, form: 'details' }),
    }),
  );

  app.post(
    '/departures/:id/copy',
    formAction(deps, {
      field: 'departsAt',
      run: (ctx, form, c) => {
        const input = parseWith(CopyDepartureInput, { departsAt: form.departsAt });
        return write(deps, () => copyDeparture(ctx, departureOf(c), input));
      },
      done: (copy) => ({ to: `/departures/${copy.id}/edit`, code: 'departureCopied' }),
      refused: (c, refusal) => render(c, departureOf(c), { refusal, form: 'copy' }),
    }),
  );

  return app;
}
