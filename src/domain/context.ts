import type { SqlHandle } from '../db/handle.js';
import type { CountryCode } from 'libphonenumber-js';
import type { ReadDb } from '../db/connection.js';
import type { InTx, Tx } from '../db/transaction.js';
import type { WorkingHours } from './inquiries/working-hours.js';

export const ROLES = ['operator', 'manager', 'director'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['en', 'ru', 'bg'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Actor {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale | null;
}

/** What the domain needs to know about the agency it serves. */
export interface Agency {
  timeZone: string;
  country: CountryCode;
  currency: string;
  /** Printed on vouchers, manifests and mails. */
  name: string;
  contacts: string;
  /** Language of documents and mails for clients who have none. */
  locale: Locale;
  /** Office hours the 8-hour first-offer promise counts in; none: plain hours. */
  workingHours?: WorkingHours | null;
  /** Where staff reach the desk: every link in mails and QR codes starts with it. */
  publicUrl?: string;
  /** Days after booking the deposit is due, and before departure the balance is (a departure may set its own). */
  depositDueDays?: number;
  balanceDueDays?: number;
  /** Days before a payment falls due that the client is reminded. */
  paymentReminderDays?: number;
  /** How to pay (bank account, office hours): printed on payment reminders and vouchers with a balance. */
  paymentInstructions?: string;
  /** Hours freed seats are held for the waiting-list entry they were offered to. */
  waitlistHoldHours?: number;
  /** Days after a trip returns when its travellers are asked how it was and their manager calls. */
  followUpDays?: number;
  /** Campaign mails handed to the mail server per minute at most. */
  campaignRatePerMinute?: number;
  /** The agency has an SMS centre (SMS_URL), and a Telegram bot (TELEGRAM_BOT_TOKEN). */
  sms?: boolean;
  telegram?: boolean;
  /** The bot's @name, for clients' t.me links (known once the Bot API answered getMe). */
  telegramBot?: string | null;
  /** Hours an online booking has to pay its deposit before it is cancelled (ONLINE_DEPOSIT_HOURS). */
  onlineDepositHours?: number;
  /** Days before departure until which a client may correct their travellers (TRAVELLER_EDIT_DAYS). */
  travellerEditDays?: number;
  /** Complete travellers' details count as the documents received (CLIENT_DETAILS_COMPLETE_DOCUMENTS). */
  clientDetailsCompleteDocuments?: boolean;
  /** Card payments are taken online (a provider is configured). */
  onlinePayments?: boolean;
  /** Webhooks may be posted to private, loopback and link-local addresses (WEBHOOK_ALLOW_PRIVATE); else they are refused. */
  webhookAllowPrivate?: boolean;
}

/** Passed to every domain function: the database, the instant "now", and who acts. */
export interface Ctx {
  /** Reads. Outside a write it cannot write (no insert, update or delete): a write takes the context `atomically` gives. */
  db: ReadDb;
  sqlite: SqlHandle;
  /** Epoch milliseconds; the domain never reads the clock itself. */
  now: number;
  /**
   * The real-world instant, when a command evaluates deadlines at another one (`notify
   * --now`). Leases, hand-over marks and retry times are facts of the real world and count
   * on it; `now` only moves what is due (24 hours before departure). Absent: the same as now.
   */
  wall?: number;
  actor: Actor | null;
  agency: Agency;
  /**
   * How this context commits a write: a request's context hands it to the connection's
   * group-commit queue (one BEGIN IMMEDIATE and one fsync for every write of that turn);
   * absent (start-up, command-line tools, tests), the write commits on its own. See `atomically`.
   */
  write?: (<T>(work: (tx: Tx) => Promise<T>) => Promise<T>) | undefined;
  /** The open write transaction this context runs in (given by `atomically`); its `db` and `sqlite` are then the writer's. */
  tx?: Tx | undefined;
}

export interface ActingCtx extends Ctx {
  actor: Actor;
}

/** A context inside a write transaction: what writes takes one. */
export type TxCtx = Ctx & InTx;
export type ActingTxCtx = ActingCtx & InTx;

/** The real-world instant of a context (see `Ctx.wall`). */
export const wallOf = (ctx: Pick<Ctx, 'now' | 'wall'>) => ctx.wall ?? ctx.now;
