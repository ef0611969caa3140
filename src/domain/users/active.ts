import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';

/** A person work is given to (a client, a trip, a task) must be an active user: a 400 on `field` otherwise. */
export async function requireActiveUser(ctx: Ctx, id: number, field: string): Promise<void> {
  const user = await ctx.db.select({ active: users.active }).from(users).where(eq(users.id, id)).get();
  if (!user || !user.active) throw invalid({ [field]: `is not an active user (${id})` });
}
