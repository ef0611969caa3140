/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { DealView } from '../src/domain/deals/index.js';
import { DEAL_STAGES, reaches } from '../src/domain/deals/status.js';
import { CancelLink, DocumentButtons, PaymentForm, UntoldNotice } from './deal-actions.js';
import { dueNow } from './payment-due.js';
import { LinkedTasks } from './tasks.js';
import type { TaskAnswer } from '../src/domain/tasks/index.js';
import { DealHistory, DealMails, DueDates, TravellersForm, type CategoryChoice, type DealFailure, type DealMail, type DueLine } from './deal-sections.js';
import { CsrfField, Layout, PhoneLink, type PageFrame } from './layout.js';
import { ClientLinkSection, type CheckoutLine, type RefusedEvent } from './deal-online.js';
import { DealVehicle, type BusChoice } from './deal-vehicle.js';
import { PriceLine, type ExtraChoice } from './extras.js';
import type { PriceBreakdown } from '../src/domain/departures/extras-taken.js';
import type { DocumentStages, StageMark } from '../src/domain/deals/document-stages.js';

export interface DealPageProps extends PageFrame {
  deal: DealView;
  departure: { id: number; title: string; departsAt: number; meetingPoint: string };
  /** The departure's pickup stops with their times. */
  stops: { id: number; name: string; departsAt: number }[];
  contact: { id: number; name: string; phone: string | null; email: string | null };
  failed?: DealFailure | undefined;
  mails: DealMail[];
  /** Why the travellers are not told the departure yet, when the notice is owed. */
  untold?: string | null;
  due: DueLine[];
  /** The departure's price categories, when it sells more than one. */
  categories: CategoryChoice[];
  /** Open tasks about the booking. */
  tasks: TaskAnswer[];
  now: number;
  /** Card checkouts the client opened, and the provider's messages not counted. */
  checkouts: CheckoutLine[];
  refusedEvents: RefusedEvent[];
  /** The departure's buses, when it has several: which one the booking rides in, and the move to another. */
  vehicles?: BusChoice[] | undefined;
  /** The extras the trip sells (for the travellers' form) and the booking's list price as lines. */
  extras?: { choices: ExtraChoice[]; breakdown: PriceBreakdown } | undefined;
  /** Who recorded the documents sent and received, and when. */
  documents?: DocumentStages | undefined;
}

