import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import type { PaymentProvider } from '../../src/payments/provider.js';
import { createMailer, type Mailer } from '../../src/mail/mailer.js';
import { isSqlite } from '../../src/db/handle.js';
import { migrate } from '../../src/db/migrate.js';
import type { SqliteDatabase } from '../../src/db/client.js';
import { freshDatabase } from './engine.js';
import type { Agency, Ctx, Role } from '../../src/domain/context.js';
import { ensureFirstDirector } from '../../src/domain/users/bootstrap.js';
import type { PasswordCost } from '../../src/domain/users/passwords.js';
import type { ResolveHost } from '../../src/domain/webhooks/index.js';
import { createUser } from '../../src/domain/users/users.js';

/** Fast hashing for tests; production uses the recommended cost. */
export const TEST_PASSWORD_COST: PasswordCost = { log2N: 10, r: 8, p: 1 };
export const AGENCY: Agency = {
  timeZone: 'Europe/Sofia',
  country: 'BG',
  currency: 'EUR',
  name: 'Балкан Тур',
  contacts: 'София, бул. Витоша 1 · +359 2 987 6543 · office@balkantour.test',
  locale: 'bg',
}
export const DIRECTOR = { email: 'director@agency.test', password: 'director-secret-1' };
export const START = Date.parse('2026-11-22T07:00:00Z');

export interface Call {
  status: number;
  body: any;
  headers: Headers;
}

/** A fresh app on a fresh, really migrated in-memory database, with a clock the test moves. */
export async function makeTestApp(
  options: {
    now?: number;
    /** A database of the test's own (a file, for restarts); migrated here. Else a fresh one of the engine under test. */
    database?: SqliteDatabase;
    mailer?: Mailer;
    outboxDir?: string;
    intake?: { limit: number; origins: string[] };
    agency?: Agency;
    pause?: (ms: number) => Promise<void>;
    /** Answers for DNS when a webhook receiver is subscribed. */
    resolveHost?: ResolveHost;
    /** The card provider (a stand-in in its own process, or a fake). */
    payments?: PaymentProvider;
  } = {},
) {
  const database = options.database ?? (await freshDatabase());
  if (options.database && isSqlite(database.sqlite)) migrate(database.sqlite);
  let now = options.now ?? START;
  const clock = () => now;
  const agency = options.agency ?? AGENCY;
  const ctx = (): Ctx => ({ db: database.db, sqlite: database.sqlite, now, actor: null, agency });
  await ensureFirstDirector(ctx(), DIRECTOR, TEST_PASSWORD_COST);
  const outboxDir = options.outboxDir ?? mkdtempSync(join(tmpdir(), 'tourdesk-outbox-'));
  const mailer = options.mailer ?? createMailer({ from: 'Балкан Тур <office@balkantour.test>', outboxDir });
  const app = createApp({ database, agency, clock, passwordCost: TEST_PASSWORD_COST, log: process.env.TOURDESK_TEST_LOG ? (...args: unknown[]) => console.error(...args) : () => {}, mailer, ...(options.intake ? { intake: options.intake } : {}), ...(options.pause ? { pause: options.pause } : {}), ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}), ...(options.payments ? { payments: options.payments } : {}) });

  async function call(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string>; address?: string } = {},
  ): Promise<Call> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    // The client's address, as @hono/node-server would give it from the socket.
    const env = options.address ? { incoming: { socket: { remoteAddress: options.address } } } : undefined;
    const response = await app.request(path, { method, headers, body }, env);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  async function signIn(email: string, password: string): Promise<string> {
    const answer = await call('POST', '/api/v1/session', { body: { email, password } });
    if (answer.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(answer.body)}`);
    return answer.body.token as string;
  }

  let users = 0;
  /** A signed-in user of the role (a new account each time). */
  async function as(role: Role): Promise<{ token: string; id: number }> {
    if (role === 'director' && users === 0) {
      users++;
      const token = await signIn(DIRECTOR.email, DIRECTOR.password);
      return { token, id: 1 };
    }
    const email = `${role}${++users}@agency.test`;
    const user = await createUser(ctx(), { email, name: `${role} ${users}`, role, password: 'password-123' }, TEST_PASSWORD_COST);
    return { token: await signIn(email, 'password-123'), id: user.id };
  }

  return {
    app,
    database,
    outboxDir,
    call,
    signIn,
    as,
    ctx,
    get now() {
      return now;
    },
    setNow(value: number) {
      now = value;
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;
