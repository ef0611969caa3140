/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout, type PageFrame } from './layout.js';
import { Stars } from './feedback.js';

/** The traveller's page after the trip, opened from the mail on a phone: stars, a few words, once. */
export function FeedbackPage(props: PageFrame & { token: string; clientName: string; trip: string; departsAt: number; agencyName: string; answered: { rating: number; comment: string | null } | null; error?: string | undefined; values?: Record<string, string> }) {
  const { tr } = props;
  return (
    <Layout {...props} title={tr.t('feedbackPage.title', { trip: props.trip })}>
      <section class="card public">
        <p class="muted">{props.agencyName}</p>
        <h1>{tr.t('feedbackPage.title', { trip: props.trip })}</h1>
        <p class="muted">{tr.date(props.departsAt)}</p>
        {props.answered ? (
          <>
            <p role="status">{tr.t('feedbackPage.thanks', { name: props.clientName })}</p>
            <p>
              <Stars tr={tr} rating={props.answered.rating} />
            </p>
            {props.answered.comment && <p>{props.answered.comment}</p>}
          </>
        ) : (
          <form method="post" action={`/feedback/${props.token}`}>
            <p>{tr.t('feedbackPage.ask', { name: props.clientName })}</p>
            {props.error && (
              <p class="alert" role="alert">
                {props.error}
              </p>
            )}
            <fieldset class="rating">
              <legend>{tr.t('feedbackPage.rating')}</legend>
              {[5, 4, 3, 2, 1].map((n) => (
                <label class="star-choice">
                  <input type="radio" name="rating" value={String(n)} required checked={props.values?.rating === String(n)} /> <Stars tr={tr} rating={n} />{' '}
                  <span class="small">{tr.t(`feedbackPage.r${n}` as 'feedbackPage.r5')}</span>
                </label>
              ))}
            </fieldset>
            <div class="field">
              <label for="f-comment">{tr.t('feedbackPage.comment')}</label>
              <textarea id="f-comment" name="comment" rows={4} maxlength={5000}>
                {props.values?.comment ?? ''}
              </textarea>
            </div>
            <button>{tr.t('feedbackPage.send')}</button>
          </form>
        )}
      </section>
    </Layout>
  );
}

/**
 * Where the unsubscribe link lands. Opening it only asks (mail scanners open every link);
 * the button posts to the same address, as a mail program's one-click "Unsubscribe" does.
 */
export function UnsubscribePage(props: PageFrame & { state: 'ask' | 'done' | 'already'; action: string; name: string; agencyName: string; agencyContacts: string }) {
  const { tr } = props;
  const title = props.state === 'ask' ? tr.t('unsubscribe.confirmTitle') : tr.t('unsubscribe.title');
  return (
    <Layout {...props} title={title}>
      <section class="card public">
        <p class="muted">{props.agencyName}</p>
        <h1>{title}</h1>
        {props.state === 'ask' ? (
          <form method="post" action={props.action}>
            <p>{tr.t('unsubscribe.ask', { name: props.name, agency: props.agencyName })}</p>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button class="tap">{tr.t('unsubscribe.confirm')}</button>
          </form>
        ) : (
          <p role="status">{tr.t(props.state === 'done' ? 'unsubscribe.done' : 'unsubscribe.already', { name: props.name })}</p>
        )}
        {props.state !== 'ask' && <p class="small muted">{tr.t('unsubscribe.back', { contacts: props.agencyContacts || props.agencyName })}</p>}
      </section>
    </Layout>
  );
}
