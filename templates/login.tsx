/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Field, Layout, type PageFrame } from './layout.js';

export function LoginPage(props: PageFrame & { email?: string; error?: string; next: string }) {
  const { tr } = props;
  return (
    <Layout {...props} title={tr.t('login.title')}>
      <form method="post" action="/login" class="card login">
        <h1>{tr.t('login.title')}</h1>
        {props.error && (
          <p class="alert" role="alert">
            {props.error}
          </p>
        )}
        <input type="hidden" name="next" value={props.next} />
        <Field name="email" type="email" label={tr.t('login.email')} value={props.email} autocomplete="username" required />
        <Field name="password" type="password" label={tr.t('login.password')} autocomplete="current-password" required />
        <button type="submit">{tr.t('login.submit')}</button>
      </form>
    </Layout>
  );
}
