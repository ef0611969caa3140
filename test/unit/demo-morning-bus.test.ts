import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { morningBusAt } from '../../src/demo/morning-bus.js';

const ZONE = 'Europe/Sofia';
const DAY_MS = 24 * 3_600_000;

/** Every ten minutes of a day in Sofia, from its midnight to the next. */
function everyTenMinutes(day: string): DateTime[] {
  const start = DateTime.fromISO(day, { zone: ZONE }).startOf('day');
  const end = start.plus({ days: 1 });
  const instants: DateTime[] = [];
  for (let at = start; at < end; at = at.plus({ minutes: 10 })) instants.push(at);
  return instants;
}

describe("the demo's morning bus", () => {
  it.each([
    ['a winter day', '2026-12-05'],
    ['a summer day', '2027-07-05'],
    ['the day the clocks go forward', '2027-03-28'],
    ['the day before the clocks go back', '2027-10-30'],
    ['the day the clocks go back', '2027-10-31'],
  ])('written at any time of %s (%s), leaves within 24 hours, at 07:00 unless that is further', (_what, day) => {
    for (const now of everyTenMinutes(day)) {
      const bus = morningBusAt(now);
      const ahead = bus.toMillis() - now.toMillis();
      const when = `written ${now.toISO()}, leaves ${bus.toISO()}`;
      expect(ahead, when).toBeGreaterThan(0);
      expect(ahead, when).toBeLessThanOrEqual(DAY_MS);
      expect([bus.hour, bus.minute], when).toEqual(bus.hour === 7 ? [7, 0] : [6, 0]);
      // At 06:00 only on the 25-hour day, when 07:00 would be more than 24 hours away.
      if (bus.hour === 6) expect(bus.set({ hour: 7 }).toMillis() - now.toMillis(), when).toBeGreaterThan(DAY_MS);
      // Today's or tomorrow's bus, as the operator's day lists them.
      expect(bus.startOf('day').diff(now.startOf('day'), 'days').days, when).toBeLessThanOrEqual(1);
    }
  });
});
