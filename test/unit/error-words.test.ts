import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { fieldErrorText, refusalText } from '../../src/i18n/errors.js';

/** The English phrases the domain refuses fields with, as its schemas write them. */
const FIELD_PHRASES = [
  'must not be empty',
  'must be a whole number from 1 to 1000',
  'must be a whole number of seats',
  'must be an e-mail address',
  'must not exceed priceMinor',
  'must be after departsAt',
  'is not a real date and time',
  'must be an ISO 8601 date and time, e.g. 2026-10-29T07:30:00+03:00',
  'does not exist in Europe/Sofia: the clocks move forward an hour that night, so this local time is skipped; give a time outside the gap',
  'has an offset beyond ±14:00, which no place on Earth uses',
  'must be in the years 2000 to 2100',
  'must not contain control characters (U+0000); line breaks and tabs are not allowed here',
  'must not contain text-direction override characters (U+202E)',
  'contains a broken character (half of an emoji or symbol)',
  'Too big: expected string to have <=200 characters',
  'must be at least 10 characters',
  'must not be negative',
  'must be greater than 0',
  'must be an ISO 4217 code such as EUR',
  'is not a known IANA time zone such as Europe/Sofia',
  'must be in the future',
  'must be a whole number from 0 to 365',
  'must be a whole number from 0 to 100',
  'must not repeat another rule',
  'must not exceed what was paid',
  'at most one traveller per seat (2)',
  'is not a valid phone number (numbers without + are read as BG)',
  'phone or email is required',
  'is not an active user (7)',
  'is required when refused: one of not_going, changed_mind',
  'is only for offer_made',
  'at most 30 tags',
  'must be at most 20 rules',
  'must be a date as YYYY-MM-DD',
  'is not a stop of this departure',
  'must have at least one stop',
  'must be at most 30 stops',
  'must be at most 50 costs',
  'must be a whole number from 0 to 4320',
];

const REFUSALS = [
  new DomainError('sold_out', 'Only 3 seat(s) left on this departure', { seatsLeft: 3, seatsRequested: 4 }),
  new DomainError('conflict', 'The payment exceeds the balance of 20000', { balanceMinor: 20000, currency: 'EUR', reason: 'exceeds_balance' }),
  new DomainError('conflict', 'The refund exceeds the 5000 held for this deal', { paidMinor: 5000, currency: 'EUR', reason: 'exceeds_held' }),
  new DomainError('conflict', 'This departure has already left'),
  new DomainError('conflict', 'This departure is cancelled'),
  new DomainError('invalid_transition', 'This deal is cancelled', { status: 'cancelled' }),
  new DomainError('conflict', 'A contact with this phone is already on file', { existingId: 1 }),
  new DomainError('conflict', 'The last active director cannot be demoted or deactivated'),
  new DomainError('conflict', 'A voucher is sent once the deal is paid in full'),
  new DomainError('conflict', 'Cannot lower seats to 10: 12 are already booked', { seatsBooked: 12 }),
  new DomainError('conflict', 'Cancel or move its bookings before cancelling the departure', { seatsBooked: 2 }),
  new DomainError('conflict', 'A stop that bookings use cannot be removed (2 booking(s))', { bookings: 2, reason: 'stop_in_use' }),
  new DomainError('conflict', 'Seat 7 is taken', { seat: 7, reason: 'seat_taken' }),
  new DomainError('conflict', 'Seat 60 is beyond the bus (57 seats)', { seat: 60, reason: 'seat_beyond_bus' }),
];

const CYRILLIC = /[\u0400-\u04FF]/;

describe('refusals in the reader\'s words', () => {
  it('every field phrase the schemas use is worded in ru and bg, never left in English', () => {
    for (const phrase of FIELD_PHRASES) {
      const en = fieldErrorText('en', phrase);
      for (const locale of ['ru', 'bg'] as const) {
        const text = fieldErrorText(locale, phrase);
        expect(text, `${locale}: ${phrase}`).not.toBe(phrase);
        expect(text, `${locale}: ${phrase}`).not.toBe(en);
        expect(CYRILLIC.test(text), `${locale}: ${phrase} -> ${text}`).toBe(true);
      }
    }
  });

  it('every refusal about no field is worded in ru and bg, money as money, counts with plurals', () => {
    for (const error of REFUSALS) {
      for (const locale of ['ru', 'bg'] as const) {
        const text = refusalText(locale, error);
        expect(text, `${locale}: ${error.message}`).not.toBe(error.message);
        expect(CYRILLIC.test(text), `${locale}: ${error.message} -> ${text}`).toBe(true);
      }
    }
    expect(refusalText('bg', REFUSALS[1]!)).toMatch(/200,00\s€/u);
    expect(refusalText('bg', REFUSALS[1]!)).not.toContain('20000');
    expect(refusalText('ru', REFUSALS[0]!)).toBe('На этом выезде осталось только 3 места');
    expect(refusalText('en', REFUSALS[0]!)).toBe('Only 3 seats are left on this departure');
    expect(refusalText('bg', new DomainError('sold_out', 'x', { seatsLeft: 1 }))).toBe('В тази екскурзия остава само 1 място');
  });

  it('a phrase or refusal nobody words is shown as given', () => {
    expect(fieldErrorText('bg', 'something new')).toBe('something new');
    expect(refusalText('ru', new DomainError('conflict', 'Something else'))).toBe('Something else');
  });
});
