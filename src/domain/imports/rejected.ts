/**
 * The rows an import leaves out, as the file has them: every one of its columns, and what is
 * wrong with it. The agency corrects them in that file and uploads it again.
 */
import type { RowProblem } from './contact-rows.js';
import type { Conflict, ImportPlan } from './plan.js';
import type { Cell, Table } from './table.js';

export interface RejectedRow {
  row: number;
  cells: Cell[];
  errors: RowProblem[];
  conflicts: Conflict[];
}

export function rejectedRows(plan: ImportPlan, table: Table): { header: string[]; rows: RejectedRow[] } {
  const cellsOf = new Map(table.rows.map((row) => [row.row, row.cells]));
  const group = <T extends { row: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of list) map.set(item.row, [...(map.get(item.row) ?? []), item]);
    return map;
  };
  const errors = group(plan.errors);
  const conflicts = group(plan.conflicts);
  const rows = plan.rejectedRows.map((row) => ({ row, cells: cellsOf.get(row) ?? [], errors: errors.get(row) ?? [], conflicts: conflicts.get(row) ?? [] }));
  return { header: table.header, rows };
}
