import { sql } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { hashPassword, randomPassword, type PasswordCost } from './passwords.js';
import { atomically } from '../../db/transaction.js';

export interface FirstDirector {
  email: string;
  /** Only when it was generated: shown once, never stored. */
  generatedPassword?: string;
}

const hasUsers = async (ctx: Ctx) => (await ctx.db.select({ n: sql<number>`count(*)` }).from(users).get())!.n > 0;

/**
 * On an empty database, creates the first director from the given credentials or with a
 * random password. Several processes starting together create exactly one.
 */
export async function ensureFirstDirector(
  ctx: Ctx,
  given: { email?: string; password?: string; name?: string },
  cost?: PasswordCost,
): Promise<FirstDirector | null> {
  if (await hasUsers(ctx)) return null;
  const email = (given.email ?? 'admin@localhost').toLowerCase();
  // A real name on every page and in every history row: ADMIN_NAME, else the e-mail's local part.
  const name = given.name?.trim() || email.split('@')[0]!;
  const generatedPassword = given.password ? undefined : randomPassword();
  const passwordHash = await hashPassword(given.password ?? generatedPassword!, cost);
  const created = await atomically(ctx, async (ctx) => {
    if (await hasUsers(ctx)) return false;
    await ctx.db
      .insert(users)
      .values({ email, name, role: 'director', passwordHash, createdAt: ctx.now, updatedAt: ctx.now })
      .run();
    return true;
  });
  return created ? { email, ...(generatedPassword ? { generatedPassword } : {}) } : null;
}
