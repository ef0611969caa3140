/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FieldErrors } from '../src/domain/errors.js';
import { CsrfField, Layout, type PageFrame } from './layout.js';
import { busName } from '../src/i18n/bus-words.js';
import { VehicleMoveForm, type BusChoice } from './deal-vehicle.js';

/** A booked place: a named traveller, or a seat of the booking whose traveller has no name yet. */
export interface SeatMapPlace {
  travellerNumber: number;
  travellerId?: number;
  name?: string;
  seat: number | null;
}

export interface SeatMapProps extends PageFrame {
  departure: { id: number; title: string; departsAt: number };
  layout: { seatsPerRow: number; aisleAfter: number };
  rows: number[][];
  seats: { number: number; dealId?: number; travellerId?: number; name?: string; travellerNumber?: number; unnamed?: true }[];
  /** Seats still to sell, as the roster counts them. */
  seatsLeft: number;
  /** Each booking's places with their seats, for the move forms. */
  bookings: { dealId: number; client: string; places: SeatMapPlace[] }[];
  /** A refused move of a booking: of its travellers' seats, or to another bus. */
  failed?: { dealId: number; errors: FieldErrors; action?: 'seats' | 'vehicle' } | undefined;
  /** The bus this plan is of, and every bus of the departure with the seats its bookings take. */
  vehicle: BusChoice;
  vehicles: BusChoice[];
}

/**
 * The bus from above: who sits where, automatic seating, and a form per booking to move its
 * travellers. A seat booked without a name is counted, seated and flagged like any other, so
 * the plan never shows more seats free than the roster sells.
 */
