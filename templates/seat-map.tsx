/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FieldErrors } from '../src/domain/errors.js';
import { CsrfField, Layout, type PageFrame } from './layout.js';

export interface SeatMapProps extends PageFrame {
  departure: { id: number; title: string; departsAt: number };
  layout: { seatsPerRow: number; aisleAfter: number };
  rows: number[][];
  seats: { number: number; dealId?: number; travellerId?: number; name?: string }[];
  /** Each booking's travellers with their seats, for the move forms. */
  bookings: { dealId: number; client: string; travellers: { id: number; name: string; seat: number | null }[] }[];
  failed?: { dealId: number; errors: FieldErrors } | undefined;
}

/** The bus from above: who sits where, automatic seating, and a form per booking to move its travellers. */
export function SeatMapPage(props: SeatMapProps) {
  const { tr, departure: d } = props;
  const bySeat = new Map(props.seats.map((s) => [s.number, s]));
  const free = props.seats.filter((s) => !s.travellerId).map((s) => s.number);
  const unseated = props.bookings.reduce((n, b) => n + b.travellers.filter((t) => t.seat === null).length, 0);
  return (
    <Layout {...props} title={tr.t('seats.title', { title: d.title })} current="departures">
      <h1>{tr.t('seats.title', { title: d.title })}</h1>
      <p class="muted">
        {tr.dateTime(d.departsAt)} · <a href={`/departures/${d.id}`}>{tr.t('boarding.toRoster')}</a> · {tr.t('seats.free', { n: free.length })}
      </p>
      <form method="post" action={`/departures/${d.id}/seating/auto`} class="inline card">
        <CsrfField csrf={props.csrf} />
        <span>{tr.t('seats.unseated', { n: unseated })}</span>
        <button disabled={unseated === 0}>{tr.t('seats.auto')}</button>
      </form>
      <div class="bus" role="img" aria-label={tr.t('seats.plan')}>
        {props.rows.map((row) => (
          <div class="bus-row">
            {row.map((number, i) => {
              const seat = bySeat.get(number);
              return (
                <>
                  {i === props.layout.aisleAfter && row.length === props.layout.seatsPerRow && <span class="aisle" aria-hidden="true" />}
                  <span class={seat?.travellerId ? 'seat taken' : 'seat'} data-seat={String(number)} data-deal={seat?.dealId ? String(seat.dealId) : undefined}>
                    <b>{number}</b>
                    <small>{seat?.name ?? ''}</small>
                  </span>
                </>
              );
            })}
          </div>
        ))}
      </div>
      <h2>{tr.t('seats.move')}</h2>
      {props.bookings.map((booking) => (
        <form method="post" action={`/deals/${booking.dealId}/seats`} class="card fields seat-move" data-deal={String(booking.dealId)}>
          <CsrfField csrf={props.csrf} />
          <strong class="full">
            <a href={`/deals/${booking.dealId}`}>{booking.client}</a>
          </strong>
          {booking.travellers.map((t) => (
            <div class="field">
              <label for={`seat-${t.id}`}>{t.name}</label>
              <select id={`seat-${t.id}`} name={`seat${t.id}`}>
                <option value="">{tr.t('seats.none')}</option>
                {[...(t.seat ? [t.seat] : []), ...free].sort((a, b) => a - b).map((n) => (
                  <option value={String(n)} selected={n === t.seat}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {props.failed?.dealId === booking.dealId && <p class="error full">{Object.values(props.failed.errors).join(' ')}</p>}
          <div class="field">
            <button class="secondary">{tr.t('seats.save')}</button>
          </div>
        </form>
      ))}
    </Layout>
  );
}
