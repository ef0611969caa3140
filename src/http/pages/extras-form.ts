/**
 * The desk's booking forms read the extras ticked: a checkbox per extra, per traveller row
 * (`extra.<row>.<code>`) and for the whole booking (`extra.booking.<code>`), each "on" when
 * ticked. Only extras the departure sells are read: a code it no longer sells is not offered,
 * so saving the form drops it (the price never counted it).
 */
import type { Extra } from '../../domain/departures/extras.js';
import type { FormValues } from './forms.js';
import { optional } from './forms.js';
import { bookingExtraField, travellerExtraField } from '../../../templates/extras.js';

export { bookingExtraField, travellerExtraField };

/** The codes of `extras` ticked on the form, in the departure's order. */
export function tickedExtras(form: FormValues, extras: Extra[], field: (code: string) => string): string[] {
  return extras.filter((e) => form[field(e.code)] === 'on').map((e) => e.code);
}

/** Traveller rows a desk booking form offers for naming those who take an extra. */
export const BOOKING_FORM_ROWS = 8;

/**
 * The travellers a roster booking form names: a row with a name or an extra ticked is a
 * traveller (ticked without a name is refused at its name); the booking's own extras.
 * `rename` maps the API's traveller indexes back to the form's rows.
 */
export function bookingFormExtras(form: FormValues, extras: Extra[]) {
  const perTraveller = extras.filter((e) => e.per === 'traveller');
  const perBooking = extras.filter((e) => e.per === 'booking');
  const travellers: { name: string; extras: string[] }[] = [];
  const rename: Record<string, string> = {};
  if (perTraveller.length) {
    for (let row = 0; row < BOOKING_FORM_ROWS; row++) {
      const name = optional(form[`name${row}`]);
      const ticked = tickedExtras(form, perTraveller, (code) => travellerExtraField(row, code));
      if (name === undefined && ticked.length === 0) continue;
      for (const part of ['name', 'extras']) rename[`travellers.${travellers.length}.${part}`] = `travellers.${row}.${part}`;
      travellers.push({ name: name ?? '', extras: ticked });
    }
  }
  const bookingExtras = tickedExtras(form, perBooking, bookingExtraField);
  return {
    ...(travellers.length ? { travellers } : {}),
    ...(bookingExtras.length ? { extras: bookingExtras } : {}),
    rename,
  };
}
