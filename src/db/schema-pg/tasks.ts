import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { PLAN_ROLES, TASK_STATUSES } from '../schema/tasks.js';
import { contacts } from './contacts.js';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { users } from './users.js';

export { PLAN_ROLES, TASK_STATUSES };

// Mirrors src/db/schema/tasks.ts.
export const tasks = pgTable(
  'tasks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    title: text('title').notNull(),
    note: text('note'),
    dueAt: bigint('due_at', { mode: 'number' }).notNull(),
    assigneeId: integer('assignee_id')
      .notNull()
      .references(() => users.id),
    departureId: integer('departure_id').references(() => departures.id),
    dealId: integer('deal_id').references(() => deals.id),
    contactId: integer('contact_id').references(() => contacts.id),
    /** Days, not an instant. */
    planDaysBefore: integer('plan_days_before'),
    planRole: text('plan_role', { enum: PLAN_ROLES }),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    report: text('report'),
    doneAt: bigint('done_at', { mode: 'number' }),
    doneBy: integer('done_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('tasks_assignee_open_idx').on(t.assigneeId, t.dueAt).where(sql`status = 'open'`),
    index('tasks_open_due_idx').on(t.dueAt).where(sql`status = 'open'`),
    index('tasks_departure_idx').on(t.departureId, t.dueAt),
    index('tasks_deal_idx').on(t.dealId),
    index('tasks_contact_idx').on(t.contactId),
  ],
);

export const taskTemplates = pgTable('task_templates', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  daysBeforeDeparture: integer('days_before_departure').notNull(),
  role: text('role', { enum: PLAN_ROLES }).notNull(),
});
