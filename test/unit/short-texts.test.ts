import { describe, expect, it } from 'vitest';
import { departureText, MAX_SMS_SEGMENTS, paymentText, waitlistText } from '../../templates/mail/short-texts.js';
import { makeTr } from '../../templates/tr.js';
import { encodingOf, segmentCount, splitSegments } from '../../src/sms/segments.js';

const LOCALES = ['bg', 'ru', 'en'] as const;
/** The demo's longest trip name and stop (a pickup with its address), and a long agency name. */
const TRIP = 'Пловдив — Старият град';
const STOP = 'Пловдив, хотел „Тримонциум“, пл. „Централен“ 2';
const common = { agencyName: 'Балкан Тур', agencyPhone: '+359 2 987 6543' };
const at = Date.parse('2027-10-29T03:30:00Z');

describe('SMS segments', () => {
  it('counts GSM text in septets and Cyrillic in UCS-2 units, with the concatenated limits', () => {
    expect(encodingOf('Ohrid 29.10 at 06:30')).toBe('gsm');
    expect(encodingOf('Охрид')).toBe('ucs2');
    expect(segmentCount('a'.repeat(160))).toBe(1);
    expect(segmentCount('a'.repeat(161))).toBe(2);
    expect(segmentCount('€'.repeat(80))).toBe(1);
    expect(segmentCount('я'.repeat(70))).toBe(1);
    expect(segmentCount('я'.repeat(71))).toBe(2);
    expect(segmentCount('я'.repeat(134))).toBe(2);
    expect(segmentCount('я'.repeat(135))).toBe(3);
    expect(splitSegments('я'.repeat(100)).map((p) => p.length)).toEqual([67, 33]);
  });
});

describe('the short texts of each notice', () => {
  for (const locale of LOCALES) {
    it(`fit two SMS segments in ${locale}, with the demo's longest trip and stop, and keep the time`, () => {
      const tr = makeTr(locale, 'Europe/Sofia');
      const reminder = departureText({ ...common, tr, kind: 'departure_reminder', trip: TRIP, departsAt: at, meetingPoint: STOP, previous: null }, true);
      const changed = departureText({ ...common, tr, kind: 'departure_changed', trip: TRIP, departsAt: at + 45 * 60_000, meetingPoint: STOP, previous: { departsAt: at, meetingPoint: STOP } }, true);
      const payment = paymentText({ ...common, tr, paymentKind: 'deposit', stage: 'overdue', trip: TRIP, departsAt: at, dueAt: at - 20 * 86_400_000, amountMinor: 1_234_500, currency: 'EUR' }, true);
      const offer = waitlistText({ ...common, tr, trip: TRIP, departsAt: at, seats: 2, holdUntil: at - 10 * 86_400_000 }, true);
      for (const text of [reminder, changed, payment, offer]) expect(segmentCount(text), text).toBeLessThanOrEqual(MAX_SMS_SEGMENTS);
      expect(reminder).toContain('06:30');
      expect(reminder).toContain(locale === 'en' ? '29 Oct' : '29.10');
      expect(reminder).toContain('+359 2 987 6543');
      expect(changed).toContain('07:15');
      expect(changed).toContain('06:30');
    });
  }

  it('shortens the stop, never the time, when a text would not fit; Telegram keeps it whole', () => {
    const tr = makeTr('bg', 'Europe/Sofia');
    const longStop = 'София, Централна автогара „Сердика“, бул. „Княгиня Мария Луиза“ 100, изход към паркинга на хотел „Рила“';
    const sms = departureText({ ...common, tr, kind: 'departure_reminder', trip: TRIP, departsAt: at, meetingPoint: longStop, previous: null }, true);
    expect(segmentCount(sms)).toBeLessThanOrEqual(2);
    expect(sms).toContain('06:30');
    expect(sms).toContain('…');
    const telegram = departureText({ ...common, tr, kind: 'departure_reminder', trip: TRIP, departsAt: at, meetingPoint: longStop, previous: null }, false);
    expect(telegram).toContain(longStop);
  });

  it('leaves out the phone when the agency gave none', () => {
    const tr = makeTr('ru', 'Europe/Sofia');
    const text = departureText({ agencyName: 'Балкан Тур', agencyPhone: '', tr, kind: 'departure_reminder', trip: 'Охрид', departsAt: at, meetingPoint: 'НДК', previous: null }, true);
    expect(text).toBe('Балкан Тур: Охрид, 29.10 в 06:30, НДК.');
  });
});
