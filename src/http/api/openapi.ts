/**
 * The API described for integrators (OpenAPI 3.1), built from the same zod schemas the routes
 * validate requests with: a body or query the code changes is changed here too. A test holds
 * this list and the routes the app registers to each other, both ways.
 */
import { z } from 'zod';
import { FeedbackInput } from '../../domain/aftercare/index.js';
import { BoardingInput } from '../../domain/boarding/index.js';
import { CreateCampaignInput, GreetingsInput, ListCampaignsQuery, SegmentInput, UpdateCampaignInput } from '../../domain/campaigns/index.js';
import { CreateContactInput, ListContactsQuery, RecordCommunicationInput, TransferContactInput, UpdateContactInput } from '../../domain/contacts/index.js';
import { CancelDealInput, CreateDealInput, DocumentsInput, ListDealsQuery, MoveVehicleInput, UpdateDealInput } from '../../domain/deals/index.js';
import { RecordPaymentInput, ReversePaymentInput } from '../../domain/deals/payments.js';
import { CopyDepartureInput, CreateDepartureInput, ListDeparturesQuery, UpdateDepartureInput } from '../../domain/departures/departures.js';
import { BookInquiryInput, CreateInquiryInput, ListInquiriesQuery, MoveInquiryInput, UpdateInquiryInput } from '../../domain/inquiries/index.js';
import { ListNotificationsQuery } from '../../domain/notifications/index.js';
import { SeatingQuery, SeatMovesInput } from '../../domain/seating/index.js';
import { BusQuery } from '../../domain/departures/manifest.js';
import { CompleteTaskInput, CreateTaskInput, ListTasksQuery, PlanInput, UpdateTaskInput } from '../../domain/tasks/index.js';
import { SignInInput } from '../../domain/users/sessions.js';
import { CreateUserInput, UpdateUserInput } from '../../domain/users/users.js';
import { BookWaitlistInput, JoinWaitlistInput } from '../../domain/waitlist/index.js';
import { WorklistQuery } from '../../domain/worklists/index.js';
import { ReportQuery } from './reports.js';
import { CreateWebhookInput } from '../../domain/webhooks/index.js';
import { ImportQuery } from '../../domain/imports/index.js';
import { ClientTravellersInput, OnlineBookingInput, OnlineWaitlistInput } from '../../domain/online/index.js';
import { CheckoutInput } from './online.js';
import { LedgerQuery } from '../../domain/ledger/index.js';
import { AssignBankEntryInput, BankImportQuery } from '../../domain/bank-statements/index.js';
import { RoomingInput } from '../../domain/rooming/index.js';
import { RoomingDocumentQuery } from './rooming.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type Access = 'staff' | 'public' | 'calendar';

interface Operation {
  method: Method;
  /** As hono writes it under /api/v1: `:id` for a path parameter. */
  path: string;
  tag: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  access?: Access;
  /** What the answer is, when it is not JSON. */
  produces?: string;
  /** The success status, when it is not 200. */
  status?: number;
  /** The body is a file: multipart field `file`, or the file itself. */
  upload?: boolean;
}

const op = (method: Method, path: string, tag: string, summary: string, more: Partial<Operation> = {}): Operation => ({ method, path, tag, summary, ...more });

