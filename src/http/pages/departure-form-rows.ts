/**
 * The departure form's repeated rows (cancellation policy, costs, pickup stops, buses, extras)
 * read into the domain's lists. Empty rows are skipped; a wrong row is refused at its own
 * inputs, in the form's names (`feeDays2`, `costAmount0`, `stopTime1`, `vehicleSeats1`).
 */
import type { z } from 'zod';
import { cancellationFeesInput } from '../../domain/departures/cancellation-fees.js';
import { costsInput } from '../../domain/departures/costs.js';
import { stopsInput } from '../../domain/departures/stops.js';
import { DEFAULT_CATEGORY, pricesInput, type PriceCategory } from '../../domain/departures/prices.js';
import { DomainError, invalid, type FieldErrors } from '../../domain/errors.js';
import { vehiclesInput, type VehicleInput } from '../../domain/departures/vehicles.js';
import { extrasInput, type Extra } from '../../domain/departures/extras.js';
import type { SeatLayout } from '../../domain/departures/seat-layout.js';
import { optional, parseMoneyInput, positiveId, type FormValues } from './forms.js';

/** Rows of the cancellation-policy table on the form. */
export const FEE_ROWS = 4;
/** Rows of the costs table beyond the costs a departure has (directors only). */
export const EXTRA_COST_ROWS = 3;
/** Rows of the price-categories table beyond the categories a departure has. */
export const EXTRA_PRICE_ROWS = 2;
/** The categories the form offers by name; `own` takes the agency's own word as the category. */
export const KNOWN_CATEGORIES = ['child', 'senior', 'student'] as const;
/** Rows of the pickup-stops table beyond the stops a departure has. */
export const EXTRA_STOP_ROWS = 2;
/** Empty bus rows beyond the buses a departure has. */
export const EXTRA_VEHICLE_ROWS = 2;
/** Empty rows of the extras table beyond the extras a departure sells. */
export const EXTRA_EXTRAS_ROWS = 2;

