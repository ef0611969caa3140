/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Urgency } from '../src/domain/worklists/priority.js';
import { Layout, ManagerFilter, type PageFrame } from './layout.js';

export interface MyDayEntry {
  href: string;
  title: string;
  subtitle: string | null;
  reasons: string[];
  dueAt: number;
  urgency: Urgency;
  priority: number;
}

export function MyDayPage(
  props: PageFrame & {
    entries: MyDayEntry[];
    managers: { id: number; name: string }[] | null;
    managerId: number | undefined;
  },
) {
  const { tr } = props;
  const groups: Urgency[] = ['urgent', 'today', 'later'];
  return (
    <Layout {...props} title={tr.t('myday.title')} current="my-day">
      <h1>{tr.t('myday.title')}</h1>
      {props.managers && (
        <ManagerFilter tr={tr} action="/" managers={props.managers} managerId={props.managerId} className="inline card" />
      )}
      {props.entries.length === 0 ? (
        <p class="card muted">{tr.t('myday.empty')}</p>
      ) : (
        <p class="muted">{tr.t('myday.count', { count: props.entries.length })}</p>
      )}
      {groups.map((urgency) => {
        const entries = props.entries.filter((e) => e.urgency === urgency);
        if (entries.length === 0) return null;
        return (
          <section class="group">
            <h2>
              <span class={`badge ${urgency}`}>{tr.t(`urgency.${urgency}`)}</span>
              <span class="muted small">{entries.length}</span>
            </h2>
            <ul class="work">
              {entries.map((entry) => (
                <li class={urgency}>
                  <a class="title" href={entry.href}>
                    {entry.title}
                  </a>
                  {entry.subtitle && <span class="muted"> · {entry.subtitle}</span>}
                  <span class="muted small"> · {tr.t('common.due', { date: tr.dateTime(entry.dueAt) })}</span>
                  <ul class="reasons">
                    {entry.reasons.map((reason) => (
                      <li>{reason}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}
