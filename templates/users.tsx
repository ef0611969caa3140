/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FieldErrors } from '../src/domain/errors.js';
import { CsrfField, Field, Layout, type PageFrame } from './layout.js';

const ROLES = ['operator', 'manager', 'director'] as const;

export function UsersPage(
  props: PageFrame & {
    users: { id: number; email: string; name: string; role: (typeof ROLES)[number]; active: boolean; locale: 'en' | 'ru' | 'bg' | null }[];
    /** A refused change of one user, shown on its row. */
    rowError?: { userId: number; message: string } | undefined;
    form?: { values: Record<string, string>; errors: FieldErrors } | undefined;
  },
) {
  const { tr } = props;
  return (
    <Layout {...props} title={tr.t('users.title')} current="users">
      <h1>{tr.t('users.title')}</h1>
      <p>
        <a href="/webhooks">{tr.t('webhooks.title')}</a> · <span class="small muted">{tr.t('webhooks.short')}</span>
      </p>
      <div class="table-wrap" tabindex={0} role="region" aria-label={tr.t('common.scrollTable')}>
      <table>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <td>
                <strong>{u.name}</strong>
                <div class="small muted">{u.email}</div>
              </td>
              <td>
                <form method="post" action={`/users/${u.id}`} class="inline">
                  <CsrfField csrf={props.csrf} />
                  <label class="sr" for={`role-${u.id}`}>{tr.t('users.role')}</label>
                  <select id={`role-${u.id}`} name="role">
                    {ROLES.map((r) => (
                      <option value={r} selected={u.role === r}>
                        {tr.t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                  <label class="sr" for={`locale-${u.id}`}>{tr.t('users.locale')}</label>
                  <select id={`locale-${u.id}`} name="locale">
                    <option value="">—</option>
                    {(['en', 'ru', 'bg'] as const).map((l) => (
                      <option value={l} selected={u.locale === l}>
                        {{ en: 'English', ru: 'Русский', bg: 'Български' }[l]}
                      </option>
                    ))}
                  </select>
                  <button class="small secondary">{tr.t('common.save')}</button>
                </form>
                <details>
                  <summary class="small">{tr.t('users.resetPassword')}</summary>
                  <form method="post" action={`/users/${u.id}`} class="inline">
                    <CsrfField csrf={props.csrf} />
                    <label class="sr" for={`password-${u.id}`}>{tr.t('users.password')}</label>
                    <input id={`password-${u.id}`} name="password" type="password" autocomplete="new-password" placeholder={tr.t('users.password')} required minlength={10} />
                    <button class="small secondary">{tr.t('common.save')}</button>
                  </form>
                </details>
                {props.rowError?.userId === u.id && <p class="error">{props.rowError.message}</p>}
              </td>
              <td>
                <span class={u.active ? 'badge' : 'badge urgent'}>{u.active ? tr.t('users.active') : tr.t('users.inactive')}</span>
              </td>
              <td>
                <form method="post" action={`/users/${u.id}`} class="inline">
                  <CsrfField csrf={props.csrf} />
                  <input type="hidden" name="active" value={u.active ? 'false' : 'true'} />
                  <button class={u.active ? 'small ghost' : 'small secondary'}>{u.active ? tr.t('users.deactivate') : tr.t('users.activate')}</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <section class="card">
        <h2>{tr.t('users.create')}</h2>
        <form method="post" action="/users" class="fields">
          <CsrfField csrf={props.csrf} />
          <Field name="name" label={tr.t('contacts.name')} value={props.form?.values.name} error={props.form?.errors.name} required />
          <Field name="email" type="email" label={tr.t('contacts.email')} value={props.form?.values.email} error={props.form?.errors.email} required />
          <div class="field">
            <label for="role">{tr.t('users.role')}</label>
            <select id="role" name="role">
              {ROLES.map((r) => (
                <option value={r} selected={(props.form?.values.role ?? 'manager') === r}>
                  {tr.t(`role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <Field name="password" type="password" label={tr.t('users.password')} error={props.form?.errors.password} autocomplete="new-password" required />
          <div class="field">
            <button>{tr.t('users.create')}</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
