/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { JoinWaitlistInput, joinWaitlist, waitlistOfContact } from '../../domain/waitlist/index.js';
import { invalid } from '../../domain/errors.js';
import { Hono, type Context } from 'hono';
import { peopleInMessage } from '../../domain/inquiries/people.js';
import { findByIdentity, identityOf } from '../../domain/contacts/index.js';
import { listDepartures } from '../../domain/departures/departures.js';
import { DomainError } from '../../domain/errors.js';
import { inquiryBoard } from '../../domain/inquiries/board.js';
import {
  BookInquiryInput,
  bookInquiry,
  CreateInquiryInput,
  inquiryView,
  MoveInquiryInput,
  moveInquiry,
  openInquiryOf,
  takeInquiry,
  tripsForWishes,
  UpdateInquiryInput,
  updateWishes,
} from '../../domain/inquiries/index.js';
import { currencyDigits } from '../../domain/money.js';
import { InquiriesBoardPage, InquiryPage, type InquiryPageProps, type IntakeFormState } from '../../../templates/inquiries.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { frameOf } from './frame.js';
import { formAction, refusalOf, type Refusal } from './form-action.js';
import { formOnce } from './form-once.js';
import { optional, parseMoneyInput, positiveId, readForm, redirectDone } from './forms.js';
import { whoseWork } from '../../domain/worklists/index.js';

/** The inquiry page answers a refusal as forbidden, a field to correct, or a conflict. */
const pageStatus = (r: Refusal) => (r.status === 403 ? 403 : r.status === 400 ? 400 : 409);

type C = Context<AppEnv>;

