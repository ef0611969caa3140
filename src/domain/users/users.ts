import { atomically } from '../../db/transaction.js';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requiredLine } from '../text.js';
import { sessions, users } from '../../db/schema/index.js';
import { LOCALES, ROLES, type ActingCtx, type Actor, type Ctx } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { hashPassword, type PasswordCost } from './passwords.js';

const email = z
  .string()
  .trim()
  .email('must be an e-mail address')
  .max(254)
  .transform((value) => value.toLowerCase());
const password = z.string().min(10, 'must be at least 10 characters').max(1024);
const name = requiredLine(200);

export const CreateUserInput = z.object({
  email,
  name,
  role: z.enum(ROLES),
  password,
  locale: z.enum(LOCALES).optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.object({
  name: name.optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  password: password.optional(),
  locale: z.enum(LOCALES).nullable().optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export type UserRow = typeof users.$inferSelect;

export function serializeUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    active: user.active,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function toActor(user: UserRow): Actor {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale };
}

export function requireRole(ctx: Ctx, ...roles: Actor['role'][]): asserts ctx is ActingCtx {
  if (!ctx.actor) throw new DomainError('unauthenticated', 'Sign in first');
  if (!roles.includes(ctx.actor.role)) {
    throw new DomainError('forbidden', `This needs the role ${roles.join(' or ')}`);
  }
}

export async function createUser(ctx: Ctx, input: CreateUserInput, cost?: PasswordCost) {
  const passwordHash = await hashPassword(input.password, cost);
  // The hash is computed before the transaction: scrypt is slow and must not hold the write lock.
  return await atomically(ctx, async (ctx) => {
    const existing = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
    if (existing) {
      throw new DomainError('conflict', `A user with e-mail ${input.email} already exists`, {
        existingId: existing.id,
      });
    }
    return await ctx.db
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        locale: input.locale ?? null,
        passwordHash,
        active: true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
      .get();
  });
}

export async function listUsers(ctx: Ctx) {
  return await ctx.db.select().from(users).orderBy(asc(users.name), asc(users.id)).all();
}

export async function getUser(ctx: Ctx, id: number) {
  const user = await ctx.db.select().from(users).where(eq(users.id, id)).get();
  if (!user) throw notFound('user', id);
  return user;
}

export async function updateUser(ctx: ActingCtx, id: number, input: UpdateUserInput, cost?: PasswordCost) {
  await getUser(ctx, id);
  const passwordHash = input.password ? await hashPassword(input.password, cost) : undefined;
  return await atomically(ctx, async (ctx) => {
    const current = await getUser(ctx, id);
    const demotesOrDeactivates =
      current.role === 'director' && ((input.role && input.role !== 'director') || input.active === false);
    if (demotesOrDeactivates && current.active && await countActiveDirectors(ctx) <= 1) {
      throw new DomainError('conflict', 'The last active director cannot be demoted or deactivated');
    }
    const { password: _ignored, ...fields } = input;
    // A deactivated user, or one whose password changed, is signed out everywhere at once.
    if (input.active === false || passwordHash) await ctx.db.delete(sessions).where(eq(sessions.userId, id)).run();
    return (await ctx.db
      .update(users)
      .set({ ...fields, ...(passwordHash ? { passwordHash } : {}), updatedAt: ctx.now })
      .where(eq(users.id, id))
      .returning()
      .get())!;
  });
}

async function countActiveDirectors(ctx: Ctx): Promise<number> {
  return (await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'director'), eq(users.active, true)))
    .all()).length;
}
