import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hasReached, pickupAtSql, pickupPlaceSql, REACHED_STATUSES, WENT_OUT_STATUSES } from '../../src/db/fragments.js';
import { NOTIFICATION_STATUSES } from '../../src/db/schema/notifications.js';
import { pickupOf } from '../../src/domain/departures/stops.js';
import type { Reason } from '../../src/domain/worklists/index.js';
import { LOCALES } from '../../src/domain/context.js';
import { reasonText } from '../../src/i18n/reasons.js';

describe('the told rule', () => {
  it('counts a delivered SMS as gone out and as reached, and an uncertain one as gone out only', () => {
    expect([...WENT_OUT_STATUSES].sort()).toEqual(['delivered', 'sent', 'uncertain']);
    expect(NOTIFICATION_STATUSES.filter(hasReached).sort()).toEqual(['delivered', 'sent']);
    for (const status of REACHED_STATUSES) expect(WENT_OUT_STATUSES).toContain(status);
  });

  it("words a booking's stop in SQL exactly as pickupOf does", async () => {
    const sqlite = new Database(':memory:');
    const departure = { departsAt: Date.parse('2027-10-29T03:30:00Z'), meetingPoint: 'София, НДК' };
    const stops = [
      { offset: null, name: null, address: null },
      { offset: 0, name: 'София, НДК', address: null },
      { offset: 90, name: 'Пловдив', address: 'хотел Тримонциум' },
      { offset: 45, name: 'Пазарджик', address: '' },
      { offset: 15, name: '', address: 'бул. България 1' },
    ];
    const read = sqlite.prepare(
      `SELECT ${pickupAtSql('dep', 's')} AS at, ${pickupPlaceSql('dep', 's')} AS place
       FROM (SELECT :departsAt AS departs_at, :meetingPoint AS meeting_point) dep,
            (SELECT :offset AS offset_minutes, :name AS name, :address AS address) s`,
    );
    for (const stop of stops) {
      expect(await read.get({ ...departure, ...stop }), JSON.stringify(stop)).toEqual(pickupOf(departure, stop));
    }
  });
});

describe('worklist reasons in words', () => {
  const departsAt = Date.parse('2027-10-29T03:30:00Z');

  it('words every notice state a not-told booking can be in, never as a raw key', () => {
    for (const locale of LOCALES) {
      for (const notice of ['none', ...NOTIFICATION_STATUSES]) {
        const text = reasonText(locale, { code: 'not_notified', departsAt, notice } as Reason, 'Europe/Sofia');
        expect(text, `${locale} ${notice}`).not.toMatch(/reason\.|not_notified/);
        expect(text).toMatch(/06:30/);
      }
    }
  });

  it('words a reason code the catalogue does not know as a sentence naming it', () => {
    const texts = LOCALES.map((locale) => reasonText(locale, { code: 'bus_inspection_due' } as unknown as Reason, 'Europe/Sofia'));
    for (const text of texts) {
      expect(text).not.toMatch(/reason\./);
      expect(text).toContain('bus inspection due');
    }
    expect(new Set(texts).size).toBe(LOCALES.length);
  });
});