/** The row numbers the form sent for a field: `stopName0`, `stopName3` → [0, 3]. */
function rowNumbers(form: FormValues, field: string): number[] {
  const pattern = new RegExp(`^${field}(\\d+)$`);
  return Object.keys(form)
    .map((key) => pattern.exec(key)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Checks the rows' values with the domain's schema; a refusal names the form's input of the
 * row it is about (`inputOf` maps the schema's key to the input's name without its number).
 */
function checkRows<S extends z.ZodType>(schema: S, values: unknown[], rows: { i: number }[], inputOf: (key: string) => string, wrong: FieldErrors = {}): z.infer<S> {
  if (Object.keys(wrong).length) throw invalid(wrong);
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const [index, key] = issue.path as [number, string];
    wrong[`${inputOf(String(key))}${rows[index]?.i ?? 0}`] ??= issue.message;
  }
  throw invalid(wrong);
}

/** The policy's rows as typed (`feeDays0`/`feePercent0`, ...). */
export function feeRulesFromForm(form: FormValues) {
  const rows = Array.from({ length: FEE_ROWS }, (_, i) => ({ i, days: optional(form[`feeDays${i}`]), percent: optional(form[`feePercent${i}`]) })).filter(
    (row) => row.days !== undefined || row.percent !== undefined,
  );
  const asNumber = (text: string | undefined) => (text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : NaN);
  const rules = rows.map((row) => ({ daysBefore: asNumber(row.days), percent: asNumber(row.percent) }));
  return checkRows(cancellationFeesInput, rules, rows, (key) => (key === 'percent' ? 'feePercent' : 'feeDays'));
}

/** The costs as typed (`costLabel0`, `costAmount0` in major units of the currency). */
export function costsFromForm(form: FormValues, digits: number, notAnAmount: string) {
  const rows = rowNumbers(form, 'costLabel')
    .map((i) => ({ i, label: form[`costLabel${i}`] ?? '', amount: optional(form[`costAmount${i}`]) }))
    .filter((row) => row.label.trim() !== '' || row.amount !== undefined);
  const wrong: FieldErrors = {};
  const costs = rows.map((row) => {
    const amountMinor = parseMoneyInput(row.amount, digits);
    if (amountMinor === null) wrong[`costAmount${row.i}`] = notAnAmount;
    return { label: row.label, amountMinor: amountMinor ?? 0 };
  });
  return checkRows(costsInput, costs, rows, (key) => (key === 'amountMinor' ? 'costAmount' : 'costLabel'), wrong);
}

/**
 * The stops as typed (`stopName0`, `stopAddress0`, `stopTime0` as the stop's local clock,
 * `stopId0` for a stop kept): the offset is the stop's time after the departure's, past
 * midnight when the clock is earlier. None at all: no change.
 */
export function stopsFromForm(form: FormValues, departsAtLocal: string | undefined) {
  const rows = rowNumbers(form, 'stopName')
    .map((i) => ({ i, id: positiveId(form[`stopId${i}`]), name: form[`stopName${i}`] ?? '', address: optional(form[`stopAddress${i}`]) ?? null, time: optional(form[`stopTime${i}`]) }))
    .filter((row) => row.name.trim() !== '' || row.time !== undefined);
  if (rows.length === 0) return undefined;
  const clock = /T(\d{2}):(\d{2})/.exec(departsAtLocal ?? '');
  const start = clock ? Number(clock[1]) * 60 + Number(clock[2]) : null;
  const wrong: FieldErrors = {};
  const stops = rows.map((row) => {
    const time = /^(\d{1,2}):(\d{2})$/.exec(row.time ?? '');
    if (!time) wrong[`stopTime${row.i}`] = 'is not a real date and time';
    const minutes = time && start !== null ? (Number(time[1]) * 60 + Number(time[2]) - start + 24 * 60) % (24 * 60) : 0;
    return { id: row.id, name: row.name, address: row.address, offsetMinutes: minutes };
  });
  return checkRows(stopsInput, stops, rows, (key) => (key === 'offsetMinutes' ? 'stopTime' : key === 'address' ? 'stopAddress' : 'stopName'), wrong);
}

/**
 * The price categories besides the default (`priceCategory0` chosen from the known ones or
 * `own`, `priceLabel0` the word shown, `priceAmount0`/`priceDeposit0` in major units), after
 * the default category of the departure's own price and deposit.
 */
export function pricesFromForm(form: FormValues, digits: number, notAnAmount: string, adult: { priceMinor: number; depositMinor: number }): PriceCategory[] {
  const rows = rowNumbers(form, 'priceCategory')
    .map((i) => ({ i, category: optional(form[`priceCategory${i}`]), label: optional(form[`priceLabel${i}`]), amount: optional(form[`priceAmount${i}`]), deposit: optional(form[`priceDeposit${i}`]) }))
    .filter((row) => row.amount !== undefined || row.deposit !== undefined || row.label !== undefined);
  const wrong: FieldErrors = {};
  const others = rows.map((row) => {
    const priceMinor = parseMoneyInput(row.amount, digits);
    const depositMinor = row.deposit === undefined ? 0 : parseMoneyInput(row.deposit, digits);
    if (priceMinor === null) wrong[`priceAmount${row.i}`] = notAnAmount;
    if (depositMinor === null) wrong[`priceDeposit${row.i}`] = notAnAmount;
    const category = row.category === 'own' || row.category === undefined ? (row.label ?? '') : row.category;
    if (category === DEFAULT_CATEGORY) wrong[`priceCategory${row.i}`] = 'must not repeat another category';
    return { category, label: row.label ?? null, priceMinor: priceMinor ?? 0, depositMinor: depositMinor ?? 0 };
  });
  const list = [{ category: DEFAULT_CATEGORY, label: null, ...adult }, ...others];
  const all = [{ i: -1 }, ...rows];
  return checkRows(pricesInput, list, all, (key) => (key === 'depositMinor' ? 'priceDeposit' : key === 'priceMinor' ? 'priceAmount' : key === 'label' ? 'priceLabel' : 'priceCategory'), wrong);
}

/** A number of days typed, or nothing (null: the agency's default); not a number: NaN, refused by the schema. */
export function dueDaysFromForm(text: string | undefined): number | null {
  const typed = optional(text);
  if (typed === undefined) return null;
  return /^\d{1,4}$/.test(typed) ? Number(typed) : NaN;
}

/** A whole number typed, NaN when it is not one (refused by the schema at its field); blank is undefined. */
const typedNumber = (text: string | undefined) => (text === undefined ? undefined : /^\d{1,6}$/.test(text) ? Number(text) : NaN);

/**
 * Whether the form asks for the first bus's seats in its `seats` field: a departure of one bus
 * shows "seats" simply, and its bus row carries the rest (name, layout).
 */
const firstSeatsInSeatsField = (form: FormValues) => !('vehicleSeats0' in form);

/** The bus rows that are buses: neither ticked "remove" nor left without a name and seats. */
function vehicleRows(form: FormValues) {
  const seatsOf = (i: number) => optional(form[`vehicleSeats${i}`] ?? (i === 0 && firstSeatsInSeatsField(form) ? form.seats : undefined));
  return rowNumbers(form, 'vehicleLabel')
    .map((i) => ({
      i,
      id: positiveId(form[`vehicleId${i}`]),
      label: optional(form[`vehicleLabel${i}`]),
      seats: seatsOf(i),
      perRow: optional(form[`vehicleRow${i}`]),
      aisle: optional(form[`vehicleAisle${i}`]),
      last: optional(form[`vehicleLast${i}`]),
      removed: form[`vehicleRemove${i}`] === 'on',
    }))
    .filter((row) => !row.removed && (row.label !== undefined || row.seats !== undefined));
}

/** The input of a bus row a domain key names (`seats`, `seatLayout.aisleAfter`); the first bus's seats may be `seats`. */
function vehicleInput(form: FormValues, row: number, key: string, sub?: PropertyKey): string {
  if (key === 'seats') return row === 0 && firstSeatsInSeatsField(form) ? 'seats' : `vehicleSeats${row}`;
  if (key === 'seatLayout') return `${sub === 'aisleAfter' ? 'vehicleAisle' : sub === 'lastRowSeats' ? 'vehicleLast' : 'vehicleRow'}${row}`;
  return `vehicleLabel${row}`;
}

/**
 * The buses as typed (`vehicleId0` kept, `vehicleLabel0`, `vehicleSeats0`, the layout as
 * `vehicleRow0` seats per row, `vehicleAisle0`, `vehicleLast0`; `vehicleRemove0` ticked takes a
 * bus off). A bus without a name is called by its number. A layout left blank, or the same as
 * the departure's (`base`), follows the departure's. No bus rows on the form: no change.
 */
export function vehiclesFromForm(form: FormValues, base: SeatLayout): VehicleInput[] | undefined {
  if (rowNumbers(form, 'vehicleLabel').length === 0) return undefined;
  const rows = vehicleRows(form);
  const vehicles = rows.map((row, position) => {
    const perRow = typedNumber(row.perRow);
    const aisle = typedNumber(row.aisle);
    const last = typedNumber(row.last);
    const typed = perRow !== undefined || aisle !== undefined || last !== undefined;
    const seatsPerRow = perRow ?? base.seatsPerRow;
    const layout = { seatsPerRow, aisleAfter: aisle ?? Math.min(base.aisleAfter, seatsPerRow), ...(last !== undefined ? { lastRowSeats: last } : {}) };
    const same = layout.seatsPerRow === base.seatsPerRow && layout.aisleAfter === base.aisleAfter && layout.lastRowSeats === base.lastRowSeats;
    return {
      ...(row.id !== undefined ? { id: row.id } : {}),
      label: row.label ?? String(position + 1),
      seats: typedNumber(row.seats) ?? NaN,
      seatLayout: typed && !same ? layout : null,
    };
  });
  const parsed = vehiclesInput.safeParse(vehicles);
  if (parsed.success) return parsed.data;
  const wrong: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const [index, key, sub] = issue.path as [number | undefined, string | undefined, PropertyKey | undefined];
    const row = index === undefined ? undefined : rows[index];
    wrong[row && key ? vehicleInput(form, row.i, key, sub) : 'vehicles'] ??= issue.message;
  }
  throw invalid(wrong);
}

