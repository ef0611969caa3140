import { describe, expect, it } from 'vitest';
import { followUpAt } from '../../src/domain/aftercare/feedback.js';
import { stageDueAt } from '../../src/domain/tasks/plan.js';

const SOFIA = 'Europe/Sofia';
const at = (iso: string) => Date.parse(iso);

describe('when a trip is followed up', () => {
  it('two days after the return, never later than 10:00 that day in the trip zone', () => {
    // Back at 23:00: asked at 10:00 two days later, not at 23:00.
    expect(new Date(followUpAt({ departsAt: at('2026-10-29T04:30:00Z'), returnsAt: at('2026-10-31T21:00:00Z'), timeZone: SOFIA }, 2)).toISOString()).toBe('2026-11-02T08:00:00.000Z');
    // Back at 08:00: asked 48 hours later, not held until 10:00.
    expect(new Date(followUpAt({ departsAt: at('2026-10-29T04:30:00Z'), returnsAt: at('2026-10-31T06:00:00Z'), timeZone: SOFIA }, 2)).toISOString()).toBe('2026-11-02T06:00:00.000Z');
    // No return given: counted from the departure.
    expect(new Date(followUpAt({ departsAt: at('2026-11-10T05:00:00Z'), returnsAt: null, timeZone: SOFIA }, 1)).toISOString()).toBe('2026-11-11T05:00:00.000Z');
  });
});

describe('when a stage of the plan is due', () => {
  const trip = { departsAt: at('2027-03-29T04:00:00Z'), timeZone: SOFIA };
  it('the end of the day so many days before the departure day, in the trip zone', () => {
    expect(new Date(stageDueAt(trip, 3, at('2026-12-01T10:00:00Z'))).toISOString()).toBe('2027-03-26T21:59:59.999Z');
  });
  it('never after the bus leaves, and at once when the day already passed', () => {
    expect(stageDueAt(trip, 0, at('2026-12-01T10:00:00Z'))).toBe(trip.departsAt);
    expect(stageDueAt(trip, 200, at('2026-12-01T10:00:00Z'))).toBe(at('2026-12-01T10:00:00Z'));
  });
});
