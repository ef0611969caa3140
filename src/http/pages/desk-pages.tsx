/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { contactsByIds, getContact, listContacts } from '../../domain/contacts/index.js';
import type { ActingCtx } from '../../domain/context.js';
import {
  CancelDealInput,
  cancelDeal,
  createDeal,
  CreateDealInput,
  dealView,
  DocumentsInput,
  getDealRow,
  listDeals,
  recordDocuments,
  UpdateDealInput,
  updateDeal,
} from '../../domain/deals/index.js';
import { RecordPaymentInput, recordPayment } from '../../domain/deals/payments.js';
import { listNotifications, queueDueVouchers, queueVoucher } from '../../domain/notifications/index.js';
import { recordToldByPhone } from '../../domain/notifications/departure-notices.js';
import { sendVouchers } from '../api/notifications.js';
import { getDeparture, listDepartures, UpdateDepartureInput } from '../../domain/departures/departures.js';
import { changeDeparture } from '../../domain/departures/reschedule.js';
import { departureMoney } from '../../domain/departures/summary.js';
import { DomainError, invalid } from '../../domain/errors.js';
import { DEAL_STATUSES } from '../../db/schema/deals.js';
import { listUsers } from '../../domain/users/users.js';
import { listWorklist, myDay } from '../../domain/worklists/index.js';
import { reasonText } from '../../i18n/reasons.js';
import type { ActionState } from '../../../templates/deal-actions.js';
import { DealPage } from '../../../templates/deal.js';
import { DeparturesPage } from '../../../templates/departures.js';
import { MyDayPage } from '../../../templates/my-day.js';
import { RosterPage, type RosterProps } from '../../../templates/roster.js';
import { actingCtxOf, write, type AppDeps, type AppEnv } from '../context.js';
import { idParam, parseWith } from '../validate.js';
import { frameOf, localPath } from './frame.js';
import { formErrors, optional, parseMoneyInput, positiveId, readForm, redirectDone, type FormValues } from './forms.js';

type C = Context<AppEnv>;

const staffNames = (ctx: ActingCtx) => listUsers(ctx).map((u) => ({ id: u.id, name: u.name, role: u.role, active: u.active }));
const managersOf = (ctx: ActingCtx) => staffNames(ctx).filter((u) => u.active && u.role !== 'operator');

/** A refusal of an action as words for the form: field errors, or the whole message on one field. */
function actionState(error: unknown, values: FormValues, field: string, rename: Record<string, string> = {}): ActionState {
  const fields = formErrors(error, rename);
  if (fields) return { errors: fields, values };
  if (error instanceof DomainError) return { errors: { [field]: error.message }, values };
  throw error;
}

