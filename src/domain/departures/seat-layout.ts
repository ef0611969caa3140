/** How a bus's seats are numbered: rows of `seatsPerRow`, an aisle after seat `aisleAfter` of each row. */
import { z } from 'zod';

export const SeatLayoutInput = z
  .object({
    seatsPerRow: z.number({ error: 'must be a whole number from 1 to 8' }).int('must be a whole number from 1 to 8').min(1, 'must be a whole number from 1 to 8').max(8, 'must be a whole number from 1 to 8'),
    aisleAfter: z.number({ error: 'must be a whole number from 0 to 8' }).int('must be a whole number from 0 to 8').min(0, 'must be a whole number from 0 to 8').max(8, 'must be a whole number from 0 to 8'),
    lastRowSeats: z.number({ error: 'must be a whole number from 1 to 10' }).int('must be a whole number from 1 to 10').min(1, 'must be a whole number from 1 to 10').max(10, 'must be a whole number from 1 to 10').optional(),
  })
  .superRefine((layout, issues) => {
    if (layout.aisleAfter > layout.seatsPerRow) issues.addIssue({ code: 'custom', path: ['aisleAfter'], message: 'must not exceed seatsPerRow' });
  });
export type SeatLayout = z.infer<typeof SeatLayoutInput>;

export const DEFAULT_LAYOUT: SeatLayout = { seatsPerRow: 4, aisleAfter: 2 };

export function readLayout(stored: string | null): SeatLayout {
  if (!stored) return DEFAULT_LAYOUT;
  try {
    const parsed = SeatLayoutInput.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_LAYOUT;
  } catch {
    return DEFAULT_LAYOUT;
  }
}

/** The bus's rows, front to back, each its seat numbers left to right (1..seats). */
export function rowsOf(layout: SeatLayout, seats: number): number[][] {
  const last = layout.lastRowSeats && layout.lastRowSeats < seats ? layout.lastRowSeats : 0;
  const rows: number[][] = [];
  let next = 1;
  while (next <= seats - last) {
    const row: number[] = [];
    for (let i = 0; i < layout.seatsPerRow && next <= seats - last; i++) row.push(next++);
    rows.push(row);
  }
  if (last) rows.push(Array.from({ length: last }, (_, i) => seats - last + 1 + i));
  return rows;
}
