/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FieldErrors } from '../src/domain/errors.js';
import { CsrfField, Field, Layout, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';

export interface WebhookView {
  id: number;
  url: string;
  events: string[];
  deliveries: { id: number; event: string; status: string; attempts: number; responseStatus: number | null; error: string | null; createdAt: number; deliveredAt: number | null }[];
}

/**
 * Why a post did not go through, in the reader's words. The log keeps the API's English
 * sentence (integrations read it); the known ones are worded here, anything else shown as given.
 */
export function deliveryErrorText(tr: Tr, error: string): string {
  const refused = /^refused: (\S+) resolves to (\S+), a private/.exec(error);
  if (refused) return tr.t('webhooks.error.refused', { host: refused[1]!, address: refused[2]! });
  const unresolved = /^could not resolve (\S+)$/.exec(error);
  if (unresolved) return tr.t('webhooks.error.unresolved', { host: unresolved[1]! });
  const timeout = /^no answer within (\d+(?:\.\d+)?) s$/.exec(error);
  if (timeout) return tr.t('webhooks.error.timeout', { seconds: timeout[1]! });
  return error;
}

/** Directors: the agency's other tools subscribed to events, what went out to each, and a new one. */
export function WebhooksPage(props: PageFrame & { webhooks: WebhookView[]; events: readonly string[]; created?: { url: string; secret: string } | undefined; form?: { values: Record<string, string>; errors: FieldErrors } | undefined }) {
  const { tr } = props;
  const v = props.form?.values ?? {};
  const e = props.form?.errors ?? {};
  return (
    <Layout {...props} title={tr.t('webhooks.title')} current="users">
      <h1>{tr.t('webhooks.title')}</h1>
      <p class="small muted">{tr.t('webhooks.hint')}</p>
      {props.created && (
        <p class="flash" role="status">
          {tr.t('webhooks.secret', { url: props.created.url })} <code>{props.created.secret}</code>
        </p>
      )}
      {props.webhooks.length === 0 && <p class="card muted">{tr.t('webhooks.none')}</p>}
      {props.webhooks.map((hook) => (
        <section class="card" data-webhook={String(hook.id)}>
          <h2 class="wrap">{hook.url}</h2>
          <p class="small">{hook.events.join(', ')}</p>
          {hook.deliveries.length > 0 ? (
            <div class="table-wrap" tabindex={0} role="region" aria-label={tr.t('webhooks.log')}>
              <table>
                <thead>
                  <tr>
                    <th>{tr.t('webhooks.event')}</th>
                    <th>{tr.t('webhooks.status')}</th>
                    <th>{tr.t('webhooks.answer')}</th>
                    <th>{tr.t('webhooks.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  {hook.deliveries.map((d) => (
                    <tr>
                      <td>{d.event}</td>
                      <td>
                        {tr.label('deliveryStatus', d.status)} {d.attempts > 1 ? `(${d.attempts})` : ''}
                      </td>
                      <td>{d.responseStatus ?? (d.error ? deliveryErrorText(tr, d.error) : '')}</td>
                      <td>{tr.dateTime(d.deliveredAt ?? d.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p class="small muted">{tr.t('webhooks.noDeliveries')}</p>
          )}
          <form method="post" action={`/webhooks/${hook.id}/delete`} class="inline">
            <CsrfField csrf={props.csrf} />
            <button class="small danger">{tr.t('webhooks.delete')}</button>
          </form>
        </section>
      ))}
      <section class="card" id="new-webhook">
        <h2>{tr.t('webhooks.new')}</h2>
        {e.form && (
          <p class="alert" role="alert">
            {e.form}
          </p>
        )}
        <form method="post" action="/webhooks">
          <CsrfField csrf={props.csrf} />
          <Field name="url" type="url" label={tr.t('webhooks.url')} value={v.url} error={e.url} required />
          <fieldset class="segment">
            <legend>{tr.t('webhooks.events')}</legend>
            <div class="checks">
              {props.events.map((event) => (
                <label>
                  <input type="checkbox" name={`event_${event}`} checked={v[`event_${event}`] === 'on'} /> {event}
                </label>
              ))}
            </div>
            {e.events && <span class="error">{e.events}</span>}
          </fieldset>
          <button>{tr.t('webhooks.create')}</button>
        </form>
      </section>
    </Layout>
  );
}
