import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMailer } from '../src/mail/mailer.js';
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

/** Benchmarks that do not measure mail write it to a scratch outbox. */
export const benchMailer = () => createMailer({ from: 'bench <bench@localhost>', outboxDir: join(tmpdir(), 'tourdesk-bench-outbox') });
