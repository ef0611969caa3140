import type { Ctx } from '../context.js';

/** Who and how much a list is read for: one departure, one manager, after a keyset position. */
export interface Scope {
  departureId?: number | undefined;
  managerId?: number | undefined;
  after?: [number, number] | undefined;
  limit: number;
}

/** Which optional conditions a list's SQL carries; each is its own prepared statement. */
export interface Filters {
  departure: boolean;
  manager: boolean;
  after: boolean;
}

export const filtersOf = (scope: Scope): Filters => ({ departure: !!scope.departureId, manager: !!scope.managerId, after: !!scope.after });

/** The named parameters of every list's statement. */
export function scopeParams(ctx: Ctx, scope: Scope) {
  return {
    now: ctx.now,
    limit: scope.limit,
    ...(scope.departureId ? { departureId: scope.departureId } : {}),
    ...(scope.managerId ? { managerId: scope.managerId } : {}),
    ...(scope.after ? { afterAt: scope.after[0], afterId: scope.after[1] } : {}),
  };
}
