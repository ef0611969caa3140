import { IANAZone } from 'luxon';
import { z } from 'zod';
import { parseWorkingHours } from './domain/inquiries/working-hours.js';

const locale = z.enum(['en', 'ru', 'bg'], { error: 'must be one of en, ru, bg' });

const wholeNumber = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int(`must be ${what}`)
    .min(min, `must be ${what}`)
    .max(max, `must be ${what}`);

/** The environment as tourdesk reads it; every variable of the public contract is here. */
export const ConfigSchema = z.object({
  PORT: wholeNumber('a port number from 0 to 65535', 0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('./data/tourdesk.sqlite'),
  /** Set: the agency's data lives in this PostgreSQL database (migrated at start) instead of the SQLite file. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL address such as postgres://user:password@host:5432/agency')
    .optional(),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an address such as https://desk.agency.example')
    .optional(),
  SMTP_URL: z.string().url('must be a URL such as smtp://user:pass@host:2525').optional(),
  MAIL_FROM: z.string().min(3).default('tourdesk <no-reply@localhost>'),
  SMS_URL: z
    .string()
    .regex(/^smpp:\/\/[^\s:@/]+:[^\s@/]*@[^\s:/]+(:\d+)?\/?$/, 'must be an SMS centre address such as smpp://system_id:password@127.0.0.1:2775')
    .optional(),
  SMS_SENDER: z
    .string()
    .regex(/^([A-Za-z0-9 ]{1,11}|\+?\d{3,15})$/, 'must be a sender name of up to 11 Latin letters and digits, or a phone number')
    .optional(),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, 'must be a bot token as @BotFather gives it (123456:ABC…)').optional(),
  TELEGRAM_API_URL: z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an address such as https://api.telegram.org').default('https://api.telegram.org'),
  ADMIN_EMAIL: z.string().email('must be an e-mail address').optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  ADMIN_NAME: z.string().trim().min(1).max(200).optional(),
  AGENCY_TIMEZONE: z
    .string()
    .default('Europe/Sofia')
    .refine((zone) => IANAZone.isValidZone(zone), 'is not a known IANA time zone'),
  NOTIFIER_INTERVAL_S: wholeNumber('a whole number of seconds (0 turns the notifier off)', 0, 86_400).default(60),
  AGENCY_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO country code such as BG')
    .default('BG'),
  AGENCY_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .default('EUR'),
  OUTBOX_DIR: z.string().min(1).default('./data/outbox'),
  PUBLIC_INTAKE_LIMIT: wholeNumber('a whole number of at least 1', 1, 1_000_000).default(10),
  PUBLIC_INTAKE_ORIGINS: z
    .string()
    .default('')
    .refine((list) => list.split(',').every((o) => o.trim() === '' || /^https?:\/\/[^/\s]+$/.test(o.trim())), 'must be origins such as https://agency.example, separated by commas'),
  AGENCY_NAME: z.string().min(1).default('tourdesk'),
  AGENCY_CONTACTS: z.string().default(''),
  AGENCY_LOCALE: locale.default('en'),
  AGENCY_PAYMENT_INSTRUCTIONS: z.string().max(2000, 'must be at most 2000 characters').default(''),
  DEPOSIT_DUE_DAYS: wholeNumber('a whole number of days from 0 to 365', 0, 365).default(3),
  BALANCE_DUE_DAYS: wholeNumber('a whole number of days from 0 to 365', 0, 365).default(14),
  PAYMENT_REMINDER_DAYS: wholeNumber('a whole number of days from 0 to 60', 0, 60).default(2),
  WAITLIST_HOLD_HOURS: wholeNumber('a whole number of hours from 1 to 720', 1, 720).default(24),
  FOLLOW_UP_DAYS: wholeNumber('a whole number of days from 0 to 60', 0, 60).default(2),
  /** A provider speaking Stripe's Checkout API takes card payments on the client's booking page; unset: transfer only. */
  PAYMENT_PROVIDER_URL: z.string().regex(/^https?:\/\/[^\s]+$/, 'must be an address such as https://api.stripe.com').optional(),
  PAYMENT_PROVIDER_KEY: z.string().min(1).optional(),
  PAYMENT_WEBHOOK_SECRET: z.string().min(1).optional(),
  ONLINE_DEPOSIT_HOURS: wholeNumber('a whole number of hours from 1 to 720', 1, 720).default(24),
  TRAVELLER_EDIT_DAYS: wholeNumber('a whole number of days from 0 to 365', 0, 365).default(3),
  /** `true`: a booking whose travellers' names, birth dates and document numbers are all given counts its documents as received. */
  CLIENT_DETAILS_COMPLETE_DOCUMENTS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  CAMPAIGN_RATE_PER_MINUTE: wholeNumber('a whole number of mails from 1 to 100000', 1, 100_000).default(60),
  /**
   * Webhooks to private, loopback and link-local addresses: refused unless this is `true`
   * (receivers on the agency's own network; tests, whose receivers listen on loopback).
   */
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  AGENCY_WORKING_HOURS: z
    .string()
    .optional()
    .superRefine((text, issues) => {
      try {
        parseWorkingHours(text);
      } catch (error) {
        issues.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

export class ConfigError extends Error {}

/**
 * Reads the configuration; an empty variable counts as unset so that `PORT= npm start`
 * behaves like no PORT at all. A bad value throws one line naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const shown = ['ADMIN_PASSWORD', 'SMTP_URL', 'SMS_URL', 'TELEGRAM_BOT_TOKEN', 'DATABASE_URL', 'PAYMENT_PROVIDER_KEY', 'PAYMENT_WEBHOOK_SECRET'].includes(name) ? '' : ` (got "${present[name] ?? ''}")`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${shown}`);
  }
  const provider = ['PAYMENT_PROVIDER_URL', 'PAYMENT_PROVIDER_KEY', 'PAYMENT_WEBHOOK_SECRET'] as const;
  const given = provider.filter((name) => parsed.data[name] !== undefined);
  if (given.length > 0 && given.length < provider.length) {
    throw new ConfigError(`Invalid configuration: ${provider.find((name) => parsed.data[name] === undefined)} must be set with ${given.join(' and ')} (card payments need all three)`);
  }
  return Object.freeze(parsed.data);
}
