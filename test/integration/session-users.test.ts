import { beforeEach, describe, expect, it } from 'vitest';
import { DIRECTOR, makeTestApp, type TestApp } from '../helpers/test-app.js';
import { SESSION_IDLE_MS, SIGN_IN_FAILURES_ALLOWED } from '../../src/domain/users/sessions.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});

describe('sessions', () => {
  it('signs in, tells who is signed in, signs out', async () => {
    const signIn = await t.call('POST', '/api/v1/session', { body: { email: 'DIRECTOR@agency.test', password: DIRECTOR.password } });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user).toMatchObject({ email: DIRECTOR.email, role: 'director' });
    expect(signIn.body.user).not.toHaveProperty('passwordHash');
    const token = signIn.body.token as string;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);

    const me = await t.call('GET', '/api/v1/session', { token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(DIRECTOR.email);
    expect(me.body.email).toBe(DIRECTOR.email);

    expect((await t.call('DELETE', '/api/v1/session', { token })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/session', { token })).status).toBe(401);
  });

  it('stores only a hash of the token', async () => {
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    const rows = await t.database.sqlite.prepare('select token_hash from sessions').all() as { token_hash: string }[];
    expect(rows.length).toBe(1);
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(JSON.stringify(await t.database.sqlite.prepare('select * from sessions').all())).not.toContain(token);
  });

  it('refuses wrong passwords with 401 and unknown tokens with 401', async () => {
    const wrong = await t.call('POST', '/api/v1/session', { body: { email: DIRECTOR.email, password: 'nope-nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
    expect((await t.call('GET', '/api/v1/departures', { token: 'forged' })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/departures')).body.error.code).toBe('unauthenticated');
  });

  it('refuses an e-mail with 429 after repeated failures, even with the right password, until the window passes', async () => {
    for (let i = 0; i < SIGN_IN_FAILURES_ALLOWED; i++) {
      expect((await t.call('POST', '/api/v1/session', { body: { email: DIRECTOR.email, password: `wrong-${i}` } })).status).toBe(401);
    }
    const limited = await t.call('POST', '/api/v1/session', { body: DIRECTOR });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    t.advance(16 * 60_000);
    expect((await t.call('POST', '/api/v1/session', { body: DIRECTOR })).status).toBe(200);
  });

  it('ends a session after idle time', async () => {
    const token = await t.signIn(DIRECTOR.email, DIRECTOR.password);
    t.advance(SESSION_IDLE_MS - 60_000);
    expect((await t.call('GET', '/api/v1/session', { token })).status).toBe(200);
    t.advance(SESSION_IDLE_MS + 1);
    expect((await t.call('GET', '/api/v1/session', { token })).status).toBe(401);
  });

  it('hashes passwords with scrypt, never in clear', async () => {
    const stored = await t.database.sqlite.prepare('select password_hash from users').get() as { password_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(stored.password_hash).not.toContain(DIRECTOR.password);
  });
});

describe('users', () => {
  it('lets a director create, list, change and deactivate users; a deactivated token stops at once', async () => {
    const director = await t.as('director');
    const created = await t.call('POST', '/api/v1/users', {
      token: director.token,
      body: { email: 'Maria@Agency.test', name: 'Мария', role: 'manager', password: 'long-password-1', locale: 'bg' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'maria@agency.test', role: 'manager', locale: 'bg', active: true });

    const maria = await t.signIn('maria@agency.test', 'long-password-1');
    expect((await t.call('GET', '/api/v1/session', { token: maria })).status).toBe(200);

    const list = await t.call('GET', '/api/v1/users', { token: director.token });
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain('maria@agency.test');

    const promoted = await t.call('PATCH', `/api/v1/users/${created.body.id}`, { token: director.token, body: { role: 'director' } });
    expect(promoted.body.role).toBe('director');

    const off = await t.call('PATCH', `/api/v1/users/${created.body.id}`, { token: director.token, body: { active: false } });
    expect(off.body.active).toBe(false);
    expect((await t.call('GET', '/api/v1/session', { token: maria })).status).toBe(401);
    expect((await t.call('POST', '/api/v1/session', { body: { email: 'maria@agency.test', password: 'long-password-1' } })).status).toBe(401);
  });

  it('refuses short passwords, bad roles and duplicate e-mails', async () => {
    const { token } = await t.as('director');
    const short = await t.call('POST', '/api/v1/users', { token, body: { email: 'a@b.test', name: 'A', role: 'manager', password: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.error.details).toHaveProperty('password');
    const role = await t.call('POST', '/api/v1/users', { token, body: { email: 'a@b.test', name: 'A', role: 'king', password: 'long-enough-1' } });
    expect(role.body.error.details).toHaveProperty('role');
    const dup = await t.call('POST', '/api/v1/users', { token, body: { email: DIRECTOR.email.toUpperCase(), name: 'A', role: 'manager', password: 'long-enough-1' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.existingId).toBe(1);
  });

  it('keeps at least one active director', async () => {
    const { token } = await t.as('director');
    const answer = await t.call('PATCH', '/api/v1/users/1', { token, body: { role: 'manager' } });
    expect(answer.status).toBe(409);
    expect((await t.call('GET', '/api/v1/users/1', { token })).body.role).toBe('director');
  });

  it.each(['operator', 'manager'] as const)('refuses %s on every user route', async (role) => {
    const { token, id } = await t.as(role);
    expect((await t.call('GET', '/api/v1/users', { token })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/users/${id}`, { token })).status).toBe(403);
    expect((await t.call('PATCH', `/api/v1/users/${id}`, { token, body: { role: 'director' } })).status).toBe(403);
    const create = await t.call('POST', '/api/v1/users', { token, body: { email: 'x@y.test', name: 'X', role: 'director', password: 'long-password-1' } });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('forbidden');
  });
});
