/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { DateTime } from 'luxon';
import type { FieldErrors } from '../src/domain/errors.js';
import { currencyDigits } from '../src/domain/money.js';
import { CurrencySelect, ZoneSelect } from './zone-currency-fields.js';
import { amountText } from './amount-text.js';
import { CsrfField, Field, Layout, type PageFrame } from './layout.js';
import { BusesEditor, ExtrasEditor, SeatsSum, severalBuses, type BusValues, type ExtraValues } from './departure-vehicles.js';
import { DEFAULT_LAYOUT, type SeatLayout } from '../src/domain/departures/seat-layout.js';

/** A departure as its form shows it; absent when a new one is being made. */
export interface DepartureFormValues {
  id: number;
  title: string;
  destination: string | null;
  departsAt: number;
  returnsAt: number | null;
  timeZone: string;
  meetingPoint: string;
  seats: number;
  priceMinor: number;
  depositMinor: number;
  currency: string;
  seatsBooked: number;
  cancellationFees: { daysBefore: number; percent: number }[];
  stops: { id: number; name: string; address: string | null; offsetMinutes: number }[];
  costs: { label: string; amountMinor: number }[];
  /** The price categories besides the default (adult). */
  prices: { category: string; label?: string | null | undefined; priceMinor: number; depositMinor: number }[];
  depositDueDays: number | null;
  balanceDueDays: number | null;
  operatorId: number | null;
  managerId: number | null;
  public: boolean;
  description: string | null;
  /** Its buses (one at least), the extras it sells, and its own seat layout (a bus's unless it has one). */
  vehicles: BusValues[];
  extras: ExtraValues[];
  seatLayout: SeatLayout;
}

export interface DepartureFormProps extends PageFrame {
  departure: DepartureFormValues | null;
  /** How many rows the cancellation-policy table offers. */
  feeRows: number;
  /** Empty stop rows offered beyond the departure's own stops. */
  extraStopRows: number;
  /** Empty cost rows beyond the departure's costs; null: not a director, no costs shown. */
  costRows: number | null;
  /** Empty price-category rows beyond the departure's own categories. */
  extraPriceRows: number;
  /** Empty bus rows and extras rows beyond the departure's own. */
  extraVehicleRows: number;
  extraExtrasRows: number;
  knownCategories: readonly string[];
  /** The agency's days, shown as what an empty field means. */
  dueDefaults: { deposit: number; balance: number };
  /** The agency's zone and currency, for a new departure. */
  defaults: { timeZone: string; currency: string };
  /** Who may run the trip: its plan's operator and manager stages go to them. */
  staff: { id: number; name: string; role: string }[];
  /** What was typed and what was wrong with it, after a refusal. */
  state?: { values: Record<string, string>; errors: FieldErrors; form: 'details' | 'copy' } | undefined;
}

