/** Who recorded the booking's document stages and when: the deal page's timeline shows it beside each. */
import { asc, eq } from 'drizzle-orm';
import { dealHistory, users } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { getDealRow } from './rows.js';

export interface StageMark {
  at: number;
  /** The colleague who recorded it, when known. */
  byName: string | null;
  /** Recorded by the client on their booking page (their travellers' details completed). */
  byClient: boolean;
}

export interface DocumentStages {
  sent: StageMark | null;
  received: StageMark | null;
}

/**
 * Each stage's instant is the deal's own fact; who is the colleague stored with it, else the
 * history row written in the same change (a booking whose stages were recorded before the
 * colleague was kept, or the client's page), else unknown.
 */
export async function documentStagesOf(ctx: Ctx, dealId: number): Promise<DocumentStages> {
  const row = await getDealRow(ctx, dealId);
  const history = await ctx.db
    .select({ at: dealHistory.at, toStatus: dealHistory.toStatus, byName: users.name, byClient: dealHistory.byClient })
    .from(dealHistory)
    .leftJoin(users, eq(users.id, dealHistory.byUserId))
    .where(eq(dealHistory.dealId, dealId))
    .orderBy(asc(dealHistory.id))
    .all();
  const nameOf = async (userId: number | null) =>
    userId === null ? null : ((await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get())?.name ?? null);
  const mark = async (at: number | null, by: number | null, status: 'documents_sent' | 'documents_received'): Promise<StageMark | null> => {
    if (at === null) return null;
    const stored = await nameOf(by);
    if (stored) return { at, byName: stored, byClient: false };
    const entry = history.find((h) => h.at === at && h.toStatus === status) ?? history.find((h) => h.at === at);
    return { at, byName: entry?.byName ?? null, byClient: !!entry?.byClient };
  };
  return {
    sent: await mark(row.documentsSentAt, row.documentsSentBy, 'documents_sent'),
    received: await mark(row.documentsReceivedAt, row.documentsReceivedBy, 'documents_received'),
  };
}
