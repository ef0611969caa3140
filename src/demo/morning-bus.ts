import { DateTime } from 'luxon';

/** The demo's first trip leaves in the morning, as excursion buses do. */
const MORNING = { hour: 7, minute: 0, second: 0, millisecond: 0 };

/**
 * When the demo's "bus of tomorrow" leaves, seen from the instant the demo is written: the
 * next 07:00 in the agency's zone. Written in the evening that is tomorrow morning; written
 * after midnight it is this morning, since the 07:00 of the next calendar day would be more
 * than 24 hours away and nobody would be due a reminder yet. So the bus is always inside the
 * reminders' 24-hour window and on the operator's buses of today and tomorrow. The one day
 * with 25 hours (the clocks go back) could put that 07:00 just beyond 24 hours: the bus
 * then leaves at 06:00.
 */
export function morningBusAt(now: DateTime): DateTime {
  let bus = now.set(MORNING);
  if (bus <= now) bus = now.plus({ days: 1 }).set(MORNING);
  if (bus.diff(now).as('hours') > 24) bus = bus.minus({ hours: 1 });
  return bus;
}
