/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { atomically } from '../../db/transaction.js';
import { Hono, type Context } from 'hono';
import { contactCard } from '../../domain/contacts/card.js';
import {
  CreateContactInput,
  createContact,
  ListContactsQuery,
  listContacts,
  RecordCommunicationInput,
  recordCommunication,
  TransferContactInput,
  transferContact,
  UpdateContactInput,
  updateContact,
} from '../../domain/contacts/index.js';
import { CreateUserInput, createUser, listUsers, requireRole, UpdateUserInput, updateUser } from '../../domain/users/users.js';
import { DEFAULT_CHANNELS, effectiveChannels } from '../../domain/notifications/channels.js';
import type { Agency } from '../../domain/context.js';
import { ContactCardPage, ContactsPage, type CardFormState } from '../../../templates/contacts.js';
import { STAGES } from '../../domain/contacts/index.js';
import { feedbackOfContact } from '../../domain/aftercare/index.js';
import { listTasks } from '../../domain/tasks/index.js';
import { UsersPage } from '../../../templates/users.js';
import { ReportsPage } from '../../../templates/reports.js';
import { waitlistOfContact } from '../../domain/waitlist/index.js';
import { revenueByCategoryOfMany } from '../../domain/reports/departures-report.js';
import { departuresReport, PeriodQuery } from '../../domain/reports/departures-report.js';
import { funnelReport } from '../../domain/reports/funnel.js';
import { extrasRevenueOfMany } from '../../domain/reports/extras-revenue.js';
import { DateTime } from 'luxon';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { frameOf, localPath } from './frame.js';
import { formAction, type Refusal } from './form-action.js';
import { optional, positiveId } from './forms.js';

/**
 * The forms name the client's channels in three choices; a form without them leaves them as
 * they are. The default order chosen as it is stays the default (null), so the client follows
 * the agency's channels as they change.
 */
/** A refused channel is shown beside the three choices. */
const CHANNEL_FIELDS = { 'channels.0': 'channels', 'channels.1': 'channels', 'channels.2': 'channels' };

function channelsFromForm(form: Record<string, string>, agency: Agency) {
  if (!('channel1' in form)) return {};
  const chosen = [form.channel1, form.channel2, form.channel3].filter((channel): channel is string => Boolean(channel));
  const usual = effectiveChannels(agency, { email: optional(form.email) ?? null, phone: optional(form.phone) ?? null, channels: null, telegramChatId: null });
  return { channels: chosen.join(',') === usual.join(',') || chosen.join(',') === DEFAULT_CHANNELS.join(',') ? null : chosen };
}

