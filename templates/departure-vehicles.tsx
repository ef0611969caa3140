/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * A departure's buses and extras: the editors of its form (rows that work without
 * JavaScript, as its stops and prices do: an empty row adds one, an emptied row or "remove"
 * takes one off), and the lines its page shows them in.
 */
import type { SeatLayout } from '../src/domain/departures/seat-layout.js';
import { currencyDigits } from '../src/domain/money.js';
import { busName } from '../src/i18n/bus-words.js';
import { amountText } from './amount-text.js';
import { Field } from './layout.js';
import type { Tr } from './tr.js';

/** A bus as the form and the departure's page show it. */
export interface BusValues {
  id: number;
  label: string;
  seats: number;
  seatLayout: SeatLayout;
  seatsBooked: number;
}

/** An extra on sale, as the form and the page show it. */
export interface ExtraValues {
  code: string;
  label: string;
  priceMinor: number;
  per: 'traveller' | 'booking';
}

type Typed = (name: string, fallback: string) => string;
type ErrorOf = (name: string) => string | undefined;

/** Whether the form gives several buses: then "seats" is their sum, not a field of its own. */
export const severalBuses = (buses: readonly BusValues[] | undefined) => (buses?.length ?? 0) > 1;

/** "Seats: 45, the sum of 2 buses", where a departure of one bus has its seats field. */
export function SeatsSum(props: { tr: Tr; buses: BusValues[] }) {
  const seats = props.buses.reduce((n, b) => n + b.seats, 0);
  return (
    <div class="field seats-sum" data-seats={String(seats)}>
      <span>{props.tr.t('vehicles.seatsSum', { seats, n: props.buses.length })}</span>
    </div>
  );
}

/**
 * The buses of the departure form. Several: one row per bus with its seats, and empty rows to
 * add one. One (or a new departure): folded under "several buses", the bus's name and layout
 * (its seats are the form's seats field) and empty rows that make it several.
 */
export function BusesEditor(props: {
  tr: Tr;
  buses: BusValues[];
  /** The departure's layout: a new bus's, until it is given its own. */
  layout: SeatLayout;
  extraRows: number;
  /** The label of the form's seats field, which the first of one bus takes its seats from. */
  seatsLabel: string;
  value: Typed;
  error: ErrorOf;
  typed: Record<string, string> | undefined;
}) {
  const { tr, value, error } = props;
  const several = severalBuses(props.buses);
  const rows = Math.max(props.buses.length, 1) + props.extraRows;
  const names = Array.from({ length: rows }, (_, i) => i);
  const wrong = (i: number) => ['vehicleLabel', 'vehicleSeats', 'vehicleRow', 'vehicleAisle', 'vehicleLast', 'vehicleRemove'].some((field) => error(`${field}${i}`));
  // Folded unless something was typed into a new row, or a row was refused.
  const open = several || !!error('vehicles') || names.some((i) => wrong(i) || (i > 0 && !!(props.typed?.[`vehicleLabel${i}`] || props.typed?.[`vehicleSeats${i}`])));
  const body = (
    <>
      <p class="small muted">
        {tr.t(several ? 'vehicles.hintMany' : 'vehicles.hintOne')} {tr.t('vehicles.labelHint')}
      </p>
      {error('vehicles') && (
        <p class="error" id="f-vehicles-error">
          {error('vehicles')}
        </p>
      )}
      {names.map((i) => {
        const bus = props.buses[i];
        const layout = bus?.seatLayout ?? props.layout;
        // A new departure's one bus is "1" until named otherwise.
        const label = bus?.label ?? (i === 0 && props.buses.length === 0 ? '1' : '');
        const seatsHere = several || i > 0;
        return (
          <fieldset class="bus-edit" data-vehicle={bus ? String(bus.id) : undefined}>
            <legend>{bus || label ? busName(tr.locale, label) : tr.t('vehicles.newBus')}</legend>
            {bus && <input type="hidden" name={`vehicleId${i}`} value={String(bus.id)} />}
            <Field name={`vehicleLabel${i}`} label={tr.t('vehicles.label')} value={value(`vehicleLabel${i}`, label)} error={error(`vehicleLabel${i}`)} />
            {seatsHere ? (
              <Field name={`vehicleSeats${i}`} type="number" inputmode="numeric" label={tr.t('vehicles.seats')} value={value(`vehicleSeats${i}`, bus ? String(bus.seats) : '')} error={error(`vehicleSeats${i}`)} />
            ) : (
              <p class="field small muted">{tr.t('vehicles.firstSeats', { field: props.seatsLabel })}</p>
            )}
            <Field name={`vehicleRow${i}`} type="number" inputmode="numeric" label={tr.t('vehicles.perRow')} value={value(`vehicleRow${i}`, String(layout.seatsPerRow))} error={error(`vehicleRow${i}`)} />
            <Field name={`vehicleAisle${i}`} type="number" inputmode="numeric" label={tr.t('vehicles.aisleAfter')} value={value(`vehicleAisle${i}`, String(layout.aisleAfter))} error={error(`vehicleAisle${i}`)} />
            <Field name={`vehicleLast${i}`} type="number" inputmode="numeric" label={tr.t('vehicles.lastRow')} value={value(`vehicleLast${i}`, layout.lastRowSeats ? String(layout.lastRowSeats) : '')} error={error(`vehicleLast${i}`)} />
            {/* The one bus of a departure is renamed or resized, not removed. */}
            {bus && (several || error(`vehicleRemove${i}`)) && (
              <div class={error(`vehicleRemove${i}`) ? 'bus-remove invalid' : 'bus-remove'}>
                <span class="small muted">{tr.t('vehicles.booked', { booked: bus.seatsBooked, seats: bus.seats })}</span>
                <label class="check">
                  <input
                    type="checkbox"
                    name={`vehicleRemove${i}`}
                    value="on"
                    checked={props.typed ? props.typed[`vehicleRemove${i}`] === 'on' : false}
                    aria-describedby={error(`vehicleRemove${i}`) ? `f-vehicleRemove${i}-error` : undefined}
                  />{' '}
                  {tr.t('vehicles.remove')}
                </label>
                {error(`vehicleRemove${i}`) && (
                  <span class="error" id={`f-vehicleRemove${i}-error`}>
                    {error(`vehicleRemove${i}`)}
                  </span>
                )}
              </div>
            )}
          </fieldset>
        );
      })}
    </>
  );
  return several ? (
    <fieldset class="fee-rules buses">
      <legend>{tr.t('vehicles.buses')}</legend>
      {body}
    </fieldset>
  ) : (
    <details class="buses" open={open}>
      <summary>{tr.t('vehicles.several')}</summary>
      {body}
    </details>
  );
}

