/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { BoardingTraveller } from '../src/domain/boarding/index.js';
import { currencyDigits } from '../src/domain/money.js';
import { amountText } from './amount-text.js';
import { CsrfField, Layout, PhoneLink, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';

export interface BoardingPageProps extends PageFrame {
  departure: { id: number; title: string; departsAt: number };
  stops: { stop: { id: number; name: string; departsAt: number }; travellers: BoardingTraveller[]; total: number; boarded: number; noShow: number }[];
  q: string;
}

/**
 * The bus door on a phone: each stop's travellers with their phone and what to collect, one
 * tap to mark them. Every button is a form (works without JavaScript); with it, a tap does
 * not reload the page.
 */
export function BoardingPage(props: BoardingPageProps) {
  const { tr, departure: d } = props;
  const here = `/departures/${d.id}/boarding${props.q ? `?q=${encodeURIComponent(props.q)}` : ''}`;
  return (
    <Layout {...props} title={tr.t('boarding.title', { title: d.title })} current="departures">
      <h1>{tr.t('boarding.title', { title: d.title })}</h1>
      <p class="muted">
        {tr.dateTime(d.departsAt)} · <a href={`/departures/${d.id}`}>{tr.t('boarding.toRoster')}</a> ·{' '}
        <a href={`/departures/${d.id}/boarding.pdf`}>{tr.t('action.boardingPdf')}</a>
      </p>
      <form method="get" action={`/departures/${d.id}/boarding`} class="inline card">
        <label class="sr" for="boarding-q">
          {tr.t('boarding.find')}
        </label>
        <input id="boarding-q" name="q" value={props.q} placeholder={tr.t('boarding.find')} />
        <button class="secondary">{tr.t('roster.search')}</button>
      </form>
      {props.stops.map((entry) => (
        <section class="boarding-stop" data-stop={String(entry.stop.id)}>
          <h2>
            {tr.time(entry.stop.departsAt)} · {entry.stop.name}
          </h2>
          <p class="counts" data-counts="">
            <span class="badge">{tr.t('boarding.booked', { n: entry.total })}</span>
            <span class="badge ok" data-count="boarded" data-template={tr.t('boarding.boardedCount', { n: '#' })}>
              {tr.t('boarding.boardedCount', { n: entry.boarded })}
            </span>
            <span class="badge bad" data-count="no_show" data-template={tr.t('boarding.noShowCount', { n: '#' })}>
              {tr.t('boarding.noShowCount', { n: entry.noShow })}
            </span>
          </p>
          {entry.travellers.length === 0 ? (
            <p class="muted">{props.q ? tr.t('roster.noResults') : tr.t('boarding.nobody')}</p>
          ) : (
            <ul class="boarding">
              {entry.travellers.map((t) => (
                <BoardingRow tr={tr} csrf={props.csrf} traveller={t} back={here} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </Layout>
  );
}

function BoardingRow(props: { tr: Tr; csrf: string; traveller: BoardingTraveller; back: string }) {
  const { tr, traveller: t } = props;
  const mark = (state: 'boarded' | 'no_show' | 'expected', label: string, tone: string) => (
    <form method="post" action={`/deals/${t.dealId}/boarding`} class="inline" data-inplace={state} data-word={tr.label('boarding', state)}>
      <CsrfField csrf={props.csrf} />
      <input type="hidden" name="back" value={props.back} />
      <input type="hidden" name="travellerId" value={String(t.travellerId)} />
      <input type="hidden" name="state" value={state} />
      <button class={`tap ${tone}`}>{label}</button>
    </form>
  );
  return (
    <li class="card boarding-row" data-boarding={t.boarding} data-traveller={t.travellerId === null ? undefined : String(t.travellerId)} data-deal={String(t.dealId)}>
      <div class="who">
        {t.seat !== null && <span class="seat-no" title={tr.t('boarding.seat')}>{t.seat}</span>}
        <strong>{t.name || tr.t('boarding.unnamed', { client: t.client })}</strong>
        {t.name && t.name !== t.client && <span class="muted small"> · {t.client}</span>}
        <div class="small">
          <PhoneLink tr={tr} phone={t.phone} /> <span class="muted">{t.reference}</span>
        </div>
        <div class="state small" aria-live="polite">
          {tr.label('boarding', t.boarding)}
        </div>
      </div>
      {t.travellerId !== null ? (
        <div class="taps">
          {mark('boarded', tr.t('boarding.board'), 'ok')}
          {mark('no_show', tr.t('boarding.noShow'), 'bad')}
          {mark('expected', tr.t('boarding.undo'), 'secondary')}
        </div>
      ) : (
        <p class="small muted">
          <a href={`/deals/${t.dealId}`}>{tr.t('boarding.nameThem')}</a>
        </p>
      )}
      {t.balanceMinor > 0 && (
        <form method="post" action={`/deals/${t.dealId}/payments`} class="inline collect">
          <CsrfField csrf={props.csrf} />
          <input type="hidden" name="back" value={props.back} />
          <input type="hidden" name="amount" value={amountText(t.balanceMinor, currencyDigits(t.currency), 'en')} />
          <input type="hidden" name="method" value="cash" />
          {/* One collection per balance seen: a second tap on the same page records nothing twice. */}
          <input type="hidden" name="idempotencyKey" value={`door-${t.dealId}-${t.paidMinor}`} />
          <button class="tap">{tr.t('boarding.collect', { amount: tr.money(t.balanceMinor, t.currency) })}</button>
        </form>
      )}
    </li>
  );
}
