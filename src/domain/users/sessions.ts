import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { preparedFor } from '../../db/prepared.js';
import { z } from 'zod';
import { sessions, signInFailures, users } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { DomainError } from '../errors.js';
import { HOUR_MS, DAY_MS } from '../time.js';
import { verifyPassword } from './passwords.js';
import { toActor } from './users.js';

/** A session ends after this long without use... */
export const SESSION_IDLE_MS = 12 * HOUR_MS;
/** ...and in any case this long after sign-in. */
export const SESSION_MAX_MS = 30 * DAY_MS;
/** Last use is written at most this often, so reads do not all become writes. */
const TOUCH_EVERY_MS = 60_000;

/** Failed sign-ins for one e-mail allowed within the window before it is refused with 429. */
export const SIGN_IN_FAILURES_ALLOWED = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

export const SignInInput = z.object({
  email: z.string().trim().min(1, 'must not be empty').max(254).transform((v) => v.toLowerCase()),
  password: z.string().min(1, 'must not be empty').max(1024),
});
export type SignInInput = z.infer<typeof SignInInput>;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fixed hash to verify against when the e-mail is unknown, so timing does not reveal accounts. */
const DECOY_HASH = 'scrypt$14$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function signIn(ctx: Ctx, input: SignInInput) {
  const windowStart = ctx.now - SIGN_IN_WINDOW_MS;
  const failures = ctx.db
    .select({ at: signInFailures.at })
    .from(signInFailures)
    .where(and(eq(signInFailures.email, input.email), gt(signInFailures.at, windowStart)))
    .orderBy(signInFailures.at)
    .all();
  if (failures.length >= SIGN_IN_FAILURES_ALLOWED) {
    const retryAfterS = Math.max(1, Math.ceil((failures[0]!.at + SIGN_IN_WINDOW_MS - ctx.now) / 1000));
    throw new DomainError('rate_limited', 'Too many failed sign-ins for this e-mail; try again later', {
      retryAfterSeconds: retryAfterS,
    });
  }

  const user = ctx.db.select().from(users).where(eq(users.email, input.email)).get();
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
  if (!user || !passwordOk || !user.active) {
    ctx.db.insert(signInFailures).values({ email: input.email, at: ctx.now }).run();
    throw new DomainError('unauthenticated', 'Wrong e-mail or password');
  }

  const token = randomBytes(32).toString('base64url');
  ctx.sqlite.transaction(() => {
    ctx.db.delete(signInFailures).where(eq(signInFailures.email, input.email)).run();
    ctx.db.delete(sessions).where(lt(sessions.expiresAt, ctx.now)).run();
    ctx.db
      .insert(sessions)
      .values({
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: ctx.now,
        lastUsedAt: ctx.now,
        expiresAt: ctx.now + SESSION_MAX_MS,
      })
      .run();
  }).immediate();
  return { token, user };
}

/** The active user behind a token, or null when the token is unknown, expired, idle or the user inactive. */
const sessionByTokenHash = preparedFor((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare(),
);

export function authenticate(ctx: Ctx, token: string) {
  const row = sessionByTokenHash(ctx.db).get({ tokenHash: hashToken(token) });
  if (!row || !row.user.active) return null;
  if (row.session.expiresAt <= ctx.now || row.session.lastUsedAt + SESSION_IDLE_MS <= ctx.now) return null;
  if (ctx.now - row.session.lastUsedAt >= TOUCH_EVERY_MS) {
    ctx.db.update(sessions).set({ lastUsedAt: ctx.now }).where(eq(sessions.id, row.session.id)).run();
  }
  return toActor(row.user);
}

export function signOut(ctx: Ctx, token: string): void {
  ctx.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run();
}
