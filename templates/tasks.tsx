/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { TaskAnswer, PlanEntry, StuckTrip } from '../src/domain/tasks/index.js';
import { CsrfField, Field, Layout, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';
import { stageWords } from './plan-words.js';

export interface TaskFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The task whose "done" form was refused, when that is what failed. */
  taskId?: number;
}

export interface Person {
  id: number;
  name: string;
  role: string;
}

export interface TripChoice {
  id: number;
  title: string;
  departsAt: number;
}

/** When a task is due, in words: the deadline, or how many days it is late. */
function DueText({ tr, task, now }: { tr: Tr; task: TaskAnswer; now: number }) {
  if (task.status === 'done') return <span class="muted small">{tr.t('tasks.doneOn', { date: tr.dateTime(task.doneAt ?? task.updatedAt), who: task.doneByName ?? '' })}</span>;
  if (!task.overdue) return <span class="muted small">{tr.t('common.due', { date: tr.dateTime(task.dueAt) })}</span>;
  const days = Math.max(1, Math.floor((now - task.dueAt) / 86_400_000));
  return <strong class="small overdue">{tr.t('tasks.overdue', { n: days, date: tr.date(task.dueAt) })}</strong>;
}

/** Closing a task: the report of what was done is required (the stage's final report). */
export function TaskDoneForm(props: { tr: Tr; csrf: string; task: Pick<TaskAnswer, 'id'>; back: string; failed?: TaskFormState | undefined }) {
  const { tr, task } = props;
  const failed = props.failed?.taskId === task.id ? props.failed : undefined;
  return (
    <details class="inline-action" open={failed ? true : undefined}>
      <summary>{tr.t('tasks.complete')}</summary>
      <form method="post" action={`/tasks/${task.id}/done`} class="fields">
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="back" value={props.back} />
        <div class={failed?.errors.report ? 'field invalid' : 'field'}>
          <label for={`report-${task.id}`}>{tr.t('tasks.report')}</label>
          <textarea id={`report-${task.id}`} name="report" rows={2} required aria-invalid={failed?.errors.report ? 'true' : undefined}>
            {failed?.values.report ?? ''}
          </textarea>
          {failed?.errors.report && <span class="error">{failed.errors.report}</span>}
        </div>
        <div class="field">
          <button class="small">{tr.t('tasks.saveDone')}</button>
        </div>
      </form>
    </details>
  );
}

/** One task: what, when, who, what it is about; open ones with "done", and a move for who may. */
export function TaskItem(props: { tr: Tr; csrf: string; task: TaskAnswer; now: number; back: string; people?: Person[]; failed?: TaskFormState | undefined; showTrip?: boolean }) {
  const { tr, task } = props;
  return (
    <li id={`task-${task.id}`} data-task={String(task.id)} class={task.status === 'done' ? 'done' : task.overdue ? 'urgent' : undefined}>
      <span class="title">
        {task.status === 'done' ? '✓ ' : ''}
        {task.planned ? stageWords(tr, task.title) : task.title}
      </span>
      {task.planned && <> <span class="badge">{tr.t('tasks.stage')}</span></>}
      <span class="muted small"> · {task.assigneeName}</span>
      {' · '}
      <DueText tr={tr} task={task} now={props.now} />
      {(props.showTrip ?? true) && task.departureId !== null && (
        <div class="small">
          <a href={`/departures/${task.departureId}`}>{task.departureTitle}</a>
          {task.departsAt !== null && <span class="muted"> · {tr.date(task.departsAt)}</span>}
        </div>
      )}
      {(task.contactId !== null || task.dealId !== null) && (
        <div class="small">
          {task.contactId !== null && <a href={`/contacts/${task.contactId}`}>{task.contactName}</a>}
          {task.dealId !== null && (
            <>
              {' · '}
              <a href={`/deals/${task.dealId}`}>{tr.t('tasks.booking')}</a>
            </>
          )}
        </div>
      )}
      {task.note && <div class="small muted">{task.note}</div>}
      {task.report && (
        <div class="small">
          <strong>{tr.t('tasks.reportShort')}</strong> {task.report}
        </div>
      )}
      {task.status === 'open' && (
        <div class="actions">
          <TaskDoneForm tr={tr} csrf={props.csrf} task={task} back={props.back} failed={props.failed} />
          {props.people && (
            <details class="inline-action">
              <summary>{tr.t('tasks.move')}</summary>
              <form method="post" action={`/tasks/${task.id}`} class="fields">
                <CsrfField csrf={props.csrf} />
                <input type="hidden" name="back" value={props.back} />
                <Field id={`due-${task.id}`} name="dueAt" type="datetime-local" label={tr.t('tasks.dueAt')} value={tr.inputDateTime(task.dueAt)} required />
                <PersonSelect tr={tr} id={`assignee-${task.id}`} people={props.people} value={task.assigneeId} />
                <div class="field">
                  <button class="small secondary">{tr.t('common.save')}</button>
                </div>
              </form>
            </details>
          )}
        </div>
      )}
    </li>
  );
}

