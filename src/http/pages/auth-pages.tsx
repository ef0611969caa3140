/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { DomainError } from '../../domain/errors.js';
import { SignInInput, signIn, signOut } from '../../domain/users/sessions.js';
import { updateUser } from '../../domain/users/users.js';
import { LOCALES } from '../../domain/context.js';
import { LoginPage } from '../../../templates/login.js';
import { MessagePage } from '../../../templates/message.js';
import { actingCtxOf, ctxOf, type AppDeps, type AppEnv } from '../context.js';
import { clientAddress } from '../client-address.js';
import { frameOf, localPath } from './frame.js';
import { readForm, redirectDone } from './forms.js';
import { clearSessionCookie, requirePageSignIn, sessionToken, setSessionCookie } from './web-session.js';
import { authenticate } from '../../domain/users/sessions.js';

export function authPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/login', async (c) => {
    const token = sessionToken(c);
    if (token && await authenticate(ctxOf(c, deps), token)) return c.redirect('/', 303);
    return c.html(<LoginPage {...frameOf(c, deps)} next={localPath(c.req.query('next'), '/')} />);
  });

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const email = typeof body.email === 'string' ? body.email : '';
    const next = localPath(typeof body.next === 'string' ? body.next : undefined, '/');
    const frame = frameOf(c, deps);
    const parsed = SignInInput.safeParse({ email, password: body.password });
    try {
      if (!parsed.success) throw new DomainError('unauthenticated', 'missing');
      const { token } = await signIn(ctxOf(c, deps), parsed.data, { address: clientAddress(c), ...(deps.pause ? { pause: deps.pause } : {}) });
      setSessionCookie(c, token);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const limited = error.code === 'rate_limited';
      return c.html(
        <LoginPage {...frame} email={email} next={next} error={frame.tr.t(limited ? 'login.rateLimited' : 'login.failed')} />,
        limited ? 429 : 401,
      );
    }
  });

  app.use('/logout', requirePageSignIn(deps));
  app.use('/settings/*', requirePageSignIn(deps));

  // Signing out changes state, so it is a form; the page offers the button for a typed-in URL.
  app.get('/logout', (c) => {
    const frame = frameOf(c, deps);
    return c.html(<MessagePage {...frame} title={frame.tr.t('logout.title')} message={frame.tr.t('logout.title')} />);
  });

  app.post('/logout', async (c) => {
    await readForm(c);
    await signOut(ctxOf(c, deps), c.get('token')!);
    clearSessionCookie(c);
    // A shared phone keeps nothing of the one signed out: the boarding pages kept for use
    // without signal (names, phones) and their service worker go with the session.
    c.header('Clear-Site-Data', '"cache", "storage"');
    return c.redirect('/login', 303);
  });

  app.post('/settings/locale', async (c) => {
    const form = await readForm(c);
    const locale = (LOCALES as readonly string[]).includes(form.locale ?? '') ? (form.locale as (typeof LOCALES)[number]) : null;
    const ctx = actingCtxOf(c, deps);
    await updateUser(ctx, ctx.actor.id, { locale });
    return redirectDone(c, localPath(form.back, '/'), 'locale');
  });

  return app;
}
