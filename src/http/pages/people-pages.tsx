/** @jsxRuntime automatic @jsxImportSource hono/jsx */
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
import { DomainError } from '../../domain/errors.js';
import { CreateUserInput, createUser, listUsers, requireRole, UpdateUserInput, updateUser } from '../../domain/users/users.js';
import { ContactCardPage, ContactsPage, type CardFormState } from '../../../templates/contacts.js';
import { UsersPage } from '../../../templates/users.js';
import { ReportsPage } from '../../../templates/reports.js';
import { departuresReport, PeriodQuery } from '../../domain/reports/departures-report.js';
import { funnelReport } from '../../domain/reports/funnel.js';
import { DateTime } from 'luxon';
import { actingCtxOf, write, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { frameOf } from './frame.js';
import { formErrors, optional, positiveId, readForm, redirectDone } from './forms.js';

export function peoplePages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/contacts', (c) => {
    const ctx = actingCtxOf(c, deps);
    const query = parseWith(ListContactsQuery, { q: c.req.query('q') || undefined, cursor: c.req.query('cursor') || undefined });
    const page = listContacts(ctx, query);
    return c.html(<ContactsPage {...frameOf(c, deps, 'contacts')} q={query.q ?? ''} contacts={page.items} nextCursor={page.nextCursor} />);
  });

  app.post('/contacts', async (c) => {
    const form = await readForm(c);
    const ctx = actingCtxOf(c, deps);
    try {
      const input = parseWith(CreateContactInput, { name: form.name, phone: optional(form.phone), email: optional(form.email) });
      const contact = await write(deps, () => createContact(ctx, input));
      return redirectDone(c, `/contacts/${contact.id}`, 'contact');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const details = error.details as { existingId?: number; field?: string } | undefined;
      const errors = formErrors(error) ?? { [details?.field ?? 'name']: error.message };
      return c.html(
        <ContactsPage
          {...frameOf(c, deps, 'contacts')}
          q=""
          contacts={listContacts(ctx, { limit: 50 }).items}
          nextCursor={null}
          form={{ values: form, errors, ...(details?.existingId ? { existingId: details.existingId } : {}) }}
        />,
        error.code === 'conflict' ? 409 : 400,
      );
    }
  });

  function renderCard(c: Context<AppEnv>, id: number, form?: CardFormState, status: 200 | 400 | 403 | 409 = 400) {
    const ctx = actingCtxOf(c, deps);
    const card = contactCard(ctx, id);
    const staff = listUsers(ctx);
    const managerName = card.managerId ? (staff.find((u) => u.id === card.managerId)?.name ?? null) : null;
    const managers = staff.filter((u) => u.active && u.role !== 'operator').map((u) => ({ id: u.id, name: u.name }));
    return c.html(<ContactCardPage {...frameOf(c, deps, 'contacts')} card={{ ...card, managerName }} managers={managers} form={form} />, form ? status : 200);
  }

  /** A refused card form: its errors beside its fields, the whole message when it is about no field. */
  const cardRefusal = (error: unknown, which: CardFormState['which'], values: Record<string, string>): { form: CardFormState; status: 400 | 403 | 409 } => {
    if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
    const errors = formErrors(error) ?? { form: error.message };
    const status = error.code === 'forbidden' ? 403 : error.code === 'validation_failed' ? 400 : 409;
    return { form: { which, values, errors }, status };
  };

  app.post('/contacts/:id', async (c) => {
    const id = idParam(c, 'id', 'contact');
    const form = await readForm(c);
    const ctx = actingCtxOf(c, deps);
    try {
      const input = parseWith(UpdateContactInput, {
        name: form.name,
        phone: optional(form.phone) ?? null,
        email: optional(form.email) ?? null,
        locale: optional(form.locale) ?? null,
        notes: optional(form.notes) ?? null,
        tags: (form.tags ?? '').split(',').map((tag) => tag.trim()).filter(Boolean),
      });
      await write(deps, () => updateContact(ctx, id, input));
      return redirectDone(c, `/contacts/${id}`, 'contactSaved');
    } catch (error) {
      const { form: state, status } = cardRefusal(error, 'details', form);
      return renderCard(c, id, state, status);
    }
  });

  app.post('/contacts/:id/transfer', async (c) => {
    const id = idParam(c, 'id', 'contact');
    const form = await readForm(c);
    const ctx = actingCtxOf(c, deps);
    try {
      const input = parseWith(TransferContactInput, { managerId: positiveId(form.managerId) });
      await write(deps, () => transferContact(ctx, id, input));
      return redirectDone(c, `/contacts/${id}`, 'transferred');
    } catch (error) {
      const { form: state, status } = cardRefusal(error, 'transfer', form);
      return renderCard(c, id, state, status);
    }
  });

  app.get('/contacts/:id', (c) => {
    const id = idParam(c, 'id', 'contact');
    return renderCard(c, id);
  });

  app.post('/contacts/:id/communications', async (c) => {
    const id = idParam(c, 'id', 'contact');
    const form = await readForm(c);
    const ctx = actingCtxOf(c, deps);
    try {
      const input = parseWith(RecordCommunicationInput, {
        channel: form.channel,
        summary: form.summary,
        nextContactAt: optional(form.nextContactAt) ?? null,
      });
      await write(deps, () => recordCommunication(ctx, id, input));
      return redirectDone(c, `/contacts/${id}`, 'communication');
    } catch (error) {
      const errors = formErrors(error);
      if (!errors) throw error;
      return renderCard(c, id, { which: 'communication', values: form, errors });
    }
  });

  // Staff accounts: directors only.
  app.use('/users', async (c, next) => {
    requireRole(actingCtxOf(c, deps), 'director');
    await next();
  });
  app.use('/users/*', async (c, next) => {
    requireRole(actingCtxOf(c, deps), 'director');
    await next();
  });

  const renderUsers = (c: Context<AppEnv>, form?: { values: Record<string, string>; errors: Record<string, string> }) =>
    c.html(<UsersPage {...frameOf(c, deps, 'users')} users={listUsers(actingCtxOf(c, deps))} form={form} />, form ? 400 : 200);

  app.get('/users', (c) => renderUsers(c));

  app.post('/users', async (c) => {
    const form = await readForm(c);
    try {
      const input = parseWith(CreateUserInput, { email: form.email, name: form.name, role: form.role, password: form.password });
      await createUser(actingCtxOf(c, deps), input, deps.passwordCost);
      return redirectDone(c, '/users', 'user');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { password: _never, ...kept } = form;
      return renderUsers(c, { values: kept, errors: formErrors(error) ?? { email: error.message } });
    }
  });

  app.post('/users/:id', async (c) => {
    const id = idParam(c, 'id', 'user');
    const form = await readForm(c);
    try {
      const input = parseWith(UpdateUserInput, {
        ...(form.role ? { role: form.role, locale: form.locale || null } : {}),
        ...(form.active ? { active: form.active === 'true' } : {}),
        ...(form.password ? { password: form.password } : {}),
      });
      await updateUser(actingCtxOf(c, deps), id, input, deps.passwordCost);
      return redirectDone(c, '/users', 'user');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      const fields = formErrors(error);
      const message = fields ? Object.values(fields).join('; ') : error.message;
      return c.html(
        <UsersPage {...frameOf(c, deps, 'users')} users={listUsers(actingCtxOf(c, deps))} rowError={{ userId: id, message }} />,
        error.code === 'conflict' ? 409 : 400,
      );
    }
  });


  /** Directors' reports: a period of departures (last month to a year ahead by default: the season) and its funnel. */
  app.get('/reports', (c) => {
    const ctx = actingCtxOf(c, deps);
    requireRole(ctx, 'director');
    const today = DateTime.fromMillis(ctx.now, { zone: ctx.agency.timeZone });
    const query = parseWith(PeriodQuery, {
      from: c.req.query('from') || today.minus({ months: 1 }).startOf('month').toISODate()!,
      to: c.req.query('to') || today.plus({ months: 12 }).endOf('month').toISODate()!,
    });
    const report = departuresReport(ctx, query);
    return c.html(
      <ReportsPage
        {...frameOf(c, deps, 'reports')}
        from={query.from!}
        to={query.to!}
        departures={report.items}
        totals={report.totals}
        funnel={funnelReport(ctx, query)}
      />,
    );
  });

  return app;
}