const localInput = (ms: number | null, zone: string) => (ms === null ? '' : DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm"));

/** Create or change a trip; copy it to another date. */
export function DepartureFormPage(props: DepartureFormProps) {
  const { tr, departure: d, state } = props;
  const zone = d?.timeZone ?? props.defaults.timeZone;
  const typed = state?.form === 'details' ? state : undefined;
  const value = (name: string, fallback: string) => typed?.values[name] ?? fallback;
  const error = (name: string) => typed?.errors[name];
  const title = d ? tr.t('departureForm.edit', { title: d.title }) : tr.t('departureForm.new');
  const action = d ? `/departures/${d.id}/edit` : '/departures/new';
  return (
    <Layout {...props} title={title} current="departures">
      <h1>{title}</h1>
      {d && (
        <p class="muted">
          <a href={`/departures/${d.id}`}>{tr.t('departureForm.toRoster')}</a>
        </p>
      )}
      <form method="post" action={action} class="card fields">
        <CsrfField csrf={props.csrf} />
        <Field name="title" label={tr.t('departureForm.title')} value={value('title', d?.title ?? '')} error={error('title')} required placeholder="Охрид 29.10" />
        <Field name="destination" label={tr.t('departureForm.destination')} value={value('destination', d?.destination ?? '')} error={error('destination')} />
        <Field
          name="departsAt"
          type="datetime-local"
          label={tr.t('field.departsAt', { zone: tr.zoneName(zone, d?.departsAt) })}
          value={value('departsAt', localInput(d?.departsAt ?? null, zone))}
          error={error('departsAt')}
          required
        />
        <Field
          name="returnsAt"
          type="datetime-local"
          label={tr.t('departureForm.returnsAt')}
          value={value('returnsAt', localInput(d?.returnsAt ?? null, zone))}
          error={error('returnsAt')}
        />
        <Field name="meetingPoint" label={tr.t('roster.meetingPoint')} value={value('meetingPoint', d?.meetingPoint ?? '')} error={error('meetingPoint')} required />
        {severalBuses(d?.vehicles) ? (
          <SeatsSum tr={tr} buses={d!.vehicles} />
        ) : (
          <Field name="seats" type="number" inputmode="numeric" label={tr.t('departureForm.seats')} value={value('seats', String(d?.seats ?? 49))} error={error('seats')} required />
        )}
        <BusesEditor
          tr={tr}
          buses={d?.vehicles ?? []}
          layout={d?.seatLayout ?? DEFAULT_LAYOUT}
          extraRows={props.extraVehicleRows}
          seatsLabel={tr.t('departureForm.seats')}
          value={value}
          error={error}
          typed={typed?.values}
        />
        <Field name="price" inputmode="decimal" label={tr.t('departureForm.price')} value={value('price', d ? amountText(d.priceMinor, currencyDigits(d.currency), tr.locale) : '')} error={error('price')} required />
        <Field name="deposit" inputmode="decimal" label={tr.t('departureForm.deposit')} value={value('deposit', d ? amountText(d.depositMinor, currencyDigits(d.currency), tr.locale) : '')} error={error('deposit')} required />
        <fieldset class="fee-rules prices">
          <legend>{tr.t('departureForm.prices')}</legend>
          <p class="small muted">{tr.t('departureForm.pricesHint')}</p>
          {Array.from({ length: (d?.prices.length ?? 0) + props.extraPriceRows }, (_, i) => {
            const price = d?.prices[i];
            const known = price && props.knownCategories.includes(price.category);
            const chosen = value(`priceCategory${i}`, price ? (known ? price.category : 'own') : props.knownCategories[Math.min(i, props.knownCategories.length - 1)]!);
            const digits = currencyDigits(d?.currency ?? props.defaults.currency);
            return (
              <div class="price-row">
                <div class="field">
                  <label for={`f-priceCategory${i}`}>{tr.t('departureForm.priceCategory')}</label>
                  <select id={`f-priceCategory${i}`} name={`priceCategory${i}`}>
                    {[...props.knownCategories, 'own'].map((category) => (
                      <option value={category} selected={chosen === category}>
                        {category === 'own' ? tr.t('departureForm.ownCategory') : tr.label('category', category)}
                      </option>
                    ))}
                  </select>
                  {error(`priceCategory${i}`) && <div class="error">{error(`priceCategory${i}`)}</div>}
                </div>
                <Field name={`priceLabel${i}`} label={tr.t('departureForm.priceLabel')} value={value(`priceLabel${i}`, price?.label ?? (price && !known ? price.category : ''))} error={error(`priceLabel${i}`)} />
                <Field name={`priceAmount${i}`} inputmode="decimal" label={tr.t('departureForm.price')} value={value(`priceAmount${i}`, price ? amountText(price.priceMinor, digits, tr.locale) : '')} error={error(`priceAmount${i}`)} />
                <Field name={`priceDeposit${i}`} inputmode="decimal" label={tr.t('departureForm.deposit')} value={value(`priceDeposit${i}`, price ? amountText(price.depositMinor, digits, tr.locale) : '')} error={error(`priceDeposit${i}`)} />
              </div>
            );
          })}
        </fieldset>
        <ExtrasEditor tr={tr} extras={d?.extras ?? []} extraRows={props.extraExtrasRows} currency={d?.currency ?? props.defaults.currency} value={value} error={error} />
        <Field
          name="depositDueDays"
          type="number"
          inputmode="numeric"
          label={tr.t('departureForm.depositDueDays', { n: props.dueDefaults.deposit })}
          value={value('depositDueDays', d?.depositDueDays === null || d?.depositDueDays === undefined ? '' : String(d.depositDueDays))}
          error={error('depositDueDays')}
        />
        <Field
          name="balanceDueDays"
          type="number"
          inputmode="numeric"
          label={tr.t('departureForm.balanceDueDays', { n: props.dueDefaults.balance })}
          value={value('balanceDueDays', d?.balanceDueDays === null || d?.balanceDueDays === undefined ? '' : String(d.balanceDueDays))}
          error={error('balanceDueDays')}
        />
        {(['operatorId', 'managerId'] as const).map((name) => (
          <div class={error(name) ? 'field invalid' : 'field'}>
            <label for={`f-${name}`}>{tr.t(name === 'operatorId' ? 'departureForm.operator' : 'departureForm.manager')}</label>
            <select id={`f-${name}`} name={name}>
              <option value="">{tr.t('departureForm.nobody')}</option>
              {props.staff
                .filter((u) => u.role === (name === 'operatorId' ? 'operator' : 'manager') || u.role === 'director')
                .map((u) => (
                  <option value={String(u.id)} selected={value(name, String(d?.[name] ?? '')) === String(u.id)}>
                    {u.name}
                  </option>
                ))}
            </select>
            {error(name) && <span class="error">{error(name)}</span>}
          </div>
        ))}
        <fieldset class="sell-online">
          <legend>{tr.t('departureForm.online')}</legend>
          <label class="check">
            <input type="checkbox" name="public" value="on" checked={typed ? typed.values.public === 'on' : Boolean(d?.public)} /> {tr.t('departureForm.public')}
          </label>
          <p class="small muted">{tr.t('departureForm.publicHint')}</p>
          <div class={error('description') ? 'field invalid' : 'field'}>
            <label for="f-description">{tr.t('departureForm.description')}</label>
            <textarea id="f-description" name="description" rows={4} maxlength={4000} aria-invalid={error('description') ? 'true' : undefined}>
              {value('description', d?.description ?? '')}
            </textarea>
            {error('description') && <span class="error">{error('description')}</span>}
          </div>
          {d && <p class="small"><a href={`/trips/${d.id}`}>{tr.t('departureForm.publicPage')}</a></p>}
        </fieldset>
        <CurrencySelect tr={tr} name="currency" value={value('currency', d?.currency ?? props.defaults.currency)} agencyCurrency={props.defaults.currency} error={error('currency')} />
        <ZoneSelect tr={tr} name="timeZone" value={value('timeZone', zone)} agencyZone={props.defaults.timeZone} error={error('timeZone')} at={d?.departsAt} />
        <fieldset class="stops">
          <legend>{tr.t('departureForm.stops')}</legend>
          <p class="small muted">{tr.t('departureForm.stopsHint')}</p>
          {Array.from({ length: (d?.stops.length ?? 1) + props.extraStopRows }, (_, i) => {
            const stop = d?.stops[i];
            const clock = stop && d ? DateTime.fromMillis(d.departsAt + stop.offsetMinutes * 60_000, { zone }).toFormat('HH:mm') : '';
            return (
              <div class="stop-row" data-stop={stop ? String(stop.id) : undefined}>
                {stop && <input type="hidden" name={`stopId${i}`} value={String(stop.id)} />}
                <Field name={`stopName${i}`} label={tr.t('departureForm.stopName', { n: i + 1 })} value={value(`stopName${i}`, stop?.name ?? '')} error={error(`stopName${i}`)} />
                <Field name={`stopTime${i}`} type="time" label={tr.t('departureForm.stopTime')} value={value(`stopTime${i}`, clock)} error={error(`stopTime${i}`)} />
                <Field name={`stopAddress${i}`} label={tr.t('departureForm.stopAddress')} value={value(`stopAddress${i}`, stop?.address ?? '')} error={error(`stopAddress${i}`)} />
              </div>
            );
          })}
          {error('form') && <p class="error">{error('form')}</p>}
        </fieldset>
        {props.costRows !== null && (
          <fieldset class="fee-rules costs">
            <legend>{tr.t('departureForm.costs')}</legend>
            <p class="small muted">{tr.t('departureForm.costsHint')}</p>
            {Array.from({ length: (d?.costs.length ?? 0) + props.costRows }, (_, i) => {
              const cost = d?.costs[i];
              return (
                <div class="fee-rule">
                  <Field name={`costLabel${i}`} label={tr.t('departureForm.costLabel')} value={value(`costLabel${i}`, cost?.label ?? '')} error={error(`costLabel${i}`)} />
                  <Field
                    name={`costAmount${i}`}
                    inputmode="decimal"
                    label={tr.t('departureForm.costAmount')}
                    value={value(`costAmount${i}`, cost ? amountText(cost.amountMinor, currencyDigits(d!.currency), tr.locale) : '')}
                    error={error(`costAmount${i}`)}
                  />
                </div>
              );
            })}
          </fieldset>
        )}
        <fieldset class="fee-rules">
          <legend>{tr.t('departureForm.fees')}</legend>
          <p class="small muted">{tr.t('departureForm.feesHint')}</p>
          {Array.from({ length: props.feeRows }, (_, i) => {
            const rule = d?.cancellationFees[i];
            return (
              <div class="fee-rule">
                <Field
                  name={`feeDays${i}`}
                  type="number"
                  inputmode="numeric"
                  label={tr.t('departureForm.feeDays')}
                  value={value(`feeDays${i}`, rule ? String(rule.daysBefore) : '')}
                  error={error(`feeDays${i}`)}
                />
                <Field
                  name={`feePercent${i}`}
                  type="number"
                  inputmode="numeric"
                  label={tr.t('departureForm.feePercent')}
                  value={value(`feePercent${i}`, rule ? String(rule.percent) : '')}
                  error={error(`feePercent${i}`)}
                />
              </div>
            );
          })}
        </fieldset>
        {error('form') && <p class="error">{error('form')}</p>}
        <div class="field">
          <button type="submit">{d ? tr.t('common.save') : tr.t('departureForm.create')}</button>
        </div>
      </form>
      {d && (
        <form method="post" action={`/departures/${d.id}/copy`} class="card fields">
          <h2>{tr.t('departureForm.copy')}</h2>
          <CsrfField csrf={props.csrf} />
          <Field
            name="departsAt"
            id="copy-departsAt"
            type="datetime-local"
            label={tr.t('field.departsAt', { zone: tr.zoneName(zone, d.departsAt) })}
            value={state?.form === 'copy' ? state.values.departsAt : ''}
            error={state?.form === 'copy' ? (state.errors.departsAt ?? state.errors.form) : undefined}
            required
          />
          <div class="field">
            <button type="submit" class="secondary">{tr.t('departureForm.copyButton')}</button>
          </div>
          <p class="small muted">{tr.t('departureForm.copyHint')}</p>
        </form>
      )}
    </Layout>
  );
}
