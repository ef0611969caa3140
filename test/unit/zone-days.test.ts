import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { overdueDays } from '../../src/domain/deals/due-dates.js';
import { dayNumberIn } from '../../src/domain/zone-days.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The calendar day in the zone as luxon counts it, days since 1970-01-01. */
const luxonDay = (ms: number, zone: string) => {
  const local = DateTime.fromMillis(ms, { zone });
  return Math.round(DateTime.utc(local.year, local.month, local.day).toMillis() / DAY);
};

describe('calendar days in a zone', () => {
  it('agrees with luxon minute by minute around offset changes, including half-hour and 45-minute zones', () => {
    const changes: [string, string][] = [
      ['Europe/Sofia', '2027-03-28T01:00:00Z'],
      ['Europe/Sofia', '2027-10-31T01:00:00Z'],
      ['America/New_York', '2027-11-07T06:00:00Z'],
      ['Australia/Lord_Howe', '2027-04-03T15:00:00Z'],
      ['Pacific/Chatham', '2027-04-03T14:00:00Z'],
      ['Asia/Kathmandu', '2027-06-01T18:15:00Z'],
    ];
    for (const [zone, at] of changes) {
      const change = Date.parse(at);
      for (let ms = change - 3 * 60 * MINUTE; ms <= change + 3 * 60 * MINUTE; ms += MINUTE - 1) {
        expect(dayNumberIn(ms, zone), `${zone} ${new Date(ms).toISOString()}`).toBe(luxonDay(ms, zone));
      }
    }
  });

  it('counts days overdue as calendar days in the trip zone: the day after the due day is 1', () => {
    const dueAt = DateTime.fromISO('2027-10-30T23:59:59.999', { zone: 'Europe/Sofia' }).toMillis();
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Sofia' }).toMillis();
    expect(overdueDays(dueAt, at('2027-10-30T12:00'), 'Europe/Sofia')).toBe(0);
    expect(overdueDays(dueAt, at('2027-10-31T00:00:01'), 'Europe/Sofia')).toBe(1);
    // Across the change back to winter time (a 25-hour day), still whole calendar days.
    expect(overdueDays(dueAt, at('2027-11-01T00:30'), 'Europe/Sofia')).toBe(2);
    expect(overdueDays(dueAt, at('2027-11-09T23:59'), 'Europe/Sofia')).toBe(10);
  });
});
