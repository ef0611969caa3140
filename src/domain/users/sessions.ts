import { atomically } from '../../db/transaction.js';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { statement } from '../../db/statements.js';
import { z } from 'zod';
import { sessions, signInFailures, users } from '../../db/schema/index.js';
import type { Actor, Ctx } from '../context.js';
import { DomainError } from '../errors.js';
import { HOUR_MS, DAY_MS } from '../time.js';
import { verifyPassword } from './passwords.js';

/** A session ends after this long without use... */
export const SESSION_IDLE_MS = 12 * HOUR_MS;
/** ...and in any case this long after sign-in. */
export const SESSION_MAX_MS = 30 * DAY_MS;
/** Last use is written at most this often, so reads do not all become writes. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Failed sign-ins allowed for one e-mail from one client address within the window; past
 * that, that address is refused with 429 (even with the right password) until it passes.
 * Another address is not refused, so nobody elsewhere can lock the real user out.
 */
export const SIGN_IN_FAILURES_ALLOWED = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/**
 * Failures for one e-mail from all addresses together past which every attempt for it is
 * slowed (each answer waits), so guessing from many addresses stays slow without refusing
 * the real user.
 */
export const SIGN_IN_SLOW_AFTER = 20;
const SLOW_STEP_MS = 200;
const SLOW_MAX_MS = 5_000;

/** How long an attempt for this e-mail waits before it is answered, given recent failures from everywhere. */
export const signInDelayMs = (failuresForEmail: number) =>
  failuresForEmail < SIGN_IN_SLOW_AFTER ? 0 : Math.min(SLOW_MAX_MS, SLOW_STEP_MS * (failuresForEmail - SIGN_IN_SLOW_AFTER + 1));

export const SignInInput = z.object({
  email: z.string().trim().min(1, 'must not be empty').max(254).transform((v) => v.toLowerCase()),
  password: z.string().min(1, 'must not be empty').max(1024),
});
export type SignInInput = z.infer<typeof SignInInput>;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fixed hash to verify against when the e-mail is unknown, so timing does not reveal accounts. */
const DECOY_HASH = 'scrypt$14$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface SignInOptions {
  /** The client's address: failures count per e-mail and address. */
  address?: string;
  /** Waits before answering when the e-mail is under attack; tests pass their own. */
  pause?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function signIn(ctx: Ctx, input: SignInInput, options: SignInOptions = {}) {
  const address = options.address ?? '';
  const windowStart = ctx.now - SIGN_IN_WINDOW_MS;
  const failures = await ctx.db
    .select({ at: signInFailures.at })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, input.email), eq(signInFailures.address, address), gt(signInFailures.at, windowStart)))
    .orderBy(signInFailures.at)
    .all();
  if (failures.length >= SIGN_IN_FAILURES_ALLOWED) {
    const retryAfterS = Math.max(1, Math.ceil((failures[0]!.at + SIGN_IN_WINDOW_MS - ctx.now) / 1000));
    throw new DomainError('rate_limited', 'Too many failed sign-ins for this e-mail from this address; try again later', {
      retryAfterSeconds: retryAfterS,
    });
  }
  const fromEverywhere = (await ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, input.email), gt(signInFailures.at, windowStart)))
    .get())!.n;
  const delay = signInDelayMs(Number(fromEverywhere));
  if (delay > 0) await (options.pause ?? sleep)(delay);

  const user = await ctx.db.select().from(users).where(eq(users.email, input.email)).get();
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
  if (!user || !passwordOk || !user.active) {
    await atomically(ctx, async (ctx) => await ctx.db.insert(signInFailures).values({ email: input.email, address, at: ctx.now }).run());
    throw new DomainError('unauthenticated', 'Wrong e-mail or password');
  }

  const token = randomBytes(32).toString('base64url');
  await atomically(ctx, async (ctx) => {
    // Only this address's slate is wiped: failures elsewhere still slow the guesser down.
    await ctx.db.delete(signInFailures).where(and(eq(signInFailures.email, input.email), eq(signInFailures.address, address))).run();
    await ctx.db.delete(signInFailures).where(lt(signInFailures.at, ctx.now - SIGN_IN_WINDOW_MS)).run();
    await ctx.db.delete(sessions).where(lt(sessions.expiresAt, ctx.now)).run();
    await ctx.db
      .insert(sessions)
      .values({
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: ctx.now,
        lastUsedAt: ctx.now,
        expiresAt: ctx.now + SESSION_MAX_MS,
      })
      .run();
  });
  return { token, user };
}

/**
 * The session behind a token hash and its user, only the columns an actor needs. Every signed-in
 * request runs it, so it is plain SQL prepared once per connection: the query builder's joined
 * select of both whole rows cost most of a short list's time.
 */
const SESSION_BY_TOKEN_HASH = `select s.id as sessionId, s.last_used_at as lastUsedAt, s.expires_at as expiresAt,
    u.id, u.email, u.name, u.role, u.locale, u.active
  from sessions s join users u on u.id = s.user_id
  where s.token_hash = ?`;

interface SessionRow extends Actor {
  sessionId: number;
  lastUsedAt: number;
  expiresAt: number;
  active: number;
}

/** The active user behind a token, or null when the token is unknown, expired, idle or the user inactive. */
export async function authenticate(ctx: Ctx, token: string): Promise<Actor | null> {
  const row = await statement(ctx.sqlite, SESSION_BY_TOKEN_HASH).get(hashToken(token)) as SessionRow | undefined;
  if (!row || !row.active) return null;
  if (row.expiresAt <= ctx.now || row.lastUsedAt + SESSION_IDLE_MS <= ctx.now) return null;
  if (ctx.now - row.lastUsedAt >= TOUCH_EVERY_MS) {
    // The last use goes in with the turn's other writes; the request does not wait for it. A
    // lost touch only moves the idle end a minute earlier.
    void atomically(ctx, async (ctx) => {
      await ctx.db.update(sessions).set({ lastUsedAt: ctx.now }).where(eq(sessions.id, row.sessionId)).run();
    }).catch(() => {});
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role, locale: row.locale };
}

export async function signOut(ctx: Ctx, token: string): Promise<void> {
  await atomically(ctx, async (ctx) => await ctx.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run());
}
