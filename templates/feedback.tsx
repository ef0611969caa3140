/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FeedbackEntry, Rating } from '../src/domain/aftercare/index.js';
import type { Tr } from './tr.js';

/** Stars as text (★★★★☆), with the number for screen readers and for anyone counting. */
export const Stars = ({ tr, rating }: { tr: Tr; rating: number }) => (
  <span class="stars" role="img" aria-label={tr.t('feedback.stars', { n: rating })}>
    {'★'.repeat(Math.round(rating))}
    {'☆'.repeat(5 - Math.round(rating))}
  </span>
);

/** What the travellers said after the trip: on the departure (who said it) or on the card (which trip). */
export function FeedbackSection(props: { tr: Tr; entries: FeedbackEntry[]; rating?: Rating | undefined; by: 'client' | 'trip' }) {
  const { tr } = props;
  if (props.entries.length === 0) return null;
  return (
    <section class="card" id="feedback">
      <h2>
        {tr.t('feedback.title')}{' '}
        {props.rating && props.rating.average !== null && (
          <span class="small">
            <Stars tr={tr} rating={props.rating.average} /> {tr.t('feedback.average', { average: props.rating.average, count: props.rating.count })}
          </span>
        )}
      </h2>
      <ul class="plain">
        {props.entries.map((entry) => (
          <li data-feedback={String(entry.id)}>
            <Stars tr={tr} rating={entry.rating} />{' '}
            {props.by === 'client' ? <a href={`/contacts/${entry.contactId}`}>{entry.contactName}</a> : <a href={`/departures/${entry.departureId}`}>{entry.departureTitle}</a>}
            <span class="muted small"> · {tr.date(entry.createdAt)}</span>
            {entry.comment && <div class="small">{entry.comment}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
