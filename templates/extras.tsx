/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The extras a trip sells besides the seat, where bookings take them (checkboxes, plain form
 * fields) and where they are read (the list taken, the price as lines). The labels are the
 * agency's own words; a code the trip no longer sells is shown as given.
 */
import type { NamedExtra, PriceBreakdown } from '../src/domain/departures/extras-taken.js';
import type { FieldErrors } from '../src/domain/errors.js';
import { Field } from './layout.js';
import type { Tr } from './tr.js';

/** The desk forms' checkbox of an extra a traveller row takes, and of one the booking takes. */
export const travellerExtraField = (row: number, code: string) => `extra.${row}.${code}`;
export const bookingExtraField = (code: string) => `extra.booking.${code}`;

/** An extra on sale, as a form offers it. */
export interface ExtraChoice {
  code: string;
  label: string;
  priceMinor: number;
  per: 'traveller' | 'booking';
}

/** "Lunch · 15,00 €", the price of a per-booking extra with its "per booking". */
export const extraText = (tr: Tr, extra: ExtraChoice, currency: string) =>
  `${extra.label} · ${tr.money(extra.priceMinor, currency)}${extra.per === 'booking' ? ` ${tr.t('extras.perBooking')}` : ''}`;

/**
 * Checkboxes of extras in a fieldset: each its own field (`name(code)` = "on"), so a form
 * without JavaScript says what was ticked. `data-extra-price` lets a page's script add them up.
 */
export function ExtraBoxes(props: {
  tr: Tr;
  legend: string;
  extras: ExtraChoice[];
  currency: string;
  name: (code: string) => string;
  checked: (code: string) => boolean;
  /** Taken codes the trip no longer sells: shown ticked and greyed; not sent, so saving drops them. */
  gone?: string[] | undefined;
  error?: string | undefined;
  class?: string;
  /** The traveller row the boxes belong to (for a live total). */
  row?: number | undefined;
}) {
  const { tr } = props;
  if (props.extras.length === 0 && !props.gone?.length) return null;
  return (
    <fieldset class={`extras-choice${props.class ? ` ${props.class}` : ''}${props.error ? ' invalid' : ''}`} data-extras-row={props.row === undefined ? undefined : String(props.row)}>
      <legend>{props.legend}</legend>
      <div class="checks">
        {props.extras.map((extra) => (
          <label>
            <input type="checkbox" name={props.name(extra.code)} value="on" checked={props.checked(extra.code)} data-extra-price={String(extra.priceMinor)} />
            <span>
              {extra.label} <span class="nobr muted">{tr.money(extra.priceMinor, props.currency)}</span>
            </span>
          </label>
        ))}
        {props.gone?.map((code) => (
          <label class="muted" title={tr.t('extras.notSold')}>
            <input type="checkbox" checked disabled />
            <span>
              {code} <span class="small">({tr.t('extras.notSold')})</span>
            </span>
          </label>
        ))}
      </div>
      {props.error && <span class="error">{props.error}</span>}
    </fieldset>
  );
}

/** "Lunch, Insurance": what was taken, a code no longer sold marked as such. */
export function extrasText(tr: Tr, extras: Pick<NamedExtra, 'label' | 'sold'>[]): string {
  return extras.map((e) => (e.sold ? e.label : `${e.label} (${tr.t('extras.notSold')})`)).join(', ');
}

/** The extras taken, as a short line; nothing when none. */
export function TakenExtras(props: { tr: Tr; extras: Pick<NamedExtra, 'label' | 'sold'>[]; booking?: boolean }) {
  if (props.extras.length === 0) return null;
  const list = extrasText(props.tr, props.extras);
  return <span class="extras-taken small">{props.tr.t(props.booking ? 'extras.bookingTaken' : 'extras.taken', { list })}</span>;
}

/** A seat line's word: "Seats" for the one default category, else the category's (the agency's own, else the catalogue's, capitalised). */
function seatWord(tr: Tr, line: PriceBreakdown['seats'][number], only: boolean): string {
  if (only && line.category === 'adult') return tr.t('roster.seats');
  if (line.label) return line.label;
  const word = tr.label('category', line.category);
  return word.charAt(0).toLocaleUpperCase(tr.locale) + word.slice(1);
}

