/** What a trip costs the agency (bus, guide, hotel): directors only, in reads and writes. */
import { z } from 'zod';
import type { ActingCtx } from '../context.js';
import { DomainError } from '../errors.js';
import { minorAmount } from '../money.js';
import { requiredLine } from '../text.js';

export const MAX_COSTS = 50;

export const costsInput = z.array(z.object({ label: requiredLine(200), amountMinor: minorAmount })).max(MAX_COSTS, `must be at most ${MAX_COSTS} costs`);
export type CostInput = z.infer<typeof costsInput>[number];

export function readCosts(stored: string): CostInput[] {
  try {
    const parsed = costsInput.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Only a director sees or sets a trip's costs. */
export const seesCosts = (ctx: { actor: { role: string } | null }) => ctx.actor?.role === 'director';

export function refuseCostsUnlessDirector(ctx: ActingCtx, costs: CostInput[] | undefined): void {
  if (costs !== undefined && !seesCosts(ctx)) throw new DomainError('forbidden', "Only a director sets a trip's costs");
}
