import type { Context } from 'hono';
import type { Database_ } from '../db/client.js';
import type { ActingCtx, Actor, Agency, Ctx } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
import type { PasswordCost } from '../domain/users/passwords.js';
import type { Mailer } from '../mail/mailer.js';
import type { ResolveHost } from '../domain/webhooks/index.js';
import type { PaymentProvider } from '../payments/provider.js';

export interface AppDeps {
  database: Database_;
  agency: Agency;
  /** Epoch ms; tests pin it. */
  clock: () => number;
  passwordCost?: PasswordCost;
  /** Where mail goes: SMTP or the file outbox. */
  mailer: Mailer;
  log?: (message: string, error?: unknown) => void;
  /** The public inquiry form: posts per client address per 10 minutes, and the sites allowed to post (CORS). */
  intake?: { limit: number; origins: string[] };
  /** How a slowed sign-in waits (tests record instead of sleeping). */
  pause?: (ms: number) => Promise<void>;
  /** How a webhook receiver's host name is resolved when it is subscribed (tests answer for DNS); default: the system's resolver. */
  resolveHost?: ResolveHost;
  /** The card provider (PAYMENT_PROVIDER_URL); absent: the booking page shows how to pay by transfer. */
  payments?: PaymentProvider | null;
}

export type AppEnv = {
  Variables: { actor: Actor | null; token: string | null };
};

export function ctxOf(c: Context<AppEnv>, deps: AppDeps): Ctx {
  return {
    // Reads outside a write go to the reader; `atomically` gives a write the writer.
    db: deps.database.reader.db,
    sqlite: deps.database.reader.sqlite,
    now: deps.clock(),
    actor: c.get('actor') ?? null,
    agency: deps.agency,
    write: (work) => deps.database.writes.run(work),
  };
}

/** The context of a signed-in user; the auth middleware has already refused anyone else. */
export function actingCtxOf(c: Context<AppEnv>, deps: AppDeps): ActingCtx {
  const ctx = ctxOf(c, deps);
  if (!ctx.actor) throw new DomainError('unauthenticated', 'Sign in first');
  return ctx as ActingCtx;
}
