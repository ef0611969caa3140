/**
 * The client's booking page link: the booking's id and the link's version, signed with this
 * installation's secret. It cannot be guessed or turned into another booking's, and making a
 * new one moves the version on, so the old link then finds nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { deals } from '../../db/schema/index.js';
import { atomically } from '../../db/transaction.js';
import type { ActingCtx, Ctx } from '../context.js';
import { getDealRow, type DealRow } from './rows.js';
import { readLink, signLink } from '../links.js';

export async function manageToken(ctx: Ctx, deal: Pick<DealRow, 'id' | 'manageLinkVersion'>): Promise<string> {
  return await signLink(ctx.sqlite, 'manage', [deal.id, deal.manageLinkVersion]);
}

export async function manageUrlOf(ctx: Ctx, deal: Pick<DealRow, 'id' | 'manageLinkVersion'>): Promise<string> {
  return `${ctx.agency.publicUrl ?? ''}/b/${await manageToken(ctx, deal)}`;
}

/** The booking a link opens, or null: not signed here, altered, or replaced by a newer link. */
export async function dealOfManageToken(ctx: Ctx, token: string): Promise<DealRow | null> {
  if (token.length > 80) return null;
  const ids = await readLink(ctx.sqlite, 'manage', token, 2);
  if (!ids) return null;
  const row = await ctx.db.select().from(deals).where(eq(deals.id, ids[0]!)).get();
  return row && row.manageLinkVersion === ids[1] ? row : null;
}

/** Staff make a new link (the old one was forwarded to the wrong person): the old one stops working. */
export async function renewManageLink(ctx: ActingCtx, dealId: number): Promise<string> {
  return await atomically(ctx, async (ctx) => {
    await getDealRow(ctx, dealId);
    await ctx.db
      .update(deals)
      .set({ manageLinkVersion: sql`${deals.manageLinkVersion} + 1`, updatedAt: ctx.now })
      .where(eq(deals.id, dealId))
      .run();
    return await manageUrlOf(ctx, await getDealRow(ctx, dealId));
  });
}
