import { freshDatabase } from './engine.js';
import type { ActingCtx, Role } from '../../src/domain/context.js';
import { createUser, toActor } from '../../src/domain/users/users.js';
import { AGENCY, START, TEST_PASSWORD_COST } from './test-app.js';

/**
 * A fresh, really migrated database and acting contexts on it, for tests that call the
 * domain's verbs directly (no HTTP): the fast part of the suite.
 */
export async function domainWorld(now = START) {
  const database = await freshDatabase();
  let clock = now;
  let users = 0;
  const ctxAs = async (role: Role): Promise<() => ActingCtx> => {
    const n = ++users;
    const bare = { db: database.db, sqlite: database.sqlite, now: clock, actor: null, agency: AGENCY };
    const user = await createUser(bare, { email: `${role}${n}@agency.test`, name: `${role} ${n}`, role, password: 'password-123' }, TEST_PASSWORD_COST);
    const actor = toActor(user);
    return () => ({ db: database.db, sqlite: database.sqlite, now: clock, actor, agency: AGENCY });
  };
  return {
    database,
    ctxAs,
    advance: (ms: number) => void (clock += ms),
    setNow: (ms: number) => void (clock = ms),
    get now() {
      return clock;
    },
  };
}
