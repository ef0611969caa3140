import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { intakeHits } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { DomainError } from '../errors.js';
import { atomically } from '../../db/transaction.js';

/** The public form's window: at most the configured number of posts per address in it. */
export const INTAKE_WINDOW_MS = 10 * 60_000;

/**
 * Counts a post from this address, or refuses it with how long to wait. Kept in the database,
 * so every process serving the file shares one count; old hits are pruned as it goes.
 */
export async function admitPublicPost(ctx: Ctx, address: string, limit: number): Promise<void> {
  await atomically(ctx, async (ctx) => {
      const since = ctx.now - INTAKE_WINDOW_MS;
      await ctx.db.delete(intakeHits).where(and(eq(intakeHits.address, address), lte(intakeHits.at, since))).run();
      const recent = (await ctx.db
        .select({ n: sql<number>`count(*)`, first: sql<number>`min(${intakeHits.at})` })
        .from(intakeHits)
        .where(and(eq(intakeHits.address, address), gt(intakeHits.at, since)))
        .get())!;
      if (Number(recent.n) >= limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((Number(recent.first) + INTAKE_WINDOW_MS - ctx.now) / 1000));
        throw new DomainError('rate_limited', `Too many inquiries from this address; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
      }
      await ctx.db.insert(intakeHits).values({ address, at: ctx.now }).run();
    });
}
