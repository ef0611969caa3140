/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { assignableUsers } from '../../domain/tasks/index.js';
import { Hono, type Context } from 'hono';
import { readFeeRules } from '../../domain/departures/cancellation-fees.js';
import { stopsOf } from '../../domain/departures/stops.js';
import { readCosts } from '../../domain/departures/costs.js';
import { vehiclesOf } from '../../domain/departures/vehicles.js';
import { extrasOf } from '../../domain/departures/extras.js';
import { readLayout, type SeatLayout } from '../../domain/departures/seat-layout.js';
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
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { formAction, type Refusal } from './form-action.js';
import { frameOf } from './frame.js';
import {
  costsFromForm,
  dueDaysFromForm,
  EXTRA_COST_ROWS,
  EXTRA_EXTRAS_ROWS,
  EXTRA_PRICE_ROWS,
  EXTRA_STOP_ROWS,
  EXTRA_VEHICLE_ROWS,
  extrasFromForm,
  FEE_ROWS,
  feeRulesFromForm,
  KNOWN_CATEGORIES,
  placeRowErrors,
  pricesFromForm,
  stopsFromForm,
  vehiclesFromForm,
} from './departure-form-rows.js';
import { pricesOf } from '../../domain/departures/prices.js';
import { DEFAULT_BALANCE_DUE_DAYS, DEFAULT_DEPOSIT_DUE_DAYS } from '../../domain/deals/due-dates.js';
import { optional, parseMoneyInput, positiveId, type FormValues } from './forms.js';

type C = Context<AppEnv>;

/**
 * The form's fields as the domain's departure input; amounts typed in major units of the
 * currency. `layout` is the departure's seat layout, which a bus's own may repeat.
 */
