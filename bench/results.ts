/**
 * A bench's figures for `npm run bench` (bench/all.ts): each bench still prints its own lines,
 * and when BENCH_RESULTS names a file it also appends its figures there, one JSON object a
 * line, for the runner's single table.
 */
import { appendFileSync } from 'node:fs';

export interface Figure {
  bench: string;
  figure: string;
  /** The product's number and the bare baseline's, measured in the same run (null: no baseline). */
  ours: number;
  bare: number | null;
  unit: string;
  /** As the bench states its target, usually ours/bare: for a rate higher is better, for a time lower. */
  ratio: number | null;
  target: string | null;
}

export function recordFigures(figures: Figure[]): void {
  const file = process.env.BENCH_RESULTS;
  if (!file) return;
  appendFileSync(file, figures.map((figure) => `${JSON.stringify(figure)}\n`).join(''));
}