export function SeatMapPage(props: SeatMapProps) {
  const { tr, departure: d } = props;
  const bySeat = new Map(props.seats.map((s) => [s.number, s]));
  const clientOf = new Map(props.bookings.map((b) => [b.dealId, b.client]));
  const empty = props.seats.filter((s) => s.dealId === undefined).map((s) => s.number);
  const places = props.bookings.flatMap((b) => b.places);
  const unseated = places.filter((p) => p.seat === null).length;
  const unnamed = places.filter((p) => p.travellerId === undefined).length;
  const several = props.vehicles.length > 1;
  const bus = busName(tr.locale, props.vehicle.label);
  const here = `/departures/${d.id}/seats${several ? `?vehicleId=${props.vehicle.id}` : ''}`;
  const failedOf = (dealId: number, action: 'seats' | 'vehicle') =>
    props.failed?.dealId === dealId && (props.failed.action ?? 'seats') === action ? Object.values(props.failed.errors).join(' ') : undefined;
  return (
    <Layout {...props} title={tr.t('seats.title', { title: d.title })} current="departures">
      <h1>{tr.t('seats.title', { title: d.title })}</h1>
      <p class="muted">
        {tr.dateTime(d.departsAt)} · <a href={`/departures/${d.id}`}>{tr.t('boarding.toRoster')}</a> · {tr.t('seats.free', { n: props.seatsLeft })}
      </p>
      {several && (
        <nav class="tabs buses" aria-label={tr.t('vehicles.tabs')}>
          {props.vehicles.map((v) => (
            <a
              href={`/departures/${d.id}/seats?vehicleId=${v.id}`}
              class={v.id === props.vehicle.id ? 'active' : undefined}
              aria-current={v.id === props.vehicle.id ? 'page' : undefined}
              data-vehicle={String(v.id)}
            >
              {tr.t('vehicles.tab', { bus: busName(tr.locale, v.label), booked: v.seatsBooked, seats: v.seats })}
            </a>
          ))}
        </nav>
      )}
      {several && <h2>{tr.t('vehicles.planOf', { bus })}</h2>}
      <form method="post" action={`/departures/${d.id}/seating/auto`} class="inline card">
        <CsrfField csrf={props.csrf} />
        {several && <input type="hidden" name="bus" value={String(props.vehicle.id)} />}
        {several && <span data-free={String(props.vehicle.seats - props.vehicle.seatsBooked)}>{tr.t('vehicles.freeHere', { n: Math.max(0, props.vehicle.seats - props.vehicle.seatsBooked), bus })}.</span>}
        <span>{tr.t('seats.unseated', { n: unseated })}</span>
        {unnamed > 0 && (
          <span class="badge today" data-unnamed={String(unnamed)}>
            {tr.t('seats.unnamedCount', { n: unnamed })}
          </span>
        )}
        {several ? (
          <>
            <button name="scope" value="bus" disabled={unseated === 0}>
              {tr.t('vehicles.seatThisBus', { bus })}
            </button>
            <button name="scope" value="all" class="secondary">
              {tr.t('vehicles.seatAll')}
            </button>
          </>
        ) : (
          <button disabled={unseated === 0}>{tr.t('seats.auto')}</button>
        )}
      </form>
      <div class="bus" role="img" aria-label={several ? tr.t('vehicles.planOf', { bus }) : tr.t('seats.plan')}>
        {props.rows.map((row) => (
          <div class="bus-row">
            {row.map((number, i) => {
              const seat = bySeat.get(number);
              const taken = seat?.dealId !== undefined;
              return (
                <>
                  {i === props.layout.aisleAfter && row.length === props.layout.seatsPerRow && <span class="aisle" aria-hidden="true" />}
                  <span
                    class={seat?.unnamed ? 'seat taken unnamed' : taken ? 'seat taken' : 'seat'}
                    data-seat={String(number)}
                    data-deal={seat?.dealId ? String(seat.dealId) : undefined}
                    data-unnamed={seat?.unnamed ? String(seat.travellerNumber) : undefined}
                  >
                    <b>{number}</b>
                    <small>{seat?.unnamed ? tr.t('seats.unnamedOnPlan', { client: clientOf.get(seat.dealId!) ?? '', n: seat.travellerNumber! }) : (seat?.name ?? '')}</small>
                  </span>
                </>
              );
            })}
          </div>
        ))}
      </div>
      <h2>{tr.t('seats.move')}</h2>
      {props.bookings.map((booking) => {
        // A named traveller may take a free seat, or one held for the booking's own unnamed place,
        // or trade with someone of another booking (the form asks for a swap, so that is one save).
        const ownHeld = booking.places.filter((p) => p.travellerId === undefined && p.seat !== null).map((p) => p.seat!);
        const named = booking.places.filter((p) => p.travellerId !== undefined);
        const swaps = props.seats
          .filter((s) => s.dealId !== undefined && s.dealId !== booking.dealId)
          .sort((a, b) => a.number - b.number)
          .map((s) => ({
            seat: s.number,
            name: s.unnamed ? tr.t('seats.unnamedOnPlan', { client: clientOf.get(s.dealId!) ?? '', n: s.travellerNumber! }) : (s.name ?? ''),
          }));
        return (
          <div class="card seat-booking">
          <form method="post" action={`/deals/${booking.dealId}/seats`} class="fields seat-move" data-deal={String(booking.dealId)}>
            <CsrfField csrf={props.csrf} />
            <input type="hidden" name="swap" value="1" />
            <strong class="full">
              <a href={`/deals/${booking.dealId}`}>{booking.client}</a>
            </strong>
            {booking.places.map((place) =>
              place.travellerId === undefined ? (
                <div class="field unnamed-place" data-unnamed={String(place.travellerNumber)}>
                  <span>
                    {tr.t('manifest.unnamed', { n: place.travellerNumber, client: booking.client })} <span class="badge today">{tr.t('seats.noName')}</span>
                  </span>
                  <span class="small">
                    {place.seat === null ? tr.t('seats.none') : <span class="seat-no">{place.seat}</span>} <a href={`/deals/${booking.dealId}`}>{tr.t('seats.nameThem')}</a>
                  </span>
                </div>
              ) : (
                <div class="field">
                  <label for={`seat-${place.travellerId}`}>{place.name}</label>
                  <select id={`seat-${place.travellerId}`} name={`seat${place.travellerId}`}>
                    <option value="">{tr.t('seats.none')}</option>
                    {[...(place.seat ? [place.seat] : []), ...ownHeld, ...empty]
                      .sort((a, b) => a - b)
                      .map((n) => (
                        <option value={String(n)} selected={n === place.seat}>
                          {n}
                        </option>
                      ))}
                    {swaps.length > 0 && (
                      <optgroup label={tr.t('seats.swapGroup')} data-swap="1">
                        {swaps.map((s) => (
                          <option value={String(s.seat)}>{tr.t('seats.swapWith', { seat: s.seat, name: s.name })}</option>
                        ))}
                      </optgroup>
                    )}
                  </select>
                </div>
              ),
            )}
            {failedOf(booking.dealId, 'seats') && <p class="error full">{failedOf(booking.dealId, 'seats')}</p>}
            {named.length > 0 && (
              <div class="field">
                <button class="secondary">{tr.t('seats.save')}</button>
              </div>
            )}
          </form>
          {several && (
            <VehicleMoveForm
              tr={tr}
              csrf={props.csrf}
              dealId={booking.dealId}
              seats={booking.places.length}
              vehicleId={props.vehicle.id}
              vehicles={props.vehicles}
              back={here}
              error={failedOf(booking.dealId, 'vehicle')}
            />
          )}
          </div>
        );
      })}
    </Layout>
  );
}
