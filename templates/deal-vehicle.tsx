/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Which bus a booking rides in, and the form that moves it (all its travellers together) to
 * another bus of its departure: on the deal page and beside each booking of the seat map.
 */
import { busName } from '../src/i18n/bus-words.js';
import { CsrfField } from './layout.js';
import type { Tr } from './tr.js';

/** A bus of the departure with the seats its bookings take. */
export interface BusChoice {
  id: number;
  label: string;
  seats: number;
  seatsBooked: number;
}

const freeIn = (bus: BusChoice) => Math.max(0, bus.seats - bus.seatsBooked);

/**
 * "Move the booking to [Bus 2 · 5 seats free] [Move]": the other buses with their free seats,
 * those without room for the whole booking shown but not chosen. Posts to
 * `/deals/:id/vehicle` and comes back to `back`; a refusal is shown under it.
 */
export function VehicleMoveForm(props: { tr: Tr; csrf: string; dealId: number; seats: number; vehicleId: number | null; vehicles: BusChoice[]; back: string; error?: string | undefined }) {
  const { tr } = props;
  const others = props.vehicles.filter((bus) => bus.id !== props.vehicleId);
  if (others.length === 0) return null;
  const fitting = others.filter((bus) => freeIn(bus) >= props.seats);
  const id = `bus-move-${props.dealId}`;
  const error = props.error && (
    <p class="error full" id={`${id}-error`}>
      {props.error}
    </p>
  );
  if (fitting.length === 0) {
    return (
      <div class="bus-move" data-bus-move={String(props.dealId)}>
        <p class="small muted">{tr.t('vehicles.noRoom', { n: props.seats })}</p>
        {error}
      </div>
    );
  }
  return (
    <form method="post" action={`/deals/${props.dealId}/vehicle`} class="inline bus-move" data-bus-move={String(props.dealId)}>
      <CsrfField csrf={props.csrf} />
      <input type="hidden" name="back" value={props.back} />
      <label for={id}>{tr.t('vehicles.moveTo')}</label>
      <select id={id} name="vehicleId" aria-describedby={props.error ? `${id}-error` : undefined}>
        {others.map((bus) => (
          <option value={String(bus.id)} disabled={freeIn(bus) < props.seats} selected={bus.id === fitting[0]!.id}>
            {tr.t('vehicles.moveOption', { bus: busName(tr.locale, bus.label), n: freeIn(bus) })}
          </option>
        ))}
      </select>
      <button class="small secondary">{tr.t('vehicles.move')}</button>
      {error}
    </form>
  );
}

/**
 * The deal page's line of its bus, for a departure of several: "Rides in Bus 2 · seats 5, 6",
 * its seat plan, and the move to another bus while the booking is active.
 */
export function DealVehicle(props: {
  tr: Tr;
  csrf: string;
  deal: { id: number; departureId: number; vehicleId: number | null; seats: number; status: string; travellers: { seat: number | null }[] };
  vehicles?: BusChoice[] | undefined;
}) {
  const { tr, deal } = props;
  const vehicles = props.vehicles ?? [];
  if (vehicles.length < 2) return null;
  const bus = vehicles.find((v) => v.id === deal.vehicleId);
  const seats = deal.travellers
    .map((t) => t.seat)
    .filter((seat): seat is number => seat !== null)
    .sort((a, b) => a - b);
  const plan = `/departures/${deal.departureId}/seats${bus ? `?vehicleId=${bus.id}` : ''}`;
  return (
    <div class="card deal-bus" data-vehicle={bus ? String(bus.id) : undefined}>
      <p>
        <strong>{tr.t('vehicles.ridesIn', { bus: bus ? busName(tr.locale, bus.label) : '—' })}</strong>
        {' · '}
        <span class="small">{seats.length ? tr.t('vehicles.seatList', { n: seats.length, list: seats.join(', ') }) : tr.t('vehicles.noSeatsYet')}</span>
        {' · '}
        <a class="small" href={plan}>
          {tr.t('vehicles.seatMap')}
        </a>
      </p>
      {deal.status !== 'cancelled' && <VehicleMoveForm tr={tr} csrf={props.csrf} dealId={deal.id} seats={deal.seats} vehicleId={deal.vehicleId} vehicles={vehicles} back={`/deals/${deal.id}`} />}
    </div>
  );
}
