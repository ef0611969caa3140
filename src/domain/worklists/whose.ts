import type { ActingCtx } from '../context.js';
import { DomainError } from '../errors.js';

/**
 * Whose work a person may open (my-day, the lists, the inquiry board): a manager their own,
 * a director anyone's or the whole agency's, an operator the whole agency's. The one rule
 * for the API and the pages; asking for more than that is refused, never silently narrowed.
 * Answers the manager to filter by, or undefined for the agency.
 */
export function whoseWork(ctx: ActingCtx, requested: number | undefined): number | undefined {
  const { actor } = ctx;
  if (actor.role === 'director') return requested;
  if (actor.role === 'manager') {
    if (requested !== undefined && requested !== actor.id) throw new DomainError('forbidden', "Only a director can open another manager's work");
    return actor.id;
  }
  if (requested !== undefined) throw new DomainError('forbidden', "Only a director can open another manager's work");
  return undefined;
}
