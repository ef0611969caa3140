import { atomically } from '../../db/transaction.js';
import { Hono } from 'hono';
import {
  CompleteTaskInput,
  completeTask,
  CreateTaskInput,
  createTask,
  getTask,
  ListTasksQuery,
  listTasks,
  PlanInput,
  readPlan,
  replacePlan,
  serializeTask,
  UpdateTaskInput,
  updateTask,
} from '../../domain/tasks/index.js';
import { DomainError } from '../../domain/errors.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson, readQuery } from '../validate.js';

/** Tasks: set, moved, closed with a report; listed by person, trip or state. */
export function taskRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.post('/', async (c) => {
    const input = await readJson(c, CreateTaskInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => serializeTask(await createTask(ctx, input), ctx.now)), 201);
  });

  app.get('/', async (c) => c.json(await listTasks(actingCtxOf(c, deps), readQuery(c, ListTasksQuery))));

  app.get('/:id', async (c) => {
    const ctx = actingCtxOf(c, deps);
    return c.json(serializeTask(await getTask(ctx, idParam(c, 'id', 'task')), ctx.now));
  });

  app.patch('/:id', async (c) => {
    const id = idParam(c, 'id', 'task');
    const input = await readJson(c, UpdateTaskInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => serializeTask(await updateTask(ctx, id, input), ctx.now)));
  });

  app.post('/:id/done', async (c) => {
    const id = idParam(c, 'id', 'task');
    const input = await readJson(c, CompleteTaskInput);
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => serializeTask(await completeTask(ctx, id, input), ctx.now)));
  });

  return app;
}

/** The agency's plan for every trip: read by anyone, replaced by a director. */
export function taskTemplateRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));

  app.get('/', async (c) => {
    const ctx = actingCtxOf(c, deps);
    if (ctx.actor.role !== 'director') throw new DomainError('forbidden', 'Only a director reads and changes the plan of every trip');
    return c.json(await readPlan(ctx));
  });

  app.put('/', async (c) => {
    const input = await readJson(c, PlanInput, 'array');
    const ctx = actingCtxOf(c, deps);
    return c.json(await atomically(ctx, async (ctx) => await replacePlan(ctx, input)));
  });

  return app;
}
