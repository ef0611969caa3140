/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Layout, type PageFrame } from './layout.js';
import type { Tr } from './tr.js';
import type { MessageKey } from '../src/i18n/index.js';

/** Money per currency, the agency's own first. */
export type Amounts = { currency: string; minor: number }[];

/** One line of what is stuck: its size, how much of it is overdue and by how long, and where its list is. */
export interface StuckLine {
  code: string;
  href: string;
  total: number;
  overdue: number;
  worstDays: number | null;
  more: boolean;
}

export interface MoneyLine {
  code: string;
  href: string;
  count: number;
  amounts: Amounts;
  worstDays: number | null;
  more: boolean;
}

export interface ManagerLine {
  managerId: number | null;
  name: string;
  /** Their own My day (the lists filtered to them); null for work of nobody's. */
  href: string | null;
  stuck: number;
  moneyCount: number;
  money: Amounts;
  /** Their open tasks on the tasks page; null for nobody's. */
  tasksHref: string | null;
  openTasks: number;
}

export interface WeekTrip {
  id: number;
  title: string;
  departsAt: number;
  seats: number;
  seatsBooked: number;
  collectedMinor: number;
  owedMinor: number;
  currency: string;
}

export interface DirectorDayProps extends PageFrame {
  stuck: StuckLine[];
  money: MoneyLine[];
  /** The overdue money of all lines together (per currency) and how many payments. */
  moneyTotal: { count: number; amounts: Amounts; href: string };
  managers: ManagerLine[];
  /** Managers with nothing stuck, no money overdue and no open tasks: named in one line. */
  clear: string[];
  trips: WeekTrip[];
  /** The agency's currency: a sum of nothing is shown in it. */
  currency: string;
  /** The clients the full My day lists, and where it is. */
  clients: number;
  clientsHref: string;
}

const amountsText = (tr: Tr, amounts: Amounts, currency: string) =>
  amounts.length ? amounts.map((a) => tr.money(a.minor, a.currency)).join(' + ') : tr.money(0, currency);

/**
 * The director's My day: the agency's state on one phone screen, in the order it is acted on:
 * what is stuck, money past due, whose it is, the trips of the week. Every line opens its list;
 * the clients themselves are one link away.
 */
export function DirectorDayPage(props: DirectorDayProps) {
  const { tr } = props;
  const stuck = props.stuck.filter((line) => line.total > 0);
  return (
    <Layout {...props} title={tr.t('myday.title')} current="my-day">
      <div class="agency-day">
        <h1>{tr.t('myday.title')}</h1>
        <section class="card day-stuck stuck" aria-labelledby="day-stuck">
          <h2 id="day-stuck">{tr.t('myday.stuck')}</h2>
          {stuck.length === 0 ? (
            <p class="muted">{tr.t('director.nothingStuck')}</p>
          ) : (
            <ul class="day-lines">
              {stuck.map((line) => (
                <li data-line={line.code} class={line.overdue ? 'late' : undefined}>
                  <a href={line.href}>
                    <span class="what">{tr.t(`director.line.${line.code}` as MessageKey)}</span>
                    <span class="n">
                      {line.total}
                      {line.more ? '+' : ''}
                    </span>
                  </a>
                  <span class="detail">
                    {line.overdue
                      ? tr.t('director.overdueOf', { overdue: line.overdue, worst: line.worstDays ?? 0 })
                      : tr.t('director.noneOverdue')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="card day-money" aria-labelledby="day-money">
          <h2 id="day-money">{tr.t('director.money')}</h2>
          <p class="day-total" data-line="money-overdue">
            <a href={props.moneyTotal.href}>
              <span class="what">{tr.t('director.moneyTotal', { n: props.moneyTotal.count })}</span>
              <span class="n">{amountsText(tr, props.moneyTotal.amounts, props.currency)}</span>
            </a>
          </p>
          <ul class="day-lines">
            {props.money.map((line) => (
              <li data-line={line.code} class={line.count ? 'late' : undefined}>
                <a href={line.href}>
                  <span class="what">{tr.t(`director.line.${line.code}` as MessageKey)}</span>
                  <span class="n">
                    {line.count}
                    {line.more ? '+' : ''}
                  </span>
                </a>
                <span class="detail">
                  {line.count ? `${amountsText(tr, line.amounts, props.currency)} · ${tr.t('director.worst', { n: line.worstDays ?? 0 })}` : tr.t('director.noneOverdue')}
                </span>
              </li>
            ))}
          </ul>
        </section>

        <section class="card day-managers" aria-labelledby="day-managers">
          <h2 id="day-managers">{tr.t('director.managers')}</h2>
          {props.managers.length > 0 && (
            <table class="day-people">
              <thead>
                <tr>
                  <th scope="col">{tr.t('report.manager')}</th>
                  <th scope="col" class="num">{tr.t('director.stuck')}</th>
                  <th scope="col" class="num">{tr.t('director.moneyShort')}</th>
                  <th scope="col" class="num">{tr.t('director.tasks')}</th>
                </tr>
              </thead>
              <tbody>
                {props.managers.map((m) => (
                  <tr data-manager={m.managerId === null ? 'none' : String(m.managerId)}>
                    <th scope="row">{m.href ? <a href={m.href}>{m.name}</a> : m.name}</th>
                    <td class="num">{m.href && m.stuck ? <a href={m.href}>{m.stuck}</a> : m.stuck}</td>
                    <td class="num">
                      {m.moneyCount ? (
                        m.href ? <a href={`${m.href}&list=money-overdue`}>{amountsText(tr, m.money, props.currency)}</a> : amountsText(tr, m.money, props.currency)
                      ) : (
                        '—'
                      )}
                    </td>
                    <td class="num">{m.tasksHref && m.openTasks ? <a href={m.tasksHref}>{m.openTasks}</a> : m.openTasks}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {props.clear.length > 0 && <p class="small muted">{tr.t('director.allClear', { names: props.clear.join(', ') })}</p>}
        </section>

        <section class="card day-trips" aria-labelledby="day-trips">
          <h2 id="day-trips">
            <a href="/departures">{tr.t('director.week')}</a>
          </h2>
          {props.trips.length === 0 ? (
            <p class="muted">{tr.t('director.noTrips')}</p>
          ) : (
            <ul class="day-lines trips-week">
              {props.trips.map((trip) => (
                <li data-departure={String(trip.id)}>
                  <a href={`/departures/${trip.id}`}>
                    <span class="what">{trip.title}</span>
                    <span class="n">
                      {trip.seatsBooked}/{trip.seats}
                    </span>
                  </a>
                  <span class="detail">
                    {tr.dateTime(trip.departsAt)} · {tr.t('director.collectedOwed', { collected: tr.money(trip.collectedMinor, trip.currency), owed: tr.money(trip.owedMinor, trip.currency) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <p class="show-all">
          <a class="button secondary" href={props.clientsHref}>
            {tr.t('director.showClients', { n: props.clients })}
          </a>
        </p>
      </div>
    </Layout>
  );
}
