import { describe, expect, it } from 'vitest';
import { SIGN_IN_FAILURES_ALLOWED, SIGN_IN_SLOW_AFTER, signInDelayMs } from '../../src/domain/users/sessions.js';
import { DIRECTOR, makeTestApp } from '../helpers/test-app.js';

const attempt = (t: Awaited<ReturnType<typeof makeTestApp>>, address: string, password: string) =>
  t.call('POST', '/api/v1/session', { body: { email: DIRECTOR.email, password }, address });

describe('sign-in failures are counted per e-mail and client address', () => {
  it('an attacker elsewhere cannot lock the real user out', async () => {
    const t = await makeTestApp();
    for (let i = 0; i < SIGN_IN_FAILURES_ALLOWED; i++) expect((await attempt(t, '203.0.113.5', `guess-${i}`)).status).toBe(401);
    const attacker = await attempt(t, '203.0.113.5', DIRECTOR.password);
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers.get('Retry-After'))).toBeGreaterThan(0);
    // The manager at the office, from another address, signs in as usual.
    expect((await attempt(t, '198.51.100.7', DIRECTOR.password)).status).toBe(200);
    // ...and that does not lift the attacker's refusal.
    expect((await attempt(t, '203.0.113.5', DIRECTOR.password)).status).toBe(429);
    t.advance(16 * 60_000);
    expect((await attempt(t, '203.0.113.5', DIRECTOR.password)).status).toBe(200);
  });

  it('the web form counts the same way', async () => {
    const t = await makeTestApp();
    const form = (address: string, password: string) =>
      t.app.request(
        '/login',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
          body: new URLSearchParams({ email: DIRECTOR.email, password }).toString(),
        },
        { incoming: { socket: { remoteAddress: address } } },
      );
    for (let i = 0; i < SIGN_IN_FAILURES_ALLOWED; i++) expect((await form('203.0.113.9', 'wrong')).status).toBe(401);
    expect((await form('203.0.113.9', DIRECTOR.password)).status).toBe(429);
    expect((await form('198.51.100.8', DIRECTOR.password)).status).toBe(303);
  });

  it('many addresses guessing one e-mail slow every attempt down instead of refusing it', async () => {
    const paused: number[] = [];
    const t = await makeTestApp({ pause: async (ms) => void paused.push(ms) });
    const guesses = SIGN_IN_SLOW_AFTER + 5;
    for (let i = 0; i < guesses; i++) expect((await attempt(t, `203.0.113.${i + 1}`, 'wrong')).status).toBe(401);
    // The first guesses are answered at once; past the ceiling each one waits, longer and longer.
    expect(paused.length).toBe(guesses - SIGN_IN_SLOW_AFTER);
    expect(paused).toEqual([...paused].sort((a, b) => a - b));
    paused.length = 0;
    const real = await attempt(t, '198.51.100.7', DIRECTOR.password);
    expect(real.status).toBe(200);
    expect(paused).toEqual([signInDelayMs(guesses)]);
    expect(paused[0]).toBeGreaterThan(0);
    expect(signInDelayMs(10_000)).toBeLessThanOrEqual(5_000);
  });
});
