/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FieldErrors } from '../src/domain/errors.js';
import { CsrfField, Field, Layout, PhoneLink, type PageFrame } from './layout.js';

export interface CancelPageProps extends PageFrame {
  deal: { id: number; seats: number; travellers: string[]; currency: string };
  contact: { id: number; name: string; phone: string | null; email: string | null };
  departure: { id: number; title: string; departsAt: number };
  /** What the departure's policy keeps and gives back if the booking is cancelled now. */
  quote: { priceMinor: number; paidMinor: number; feeMinor: number; refundMinor: number; percent: number; daysBefore: number };
  /** Directors may keep another fee than the policy's. */
  feeEditable: boolean;
  /** Where "keep the booking" and the finished cancellation go back to. */
  back: string;
  state?: { values: Record<string, string>; errors: FieldErrors } | undefined;
  /** The fee as the amount field shows it. */
  feeText: string;
}

/**
 * The one place a booking is cancelled, with and without JavaScript: who it is, who travels
 * and what happens to the money, before the button that does it.
 */
export function CancelPage(props: CancelPageProps) {
  const { tr, deal, quote, state } = props;
  const money = (minor: number) => tr.money(minor, deal.currency);
  const title = tr.t('cancel.title', { id: deal.id });
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      <section class="card danger-zone">
        <p>
          <a href={`/contacts/${props.contact.id}`}>
            <strong>{props.contact.name}</strong>
          </a>
          {props.contact.phone ? ' · ' : ''}
          <PhoneLink tr={tr} phone={props.contact.phone} />
        </p>
        <p>
          <a href={`/departures/${props.departure.id}`}>{props.departure.title}</a> · {tr.dateTime(props.departure.departsAt)}
        </p>
        <h2>{tr.t('cancel.travellers', { n: deal.seats })}</h2>
        {deal.travellers.length ? (
          <ul>
            {deal.travellers.map((name) => (
              <li>{name}</li>
            ))}
          </ul>
        ) : (
          <p class="muted">{tr.t('cancel.noNames')}</p>
        )}
        <h2>{tr.t('cancel.money')}</h2>
        <dl class="figures">
          <dt>{tr.t('deal.price')}</dt>
          <dd>{money(quote.priceMinor)}</dd>
          <dt>{tr.t('deal.paid')}</dt>
          <dd>{money(quote.paidMinor)}</dd>
          <dt>{tr.t('cancel.fee')}</dt>
          <dd data-testid="fee">{money(quote.feeMinor)}</dd>
          <dt>{tr.t('deal.refundDue')}</dt>
          <dd data-testid="refund">
            <strong>{money(quote.refundMinor)}</strong>
          </dd>
        </dl>
        <p class="small muted">
          {quote.percent > 0 ? tr.t('cancel.policy', { percent: quote.percent, days: quote.daysBefore }) : tr.t('cancel.noPolicy', { days: quote.daysBefore })}
        </p>
      </section>
      <form method="post" action={`/deals/${deal.id}/cancel`} class="card fields">
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="back" value={props.back} />
        <Field id="cancel-reason" name="reason" label={tr.t('field.reason')} value={state?.values.reason} error={state?.errors.reason} required />
        {props.feeEditable && (
          <Field
            id="cancel-fee"
            name="fee"
            inputmode="decimal"
            label={tr.t('cancel.feeField')}
            value={state?.values.fee ?? props.feeText}
            error={state?.errors.fee}
          />
        )}
        {state?.errors.form && <p class="error">{state.errors.form}</p>}
        <div class="field">
          <button class="danger">{tr.t('cancel.confirm')}</button>
        </div>
        <div class="field">
          <a class="button secondary" href={props.back}>
            {tr.t('cancel.keep')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
