/** Client import: what a file would do (dryRun) or did. */
import { z } from 'zod';
import { IMPORT_FIELDS } from '../../../domain/imports/index.js';
import { type Answers } from './types.js';

const row = z.number().int().meta({ description: "The file's row number" });

const RowProblem = z
  .object({ row, field: z.string(), message: z.string(), value: z.string().optional().meta({ description: 'The value as the file gives it' }) })
  .meta({ id: 'ImportRowProblem', description: "A row's field that is wrong (an error) or was read with a doubt (a warning)" });

const Conflict = z
  .object({
    row,
    field: z.enum(['phone', 'email', 'birthDate']).meta({ description: 'The shared value (or the birth date)' }),
    existingId: z.number().int().optional().meta({ description: 'The client on file it meets' }),
    existingRow: z.number().int().optional().meta({ description: 'Or the earlier row of the file it meets' }),
    message: z.string(),
    name: z.string(),
    value: z.string(),
    existingName: z.string(),
    differs: z.object({ field: z.enum(['name', 'birthDate']), file: z.string(), onFile: z.string() }).meta({ description: 'What tells the two apart' }),
  })
  .meta({ id: 'ImportConflict', description: 'A row that shares a phone or e-mail with another person: not merged, for a person to decide' });

export const ContactImportReport = z
  .object({
    rows: z.number().int(),
    created: z.number().int(),
    merged: z.number().int(),
    errors: z.array(RowProblem),
    conflicts: z.array(Conflict),
    warnings: z.array(RowProblem),
    columns: z.array(z.object({ header: z.string(), field: z.enum(IMPORT_FIELDS).nullable() })).meta({ description: 'Every header and the field it was read as (null: not read)' }),
    country: z.string().meta({ description: 'The country a phone without "+" was read in' }),
    skipped: z.number().int().meta({ description: 'Rows left out (with skipInvalid)' }),
    applied: z.boolean().meta({ description: 'false: a dry run' }),
  })
  .meta({ id: 'ContactImportReport', description: 'What the import does, or did' });

export const importAnswers: Answers = {
  'post /imports/contacts': ContactImportReport,
};