const EXTRA_INPUTS: Record<string, string> = { code: 'extraCode', label: 'extraLabel', priceMinor: 'extraPrice', per: 'extraPer' };

/** The extras rows typed: those with a code, a name or a price. */
const extraRows = (form: FormValues) =>
  rowNumbers(form, 'extraCode')
    .map((i) => ({ i, code: optional(form[`extraCode${i}`]), label: optional(form[`extraLabel${i}`]), price: optional(form[`extraPrice${i}`]), per: form[`extraPer${i}`] }))
    .filter((row) => row.code !== undefined || row.label !== undefined || row.price !== undefined);

/**
 * The extras as typed (`extraCode0`, `extraLabel0`, `extraPrice0` in major units of the
 * currency, `extraPer0` traveller or booking); an emptied row stops selling it. No extras
 * rows on the form: no change.
 */
export function extrasFromForm(form: FormValues, digits: number, notAnAmount: string): Extra[] | undefined {
  if (rowNumbers(form, 'extraCode').length === 0) return undefined;
  const rows = extraRows(form);
  const wrong: FieldErrors = {};
  const extras = rows.map((row) => {
    const priceMinor = parseMoneyInput(row.price, digits);
    if (priceMinor === null) wrong[`extraPrice${row.i}`] = notAnAmount;
    return { code: row.code ?? '', label: row.label ?? '', priceMinor: priceMinor ?? 0, per: row.per ?? 'traveller' };
  });
  return checkRows(extrasInput, extras, rows, (key) => EXTRA_INPUTS[key] ?? 'extraCode', wrong);
}

