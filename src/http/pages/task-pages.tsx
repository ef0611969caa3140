/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { listDepartures } from '../../domain/departures/departures.js';
import {
  assignableUsers,
  CompleteTaskInput,
  completeTask,
  CreateTaskInput,
  createTask,
  listTasks,
  PlanEntryInput,
  PlanInput,
  readPlan,
  replacePlan,
  stuckStages,
  UpdateTaskInput,
  updateTask,
} from '../../domain/tasks/index.js';
import { DomainError, invalid } from '../../domain/errors.js';
import { getDealRow } from '../../domain/deals/index.js';
import { getContact } from '../../domain/contacts/index.js';
import { calendarToken, renewCalendarToken } from '../../domain/calendar/index.js';
import { calendarUrl } from '../api/calendar.js';
import { TasksPage, type TaskFormState } from '../../../templates/tasks.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { fieldErrors, idParam, parseWith } from '../validate.js';
import { formAction, type Refusal } from './form-action.js';
import { frameOf, localPath } from './frame.js';
import { optional, positiveId } from './forms.js';

type C = Context<AppEnv>;

/** How many tasks the page lists at once. */
const PAGE_SIZE = 200;

/**
 * The tasks page: mine by default, the team's for a director, open ones overdue first or the
 * done ones with their reports; a form to give someone a task; and, for a director, the plan
 * every trip gets and the trips whose stages are late.
 */
