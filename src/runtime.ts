import type { CountryCode } from 'libphonenumber-js';
import { ConfigError, loadConfig, type Config } from './config.js';
import type { Database_ } from './db/client.js';
import { openDatabase } from './db/open.js';
import type { Agency, Ctx } from './domain/context.js';
import { parseWorkingHours } from './domain/inquiries/working-hours.js';

export interface Runtime {
  config: Config;
  database: Database_;
  agency: Agency;
  clock: () => number;
  /** Migrations applied by this start. */
  applied: number;
  /** A context with no signed-in user, for start-up work and command-line tools. */
  systemCtx: () => Ctx;
}

/** Reads the configuration (exiting with one clear line if it is wrong), opens and migrates the database. */
export async function openRuntime(options: { clock?: () => number } = {}): Promise<Runtime> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { database, applied } = await openDatabase(config);
  const agency: Agency = {
    timeZone: config.AGENCY_TIMEZONE,
    country: config.AGENCY_COUNTRY as CountryCode,
    currency: config.AGENCY_CURRENCY,
    name: config.AGENCY_NAME,
    contacts: config.AGENCY_CONTACTS,
    locale: config.AGENCY_LOCALE,
    workingHours: parseWorkingHours(config.AGENCY_WORKING_HOURS),
    depositDueDays: config.DEPOSIT_DUE_DAYS,
    balanceDueDays: config.BALANCE_DUE_DAYS,
    paymentReminderDays: config.PAYMENT_REMINDER_DAYS,
    paymentInstructions: config.AGENCY_PAYMENT_INSTRUCTIONS.replace(/\\n/g, '\n'),
    waitlistHoldHours: config.WAITLIST_HOLD_HOURS,
    followUpDays: config.FOLLOW_UP_DAYS,
    campaignRatePerMinute: config.CAMPAIGN_RATE_PER_MINUTE,
    sms: Boolean(config.SMS_URL),
    telegram: Boolean(config.TELEGRAM_BOT_TOKEN),
    webhookAllowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
    onlineDepositHours: config.ONLINE_DEPOSIT_HOURS,
    travellerEditDays: config.TRAVELLER_EDIT_DAYS,
    clientDetailsCompleteDocuments: config.CLIENT_DETAILS_COMPLETE_DOCUMENTS,
    onlinePayments: Boolean(config.PAYMENT_PROVIDER_URL),
    publicUrl: (config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, ''),
  };
  const clock = options.clock ?? (() => Date.now());
  return {
    config,
    database,
    agency,
    clock,
    applied,
    systemCtx: () => ({ db: database.db, sqlite: database.sqlite, now: clock(), wall: Date.now(), actor: null, agency }),
  };
}
