/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { DateTime } from 'luxon';
import type { FieldErrors } from '../src/domain/errors.js';
import type { Wishes } from '../src/domain/inquiries/index.js';
import { amountText } from './amount-text.js';
import { CsrfField, Field } from './layout.js';
import type { Tr } from './tr.js';

const day = (tr: Tr, date: string) => tr.date(DateTime.fromISO(date, { zone: tr.zone }).set({ hour: 12 }).toMillis());

/** "Охрид · 01.06–15.06.2027 · 2 души · до 600,00 €": the wishes in one line; empty when none were given. */
export function wishesText(tr: Tr, wishes: Wishes, currency: string): string {
  const parts: string[] = [];
  if (wishes.destination) parts.push(wishes.destination);
  if (wishes.dateFrom || wishes.dateTo) parts.push(`${wishes.dateFrom ? day(tr, wishes.dateFrom) : '…'} – ${wishes.dateTo ? day(tr, wishes.dateTo) : '…'}`);
  if (wishes.people) parts.push(tr.t('wishes.people', { n: wishes.people }));
  if (wishes.budgetMinor !== undefined) parts.push(tr.t('wishes.budgetUpTo', { amount: tr.money(wishes.budgetMinor, currency) }));
  if (wishes.notes) parts.push(wishes.notes);
  return parts.join(' · ');
}

/** The selection tab: where, when, how many, for how much, and anything else the client wants. */
export function WishesForm(props: { tr: Tr; csrf: string; inquiryId: number; wishes: Wishes; currency: string; digits: number; failed?: { errors: FieldErrors; values: Record<string, string> } | undefined }) {
  const { tr, wishes } = props;
  const v = (name: string, fallback: string) => props.failed?.values[name] ?? fallback;
  const e = (name: string) => props.failed?.errors[name];
  return (
    <section class="card" id="wishes">
      <h2>{tr.t('wishes.title')}</h2>
      {wishesText(tr, wishes, props.currency) && <p>{wishesText(tr, wishes, props.currency)}</p>}
      <details open={props.failed ? true : undefined}>
        <summary>{tr.t('wishes.edit')}</summary>
        <form method="post" action={`/inquiries/${props.inquiryId}/wishes`} class="fields">
          <CsrfField csrf={props.csrf} />
          <Field name="destination" label={tr.t('wishes.destination')} value={v('destination', wishes.destination ?? '')} error={e('destination')} />
          <Field name="dateFrom" type="date" label={tr.t('wishes.dateFrom')} value={v('dateFrom', wishes.dateFrom ?? '')} error={e('dateFrom')} />
          <Field name="dateTo" type="date" label={tr.t('wishes.dateTo')} value={v('dateTo', wishes.dateTo ?? '')} error={e('dateTo')} />
          <Field name="people" type="number" inputmode="numeric" label={tr.t('wishes.peopleLabel')} value={v('people', wishes.people ? String(wishes.people) : '')} error={e('people')} />
          <Field
            name="budget"
            inputmode="decimal"
            label={tr.t('wishes.budget', { currency: props.currency })}
            value={v('budget', wishes.budgetMinor !== undefined ? amountText(wishes.budgetMinor, props.digits, tr.locale) : '')}
            error={e('budget')}
          />
          <Field name="notes" label={tr.t('wishes.notes')} value={v('notes', wishes.notes ?? '')} error={e('notes')} />
          <div class="field">
            <button class="small">{tr.t('common.save')}</button>
          </div>
        </form>
      </details>
    </section>
  );
}