/** The extras of the departure form: code, name, price and per what, one row each, and empty rows to add one. */
export function ExtrasEditor(props: { tr: Tr; extras: ExtraValues[]; extraRows: number; currency: string; value: Typed; error: ErrorOf }) {
  const { tr, value, error } = props;
  const digits = currencyDigits(props.currency);
  return (
    <fieldset class="fee-rules extras-edit">
      <legend>{tr.t('extras.title')}</legend>
      <p class="small muted">{tr.t('vehicles.extrasHint')}</p>
      {Array.from({ length: props.extras.length + props.extraRows }, (_, i) => {
        const extra = props.extras[i];
        const per = value(`extraPer${i}`, extra?.per ?? 'traveller');
        return (
          <div class="extra-row" data-extra={extra?.code}>
            <Field name={`extraCode${i}`} label={tr.t('vehicles.extraCode')} value={value(`extraCode${i}`, extra?.code ?? '')} error={error(`extraCode${i}`)} />
            <Field name={`extraLabel${i}`} label={tr.t('vehicles.extraLabel')} value={value(`extraLabel${i}`, extra?.label ?? '')} error={error(`extraLabel${i}`)} />
            <Field name={`extraPrice${i}`} inputmode="decimal" label={tr.t('vehicles.extraPrice')} value={value(`extraPrice${i}`, extra ? amountText(extra.priceMinor, digits, tr.locale) : '')} error={error(`extraPrice${i}`)} />
            <div class={error(`extraPer${i}`) ? 'field invalid' : 'field'}>
              <label for={`f-extraPer${i}`}>{tr.t('vehicles.extraPer')}</label>
              <select id={`f-extraPer${i}`} name={`extraPer${i}`}>
                {(['traveller', 'booking'] as const).map((p) => (
                  <option value={p} selected={per === p}>
                    {tr.t(p === 'traveller' ? 'extras.perTraveller' : 'extras.perBooking')}
                  </option>
                ))}
              </select>
              {error(`extraPer${i}`) && <span class="error">{error(`extraPer${i}`)}</span>}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * The departure's buses with the seats each carries (each a link to its seat plan), and the
 * extras it sells with their prices; nothing for one bus and no extras.
 */
export function BusesAndExtras(props: { tr: Tr; departureId: number; currency: string; buses?: BusValues[] | undefined; extras?: ExtraValues[] | undefined }) {
  const { tr } = props;
  const buses = props.buses ?? [];
  const extras = props.extras ?? [];
  if (buses.length < 2 && extras.length === 0) return null;
  return (
    <div class="small trip-extras">
      {buses.length > 1 && (
        <p data-buses={String(buses.length)}>
          <strong>{tr.t('vehicles.onBoard')}:</strong>{' '}
          {buses.map((bus, i) => (
            <span data-vehicle={String(bus.id)}>
              {i > 0 && ' · '}
              <a href={`/departures/${props.departureId}/seats?vehicleId=${bus.id}`}>{tr.t('vehicles.busSeats', { bus: busName(tr.locale, bus.label), booked: bus.seatsBooked, seats: bus.seats })}</a>
            </span>
          ))}
        </p>
      )}
      {extras.length > 0 && (
        <p data-extras={String(extras.length)}>
          <strong>{tr.t('vehicles.extrasOnSale')}:</strong>{' '}
          {extras.map((extra, i) => (
            <span data-extra={extra.code}>
              {i > 0 && ' · '}
              {extra.label} {tr.money(extra.priceMinor, props.currency)} {tr.t(extra.per === 'traveller' ? 'extras.perTraveller' : 'extras.perBooking')}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
