/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { CsrfField } from './layout.js';
import type { Tr } from './tr.js';

export interface CheckoutLine {
  purpose: 'deposit' | 'balance';
  amountMinor: number;
  currency: string;
  status: 'open' | 'paid';
  createdAt: number;
  paidAt: number | null;
}

export interface RefusedEvent {
  outcome: string;
  detail: string | null;
  receivedAt: number;
}

/**
 * The client's own booking page as staff see it: the link to give or send, a new link when
 * the old one went to the wrong person, and the card checkouts the client opened (with the
 * provider's events that were not counted, and why).
 */
export function ClientLinkSection(props: {
  tr: Tr;
  csrf: string;
  dealId: number;
  manageUrl: string;
  online: boolean;
  active: boolean;
  checkouts: CheckoutLine[];
  refused: RefusedEvent[];
}) {
  const { tr } = props;
  return (
    <section class="card" id="client-link">
      <h2>{tr.t('deal.clientPage')}</h2>
      {props.online && <p class="badge">{tr.t('deal.sourceOnline')}</p>}
      <p class="small muted">{tr.t('deal.clientPageHint')}</p>
      <p class="copy-line">
        <input type="text" readonly value={props.manageUrl} aria-label={tr.t('deal.clientPage')} />
        <a href={props.manageUrl} target="_blank" rel="noopener">
          {tr.t('deal.clientPageOpen')}
        </a>
      </p>
      {props.active && (
        <div class="actions">
          <form method="post" action={`/deals/${props.dealId}/confirmation`}>
            <CsrfField csrf={props.csrf} />
            <button class="small">{tr.t('deal.sendClientLink')}</button>
          </form>
          <form method="post" action={`/deals/${props.dealId}/manage-link`}>
            <CsrfField csrf={props.csrf} />
            <button class="small secondary">{tr.t('deal.renewClientLink')}</button>
          </form>
        </div>
      )}
      <p class="small muted">{tr.t('deal.renewClientLinkHint')}</p>
      {props.checkouts.length > 0 && (
        <>
          <h3>{tr.t('deal.checkouts')}</h3>
          <ul class="plain">
            {props.checkouts.map((line) => (
              <li>
                {tr.t(line.purpose === 'deposit' ? 'deal.checkoutDeposit' : 'deal.checkoutBalance', { amount: tr.money(line.amountMinor, line.currency) })}
                {' · '}
                {line.status === 'paid' && line.paidAt !== null
                  ? tr.t('deal.checkoutPaid', { at: tr.dateTime(line.paidAt) })
                  : tr.t('deal.checkoutOpen', { at: tr.dateTime(line.createdAt) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.refused.length > 0 && (
        <>
          <h3>{tr.t('deal.refusedEvents')}</h3>
          <ul class="plain">
            {props.refused.map((event) => (
              <li class="warn">
                {tr.dateTime(event.receivedAt)} · {tr.label('paymentEvent', event.outcome)}
                {event.detail ? ` (${event.detail})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
