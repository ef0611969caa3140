import { paidOf } from '../../db/fragments.js';
import { statement } from '../../db/statements.js';
import type { Ctx } from '../context.js';

export interface DepartureMoney {
  departureId: number;
  /** Deals per status, cancelled included. */
  dealsByStatus: Record<string, number>;
  /** Price of the deals not cancelled, plus the fees kept on cancelled ones. */
  contractedMinor: number;
  /** Payments minus refunds over all its deals. */
  collectedMinor: number;
}

const SUMMARY_SQL = `
  SELECT d.departure_id AS departureId, d.status, count(*) AS deals,
    sum(CASE WHEN d.status <> 'cancelled' THEN d.price_minor ELSE d.fee_minor END) AS contractedMinor,
    sum(${paidOf('d')}) AS collectedMinor
  FROM deals d
  WHERE d.departure_id IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids))
  GROUP BY d.departure_id, d.status`;

/** People and money per departure, for the departures board. */
export async function departureMoney(ctx: Ctx, departureIds: number[]): Promise<Map<number, DepartureMoney>> {
  const result = new Map<number, DepartureMoney>(
    departureIds.map((id) => [id, { departureId: id, dealsByStatus: {}, contractedMinor: 0, collectedMinor: 0 }]),
  );
  if (departureIds.length === 0) return result;
  const rows = await statement(ctx.sqlite, SUMMARY_SQL).all({ ids: JSON.stringify(departureIds) }) as {
    departureId: number;
    status: string;
    deals: number;
    contractedMinor: number;
    collectedMinor: number;
  }[];
  for (const row of rows) {
    const entry = result.get(row.departureId)!;
    entry.dealsByStatus[row.status] = row.deals;
    entry.contractedMinor += row.contractedMinor;
    entry.collectedMinor += row.collectedMinor;
  }
  return result;
}