function PersonSelect(props: { tr: Tr; id: string; people: Person[]; value: number | undefined; error?: string | undefined }) {
  const { tr } = props;
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{tr.t('tasks.assignee')}</label>
      <select id={props.id} name="assigneeId" required>
        {props.people.map((p) => (
          <option value={String(p.id)} selected={p.id === props.value}>
            {p.name} ({tr.label('role', p.role)})
          </option>
        ))}
      </select>
      {props.error && <span class="error">{props.error}</span>}
    </div>
  );
}

/** A departure's plan as a checklist: every stage with who and when, done ones with their report. */
export function PlanChecklist(props: { tr: Tr; csrf: string; tasks: TaskAnswer[]; now: number; back: string; departureId: number; failed?: TaskFormState | undefined }) {
  const { tr } = props;
  const done = props.tasks.filter((t) => t.status === 'done').length;
  return (
    <section class="card" id="plan">
      <h2>
        {tr.t('tasks.plan')} <span class="muted small">{tr.t('tasks.progress', { done, total: props.tasks.length })}</span>
      </h2>
      {props.tasks.length === 0 ? (
        <p class="muted">{tr.t('tasks.noPlan')}</p>
      ) : (
        <ul class="work checklist">
          {props.tasks.map((task) => (
            <TaskItem tr={tr} csrf={props.csrf} task={task} now={props.now} back={props.back} failed={props.failed} showTrip={false} />
          ))}
        </ul>
      )}
      <p class="small">
        <a href={`/tasks?whose=team&departureId=${props.departureId}`}>{tr.t('tasks.allOfTrip')}</a>
      </p>
    </section>
  );
}

export interface TasksPageProps extends PageFrame {
  tasks: TaskAnswer[];
  now: number;
  /** `mine`, `team` (directors), or a person's id. */
  whose: string;
  status: 'open' | 'done';
  departureId: number | undefined;
  people: Person[];
  trips: TripChoice[];
  form?: TaskFormState | undefined;
  /** Directors: the plan of every trip and the trips with overdue stages. */
  plan: PlanEntry[] | null;
  planForm?: TaskFormState | undefined;
  stuck: StuckTrip[] | null;
  /** Whom the new task is about, when it was asked for from a card or a booking. */
  about?: string | null | undefined;
  /** The person's private calendar feed. */
  calendarUrl: string;
}

