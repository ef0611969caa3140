/** What a task request may say. */
import { z } from 'zod';
import { PLAN_ROLES } from '../../db/schema/index.js';
import { pagingQuery } from '../paging.js';
import { prose, requiredLine, requiredProse } from '../text.js';
import { eventInstantInput as instantInput } from '../time.js';

const id = z.number().int().positive();
const title = requiredLine(200);

export const CreateTaskInput = z.object({
  title,
  dueAt: instantInput,
  assigneeId: id,
  departureId: id.nullish(),
  dealId: id.nullish(),
  contactId: id.nullish(),
  note: prose(5_000).nullish(),
});
export type CreateTaskInput = z.infer<typeof CreateTaskInput>;

export const UpdateTaskInput = z.object({
  title: title.optional(),
  dueAt: instantInput.optional(),
  assigneeId: id.optional(),
  note: prose(5_000).nullish(),
});
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;

/** Closing a task says what came of it: the stage's final report. */
export const CompleteTaskInput = z.object({ report: requiredProse(5_000) });
export type CompleteTaskInput = z.infer<typeof CompleteTaskInput>;

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
export const ListTasksQuery = z.object({
  assigneeId: z.coerce.number().int().positive().optional(),
  departureId: z.coerce.number().int().positive().optional(),
  dealId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  status: z.enum(['open', 'done']).optional(),
  overdue: flag.optional(),
  ...pagingQuery,
});
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;

export const PlanEntryInput = z.object({
  title,
  daysBeforeDeparture: z
    .number({ error: 'must be a whole number of days from 0 to 365' })
    .int('must be a whole number of days from 0 to 365')
    .min(0, 'must be a whole number of days from 0 to 365')
    .max(365, 'must be a whole number of days from 0 to 365'),
  role: z.enum(PLAN_ROLES),
});
export const PlanInput = z.array(PlanEntryInput).max(50, 'at most 50 stages');
export type PlanInput = z.infer<typeof PlanInput>;