export function taskPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function render(c: C, failed?: { form?: TaskFormState; plan?: TaskFormState; status: number }) {
    const ctx = actingCtxOf(c, deps);
    const director = ctx.actor.role === 'director';
    const asked = c.req.query('whose') ?? 'mine';
    const whose = director && (asked === 'team' || positiveId(asked)) ? asked : 'mine';
    const status = c.req.query('status') === 'done' ? 'done' : 'open';
    const departureId = positiveId(c.req.query('departureId'));
    const assigneeId = whose === 'mine' ? (departureId ? undefined : ctx.actor.id) : positiveId(whose);
    const form = failed?.form ?? await linkedForm(c);
    const tasks = (await listTasks(ctx, { status, limit: PAGE_SIZE, ...(assigneeId ? { assigneeId } : {}), ...(departureId ? { departureId } : {}) })).items;
    return c.html(
      <TasksPage
        {...frameOf(c, deps, 'tasks')}
        tasks={tasks}
        now={ctx.now}
        whose={whose}
        status={status}
        departureId={departureId}
        people={await assignableUsers(ctx)}
        trips={(await listDepartures(ctx, { status: 'scheduled', limit: 200 })).items.map((d) => ({ id: d.id, title: d.title, departsAt: d.departsAt }))}
        form={form}
        calendarUrl={calendarUrl(deps, await calendarToken(ctx, ctx.actor.id))}
        about={form?.values.contactId ? (await getContact(ctx, Number(form.values.contactId))).name : null}
        plan={director ? await readPlan(ctx) : null}
        planForm={failed?.plan}
        stuck={director ? await stuckStages(ctx) : null}
      />,
      (failed?.status ?? 200) as 200,
    );
  }

  /** "Give a task about this client / booking": the new-task form carries the link, and the booking's trip. */
  const linkedForm = async (c: C): Promise<TaskFormState | undefined> => {
    const contactId = positiveId(c.req.query('contactId'));
    const dealId = positiveId(c.req.query('dealId'));
    if (!contactId && !dealId) return undefined;
    const ctx = actingCtxOf(c, deps);
    const deal = dealId ? await getDealRow(ctx, dealId) : undefined;
    const values: Record<string, string> = {
      ...(contactId ? { contactId: String(contactId) } : {}),
      ...(deal ? { dealId: String(deal.id), contactId: String(deal.contactId), departureId: String(deal.departureId) } : {}),
    };
    return { values, errors: {} };
  };

  const refusedForm = async (c: C, r: Refusal, taskId?: number) => await render(c, { form: { values: r.values, errors: r.errors, ...(taskId ? { taskId } : {}) }, status: r.status });

  app.get('/tasks', async (c) => await render(c));

  app.post(
    '/calendar/renew',
    formAction(deps, {
      run: async (ctx) => await atomically(ctx, async (ctx) => await renewCalendarToken(ctx)),
      done: () => ({ to: '/tasks#calendar', code: 'calendarRenewed' }),
      refused: (_, r) => {
        throw r.error;
      },
    }),
  );

  app.post(
    '/tasks',
    formAction(deps, {
      once: { kind: 'task' },
      run: async (ctx, form) => {
        const input = parseWith(CreateTaskInput, {
          title: form.title ?? '',
          dueAt: form.dueAt ?? '',
          assigneeId: positiveId(form.assigneeId) ?? form.assigneeId,
          ...(positiveId(form.departureId) ? { departureId: positiveId(form.departureId) } : {}),
          ...(positiveId(form.dealId) ? { dealId: positiveId(form.dealId) } : {}),
          ...(positiveId(form.contactId) ? { contactId: positiveId(form.contactId) } : {}),
          note: optional(form.note) ?? null,
        });
        return await atomically(ctx, async (ctx) => await createTask(ctx, input));
      },
      done: (task, form) => ({ to: localPath(form.back, '/tasks'), code: 'taskCreated', extra: { task: String(task.id) } }),
      link: (task) => `/tasks#task-${task.id}`,
      refused: async (c, r) => await refusedForm(c, r),
    }),
  );

  app.post(
    '/tasks/plan',
    formAction(deps, {
      run: async (ctx, form) => {
        if (ctx.actor.role !== 'director') throw new DomainError('forbidden', 'Only a director changes the plan of every trip');
        const rows = Math.min(60, Number(form.rows ?? 0) || 0);
        // Each filled row is checked as its own row, so an error stays beside the row it is about
        // whatever blank rows lie between; a row left empty is dropped.
        const errors: Record<string, string> = {};
        const entries = Array.from({ length: rows }, (_, i) => ({ i, title: (form[`title${i}`] ?? '').trim(), days: (form[`days${i}`] ?? '').trim(), role: form[`role${i}`] ?? 'manager' }))
          .filter((row) => row.title !== '' || row.days !== '')
          .map((row) => {
            const parsed = PlanEntryInput.safeParse({ title: row.title, daysBeforeDeparture: /^\d+$/.test(row.days) ? Number(row.days) : row.days === '' ? Number.NaN : row.days, role: row.role });
            if (!parsed.success) for (const [field, message] of Object.entries(fieldErrors(parsed.error))) errors[`${row.i}.${field}`] ??= message;
            return parsed.success ? parsed.data : null;
          });
        if (Object.keys(errors).length) throw invalid(errors);
        const input = parseWith(PlanInput, entries);
        return await atomically(ctx, async (ctx) => await replacePlan(ctx, input));
      },
      done: () => ({ to: '/tasks#plan-editor', code: 'planSaved' }),
      refused: async (c, r) => {
        if (r.error.code === 'forbidden') throw r.error;
        return await render(c, { plan: { values: r.values, errors: r.errors }, status: r.status });
      },
    }),
  );

  app.post(
    '/tasks/:id',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const input = parseWith(UpdateTaskInput, {
          ...(form.dueAt ? { dueAt: form.dueAt } : {}),
          ...(positiveId(form.assigneeId) ? { assigneeId: positiveId(form.assigneeId) } : {}),
        });
        return await atomically(ctx, async (ctx) => await updateTask(ctx, idParam(c, 'id', 'task'), input));
      },
      done: (task, form) => ({ to: localPath(form.back, '/tasks'), code: 'taskMoved', extra: { task: String(task.id) } }),
      refused: async (c, r) => {
        if (r.error.code === 'forbidden') throw r.error;
        return await refusedForm(c, r, idParam(c, 'id', 'task'));
      },
    }),
  );

  app.post(
    '/tasks/:id/done',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const input = parseWith(CompleteTaskInput, { report: form.report ?? '' });
        return await atomically(ctx, async (ctx) => await completeTask(ctx, idParam(c, 'id', 'task'), input));
      },
      done: (task, form) => ({ to: localPath(form.back, '/tasks'), code: 'taskDone', extra: { task: String(task.id) } }),
      refused: async (c, r) => {
        if (r.error instanceof DomainError && r.error.code === 'forbidden') throw r.error;
        return await refusedForm(c, r, idParam(c, 'id', 'task'));
      },
    }),
  );

  return app;
}
