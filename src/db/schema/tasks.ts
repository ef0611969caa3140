import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { contacts } from './contacts.js';
import { deals } from './deals.js';
import { departures } from './departures.js';
import { users } from './users.js';

export const TASK_STATUSES = ['open', 'done'] as const;
export const PLAN_ROLES = ['operator', 'manager'] as const;

/**
 * A piece of work with a person and a deadline: a stage of a trip's plan ("документи",
 * "ваучер"), or anything a colleague is asked to do. It is closed with a report of what was done.
 */
export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    note: text('note'),
    dueAt: integer('due_at').notNull(),
    assigneeId: integer('assignee_id')
      .notNull()
      .references(() => users.id),
    departureId: integer('departure_id').references(() => departures.id),
    dealId: integer('deal_id').references(() => deals.id),
    contactId: integer('contact_id').references(() => contacts.id),
    /**
     * A stage of the departure's plan: how many days before the departure it is due. Set only
     * on plan tasks, which move with the departure while they are open.
     */
    planDaysBefore: integer('plan_days_before'),
    planRole: text('plan_role', { enum: PLAN_ROLES }),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    report: text('report'),
    doneAt: integer('done_at'),
    doneBy: integer('done_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // Someone's open tasks by deadline (their list and my-day); every open task by deadline (tasks-due).
    index('tasks_assignee_open_idx').on(t.assigneeId, t.dueAt).where(sql`status = 'open'`),
    index('tasks_open_due_idx').on(t.dueAt).where(sql`status = 'open'`),
    index('tasks_departure_idx').on(t.departureId, t.dueAt),
    index('tasks_deal_idx').on(t.dealId),
    index('tasks_contact_idx').on(t.contactId),
  ],
);

/** The agency's plan for every trip: one task per entry, due so many days before departure. */
export const taskTemplates = sqliteTable('task_templates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  daysBeforeDeparture: integer('days_before_departure').notNull(),
  role: text('role', { enum: PLAN_ROLES }).notNull(),
});
