/** A client met for the first time on a full bus: their card and their place on the waiting list together. */
import { atomically } from '../../db/transaction.js';
import { createContact, type CreateContactInput } from '../contacts/index.js';
import type { ActingCtx } from '../context.js';
import { JoinWaitlistInput, joinWaitlist, type WaitlistRow } from './entries.js';

export const NewClientWaitInput = JoinWaitlistInput.omit({ contactId: true });
export type NewClientWaitInput = typeof NewClientWaitInput._output;

/**
 * The card and the entry in one transaction, as `bookNewClient` does for a booking: a refusal
 * of either (a card already on file, seats free after all, a departure gone) leaves no card behind.
 */
export async function waitNewClient(ctx: ActingCtx, departureId: number, contact: CreateContactInput, input: NewClientWaitInput): Promise<WaitlistRow> {
  return await atomically(ctx, async (ctx) => {
    const created = await createContact(ctx, contact);
    return await joinWaitlist(ctx, departureId, { ...input, contactId: created.id });
  });
}