/**
 * A refusal of the departure's change put beside the row it is about: the domain names a bus
 * or an extra by its place in the list sent (`vehicles.1.seats`, `extras.0.code`) or a bus by
 * its id (a bus with bookings cannot go: beside its "remove"); the form's rows skip the empty
 * ones, so the place is found again from what was typed.
 */
export function placeRowErrors(errors: FieldErrors, error: DomainError, form: FormValues): FieldErrors {
  const buses = vehicleRows(form);
  const extras = extraRows(form);
  const placed: FieldErrors = {};
  for (const [key, text] of Object.entries(errors)) {
    const bus = /^vehicles\.(\d+)\.(\w+)(?:\.(\w+))?$/.exec(key);
    const extra = /^extras\.(\d+)\.(\w+)$/.exec(key);
    const busRow = bus ? buses[Number(bus[1])] : undefined;
    const extraRow = extra ? extras[Number(extra[1])] : undefined;
    placed[busRow ? vehicleInput(form, busRow.i, bus![2]!, bus![3]) : extraRow ? `${EXTRA_INPUTS[extra![2]!] ?? 'extraCode'}${extraRow.i}` : key] ??= text;
  }
  const details = (error.details ?? {}) as { vehicleId?: unknown; field?: unknown; reason?: unknown };
  if (errors.form === undefined || error.code === 'validation_failed') return placed;
  // A conflict about one bus: by the list's place it names, else by its id.
  const byField = typeof details.field === 'string' ? /^vehicles\.(\d+)\.(\w+)$/.exec(details.field) : null;
  const fieldRow = byField ? buses[Number(byField[1])] : undefined;
  const idRow = rowNumbers(form, 'vehicleLabel').find((i) => details.vehicleId !== undefined && positiveId(form[`vehicleId${i}`]) === details.vehicleId);
  const at = fieldRow
    ? vehicleInput(form, fieldRow.i, byField![2]!)
    : idRow === undefined
      ? undefined
      : details.reason === 'vehicle_has_bookings'
        ? `vehicleRemove${idRow}`
        : vehicleInput(form, idRow, 'seats');
  if (at === undefined) return placed;
  const { form: text, ...rest } = placed;
  return { ...rest, [at]: text! };
}
