/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FieldErrors } from '../src/domain/errors.js';
import { CsrfField, Field } from './layout.js';
import type { Tr } from './tr.js';
import { dueFieldText, type DueNow } from './payment-due.js';

export const METHODS = ['cash', 'card', 'bank_transfer'] as const;

export interface ActionState {
  errors?: FieldErrors;
  values?: Record<string, string>;
}

/**
 * Record a payment (or, on the deal page, a refund): the amount is typed in major units. Given
 * what is due now, the field comes filled with it (still editable) and says what it is; a
 * cancelled booking's form offers the refund due.
 */
export function PaymentForm(props: { tr: Tr; csrf: string; dealId: number; back: string; state?: ActionState; refunds?: boolean; due?: DueNow | null | undefined; currency?: string | undefined }) {
  const { tr, state, due } = props;
  const currency = due?.currency ?? props.currency;
  const refundFirst = state ? state.values?.kind === 'refund' : due?.kind === 'refund';
  return (
    <>
      {due && (
        <p class="small muted due-now" data-due={due.kind}>
          {tr.t(`deskDetails.dueNow.${due.kind}`, { amount: tr.money(due.amountMinor, due.currency) })}
        </p>
      )}
      <form method="post" action={`/deals/${props.dealId}/payments`} class="fields">
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="back" value={props.back} />
        <input type="hidden" name="idempotencyKey" value={state?.values?.idempotencyKey ?? crypto.randomUUID()} />
        <Field
          id={`amount-${props.dealId}`}
          name="amount"
          label={currency ? tr.t('deskDetails.amountIn', { currency }) : tr.t('field.amount')}
          inputmode="decimal"
          value={state?.values?.amount ?? (due ? dueFieldText(due, tr.locale) : undefined)}
          error={state?.errors?.amount}
          required
        />
        <div class="field">
          <label for={`method-${props.dealId}`}>{tr.t('field.method')}</label>
          <select id={`method-${props.dealId}`} name="method">
            {METHODS.map((m) => (
              <option value={m} selected={state?.values?.method === m}>
                {tr.t(`method.${m}`)}
              </option>
            ))}
          </select>
        </div>
        {props.refunds && (
          <div class="field">
            <label for={`kind-${props.dealId}`}>{tr.t('field.kind')}</label>
            <select id={`kind-${props.dealId}`} name="kind">
              <option value="payment">{tr.t('kind.payment')}</option>
              <option value="refund" selected={refundFirst}>
                {tr.t('kind.refund')}
              </option>
            </select>
          </div>
        )}
        <div class="field">
          <button type="submit">{tr.t('action.recordPayment')}</button>
        </div>
        {state?.errors?.form && <p class="error">{state.errors.form}</p>}
      </form>
    </>
  );
}

export function DocumentButtons(props: { tr: Tr; csrf: string; dealId: number; back: string; sent: boolean; received: boolean }) {
  const { tr } = props;
  return (
    <>
      {!props.sent && !props.received && (
        <form method="post" action={`/deals/${props.dealId}/documents`} class="inline">
          <CsrfField csrf={props.csrf} />
          <input type="hidden" name="back" value={props.back} />
          <input type="hidden" name="state" value="sent" />
          <button class="small secondary">{tr.t('action.documentsSent')}</button>
        </form>
      )}
      {!props.received && (
        <form method="post" action={`/deals/${props.dealId}/documents`} class="inline">
          <CsrfField csrf={props.csrf} />
          <input type="hidden" name="back" value={props.back} />
          <input type="hidden" name="state" value="received" />
          <button class="small secondary">{tr.t('action.documentsReceived')}</button>
        </form>
      )}
    </>
  );
}

/** The way to cancel: a separate, dangerous-looking link to the page that shows what cancelling does. */
export function CancelLink(props: { tr: Tr; dealId: number; back: string }) {
  return (
    <a class="button small danger" href={`/deals/${props.dealId}/cancel?back=${encodeURIComponent(props.back)}`}>
      {props.tr.t('action.cancelEllipsis')}
    </a>
  );
}

/** Travellers not yet told the departure time and place: why, and the button for a phone call made. */
export function UntoldNotice(props: { tr: Tr; csrf: string; dealId: number; back: string; reason: string }) {
  return (
    <div class="untold">
      <span class="small warning">{props.reason}</span>
      <form method="post" action={`/deals/${props.dealId}/told-by-phone`} class="inline">
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="back" value={props.back} />
        <button class="small secondary">{props.tr.t('action.toldByPhone')}</button>
      </form>
    </div>
  );
}
