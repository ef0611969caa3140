/** Conversations with a client, each with the next contact planned. */
import { desc, eq } from 'drizzle-orm';
import { communications, contacts } from '../../db/schema/index.js';
import { type ActingCtx, type Ctx } from '../context.js';
import { parseInstant } from '../time.js';
import { atomically } from '../../db/transaction.js';
import { RecordCommunicationInput } from './schemas.js';
import { getContact } from './reads.js';

export async function recordCommunication(ctx: ActingCtx, contactId: number, input: RecordCommunicationInput) {
  return await atomically(ctx, async (ctx) => {
    await getContact(ctx, contactId);
    const nextContactAt = input.nextContactAt ? parseInstant(input.nextContactAt, ctx.agency.timeZone, 'nextContactAt') : null;
    const row = await ctx.db
      .insert(communications)
      .values({
        contactId,
        channel: input.channel,
        summary: input.summary,
        outcome: input.outcome ?? null,
        at: input.at ? parseInstant(input.at, ctx.agency.timeZone, 'at') : ctx.now,
        nextContactAt,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
      })
      .returning()
      .get();
    // The latest conversation decides the next one: a call that ends without a plan clears it.
    await ctx.db.update(contacts).set({ nextContactAt, followUpDepartureId: null, updatedAt: ctx.now }).where(eq(contacts.id, contactId)).run();
    return row;
  });
}

export function serializeCommunication(row: typeof communications.$inferSelect) {
  return {
    id: row.id,
    contactId: row.contactId,
    channel: row.channel,
    summary: row.summary,
    outcome: row.outcome,
    at: row.at,
    nextContactAt: row.nextContactAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export async function listCommunications(ctx: Ctx, contactId: number) {
  return await ctx.db
    .select()
    .from(communications)
    .where(eq(communications.contactId, contactId))
    .orderBy(desc(communications.at), desc(communications.id))
    .all();
}
