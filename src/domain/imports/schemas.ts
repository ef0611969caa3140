/** What an import request may say besides its file. */
import { z } from 'zod';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const ImportQuery = z.object({
  /** true: only say what would happen. */
  dryRun: flag.default(false),
  /** Whom the new clients go to; else the manager importing, else nobody yet. */
  managerId: z.coerce.number().int().positive().optional(),
});
export type ImportQuery = z.infer<typeof ImportQuery>;
