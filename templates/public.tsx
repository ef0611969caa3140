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

/** Where the unsubscribe link lands: it is done, said plainly, with the way back. */
export function UnsubscribedPage(props: PageFrame & { name: string; agencyName: string; agencyContacts: string }) {
  const { tr } = props;
  return (
    <Layout {...props} title={tr.t('unsubscribe.title')}>
      <section class="card public">
        <p class="muted">{props.agencyName}</p>
        <h1>{tr.t('unsubscribe.title')}</h1>
        <p role="status">{tr.t('unsubscribe.done', { name: props.name })}</p>
        <p class="small muted">{tr.t('unsubscribe.back', { contacts: props.agencyContacts || props.agencyName })}</p>
      </section>
    </Layout>
  );
}