/**
 * The list price as a line that wraps: "Seats 4 × 60,00 € + Lunch 2 × 15,00 € = 270,00 €";
 * with the price agreed beside it when that is not the list price (a price set by hand).
 */
export function PriceLine(props: { tr: Tr; breakdown: PriceBreakdown; currency: string; priceMinor?: number | undefined }) {
  const { tr, breakdown } = props;
  if (breakdown.extras.length === 0 && breakdown.seats.length < 2 && (props.priceMinor === undefined || props.priceMinor === breakdown.totalMinor)) return null;
  const only = breakdown.seats.length === 1;
  const parts = [
    ...breakdown.seats.map((line) => ({ word: seatWord(tr, line, only), count: line.count, unit: line.unitMinor, muted: false })),
    ...breakdown.extras.map((line) => ({ word: line.sold ? line.label : `${line.label} (${tr.t('extras.notSold')})`, count: line.count, unit: line.priceMinor, muted: !line.sold })),
  ];
  return (
    <p class="price-line small" data-price-line>
      <span class="muted">{tr.t('extras.priceLine')}:</span>{' '}
      {parts.map((part, i) => (
        <>
          {i > 0 && ' + '}
          {/* A long label wraps; its count and price stay together. */}
          <span class={part.muted ? 'muted' : undefined}>
            {part.word} <span class="nobr">{tr.t('extras.times', { count: part.count, price: tr.money(part.unit, props.currency) })}</span>
          </span>
        </>
      ))}{' '}
      = <strong class="nobr">{tr.money(breakdown.totalMinor, props.currency)}</strong>
      {props.priceMinor !== undefined && props.priceMinor !== breakdown.totalMinor && <span class="muted"> · {tr.t('extras.agreed', { price: tr.money(props.priceMinor, props.currency) })}</span>}
    </p>
  );
}

/**
 * A desk booking form's extras (the roster's search result and new client): the booking's
 * own extras, and traveller rows (a name and the extras ticked) when the trip sells extras
 * per traveller. Folded away until opened; open when it comes back with what was typed.
 */
export function DeskBookingExtras(props: {
  tr: Tr;
  extras: ExtraChoice[];
  currency: string;
  rows: number;
  idPrefix: string;
  values?: Record<string, string> | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { tr } = props;
  const perTraveller = props.extras.filter((e) => e.per === 'traveller');
  const perBooking = props.extras.filter((e) => e.per === 'booking');
  if (perTraveller.length === 0 && perBooking.length === 0) return null;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const typed = Object.keys(values).some((name) => /^(extra\.|name\d)/.test(name) && values[name] !== '');
  return (
    <details class="desk-extras" open={typed}>
      <summary>{perTraveller.length ? tr.t('extras.rows') : tr.t('extras.title')}</summary>
      {perBooking.length > 0 && (
        <ExtraBoxes
          tr={tr}
          legend={tr.t('extras.bookingLegend')}
          extras={perBooking}
          currency={props.currency}
          name={bookingExtraField}
          checked={(code) => values[bookingExtraField(code)] === 'on'}
          error={errors.extras}
        />
      )}
      {perTraveller.length > 0 && (
        <>
          <p class="small muted">{tr.t('extras.rowsHint')}</p>
          <div class="desk-travellers">
            {Array.from({ length: props.rows }, (_, i) => (
              <fieldset class="desk-traveller">
                <legend>{tr.t('extras.traveller', { n: i + 1 })}</legend>
                <Field id={`${props.idPrefix}-name${i}`} name={`name${i}`} label={tr.t('deal.name')} value={values[`name${i}`]} error={errors[`travellers.${i}.name`]} />
                <ExtraBoxes
                  tr={tr}
                  legend={tr.t('extras.title')}
                  class="bare"
                  extras={perTraveller}
                  currency={props.currency}
                  name={(code) => travellerExtraField(i, code)}
                  checked={(code) => values[travellerExtraField(i, code)] === 'on'}
                  error={errors[`travellers.${i}.extras`]}
                />
              </fieldset>
            ))}
          </div>
        </>
      )}
    </details>
  );
}