export function DealPage(props: DealPageProps) {
  const { tr, deal, departure } = props;
  const back = `/deals/${deal.id}`;
  const reachedAt = new Map<string, { at: number; by: string | null }>();
  for (const entry of deal.history) if (!reachedAt.has(entry.to)) reachedAt.set(entry.to, { at: entry.at, by: entry.byName });
  // The document stages are facts of their own with who recorded them: a booking paid first never passes them in its status.
  const documentMark = (mark: StageMark | null | undefined) => mark && { at: mark.at, by: mark.byName ?? (mark.byClient ? tr.t('deskDetails.theClient') : null) };
  const sentMark = documentMark(props.documents?.sent);
  const receivedMark = documentMark(props.documents?.received);
  if (sentMark) reachedAt.set('documents_sent', sentMark);
  if (receivedMark) reachedAt.set('documents_received', receivedMark);
  // A stage is shown as reached by its own fact: a deal can pay its deposit before any documents.
  const facts = {
    priceMinor: deal.priceMinor,
    depositDueMinor: deal.depositDueMinor,
    paidMinor: deal.paidMinor,
    documentsSentAt: deal.documentsSentAt,
    documentsReceivedAt: deal.documentsReceivedAt,
    voucherSentAt: deal.voucherSentAt,
    notifiedAt: deal.notifiedAt,
    cancelledAt: deal.cancelledAt,
  };
  const active = deal.status !== 'cancelled';
  return (
    <Layout {...props} title={tr.t('deal.title', { id: deal.id })}>
      <h1>
        {tr.t('deal.title', { id: deal.id })} · <a href={`/contacts/${props.contact.id}`}>{props.contact.name}</a>
      </h1>
      <p class="muted">
        <a href={`/departures/${departure.id}`}>{departure.title}</a> · {tr.dateTime(departure.departsAt)} · {departure.meetingPoint}
        {props.contact.phone ? ' · ' : ''}
        <PhoneLink tr={tr} phone={props.contact.phone} />
      </p>
      {!active && <p class="alert">{tr.t('deal.cancelledBecause', { reason: tr.label('cancelReason', deal.cancelReason) })}</p>}
      {active && props.stops.length > 1 && (
        <form method="post" action={`/deals/${deal.id}/stop`} class="inline card">
          <CsrfField csrf={props.csrf} />
          <label for="f-stopId">{tr.t('deal.stop')}</label>
          <select id="f-stopId" name="stopId">
            {props.stops.map((s) => (
              <option value={String(s.id)} selected={s.id === deal.stopId}>
                {tr.time(s.departsAt)} · {s.name}
              </option>
            ))}
          </select>
          <button class="small secondary">{tr.t('deal.saveStop')}</button>
        </form>
      )}
      <DealVehicle tr={tr} csrf={props.csrf} deal={deal} vehicles={props.vehicles} />

      <div class="cols">
        <section class="card">
          <h2>{tr.t('deal.timeline')}</h2>
          <ol class="timeline">
            {DEAL_STAGES.map((stage) => {
              const reached = reaches(stage, facts);
              const when = reachedAt.get(stage);
              return (
                <li class={reached ? 'done' : undefined} data-stage={stage}>
                  <span>{tr.label('status', stage)}</span>
                  {reached && when && (
                    <span class="small muted">
                      {tr.dateTime(when.at)}
                      {when.by ? ` · ${tr.t('deal.by', { name: when.by })}` : ''}
                    </span>
                  )}
                </li>
              );
            })}
            {!active && <li class="done cancelled">{tr.t('status.cancelled')}</li>}
          </ol>
          {active && props.untold && <UntoldNotice tr={tr} csrf={props.csrf} dealId={deal.id} back={back} reason={props.untold} />}
          {active && (
            <div class="actions">
              <a class="button small secondary" href={`/deals/${deal.id}/voucher.pdf`}>
                {tr.t('action.downloadVoucher')}
              </a>
              {(deal.status === 'fully_paid' || deal.status === 'voucher_sent' || deal.status === 'notified') && (
                <form method="post" action={`/deals/${deal.id}/voucher`} class="inline">
                  <CsrfField csrf={props.csrf} />
                  <button class="small">{tr.t('action.sendVoucher')}</button>
                </form>
              )}
              <DocumentButtons tr={tr} csrf={props.csrf} dealId={deal.id} back={back} sent={!!deal.documentsSentAt} received={!!deal.documentsReceivedAt} />
            </div>
          )}
        </section>

        <section class="card">
          <h2>{tr.t('deal.payments')}</h2>
          <div class="money">
            <div>
              {tr.t('deal.price')}
              <strong>{tr.money(deal.priceMinor, deal.currency)}</strong>
            </div>
            <div>
              {tr.t('deal.depositDue')}
              <strong>{tr.money(deal.depositDueMinor, deal.currency)}</strong>
            </div>
            <div>
              {tr.t('deal.paid')}
              <strong data-testid="paid">{tr.money(deal.paidMinor, deal.currency)}</strong>
            </div>
            {!active && (
              <div>
                {tr.t('cancel.fee')}
                <strong>{tr.money(deal.feeMinor, deal.currency)}</strong>
              </div>
            )}
            <div>
              {active ? tr.t('deal.balance') : tr.t('deal.refundDue')}
              <strong>{tr.money(active ? deal.balanceMinor : deal.refundDueMinor, deal.currency)}</strong>
            </div>
          </div>
          {props.extras && <PriceLine tr={tr} breakdown={props.extras.breakdown} currency={deal.currency} priceMinor={deal.priceMinor} />}
          <DueDates tr={tr} csrf={props.csrf} dealId={deal.id} due={props.due} active={active} failed={props.failed} />
          {deal.payments.length === 0 ? (
            <p class="muted">{tr.t('deal.noPayments')}</p>
          ) : (
            <div class="table-wrap" tabindex={0} role="region" aria-label={tr.t('common.scrollTable')}>
            <table class="deal-payments">
              <tbody>
                {deal.payments.map((p) => (
                  <tr class={p.reversedByPaymentId ? 'reversed' : undefined}>
                    <td>
                      {tr.dateTime(p.receivedAt)}
                      {p.receiptNumber && (
                        <>
                          <br />
                          {/* The number alone keeps the money card narrow; its name is read out in full. */}
                          <a class="small" href={`/payments/${p.id}/receipt.pdf`} aria-label={tr.t('ledger.receiptLink', { number: p.receiptNumber })} title={tr.t('ledger.receiptLink', { number: p.receiptNumber })}>
                            {p.receiptNumber}
                          </a>
                        </>
                      )}
                    </td>
                    <td>
                      {tr.label('kind', p.kind)}
                      {p.reversedByPaymentId ? ` (${tr.t('deal.reversed')})` : ''}
                    </td>
                    <td>{tr.label('method', p.method)}</td>
                    <td class="num">{tr.money(p.deltaMinor, deal.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
          {(active ? deal.balanceMinor > 0 : deal.refundDueMinor > 0) || deal.paidMinor > 0 ? (
            <PaymentForm tr={tr} csrf={props.csrf} dealId={deal.id} back={back} refunds due={dueNow(deal)} currency={deal.currency} state={props.failed?.action === 'payment' ? props.failed.state : undefined} />
          ) : null}
        </section>
      </div>

      <TravellersForm tr={tr} csrf={props.csrf} deal={deal} failed={props.failed} categories={props.categories} extras={props.extras?.choices} />

      <ClientLinkSection tr={tr} csrf={props.csrf} dealId={deal.id} manageUrl={deal.manageUrl} online={deal.source === 'online'} active={active} checkouts={props.checkouts} refused={props.refusedEvents} />

      {active && (
        <section class="card danger-zone">
          <h2>{tr.t('action.cancel')}</h2>
          <p class="small muted">{tr.t('cancel.hint')}</p>
          <CancelLink tr={tr} dealId={deal.id} back={back} />
        </section>
      )}

      <DealMails tr={tr} mails={props.mails} />

      <LinkedTasks tr={tr} csrf={props.csrf} tasks={props.tasks} now={props.now} back={`/deals/${deal.id}#tasks`} newTask={`/tasks?dealId=${deal.id}#new-task`} />
      <DealHistory tr={tr} history={deal.history} />
    </Layout>
  );
}