export function peoplePages(deps: AppDeps) {
  /** The channels the agency has besides e-mail, offered in the forms. */
  const agencyChannels = [...(deps.agency.sms ? ['sms'] : []), ...(deps.agency.telegram ? ['telegram'] : [])];
  const app = new Hono<AppEnv>();

  app.get('/contacts', async (c) => {
    const ctx = actingCtxOf(c, deps);
    const stage = (STAGES as readonly string[]).includes(c.req.query('stage') ?? '') ? c.req.query('stage') : undefined;
    const query = parseWith(ListContactsQuery, { q: c.req.query('q') || undefined, cursor: c.req.query('cursor') || undefined, stage });
    const page = await listContacts(ctx, query);
    return c.html(<ContactsPage {...frameOf(c, deps, 'contacts')} q={query.q ?? ''} stage={query.stage} contacts={page.items} nextCursor={page.nextCursor} agencyChannels={agencyChannels} />);
  });

  app.post(
    '/contacts',
    formAction(deps, {
      once: { kind: 'client' },
      field: 'name',
      run: async (ctx, form) => {
        const input = parseWith(CreateContactInput, {
          name: form.name,
          phone: optional(form.phone),
          email: optional(form.email),
          locale: optional(form.locale),
          birthDate: optional(form.birthDate),
          marketingOptIn: form.marketingOptIn === 'on',
          ...channelsFromForm(form, deps.agency),
        });
        return await atomically(ctx, async (ctx) => await createContact(ctx, input));
      },
      done: (contact) => ({ to: `/contacts/${contact.id}`, code: 'contact' }),
      rename: CHANNEL_FIELDS,
      refused: async (c, r) => {
        const details = r.error.details as { existingId?: number; field?: string } | undefined;
        // A duplicate is refused at the field that matched, in the reader's words.
        const errors = r.error.code === 'validation_failed' ? r.errors : { [details?.field ?? 'name']: r.errors.name ?? r.error.message };
        return c.html(
          <ContactsPage
            {...frameOf(c, deps, 'contacts')}
            q=""
            contacts={(await listContacts(actingCtxOf(c, deps), { limit: 50 })).items}
            nextCursor={null}
            agencyChannels={agencyChannels}
            form={{ values: r.values, errors, ...(details?.existingId ? { existingId: details.existingId } : {}) }}
          />,
          r.error.code === 'conflict' ? 409 : 400,
        );
      },
    }),
  );

  async function renderCard(c: Context<AppEnv>, id: number, form?: CardFormState, status: 200 | 400 | 403 | 409 = 400) {
    const ctx = actingCtxOf(c, deps);
    const card = await contactCard(ctx, id);
    const staff = await listUsers(ctx);
    const managerName = card.managerId ? (staff.find((u) => u.id === card.managerId)?.name ?? null) : null;
    const managers = staff.filter((u) => u.active && u.role !== 'operator').map((u) => ({ id: u.id, name: u.name }));
    return c.html(
      <ContactCardPage
        {...frameOf(c, deps, 'contacts')}
        card={{ ...card, managerName }}
        agencyChannels={agencyChannels}
        managers={managers}
        form={form}
        waiting={await waitlistOfContact(ctx, card.id)}
        feedback={await feedbackOfContact(ctx, card.id)}
        tasks={(await listTasks(ctx, { contactId: card.id, status: 'open', limit: 50 })).items}
        now={ctx.now}
      />,
      form ? status : 200,
    );
  }

  const contactOf = (c: Context<AppEnv>) => idParam(c, 'id', 'contact');
  /** A refused card form: its errors beside its fields, the whole message when it is about no field. */
  const cardRefused = (which: CardFormState['which']) => async (c: Context<AppEnv>, r: Refusal) =>
    await renderCard(c, contactOf(c), { which, values: r.values, errors: r.errors }, r.status === 403 || r.status === 409 ? r.status : 400);

  app.post(
    '/contacts/:id',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const input = parseWith(UpdateContactInput, {
          name: form.name,
          phone: optional(form.phone) ?? null,
          email: optional(form.email) ?? null,
          locale: optional(form.locale) ?? null,
          notes: optional(form.notes) ?? null,
          tags: (form.tags ?? '').split(',').map((tag) => tag.trim()).filter(Boolean),
          birthDate: optional(form.birthDate) ?? null,
          marketingOptIn: form.marketingOptIn === 'on',
          ...channelsFromForm(form, deps.agency),
        });
        return await atomically(ctx, async (ctx) => await updateContact(ctx, contactOf(c), input));
      },
      done: (_, __, c) => ({ to: `/contacts/${contactOf(c)}`, code: 'contactSaved' }),
      refused: cardRefused('details'),
      rename: CHANNEL_FIELDS,
    }),
  );

  app.post(
    '/contacts/:id/transfer',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const input = parseWith(TransferContactInput, { managerId: positiveId(form.managerId) });
        return await atomically(ctx, async (ctx) => await transferContact(ctx, contactOf(c), input));
      },
      done: (_, __, c) => ({ to: `/contacts/${contactOf(c)}`, code: 'transferred' }),
      refused: cardRefused('transfer'),
    }),
  );

  app.get('/contacts/:id', async (c) => {
    const id = idParam(c, 'id', 'contact');
    return await renderCard(c, id);
  });

  app.post(
    '/contacts/:id/communications',
    formAction(deps, {
      once: { kind: 'communication' },
      run: async (ctx, form, c) => {
        const input = parseWith(RecordCommunicationInput, {
          channel: form.channel,
          summary: form.summary,
          nextContactAt: optional(form.nextContactAt) ?? null,
        });
        return await atomically(ctx, async (ctx) => await recordCommunication(ctx, contactOf(c), input));
      },
      // Logged from my day, it goes back there.
      done: (_, form, c) => ({ to: localPath(form.back, `/contacts/${contactOf(c)}`), code: 'communication' }),
      link: (_, __, c) => `/contacts/${contactOf(c)}`,
      refused: async (c, r) => {
        // Only a field's mistake is the form's to show; anything else is the error page's.
        if (r.error.code !== 'validation_failed') throw r.error;
        return await renderCard(c, contactOf(c), { which: 'communication', values: r.values, errors: r.errors });
      },
    }),
  );

  // Staff accounts: directors only.
  app.use('/users', async (c, next) => {
    requireRole(actingCtxOf(c, deps), 'director');
    await next();
  });
  app.use('/users/*', async (c, next) => {
    requireRole(actingCtxOf(c, deps), 'director');
    await next();
  });

  const renderUsers = async (c: Context<AppEnv>, form?: { values: Record<string, string>; errors: Record<string, string> }) =>
    c.html(<UsersPage {...frameOf(c, deps, 'users')} users={await listUsers(actingCtxOf(c, deps))} form={form} />, form ? 400 : 200);

  app.get('/users', async (c) => await renderUsers(c));

  app.post(
    '/users',
    formAction(deps, {
      // A second account with the same e-mail is refused by itself: no question about the same values.
      once: { kind: 'user', sameValues: false },
      field: 'email',
      run: async (ctx, form) => {
        const input = parseWith(CreateUserInput, { email: form.email, name: form.name, role: form.role, password: form.password });
        // The account is written through ctx (commit), so the form's token is kept with it.
        return await createUser(ctx, input, deps.passwordCost);
      },
      done: () => ({ to: '/users', code: 'user' }),
      refused: async (c, r) => {
        const { password: _never, ...kept } = r.values;
        return await renderUsers(c, { values: kept, errors: r.errors });
      },
    }),
  );

  app.post(
    '/users/:id',
    formAction(deps, {
      run: async (ctx, form, c) => {
        const input = parseWith(UpdateUserInput, {
          ...(form.role ? { role: form.role, locale: form.locale || null } : {}),
          ...(form.active ? { active: form.active === 'true' } : {}),
          ...(form.password ? { password: form.password } : {}),
        });
        return await updateUser(ctx, idParam(c, 'id', 'user'), input, deps.passwordCost);
      },
      done: () => ({ to: '/users', code: 'user' }),
      refused: async (c, r) =>
        c.html(
          <UsersPage {...frameOf(c, deps, 'users')} users={await listUsers(actingCtxOf(c, deps))} rowError={{ userId: idParam(c, 'id', 'user'), message: Object.values(r.errors).join('; ') }} />,
          r.error.code === 'conflict' ? 409 : 400,
        ),
    }),
  );

  /** Directors' reports: a period of departures (last month to a year ahead by default: the season) and its funnel. */
  app.get('/reports', async (c) => {
    const ctx = actingCtxOf(c, deps);
    requireRole(ctx, 'director');
    const today = DateTime.fromMillis(ctx.now, { zone: ctx.agency.timeZone });
    const query = parseWith(PeriodQuery, {
      from: c.req.query('from') || today.minus({ months: 1 }).startOf('month').toISODate()!,
      to: c.req.query('to') || today.plus({ months: 12 }).endOf('month').toISODate()!,
    });
    const report = await departuresReport(ctx, query);
    return c.html(
      <ReportsPage
        {...frameOf(c, deps, 'reports')}
        from={query.from!}
        to={query.to!}
        departures={report.items}
        totals={report.totals}
        categories={await revenueByCategoryOfMany(ctx, report.items)}
        extras={await extrasRevenueOfMany(ctx, report.items)}
        funnel={await funnelReport(ctx, query)}
      />,
    );
  });

  return app;
}
