/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FieldErrors } from '../src/domain/errors.js';
import { CsrfField, Layout, type PageFrame } from './layout.js';

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
  failed?: { dealId: number; errors: FieldErrors } | undefined;
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
  return (
    <Layout {...props} title={tr.t('seats.title', { title: d.title })} current="departures">
      <h1>{tr.t('seats.title', { title: d.title })}</h1>
      <p class="muted">
        {tr.dateTime(d.departsAt)} · <a href={`/departures/${d.id}`}>{tr.t('boarding.toRoster')}</a> · {tr.t('seats.free', { n: props.seatsLeft })}
      </p>
      <form method="post" action={`/departures/${d.id}/seating/auto`} class="inline card">
        <CsrfField csrf={props.csrf} />
        <span>{tr.t('seats.unseated', { n: unseated })}</span>
        {unnamed > 0 && (
          <span class="badge today" data-unnamed={String(unnamed)}>
            {tr.t('seats.unnamedCount', { n: unnamed })}
          </span>
        )}
        <button disabled={unseated === 0}>{tr.t('seats.auto')}</button>
      </form>
      <div class="bus" role="img" aria-label={tr.t('seats.plan')}>
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
          <form method="post" action={`/deals/${booking.dealId}/seats`} class="card fields seat-move" data-deal={String(booking.dealId)}>
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
            {props.failed?.dealId === booking.dealId && <p class="error full">{Object.values(props.failed.errors).join(' ')}</p>}
            {named.length > 0 && (
              <div class="field">
                <button class="secondary">{tr.t('seats.save')}</button>
              </div>
            )}
          </form>
        );
      })}
    </Layout>
  );
}
