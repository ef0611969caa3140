/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout, type PageFrame } from './layout.js';

export interface DepartureCard {
  id: number;
  title: string;
  destination: string | null;
  departsAt: number;
  meetingPoint: string;
  seats: number;
  seatsBooked: number;
  currency: string;
  contractedMinor: number;
  collectedMinor: number;
  dealsByStatus: Record<string, number>;
}

export const STATUS_ORDER = ['new', 'documents_sent', 'documents_received', 'deposit_paid', 'fully_paid', 'voucher_sent', 'notified', 'cancelled'] as const;

export function DeparturesPage(props: PageFrame & { departures: DepartureCard[]; past?: boolean }) {
  const { tr } = props;
  const title = props.past ? tr.t('departures.pastTitle') : tr.t('departures.title');
  return (
    <Layout {...props} title={title} current="departures">
      <h1>{title}</h1>
      <div class="actions board">
        <a class="button small" href="/departures/new">
          {tr.t('departures.new')}
        </a>
        <nav class="tabs" aria-label={tr.t('departures.title')}>
          <a href="/departures" class={props.past ? undefined : 'active'} aria-current={props.past ? undefined : 'page'}>
            {tr.t('departures.upcoming')}
          </a>
          <a href="/departures?when=past" class={props.past ? 'active' : undefined} aria-current={props.past ? 'page' : undefined}>
            {tr.t('departures.past')}
          </a>
        </nav>
      </div>
      {props.departures.length === 0 && <p class="card muted">{props.past ? tr.t('departures.pastEmpty') : tr.t('departures.empty')}</p>}
      <div class="trips">
        {props.departures.map((d) => (
          <article class="card trip">
            <h2>
              <a href={`/departures/${d.id}`}>{d.title}</a>
            </h2>
            <p class="muted small">
              {tr.dateTime(d.departsAt)}
              {d.destination ? ` · ${d.destination}` : ''}
            </p>
            <label class="small" for={`fill-${d.id}`}>
              {tr.t('departures.seats', { booked: d.seatsBooked, seats: d.seats })}
            </label>
            <meter id={`fill-${d.id}`} min={0} max={d.seats} value={d.seatsBooked} high={d.seats * 0.9} optimum={d.seats}></meter>
            <p class="small">
              {tr.t('departures.money', {
                collected: tr.money(d.collectedMinor, d.currency),
                contracted: tr.money(d.contractedMinor, d.currency),
              })}
            </p>
            <meter min={0} max={Math.max(1, d.contractedMinor)} value={d.collectedMinor}></meter>
            <div class="counts">
              {STATUS_ORDER.filter((s) => d.dealsByStatus[s]).map((s) => (
                <a class="badge" href={`/departures/${d.id}?status=${s}`}>
                  {tr.label('status', s)} {d.dealsByStatus[s]}
                </a>
              ))}
            </div>
          </article>
        ))}
      </div>
    </Layout>
  );
}