function departureInput(c: C, deps: AppDeps, form: FormValues, layout: SeatLayout) {
  const tr = frameOf(c, deps).tr;
  const currency = (optional(form.currency) ?? deps.agency.currency).toUpperCase();
  const digits = currencyDigits(currency);
  const priceMinor = parseMoneyInput(form.price, digits);
  const depositMinor = parseMoneyInput(form.deposit, digits);
  const wrong = { ...(priceMinor === null ? { price: tr.t('error.amount') } : {}), ...(depositMinor === null ? { deposit: tr.t('error.amount') } : {}) };
  if (Object.keys(wrong).length) throw invalid(wrong);
  const cancellationFees = feeRulesFromForm(form);
  const stops = stopsFromForm(form, form.departsAt);
  // Only a director's form has the costs; anyone else's leaves them as they are.
  const costs = actingCtxOf(c, deps).actor.role === 'director' ? costsFromForm(form, digits, tr.t('error.amount')) : undefined;
  const prices = pricesFromForm(form, digits, tr.t('error.amount'), { priceMinor: priceMinor!, depositMinor: depositMinor! });
  // Buses given: the departure's seats are their sum (the first bus's seats are `seats` while it has one).
  const vehicles = vehiclesFromForm(form, layout);
  const extras = extrasFromForm(form, digits, tr.t('error.amount'));
  return {
    title: form.title,
    destination: optional(form.destination) ?? null,
    departsAt: form.departsAt,
    returnsAt: optional(form.returnsAt) ?? null,
    timeZone: optional(form.timeZone) ?? deps.agency.timeZone,
    meetingPoint: form.meetingPoint,
    ...(vehicles ? { vehicles } : { seats: Number(form.seats) }),
    ...(extras ? { extras } : {}),
    priceMinor: priceMinor!,
    depositMinor: depositMinor!,
    currency,
    cancellationFees,
    prices,
    depositDueDays: dueDaysFromForm(form.depositDueDays),
    balanceDueDays: dueDaysFromForm(form.balanceDueDays),
    operatorId: positiveId(form.operatorId) ?? null,
    managerId: positiveId(form.managerId) ?? null,
    public: form.public === 'on',
    description: optional(form.description) ?? null,
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

  async function render(c: C, departureId: number | null, state?: { refusal: Refusal; form: 'details' | 'copy' }) {
    const ctx = actingCtxOf(c, deps);
    const departure = departureId === null ? null : await getDeparture(ctx, departureId);
    return c.html(
      <DepartureFormPage
        {...frameOf(c, deps, 'departures')}
        departure={
          departure && {
            ...departure,
            cancellationFees: readFeeRules(departure.cancellationFees),
            stops: await stopsOf(ctx, departure.id),
            costs: readCosts(departure.costs),
            prices: pricesOf(departure).slice(1),
            vehicles: await vehiclesOf(ctx, departure),
            extras: extrasOf(departure),
            seatLayout: readLayout(departure.seatLayout),
          }
        }
        extraVehicleRows={EXTRA_VEHICLE_ROWS}
        extraExtrasRows={EXTRA_EXTRAS_ROWS}
        extraPriceRows={EXTRA_PRICE_ROWS}
        knownCategories={KNOWN_CATEGORIES}
        dueDefaults={{ deposit: deps.agency.depositDueDays ?? DEFAULT_DEPOSIT_DUE_DAYS, balance: deps.agency.balanceDueDays ?? DEFAULT_BALANCE_DUE_DAYS }}
        costRows={ctx.actor.role === 'director' ? EXTRA_COST_ROWS : null}
        extraStopRows={EXTRA_STOP_ROWS}
        feeRows={FEE_ROWS}
        defaults={{ timeZone: deps.agency.timeZone, currency: deps.agency.currency }}
        staff={await assignableUsers(ctx)}
        state={
          state
            ? { values: state.refusal.values, errors: state.form === 'details' ? placeRowErrors(state.refusal.errors, state.refusal.error, state.refusal.values) : state.refusal.errors, form: state.form }
            : undefined
        }
      />,
      state ? state.refusal.status : 200,
    );
  }

  app.get('/departures/new', async (c) => await render(c, null));

  app.post(
    '/departures/new',
    formAction(deps, {
      once: { kind: 'departure' },
      rename: RENAME,
      run: async (ctx, form, c) => {
        const input = parseWith(CreateDepartureInput, departureInput(c, deps, form, readLayout(null)));
        return await atomically(ctx, async (ctx) => await createDeparture(ctx, input));
      },
      done: (departure) => ({ to: `/departures/${departure.id}`, code: 'departureCreated' }),
      refused: async (c, refusal) => await render(c, null, { refusal, form: 'details' }),
    }),
  );

  app.get('/departures/:id/edit', async (c) => await render(c, departureOf(c)));

  app.post(
    '/departures/:id/edit',
    formAction(deps, {
      rename: RENAME,
      run: async (ctx, form, c) => {
        const input = parseWith(UpdateDepartureInput, departureInput(c, deps, form, readLayout((await getDeparture(ctx, departureOf(c))).seatLayout)));
        return await atomically(ctx, async (ctx) => await changeDeparture(ctx, departureOf(c), input));
      },
      done: (_, __, c) => ({ to: `/departures/${departureOf(c)}`, code: 'departureSaved' }),
      refused: async (c, refusal) => await render(c, departureOf(c), { refusal, form: 'details' }),
    }),
  );

  app.post(
    '/departures/:id/copy',
    formAction(deps, {
      once: { kind: 'departureCopy' },
      field: 'departsAt',
      run: async (ctx, form, c) => {
        const input = parseWith(CopyDepartureInput, { departsAt: form.departsAt });
        return await atomically(ctx, async (ctx) => await copyDeparture(ctx, departureOf(c), input));
      },
      link: (copy) => `/departures/${copy.id}`,
      done: (copy) => ({ to: `/departures/${copy.id}/edit`, code: 'departureCopied' }),
      refused: async (c, refusal) => await render(c, departureOf(c), { refusal, form: 'copy' }),
    }),
  );

  return app;
}
