import type { Agency } from '../src/domain/context.js';

/** The agency every benchmark runs as. */
export const BENCH_AGENCY: Agency = {
  timeZone: 'Europe/Sofia',
  country: 'BG',
  currency: 'EUR',
  name: 'Bench Tours',
  contacts: '+359 2 000 0000',
  locale: 'en',
};
