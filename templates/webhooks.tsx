/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FieldErrors } from '../src/domain/errors.js';
import { isMessageKey } from '../src/i18n/index.js';
import { CsrfField, Field, Layout, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';

export interface DeliveryRow {
  id: number;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

export interface WebhookView {
  id: number;
  url: string;
  events: string[];
  deliveries: DeliveryRow[];
}

/** An event's name in the reader's words; one the catalogue does not know (a newer one) as given. */
export function eventText(tr: Tr, event: string): string {
  const key = `webhooks.event.${event}`;
  return isMessageKey(key) ? tr.t(key) : event;
}

/** The words, with the name an integration uses small beside them ("Booking created (deal.created)"). */
const EventName = ({ tr, event }: { tr: Tr; event: string }) => {
  const words = eventText(tr, event);
  return words === event ? <span class="event-name">{event}</span> : (
    <span class="event-name">
      {words} <small class="muted event-code">({event})</small>
    </span>
  );
};

/** What the test just sent got back, in the reader's words. */
export function testedText(tr: Tr, delivery: DeliveryRow): string {
  if (delivery.status === 'delivered') return tr.t('webhooks.tested.delivered', { status: delivery.responseStatus ?? '' });
  if (delivery.responseStatus !== null) return tr.t('webhooks.tested.answered', { status: delivery.responseStatus });
  return tr.t('webhooks.tested.error', { error: deliveryErrorText(tr, delivery.error ?? '') });
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
export function WebhooksPage(
  props: PageFrame & {
    webhooks: WebhookView[];
    events: readonly string[];
    created?: { url: string; secret: string } | undefined;
    form?: { values: Record<string, string>; errors: FieldErrors } | undefined;
    /** The test delivery just sent (`?tested=`), shown on its subscription's card. */
    testedId?: number | undefined;
  },
) {
  const { tr } = props;
  const v = props.form?.values ?? {};
  const e = props.form?.errors ?? {};
  return (
    <Layout {...props} title={tr.t('webhooks.title')} current="users" script={props.created ? '/assets/webhooks.js' : undefined}>
      <h1>{tr.t('webhooks.title')}</h1>
      <p class="small muted">{tr.t('webhooks.hint')}</p>
      {props.created && (
        <div class="flash webhook-secret" role="status">
          <p id="webhook-secret-said">{tr.t('webhooks.secret', { url: props.created.url })}</p>
          {/* Read-only and selectable without JavaScript; the button appears only where the script can copy. */}
          <div class="secret-copy">
            <input id="webhook-secret" class="secret-value" type="text" readonly value={props.created.secret} aria-labelledby="webhook-secret-said" spellcheck={false} autocomplete="off" />
            <button type="button" class="secondary" hidden data-copy="webhook-secret" data-copied={tr.t('webhooks.copied')} data-copy-failed={tr.t('webhooks.copyFailed')}>
              {tr.t('webhooks.copy')}
            </button>
          </div>
          <p class="small copy-said" aria-live="polite" data-copy-said="webhook-secret"></p>
        </div>
      )}
      {props.webhooks.length === 0 && <p class="card muted">{tr.t('webhooks.none')}</p>}
      {props.webhooks.map((hook) => {
        const tested = props.testedId === undefined ? undefined : hook.deliveries.find((d) => d.id === props.testedId && d.event === 'webhook.test');
        return (
          <section class="card webhook" id={`webhook-${hook.id}`} data-webhook={String(hook.id)}>
            <h2 class="wrap">{hook.url}</h2>
            <p class="small">{tr.t('webhooks.subscribedTo')}:</p>
            <ul class="event-list small">
              {hook.events.map((event) => (
                <li>
                  <EventName tr={tr} event={event} />
                </li>
              ))}
            </ul>
            {tested && (
              <p class={tested.status === 'delivered' ? 'flash' : 'alert'} role="status" data-tested={String(tested.id)}>
                {testedText(tr, tested)}
              </p>
            )}
            <div class="webhook-actions">
              <form method="post" action={`/webhooks/${hook.id}/test`} class="inline">
                <CsrfField csrf={props.csrf} />
                <button class="small secondary" title={tr.t('webhooks.testHint')}>
                  {tr.t('webhooks.test')}
                </button>
              </form>
              <form method="post" action={`/webhooks/${hook.id}/delete`} class="inline">
                <CsrfField csrf={props.csrf} />
                <button class="small danger">{tr.t('webhooks.delete')}</button>
              </form>
            </div>
            <h3 class="small">{tr.t('webhooks.log')}</h3>
            {hook.deliveries.length > 0 ? (
              <div class="table-wrap delivery-log" tabindex={0} role="region" aria-label={tr.t('webhooks.log')}>
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
                      <tr data-delivery={String(d.id)} class={`delivery-${d.status}`}>
                        <td data-label={tr.t('webhooks.event')}>
                          <EventName tr={tr} event={d.event} />
                        </td>
                        <td data-label={tr.t('webhooks.status')}>
                          {tr.label('deliveryStatus', d.status)}
                          {d.attempts > 1 ? <span class="small muted"> · {tr.t('webhooks.attempts', { n: d.attempts })}</span> : ''}
                        </td>
                        <td data-label={tr.t('webhooks.answer')} class="wrap">
                          {d.responseStatus ?? (d.error ? deliveryErrorText(tr, d.error) : '')}
                        </td>
                        <td data-label={tr.t('webhooks.when')}>{tr.dateTime(d.deliveredAt ?? d.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p class="small muted">{tr.t('webhooks.noDeliveries')}</p>
            )}
          </section>
        );
      })}
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
                  <input type="checkbox" name={`event_${event}`} checked={v[`event_${event}`] === 'on'} /> <EventName tr={tr} event={event} />
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
