import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { parseInstant, toIso } from '../../src/domain/time.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATABASE_PATH: './data/tourdesk.sqlite',
      AGENCY_TIMEZONE: 'Europe/Sofia',
      NOTIFIER_INTERVAL_S: 60,
      AGENCY_COUNTRY: 'BG',
      OUTBOX_DIR: './data/outbox',
      PUBLIC_INTAKE_LIMIT: 10,
      AGENCY_NAME: 'tourdesk',
      AGENCY_LOCALE: 'en',
    });
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT /],
    [{ PORT: '70000' }, /PORT/],
    [{ AGENCY_TIMEZONE: 'Mars/Olympus' }, /AGENCY_TIMEZONE is not a known IANA time zone/],
    [{ AGENCY_LOCALE: 'de' }, /AGENCY_LOCALE/],
    [{ ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD must be at least 10/],
    // Another database's address is refused, and the password in it never printed.
    [{ DATABASE_URL: 'mysql://desk:short"@db:3306/agency' }, /DATABASE_URL must be a PostgreSQL address/],
  ])('stops on %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).not.toContain('short"');
    }
  });
});

describe('instants', () => {
  it('reads a time without offset in the given zone, across DST', () => {
    // Sofia is UTC+3 in summer, UTC+2 in winter; the switch in 2027 is on 31 October.
    expect(toIso(parseInstant('2027-10-29T06:30', 'Europe/Sofia'))).toBe('2027-10-29T03:30:00.000Z');
    expect(toIso(parseInstant('2027-11-05T06:30', 'Europe/Sofia'))).toBe('2027-11-05T04:30:00.000Z');
    expect(toIso(parseInstant('2027-10-29T06:30', 'Europe/Moscow'))).toBe('2027-10-29T03:30:00.000Z');
  });

  it('keeps an explicit offset whatever the zone', () => {
    expect(toIso(parseInstant('2027-10-29T06:30:00+05:00', 'Europe/Sofia'))).toBe('2027-10-29T01:30:00.000Z');
    expect(toIso(parseInstant('2027-10-29T06:30:00Z', 'Europe/Sofia'))).toBe('2027-10-29T06:30:00.000Z');
  });
});