export function TasksPage(props: TasksPageProps) {
  const { tr } = props;
  const back = props.path;
  const values = props.form?.taskId === undefined ? (props.form?.values ?? {}) : {};
  const errors = props.form?.taskId === undefined ? (props.form?.errors ?? {}) : {};
  const director = props.actor?.role === 'director';
  const tab = (whose: string, status: 'open' | 'done') => `/tasks?whose=${whose}&status=${status}${props.departureId ? `&departureId=${props.departureId}` : ''}`;
  return (
    <Layout {...props} title={tr.t('tasks.title')} current="tasks">
      <h1>{tr.t('tasks.title')}</h1>
      {props.stuck && props.stuck.length > 0 && (
        <section class="card stuck" id="stuck-stages">
          <h2>{tr.t('tasks.stuck')}</h2>
          <ul class="plain">
            {props.stuck.map((s) => (
              <li data-departure={String(s.departureId)}>
                <a href={`/departures/${s.departureId}#plan`}>{s.title}</a> <span class="muted small">{tr.date(s.departsAt)}</span> ·{' '}
                <strong class="overdue">{tr.t('tasks.stuckCount', { n: s.overdue })}</strong> <span class="small">({stageWords(tr, s.firstTitle)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <nav class="tabs" aria-label={tr.t('tasks.title')}>
        <a href={tab('mine', 'open')} class={props.whose === 'mine' && props.status === 'open' ? 'active' : undefined}>
          {tr.t('tasks.mine')}
        </a>
        {director && (
          <a href={tab('team', 'open')} class={props.whose === 'team' && props.status === 'open' ? 'active' : undefined}>
            {tr.t('tasks.team')}
          </a>
        )}
        <a href={tab(props.whose, 'done')} class={props.status === 'done' ? 'active' : undefined}>
          {tr.t('tasks.done')}
        </a>
      </nav>
      {props.tasks.length === 0 ? (
        <p class="card muted">{tr.t(props.status === 'done' ? 'tasks.noneDone' : 'tasks.none')}</p>
      ) : (
        <ul class="work">
          {props.tasks.map((task) => (
            <TaskItem tr={tr} csrf={props.csrf} task={task} now={props.now} back={back} people={props.people} failed={props.form} />
          ))}
        </ul>
      )}
      <section class="card" id="new-task">
        <h2>{tr.t('tasks.new')}</h2>
        {errors.form && (
          <p class="alert" role="alert">
            {errors.form}
          </p>
        )}
        <form method="post" action="/tasks" class="fields">
          <CsrfField csrf={props.csrf} />
          <input type="hidden" name="back" value={back} />
          <Field name="title" label={tr.t('tasks.taskTitle')} value={values.title} error={errors.title} required />
          <Field name="dueAt" type="datetime-local" label={tr.t('tasks.dueAt')} value={values.dueAt} error={errors.dueAt} required />
          <PersonSelect tr={tr} id="f-assigneeId" people={props.people} value={Number(values.assigneeId ?? props.actor?.id)} error={errors.assigneeId} />
          <div class={errors.departureId ? 'field invalid' : 'field'}>
            <label for="f-departureId">{tr.t('tasks.trip')}</label>
            <select id="f-departureId" name="departureId">
              <option value="">{tr.t('tasks.noTrip')}</option>
              {props.trips.map((trip) => (
                <option value={String(trip.id)} selected={String(trip.id) === (values.departureId ?? String(props.departureId ?? ''))}>
                  {trip.title} · {tr.date(trip.departsAt)}
                </option>
              ))}
            </select>
            {errors.departureId && <span class="error">{errors.departureId}</span>}
          </div>
          {props.about && <p class="small">{tr.t('tasks.about', { about: props.about })}</p>}
          {values.contactId && <input type="hidden" name="contactId" value={values.contactId} />}
          {values.dealId && <input type="hidden" name="dealId" value={values.dealId} />}
          <div class={errors.note ? 'field invalid' : 'field'}>
            <label for="f-note">{tr.t('tasks.note')}</label>
            <textarea id="f-note" name="note" rows={2}>
              {values.note ?? ''}
            </textarea>
            {errors.note && <span class="error">{errors.note}</span>}
          </div>
          <div class="field">
            <button>{tr.t('tasks.create')}</button>
          </div>
        </form>
      </section>
      <CalendarLink tr={tr} csrf={props.csrf} url={props.calendarUrl} />
      {props.plan && <PlanEditor tr={tr} csrf={props.csrf} plan={props.plan} form={props.planForm} />}
    </Layout>
  );
}

/** Rows of the plan plus empty ones to add to; a row left without a title is dropped. */
const EXTRA_ROWS = 3;

function PlanEditor(props: { tr: Tr; csrf: string; plan: PlanEntry[]; form?: TaskFormState | undefined }) {
  const { tr } = props;
  const rows = props.form
    ? Array.from({ length: Number(props.form.values.rows ?? 0) }, (_, i) => ({
        title: props.form!.values[`title${i}`] ?? '',
        days: props.form!.values[`days${i}`] ?? '',
        role: props.form!.values[`role${i}`] ?? 'manager',
      }))
    : [...props.plan.map((p) => ({ title: stageWords(tr, p.title), days: String(p.daysBeforeDeparture), role: p.role })), ...Array.from({ length: EXTRA_ROWS }, () => ({ title: '', days: '', role: 'manager' }))];
  const errors = props.form?.errors ?? {};
  return (
    <section class="card" id="plan-editor">
      <h2>{tr.t('tasks.planEditor')}</h2>
      <p class="small muted">{tr.t('tasks.planHint')}</p>
      {errors.form && (
        <p class="alert" role="alert">
          {errors.form}
        </p>
      )}
      <form method="post" action="/tasks/plan">
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="rows" value={String(rows.length)} />
        {rows.map((row, i) => (
          <fieldset class="price-row plan-row">
            <legend class="sr">{tr.t('tasks.stageN', { n: i + 1 })}</legend>
            <Field id={`plan-title-${i}`} name={`title${i}`} label={tr.t('tasks.stageTitle')} value={row.title} error={errors[`${i}.title`]} />
            <Field id={`plan-days-${i}`} name={`days${i}`} label={tr.t('tasks.daysBefore')} value={row.days} inputmode="numeric" error={errors[`${i}.daysBeforeDeparture`]} />
            <div class="field">
              <label for={`plan-role-${i}`}>{tr.t('tasks.role')}</label>
              <select id={`plan-role-${i}`} name={`role${i}`}>
                {(['manager', 'operator'] as const).map((role) => (
                  <option value={role} selected={row.role === role}>
                    {tr.label('role', role)}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
        ))}
        <button>{tr.t('tasks.savePlan')}</button>
      </form>
    </section>
  );
}

/** The open tasks about a booking or a client, and the way to give one about it. */
export function LinkedTasks(props: { tr: Tr; csrf: string; tasks: TaskAnswer[]; now: number; back: string; newTask: string }) {
  const { tr } = props;
  return (
    <section class="card" id="tasks">
      <h2>{tr.t('tasks.title')}</h2>
      {props.tasks.length > 0 && (
        <ul class="work">
          {props.tasks.map((task) => (
            <TaskItem tr={tr} csrf={props.csrf} task={task} now={props.now} back={props.back} />
          ))}
        </ul>
      )}
      <p>
        <a class="button small secondary" href={props.newTask}>
          {tr.t('tasks.giveAbout')}
        </a>
      </p>
    </section>
  );
}

/** The person's trips and tasks in their own calendar: the private address to paste, and a new one. */
function CalendarLink(props: { tr: Tr; csrf: string; url: string }) {
  const { tr } = props;
  return (
    <section class="card" id="calendar">
      <h2>{tr.t('calendar.title')}</h2>
      <p class="small">{tr.t('calendar.hint')}</p>
      <div class="field">
        <label for="calendar-url">{tr.t('calendar.url')}</label>
        <input id="calendar-url" type="url" readonly value={props.url} />
      </div>
      <div class="actions">
        {/* webcal: opens the phone's or computer's calendar program, subscribed to the feed. */}
        <a class="button small" href={props.url.replace(/^https?:/, 'webcal:')}>
          {tr.t('calendar.subscribe')}
        </a>
        <form method="post" action="/calendar/renew" class="inline">
          <CsrfField csrf={props.csrf} />
          <button class="small secondary">{tr.t('calendar.renew')}</button>
        </form>
      </div>
      <p class="small muted">{tr.t('calendar.renewHint')}</p>
    </section>
  );
}
