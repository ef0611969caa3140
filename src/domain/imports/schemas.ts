/** What an import request may say besides its file. */
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The country whose numbers a phone without "+" is (a Russian "8 916 123-45-67" with RU). */
export const ImportCountry = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine((value) => /^[A-Z]{2}$/.test(value) && isSupportedCountry(value), 'must be a country code such as RU or BG')
  .transform((value) => value as CountryCode);

export const ImportQuery = z.object({
  /** true: only say what would happen. */
  dryRun: flag.default(false),
  /** Whom the new clients go to; else the manager importing, else nobody yet. */
  managerId: z.coerce.number().int().positive().optional(),
  /** Phones written without "+" are this country's; the agency's by default. */
  country: ImportCountry.optional(),
  /** true: import the rows that stand, leave out (and list) those with errors or conflicts. */
  skipInvalid: flag.default(false),
});
export type ImportQuery = z.infer<typeof ImportQuery>;
