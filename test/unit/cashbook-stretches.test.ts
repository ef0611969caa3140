import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { constantOffsetStretches } from '../../src/domain/ledger/cashbook.js';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const HOUR = 3_600_000;

describe('the cash book cuts its period where the zone changes its offset', () => {
  it('a year in Sofia is three stretches, cut at the instants the clocks move', () => {
    const zone = 'Europe/Sofia';
    const stretches = constantOffsetStretches(at('2026-01-01T00:00', zone), at('2027-01-01T00:00', zone), zone);
    expect(stretches.map((s) => s.offsetMs / HOUR)).toEqual([2, 3, 2]);
    expect(new Date(stretches[1]!.start).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(new Date(stretches[2]!.start).toISOString()).toBe('2026-10-25T01:00:00.000Z');
    // Each stretch begins where the last ended: no instant is left out or counted twice.
    for (let i = 1; i < stretches.length; i++) expect(stretches[i]!.start).toBe(stretches[i - 1]!.end);
  });

  it('a zone that keeps one offset is one stretch, half hours included', () => {
    for (const zone of ['UTC', 'Asia/Kolkata', 'Europe/Moscow']) {
      const stretches = constantOffsetStretches(at('2026-01-01T00:00', zone), at('2026-12-31T00:00', zone), zone);
      expect(stretches).toHaveLength(1);
    }
    expect(constantOffsetStretches(0, 1, 'Asia/Kolkata')[0]!.offsetMs).toBe(5.5 * HOUR);
  });

  it('Lord Howe moves its clocks by half an hour, and the cut is found to the millisecond', () => {
    const zone = 'Australia/Lord_Howe';
    const stretches = constantOffsetStretches(at('2026-03-01T00:00', zone), at('2026-05-01T00:00', zone), zone);
    expect(stretches.map((s) => s.offsetMs / HOUR)).toEqual([11, 10.5]);
    expect(DateTime.fromMillis(stretches[1]!.start - 1, { zone }).offset).toBe(660);
    expect(DateTime.fromMillis(stretches[1]!.start, { zone }).offset).toBe(630);
  });
});
