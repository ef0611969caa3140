/** Tasks and the plan of every trip. */
import { z } from 'zod';
import { PLAN_ROLES, TASK_STATUSES } from '../../../db/schema/index.js';
import { Instant, type Answers } from './types.js';

const id = z.number().int();

/** A task with the names of the people and things it is linked to. */
export const Task = z
  .object({
    id,
    title: z.string(),
    note: z.string().nullable(),
    dueAt: Instant,
    assigneeId: id,
    assigneeName: z.string(),
    departureId: id.nullable(),
    departureTitle: z.string().nullable(),
    departsAt: Instant.nullable(),
    dealId: id.nullable(),
    contactId: id.nullable(),
    contactName: z.string().nullable(),
    planned: z.boolean().meta({ description: "A stage of the departure's plan: it moves with the departure while open" }),
    planRole: z.enum(PLAN_ROLES).nullable(),
    daysBeforeDeparture: z.number().int().nullable(),
    status: z.enum(TASK_STATUSES),
    overdue: z.boolean(),
    report: z.string().nullable().meta({ description: 'What was done, given when it was closed' }),
    doneAt: Instant.nullable(),
    doneBy: id.nullable(),
    doneByName: z.string().nullable(),
    createdBy: id.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Task', description: 'A piece of work with a person and a deadline' });

const PlanEntry = z
  .object({ title: z.string(), daysBeforeDeparture: z.number().int(), role: z.enum(PLAN_ROLES) })
  .meta({ id: 'TaskPlanEntry', description: 'A task every trip gets, due so many days before departure' });

const Plan = z.array(PlanEntry).meta({ id: 'TaskPlan', description: 'The plan of every trip, in order' });

export const taskAnswers: Answers = {
  'post /tasks': Task,
  'get /tasks': z
    .object({ items: z.array(Task), nextCursor: z.string().nullable() })
    .meta({ id: 'TaskList', description: 'Open tasks by deadline, then done ones, latest first' }),
  'get /tasks/:id': Task,
  'patch /tasks/:id': Task,
  'post /tasks/:id/done': Task,
  'get /task-templates': Plan,
  'put /task-templates': Plan,
};
