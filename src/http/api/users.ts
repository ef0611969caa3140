import { Hono } from 'hono';
import {
  CreateUserInput,
  createUser,
  getUser,
  listUsers,
  requireRole,
  serializeUser,
  UpdateUserInput,
  updateUser,
} from '../../domain/users/users.js';
import { requireSignIn } from '../auth.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, readJson } from '../validate.js';

/** Staff accounts: directors only. */
export function userRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireSignIn(deps));
  app.use('*', async (c, next) => {
    requireRole(actingCtxOf(c, deps), 'director');
    await next();
  });

  app.post('/', async (c) => {
    const input = await readJson(c, CreateUserInput);
    const user = await createUser(actingCtxOf(c, deps), input, deps.passwordCost);
    return c.json(serializeUser(user), 201);
  });

  app.get('/', async (c) => c.json({ items: (await listUsers(actingCtxOf(c, deps))).map(serializeUser), nextCursor: null }));

  app.get('/:id', async (c) => c.json(serializeUser(await getUser(actingCtxOf(c, deps), idParam(c, 'id', 'user')))));

  app.patch('/:id', async (c) => {
    const id = idParam(c, 'id', 'user');
    const input = await readJson(c, UpdateUserInput);
    const user = await updateUser(actingCtxOf(c, deps), id, input, deps.passwordCost);
    return c.json(serializeUser(user));
  });

  return app;
}