/** Every route of the API, in the order a reader meets them. */
export const OPERATIONS: Operation[] = [
  op('post', '/session', 'session', 'Sign in: a bearer token and the user', { body: SignInInput, access: 'public' }),
  op('get', '/session', 'session', 'The signed-in user, with the private calendar address'),
  op('delete', '/session', 'session', 'Sign out', { status: 204 }),
  op('post', '/session/calendar-token', 'session', 'A new private calendar address; the old one stops'),
  op('get', '/calendar.ics', 'session', "The person's trips and open tasks as iCalendar", { query: z.object({ token: z.string() }), access: 'calendar', produces: 'text/calendar' }),
  op('post', '/users', 'users', 'Create a member of staff (directors)', { body: CreateUserInput, status: 201 }),
  op('get', '/users', 'users', 'Staff'),
  op('get', '/users/:id', 'users', 'One member of staff'),
  op('patch', '/users/:id', 'users', 'Change a member of staff (directors)', { body: UpdateUserInput }),
  op('post', '/departures', 'departures', 'Create a departure (it gets the plan of every trip)', { body: CreateDepartureInput, status: 201 }),
  op('get', '/departures', 'departures', 'Departures', { query: ListDeparturesQuery }),
  op('get', '/departures/:id', 'departures', 'One departure with its stops and seats'),
  op('patch', '/departures/:id', 'departures', 'Change a departure (time, stops, seats, prices, people)', { body: UpdateDepartureInput }),
  op('post', '/departures/:id/copy', 'departures', 'The same trip on another date', { body: CopyDepartureInput, status: 201 }),
  op('get', '/departures/:id/feedback', 'after the trip', "What the travellers said and the trip's rating"),
  op('get', '/departures/:id/boarding', 'bus', 'The boarding list by stop (one bus with vehicleId, else every bus)', { query: BusQuery.extend({ q: z.string().optional() }) }),
  op('get', '/departures/:id/seating', 'bus', "One bus's seat plan (the first unless vehicleId says)", { query: SeatingQuery }),
  op('post', '/departures/:id/seating/auto', 'bus', 'Seat everyone without a seat (every bus, or vehicleId)', { query: SeatingQuery }),
  op('get', '/departures/:id/waitlist', 'waiting list', "The departure's waiting list"),
  op('post', '/departures/:id/waitlist', 'waiting list', 'Join the waiting list', { body: JoinWaitlistInput, status: 201 }),
  op('get', '/departures/:id/manifest.csv', 'documents', 'The bus manifest as CSV (one bus with vehicleId)', { query: BusQuery, produces: 'text/csv' }),
  op('get', '/departures/:id/manifest.xlsx', 'documents', 'The bus manifest as XLSX (one bus with vehicleId)', { query: BusQuery, produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  op('get', '/departures/:id/manifest.pdf', 'documents', 'The bus manifest as PDF, a part per bus (one bus with vehicleId)', { query: BusQuery, produces: 'application/pdf' }),
  op('get', '/departures/:id/boarding.pdf', 'documents', 'The boarding list as PDF, a part per bus (one bus with vehicleId)', { query: BusQuery, produces: 'application/pdf' }),
  op('post', '/departures/:id/vouchers/send', 'mail', 'Send every due voucher of the departure'),
  op('get', '/departures/:id/rooming', 'rooms', 'The rooming list: rooms with their travellers, the travellers of live bookings in no room, and the rooms suggested for them'),
  op('put', '/departures/:id/rooming', 'rooms', 'Replace the rooming list (single 1, double 2, twin 2, triple 3, family 5 travellers at most; a traveller in one room)', { body: RoomingInput }),
  op('post', '/departures/:id/rooming/suggest', 'rooms', 'Add the suggested rooms for everyone without one (each booking together; the single supplement alone)'),
  op('get', '/departures/:id/rooming.xlsx', 'documents', "The hotel's rooming list as XLSX, in lang (default: the reader's language)", { query: RoomingDocumentQuery, produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  op('get', '/departures/:id/rooming.pdf', 'documents', "The hotel's rooming list as PDF, in lang (default: the reader's language)", { query: RoomingDocumentQuery, produces: 'application/pdf' }),
  op('post', '/contacts', 'contacts', 'Create a client', { body: CreateContactInput, status: 201 }),
  op('get', '/contacts', 'contacts', 'Find clients (by name, phone, e-mail; by stage)', { query: ListContactsQuery }),
  op('get', '/contacts/:id', 'contacts', 'The client card'),
  op('patch', '/contacts/:id', 'contacts', 'Change the client', { body: UpdateContactInput }),
  op('post', '/contacts/:id/communications', 'contacts', 'Record a conversation', { body: RecordCommunicationInput, status: 201 }),
  op('post', '/contacts/:id/transfer', 'contacts', 'Give the client to another manager', { body: TransferContactInput }),
  op('post', '/deals', 'deals', 'Book', { body: CreateDealInput, status: 201 }),
  op('get', '/deals', 'deals', 'Bookings', { query: ListDealsQuery }),
  op('get', '/deals/:id', 'deals', 'One booking with its history'),
  op('patch', '/deals/:id', 'deals', 'Change a booking (travellers, seats, stop, due dates)', { body: UpdateDealInput }),
  op('post', '/deals/:id/documents', 'deals', 'Documents sent or received', { body: DocumentsInput }),
  op('post', '/deals/:id/payments', 'deals', 'Record a payment or refund (Idempotency-Key)', { body: RecordPaymentInput, status: 201 }),
  op('post', '/deals/:id/payments/:paymentId/reverse', 'deals', 'Reverse a payment (directors)', { body: ReversePaymentInput }),
  op('post', '/deals/:id/cancel', 'deals', 'Cancel a booking', { body: CancelDealInput }),
  op('post', '/deals/:id/boarding', 'bus', 'Mark travellers boarded or no-show', { body: BoardingInput }),
  op('post', '/deals/:id/seats', 'bus', 'Move travellers to seats', { body: SeatMovesInput }),
  op('post', '/deals/:id/vehicle', 'bus', 'Move the booking, its travellers together, to another bus (409 when it does not fit)', { body: MoveVehicleInput }),
  op('get', '/deals/:id/voucher.pdf', 'documents', 'The voucher as PDF', { produces: 'application/pdf' }),
  op('post', '/deals/:id/voucher/send', 'mail', 'Send the voucher'),
  op('post', '/deals/:id/confirmation', 'mail', "Send the client the booking confirmation with their booking page link", { status: 202 }),
  op('post', '/deals/:id/manage-link', 'deals', "A new link to the client's booking page; the old one then finds nothing", { status: 201 }),
  op('post', '/deals/:id/told-by-phone', 'mail', 'The travellers were told by phone'),
  op('get', '/waitlist/:id', 'waiting list', 'One waiting-list entry'),
  op('post', '/waitlist/:id/book', 'waiting list', 'Book the held seats', { body: BookWaitlistInput, status: 201 }),
  op('post', '/waitlist/:id/withdraw', 'waiting list', 'Take the entry off the list'),
  op('get', '/worklists/:name', 'worklists', 'A worklist, or my-day', { query: WorklistQuery }),
  op('post', '/inquiries', 'inquiries', 'Take an inquiry (merged into an open one of the same person)', { body: CreateInquiryInput, status: 201 }),
  op('get', '/inquiries', 'inquiries', 'Inquiries', { query: ListInquiriesQuery }),
  op('get', '/inquiries/:id', 'inquiries', 'One inquiry with its history'),
  op('patch', '/inquiries/:id', 'inquiries', "The client's wishes", { body: UpdateInquiryInput }),
  op('post', '/inquiries/:id/status', 'inquiries', 'Move an inquiry', { body: MoveInquiryInput }),
  op('post', '/inquiries/:id/book', 'inquiries', 'Book from the inquiry', { body: BookInquiryInput, status: 201 }),
  op('post', '/public/inquiries', 'public', "The agency's site form (JSON or a form post)", { body: CreateInquiryInput, access: 'public', status: 202 }),
  op('get', '/public/departures', 'public', 'The trips sold online that have not left: stops, prices, seats left', { access: 'public' }),
  op('get', '/public/departures/:id', 'public', 'One trip sold online', { access: 'public' }),
  op('post', '/public/bookings', 'public', 'Book online (JSON or a form post; Idempotency-Key books once): the booking page link and when the deposit is due', { body: OnlineBookingInput, access: 'public', status: 201 }),
  op('post', '/public/waitlist', 'public', 'Sold out: wait for seats', { body: OnlineWaitlistInput, access: 'public', status: 202 }),
  op('get', '/public/bookings/:token', 'public', "The client's own booking: trip, stop, travellers, money, what is due", { access: 'public' }),
  op('patch', '/public/bookings/:token', 'public', "The client corrects their travellers' details (until TRAVELLER_EDIT_DAYS before departure)", { body: ClientTravellersInput, access: 'public' }),
  op('post', '/public/bookings/:token/checkout', 'public', "Pay by card: the provider's checkout page for the deposit or the whole balance", { body: CheckoutInput, access: 'public', status: 201 }),
  op('post', '/public/payments/webhook', 'public', "The provider's signed events (Stripe-Signature); a completed checkout is recorded once", { access: 'public' }),
  op('get', '/public/feedback/:token', 'public', 'What a feedback link is about', { access: 'public' }),
  op('post', '/public/feedback/:token', 'public', 'Answer how the trip was, once', { body: FeedbackInput, access: 'public', status: 201 }),
  op('post', '/public/unsubscribe/:token', 'public', 'One-click unsubscribe (RFC 8058)', { access: 'public' }),
  op('get', '/reports/departures', 'reports', 'Departures of a period (directors)', { query: ReportQuery }),
  op('get', '/reports/departures/:id', 'reports', 'One departure with its bookings (directors)', { query: ReportQuery }),
  op('get', '/reports/funnel', 'reports', 'The inquiries funnel (directors)', { query: ReportQuery }),
  op('get', '/reports/cashbook', 'reports', "The cash book: per day (the agency's zone) and method, received, paid out and net (directors); format=csv|xlsx", { query: ReportQuery }),
  op('get', '/payments', 'money', "The money ledger: every payment, refund and reversal by the day received, with the filter's totals (directors; managers their own bookings'); format=csv|xlsx for the whole period", { query: LedgerQuery }),
  op('get', '/payments/:id/receipt.pdf', 'documents', "A money row's numbered receipt in the client's language", { produces: 'application/pdf' }),
  op('post', '/imports/bank-statement', 'money', 'Import a bank statement (camt.053 XML or 1CClientBankExchange); credits naming a booking reference become its payments; dryRun=true only says what would happen (directors)', { query: BankImportQuery, upload: true }),
  op('get', '/imports/bank-statement', 'money', 'The bank statements imported, newest first (directors)'),
  op('get', '/imports/bank-statement/entries', 'money', 'Bank credits waiting for a person: no booking named, or refused (directors)'),
  op('post', '/imports/bank-statement/entries/:id/assign', 'money', "Record a waiting bank credit as a booking's payment (directors)", { body: AssignBankEntryInput }),
  op('get', '/notifications', 'mail', 'Every mail the system sent or will send', { query: ListNotificationsQuery }),
  op('post', '/tasks', 'tasks', 'Give a task', { body: CreateTaskInput, status: 201 }),
  op('get', '/tasks', 'tasks', 'Tasks', { query: ListTasksQuery }),
  op('get', '/tasks/:id', 'tasks', 'One task'),
  op('patch', '/tasks/:id', 'tasks', 'Move or reassign a task', { body: UpdateTaskInput }),
  op('post', '/tasks/:id/done', 'tasks', 'Close a task with its report', { body: CompleteTaskInput }),
  op('get', '/task-templates', 'tasks', 'The plan of every trip (directors)'),
  op('put', '/task-templates', 'tasks', 'Replace the plan of every trip (directors)', { body: PlanInput }),
  op('post', '/campaigns', 'campaigns', 'A campaign draft with its recipients', { body: CreateCampaignInput, status: 201 }),
  op('get', '/campaigns', 'campaigns', 'Campaigns', { query: ListCampaignsQuery }),
  op('post', '/campaigns/preview', 'campaigns', 'Whom a segment reaches', { body: SegmentInput }),
  op('get', '/campaigns/birthday-greetings', 'campaigns', 'Whether birthday greetings are on'),
  op('put', '/campaigns/birthday-greetings', 'campaigns', 'Birthday greetings on or off (directors)', { body: GreetingsInput }),
  op('get', '/campaigns/:id', 'campaigns', 'One campaign with its counts'),
  op('patch', '/campaigns/:id', 'campaigns', 'Change a draft', { body: UpdateCampaignInput }),
  op('post', '/campaigns/:id/send', 'campaigns', 'Send the campaign, once (managers and directors)'),
  op('post', '/webhooks', 'webhooks', 'Subscribe a URL to events (directors); the secret is shown once', { body: CreateWebhookInput, status: 201 }),
  op('get', '/webhooks', 'webhooks', 'The subscriptions (directors)'),
  op('get', '/webhooks/:id', 'webhooks', 'One subscription with its delivery log (directors)'),
  op('delete', '/webhooks/:id', 'webhooks', 'Unsubscribe (directors)', { status: 204 }),
  op('post', '/imports/contacts', 'contacts', 'Import clients from CSV or XLSX (managers and directors); dryRun=true only says what would happen', { query: ImportQuery, upload: true }),
  op('get', '/openapi.json', 'session', 'This document', { access: 'public' }),
];

/** JSON Schema of what a request may send (the input side of transforms), for OpenAPI 3.1. */
const schemaOf = (schema: z.ZodType) => {
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
};

const UPLOAD = {
  required: true,
  content: {
    'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } },
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
  },
};

function operationObject(o: Operation) {
  const pathParameters = [...o.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1]!, in: 'path', required: true, schema: { type: 'string' } }));
  const query = o.query ? (schemaOf(o.query) as { properties?: Record<string, unknown>; required?: string[] }) : null;
  const queryParameters = Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema }));
  const success = String(o.status ?? 200);
  return {
    tags: [o.tag],
    summary: o.summary,
    operationId: `${o.method}${o.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    ...(o.access === 'public' || o.access === 'calendar' ? { security: [] } : {}),
    parameters: [...pathParameters, ...queryParameters],
    ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(o.body) } } } } : {}),
    ...(o.upload ? { requestBody: UPLOAD } : {}),
    responses: {
      [success]: success === '204' ? { description: 'Done' } : { description: 'Done', content: { [o.produces ?? 'application/json']: { schema: o.produces ? { type: 'string' } : { type: 'object' } } } },
      '400': { description: 'validation_failed: details name each field', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      default: { description: 'An error: unauthenticated, forbidden, not_found, sold_out, invalid_transition, conflict, rate_limited', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}

/** The document, with `serverUrl` as the one server (the agency's PUBLIC_URL). */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const o of OPERATIONS) {
    const path = o.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[o.method] = operationObject(o);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'tourdesk API',
      version: '1',
      description: 'Departures, bookings, money, the bus, inquiries, tasks, campaigns. JSON in camelCase; money in minor units; instants in ISO 8601. Sign in with POST /session and send Authorization: Bearer TOKEN.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ERROR },
    },
    paths,
  };
}