export function inquiryPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function renderBoard(c: C, intake?: IntakeFormState, status: 200 | 400 = 200) {
    const ctx = actingCtxOf(c, deps);
    // A manager sees their own leads; operators and directors the agency's.
    const columns = await inquiryBoard(ctx, whoseWork(ctx, undefined));
    return c.html(<InquiriesBoardPage {...frameOf(c, deps, 'inquiries')} columns={columns} currency={deps.agency.currency} intake={intake} />, status);
  }

  app.get('/inquiries', async (c) => await renderBoard(c));

  /** Saves a phone or desk inquiry; the same person's open inquiry is named before anything is added to it. */
  app.post('/inquiries', async (c) => {
    const form = await readForm(c);
    const saved = (result: unknown) => {
      const { inquiry, merged } = result as { inquiry: { id: number }; merged: boolean };
      return { to: `/inquiries/${inquiry.id}`, code: merged ? 'merged' : 'inquiry', link: `/inquiries/${inquiry.id}` };
    };
    const once = formOnce(c, deps, form, { kind: 'inquiry' }, saved);
    const before = await once.sentBefore();
    if (before) return before;
    const ctx = once.ctx;
    try {
      const input = parseWith(CreateInquiryInput, {
        name: form.name,
        phone: optional(form.phone),
        email: optional(form.email),
        message: optional(form.message),
        source: optional(form.source),
      });
      if (form.confirmed !== '1') {
        const existing = await findByIdentity(ctx, identityOf(ctx, input));
        const open = existing ? await openInquiryOf(ctx, existing.id) : undefined;
        if (existing && open) {
          // A question, not a refusal: the page asks to confirm.
          return await renderBoard(c, { values: form, duplicate: { inquiryId: open.id, contactId: existing.id, contactName: existing.name } });
        }
      }
      const result = await atomically(ctx, async (ctx) => await takeInquiry(ctx, input));
      once.assertSealed();
      const { to, code } = saved(result);
      return redirectDone(c, to, code);
    } catch (error) {
      const answer = once.answer(error);
      if (answer) return answer;
      if (!(error instanceof DomainError)) throw error;
      return await renderBoard(c, { values: form, errors: refusalOf(error, form, frameOf(c, deps).tr.locale, 'name').errors }, 400);
    }
  });

  async function renderInquiry(c: C, id: number, failed?: InquiryPageProps['failed'], status: 200 | 400 | 403 | 409 = 200) {
    const ctx = actingCtxOf(c, deps);
    const view = await inquiryView(ctx, id);
    // The trips in the order the client's wishes rank them, the best one chosen.
    const ranked = tripsForWishes(view.wishes, (await listDepartures(ctx, { status: 'scheduled', limit: 200 })).items);
    const departures = ranked.trips.map((d) => ({ id: d.id, title: d.title, departsAt: d.departsAt, seatsLeft: d.seatsLeft }));
    // The booking form's seats: the wishes' people, else what the latest message says ("Охрид за двама"), else 1.
    const people = view.wishes.people ?? view.history.map((h) => peopleInMessage(h.message)).filter((n) => n !== null).at(-1) ?? 1;
    const waiting = await waitlistOfContact(ctx, view.contact.id);
    return c.html(
      <InquiryPage
        {...frameOf(c, deps, 'inquiries')}
        inquiry={view}
        departures={departures}
        preselected={ranked.preselected}
        currency={deps.agency.currency}
        digits={currencyDigits(deps.agency.currency)}
        people={people}
        failed={failed}
        waiting={waiting}
      />,
      status,
    );
  }

  app.get('/inquiries/:id', async (c) => await renderInquiry(c, idParam(c, 'id', 'inquiry')));

  const inquiryOf = (c: C) => idParam(c, 'id', 'inquiry');

  app.post(
    '/inquiries/:id/status',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const input = parseWith(MoveInquiryInput, {
          status: form.status,
          reason: optional(form.reason),
          decisionDate: optional(form.decisionDate),
          note: optional(form.note),
        });
        return await atomically(ctx, async (ctx) => await moveInquiry(ctx, inquiryOf(c), input));
      },
      done: (_, __, c) => ({ to: `/inquiries/${inquiryOf(c)}`, code: 'moved' }),
      refused: async (c, r) => await renderInquiry(c, inquiryOf(c), { action: 'move', errors: r.errors, values: r.values }, pageStatus(r)),
    }),
  );

  app.post(
    '/inquiries/:id/book',
    formAction(deps, {
      once: { kind: 'booking' },
      run: async (ctx, form, c) => {
        const input = parseWith(BookInquiryInput, { departureId: positiveId(form.departureId), seats: Number(form.seats) });
        return await atomically(ctx, async (ctx) => await bookInquiry(ctx, inquiryOf(c), input));
      },
      done: ({ deal }) => ({ to: `/deals/${deal.id}`, code: 'inquiryBooked' }),
      refused: async (c, r) => await renderInquiry(c, inquiryOf(c), { action: 'book', errors: r.errors, values: r.values }, pageStatus(r)),
    }),
  );

  app.post(
    '/inquiries/:id/wishes',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const digits = currencyDigits(deps.agency.currency);
        const budget = optional(form.budget);
        const budgetMinor = budget === undefined ? null : parseMoneyInput(budget, digits);
        if (budget !== undefined && budgetMinor === null) throw invalid({ budget: frameOf(c, deps).tr.t('error.amount') });
        const people = optional(form.people);
        const input = parseWith(UpdateInquiryInput, {
          wishes: {
            destination: optional(form.destination) ?? null,
            dateFrom: optional(form.dateFrom) ?? null,
            dateTo: optional(form.dateTo) ?? null,
            people: people === undefined ? null : /^\d+$/.test(people) ? Number(people) : people,
            budgetMinor,
            notes: optional(form.notes) ?? null,
          },
        });
        return await atomically(ctx, async (ctx) => await updateWishes(ctx, inquiryOf(c), input));
      },
      done: (_, __, c) => ({ to: `/inquiries/${inquiryOf(c)}#wishes`, code: 'wishesSaved' }),
      rename: { 'wishes.destination': 'destination', 'wishes.dateFrom': 'dateFrom', 'wishes.dateTo': 'dateTo', 'wishes.people': 'people', 'wishes.budgetMinor': 'budget', 'wishes.notes': 'notes' },
      refused: async (c, r) => await renderInquiry(c, inquiryOf(c), { action: 'wishes', errors: r.errors, values: r.values }, pageStatus(r)),
    }),
  );

  /** The trip is full for them: the client waits for seats, the inquiry's latest words as the note. */
  app.post(
    '/inquiries/:id/waitlist',
    formAction(deps, {
      once: { kind: 'waitlist' },
      field: 'departureId',
      run: async (ctx, form, c) => {
        const view = await inquiryView(ctx, inquiryOf(c));
        const note = view.history.map((h) => h.message).filter((m): m is string => !!m).at(-1)?.slice(0, 1000);
        const input = parseWith(JoinWaitlistInput, { contactId: view.contact.id, seats: Number(form.seats), note: note ?? null });
        const departureId = positiveId(form.departureId);
        if (departureId === undefined) throw invalid({ departureId: 'must be an id (a positive whole number)' });
        return await atomically(ctx, async (ctx) => await joinWaitlist(ctx, departureId, input));
      },
      done: (_, __, c) => ({ to: `/inquiries/${inquiryOf(c)}`, code: 'waitlisted' }),
      refused: async (c, r) => await renderInquiry(c, inquiryOf(c), { action: 'book', errors: r.errors, values: r.values }, pageStatus(r)),
    }),
  );

  return app;
}