export function deskPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    const ctx = actingCtxOf(c, deps);
    const frame = frameOf(c, deps, 'my-day');
    const isDirector = ctx.actor.role === 'director';
    const requested = isDirector ? positiveId(c.req.query('managerId')) : undefined;
    const managerId = ctx.actor.role === 'manager' ? ctx.actor.id : requested;
    const result = myDay(ctx, { managerId, limit: 200 });
    const zone = deps.agency.timeZone;
    return c.html(
      <MyDayPage
        {...frame}
        managers={isDirector ? managersOf(ctx) : null}
        managerId={requested}
        entries={result.items.map((item) => ({
          href: item.kind === 'deal' ? `/deals/${item.id}` : `/contacts/${item.contactId}`,
          title: item.contactName,
          subtitle: item.departureTitle,
          reasons: item.reasons.map((r) => reasonText(frame.tr.locale, r.reason, zone)),
          dueAt: item.dueAt,
          urgency: item.urgency,
          priority: item.priority,
        }))}
      />,
    );
  });

  app.get('/departures', (c) => {
    const ctx = actingCtxOf(c, deps);
    const { items } = listDepartures(ctx, { status: 'scheduled', limit: 200 });
    const money = departureMoney(ctx, items.map((d) => d.id));
    return c.html(
      <DeparturesPage
        {...frameOf(c, deps, 'departures')}
        departures={items.map((d) => ({
          ...d,
          contractedMinor: money.get(d.id)!.contractedMinor,
          collectedMinor: money.get(d.id)!.collectedMinor,
          dealsByStatus: money.get(d.id)!.dealsByStatus,
        }))}
      />,
    );
  });

  /** Bookings of a departure nobody has told its time and place yet, with why, in the reader's words. */
  function untold(c: C, departureId: number): Map<number, string> {
    const locale = frameOf(c, deps).tr.locale;
    const items = listWorklist(actingCtxOf(c, deps), 'notify-due', { departureId, limit: 500 }).items;
    return new Map(items.map((item) => [item.id, reasonText(locale, item.reason, deps.agency.timeZone)]));
  }

  function renderRoster(
    c: C,
    departureId: number,
    extra: Partial<Pick<RosterProps, 'failed' | 'schedule'>> & { searchError?: string } = {},
    status: 200 | 400 = 200,
  ) {
    const ctx = actingCtxOf(c, deps);
    const departure = getDeparture(ctx, departureId);
    const statusFilter = (DEAL_STATUSES as readonly string[]).includes(c.req.query('status') ?? '')
      ? (c.req.query('status') as (typeof DEAL_STATUSES)[number])
      : undefined;
    const managerId = positiveId(c.req.query('managerId'));
    const deals = listDeals(ctx, { departureId, status: statusFilter, managerId, limit: 500 }).items;
    const contactById = contactsByIds(ctx, deals.map((d) => d.contactId));
    const staff = new Map(staffNames(ctx).map((u) => [u.id, u.name]));
    const q = (c.req.query('q') ?? '').trim();
    const money = departureMoney(ctx, [departureId]).get(departureId)!;
    const notices = untold(c, departureId);
    return c.html(
      <RosterPage
        {...frameOf(c, deps, 'departures')}
        departure={{ ...departure, departsAt: departure.departsAt }}
        counts={money.dealsByStatus}
        status={statusFilter}
        managers={managersOf(ctx)}
        managerId={managerId}
        failed={extra.failed}
        schedule={extra.schedule}
        search={{
          q,
          results: q ? listContacts(ctx, { q, limit: 10 }).items : null,
          error: extra.searchError,
        }}
        rows={deals.map((d) => ({
          id: d.id,
          contactId: d.contactId,
          contactName: contactById.get(d.contactId)?.name ?? '',
          contactPhone: contactById.get(d.contactId)?.phone ?? null,
          travellers: d.travellers.map((t) => t.name),
          seats: d.seats,
          status: d.status,
          priceMinor: d.priceMinor,
          paidMinor: d.paidMinor,
          balanceMinor: d.balanceMinor,
          refundDueMinor: d.refundDueMinor,
          currency: d.currency,
          managerName: d.managerId ? (staff.get(d.managerId) ?? null) : null,
          documentsSent: !!d.documentsSentAt,
          documentsReceived: !!d.documentsReceivedAt,
          untold: notices.get(d.id) ?? null,
        }))}
      />,
      status,
    );
  }

  app.get('/departures/:id', (c) => {
    const id = idParam(c, 'id', 'departure');
    return renderRoster(c, id);
  });

  /** A new time or meeting point: travellers already told get a correction from the notifier. */
  app.post('/departures/:id/schedule', async (c) => {
    const departureId = idParam(c, 'id', 'departure');
    const form = await readForm(c);
    const ctx = actingCtxOf(c, deps);
    try {
      const input = parseWith(UpdateDepartureInput, { departsAt: form.departsAt, meetingPoint: form.meetingPoint });
      await write(deps, () => changeDeparture(ctx, departureId, input));
      return redirectDone(c, `/departures/${departureId}`, 'rescheduled');
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') throw error;
      return renderRoster(c, departureId, { schedule: actionState(error, form, 'departsAt') }, 400);
    }
  });

  app.post('/departures/:id/bookings', async (c) => {
    const departureId = idParam(c, 'id', 'departure');
    const form = await readForm(c);
    const ctx = actingCtxOf(c, deps);
    try {
      const input = parseWith(CreateDealInput, { departureId, contactId: positiveId(form.contactId), seats: Number(form.seats) });
      const dealId = await write(deps, () => createDeal(ctx, input));
      return redirectDone(c, `/deals/${dealId}`, 'booked');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      const fields = formErrors(error);
      return renderRoster(c, departureId, { searchError: fields ? Object.values(fields).join('; ') : error.message }, 400);
    }
  });

  function renderDeal(c: C, dealId: number, failed?: { action: 'payment' | 'cancel' | 'travellers'; state: ActionState }, status: 200 | 400 = 200) {
    const ctx = actingCtxOf(c, deps);
    const deal = dealView(ctx, dealId);
    const departure = getDeparture(ctx, deal.departureId);
    const contact = getContact(ctx, deal.contactId);
    const mails = listNotifications(ctx, { dealId, limit: 50 }).items;
    const untoldReason = untold(c, deal.departureId).get(dealId) ?? null;
    return c.html(
      <DealPage {...frameOf(c, deps)} deal={deal} departure={departure} contact={contact} mails={mails} failed={failed} untold={untoldReason} />,
      status,
    );
  }

  app.get('/deals/:id', (c) => {
    const id = idParam(c, 'id', 'deal');
    return renderDeal(c, id);
  });

  /** A deal action's refusal goes back to the page it came from, beside its form. */
  function refused(c: C, dealId: number, back: string, action: 'payment' | 'cancel', state: ActionState) {
    if (back.startsWith('/departures/')) {
      const departureId = getDealRow(actingCtxOf(c, deps), dealId).departureId;
      return renderRoster(c, departureId, { failed: { dealId, action, state } }, 400);
    }
    return renderDeal(c, dealId, { action, state }, 400);
  }

  app.post('/deals/:id/documents', async (c) => {
    const dealId = idParam(c, 'id', 'deal');
    const form = await readForm(c);
    const input = parseWith(DocumentsInput, { state: form.state });
    const ctx = actingCtxOf(c, deps);
    await write(deps, () => recordDocuments(ctx, dealId, input));
    return redirectDone(c, localPath(form.back, `/deals/${dealId}`), 'documents');
  });

  app.post('/deals/:id/payments', async (c) => {
    const dealId = idParam(c, 'id', 'deal');
    const form = await readForm(c);
    const back = localPath(form.back, `/deals/${dealId}`);
    const ctx = actingCtxOf(c, deps);
    try {
      const amountMinor = parseMoneyInput(form.amount);
      if (amountMinor === null) throw invalid({ amountMinor: frameOf(c, deps).tr.t('error.amount') });
      const input = parseWith(RecordPaymentInput, { amountMinor, method: form.method, kind: form.kind ?? 'payment' });
      await write(deps, () => recordPayment(ctx, dealId, input, optional(form.idempotencyKey)));
      return redirectDone(c, back, 'payment');
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') throw error;
      return refused(c, dealId, back, 'payment', actionState(error, form, 'amount', { amountMinor: 'amount' }));
    }
  });

  app.post('/deals/:id/cancel', async (c) => {
    const dealId = idParam(c, 'id', 'deal');
    const form = await readForm(c);
    const back = localPath(form.back, `/deals/${dealId}`);
    const ctx = actingCtxOf(c, deps);
    try {
      const input = parseWith(CancelDealInput, { reason: form.reason });
      await write(deps, () => cancelDeal(ctx, dealId, input));
      return redirectDone(c, back, 'cancelled');
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') throw error;
      return refused(c, dealId, back, 'cancel', actionState(error, form, 'reason'));
    }
  });

  app.post('/deals/:id/voucher', async (c) => {
    const dealId = idParam(c, 'id', 'deal');
    await readForm(c);
    const ctx = actingCtxOf(c, deps);
    const [row] = await sendVouchers(c, deps, () => [queueVoucher(ctx, dealId)]);
    return redirectDone(c, `/deals/${dealId}`, row!.status === 'no_address' ? 'no_address' : 'voucher');
  });

  app.post('/deals/:id/told-by-phone', async (c) => {
    const dealId = idParam(c, 'id', 'deal');
    const form = await readForm(c);
    const ctx = actingCtxOf(c, deps);
    await write(deps, () => recordToldByPhone(ctx, dealId));
    return redirectDone(c, localPath(form.back, `/deals/${dealId}`), 'toldByPhone');
  });

  app.post('/departures/:id/vouchers', async (c) => {
    const departureId = idParam(c, 'id', 'departure');
    await readForm(c);
    const ctx = actingCtxOf(c, deps);
    const rows = await sendVouchers(c, deps, () => queueDueVouchers(ctx, departureId));
    return redirectDone(c, `/departures/${departureId}`, 'vouchers', { count: String(rows.length) });
  });

  app.post('/deals/:id/travellers', async (c) => {
    const dealId = idParam(c, 'id', 'deal');
    const form = await readForm(c);
    const ctx = actingCtxOf(c, deps);
    const seats = getDealRow(ctx, dealId).seats;
    const travellers = Array.from({ length: seats }, (_, i) => ({
      name: form[`name${i}`] ?? '',
      birthDate: optional(form[`birthDate${i}`]) ?? null,
      documentNumber: optional(form[`documentNumber${i}`]) ?? null,
    })).filter((t) => t.name.trim() || t.birthDate || t.documentNumber);
    try {
      const input = parseWith(UpdateDealInput, { travellers });
      await write(deps, () => updateDeal(ctx, dealId, input));
      return redirectDone(c, `/deals/${dealId}`, 'travellers');
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') throw error;
      return renderDeal(c, dealId, { action: 'travellers', state: actionState(error, form, 'travellers') }, 400);
    }
  });

  return app;
}
