/**
 * The API described for integrators (OpenAPI 3.1), built from the same zod schemas the routes
 * validate requests with: a body or query the code changes is changed here too. A test holds
 * this list and the routes the app registers to each other, both ways.
 */
import { z } from 'zod';
import { FeedbackInput } from '../../domain/aftercare/index.js';
import { BoardingInput } from '../../domain/boarding/index.js';
import { CampaignTestInput, CreateCampaignInput, GreetingsInput, ListCampaignsQuery, SegmentInput, UpdateCampaignInput } from '../../domain/campaigns/index.js';
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
import { ANSWERS } from './answers/index.js';
import type { OperationKey } from './answers/types.js';
import { webhookEventSchemas } from './answers/webhook-events.js';

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
  /** A list: `{items, nextCursor}`. */
  list?: boolean;
  /** Who may (403 `forbidden` for others), when not every signed-in person. */
  forbidden?: string;
  /** The 409 refusals: codes and why. */
  refuses?: string;
  /** Honours an `Idempotency-Key` header: the same key again does the work once. */
  idempotent?: boolean;
  /** Counted per client address (429 `rate_limited`). */
  rateLimited?: boolean;
  /** Speaks to the card provider (502 `provider_unavailable`). */
  providerCalled?: boolean;
  /** The card provider's signed event, read as it was sent (the signature covers the raw body). */
  providerEvent?: boolean;
  /** A second success status with the same answer, and when it comes. */
  alsoAnswers?: { status: number; description: string };
}

const op = (method: Method, path: string, tag: string, summary: string, more: Partial<Operation> = {}): Operation => ({ method, path, tag, summary, ...more });

/** Every route of the API, in the order a reader meets them. */
export const OPERATIONS: Operation[] = [
  op('post', '/session', 'session', 'Sign in: a bearer token and the user', { body: SignInInput, access: 'public', rateLimited: true }),
  op('get', '/session', 'session', 'The signed-in user, with the private calendar address'),
  op('delete', '/session', 'session', 'Sign out', { status: 204 }),
  op('post', '/session/calendar-token', 'session', 'A new private calendar address; the old one stops'),
  op('get', '/calendar.ics', 'session', "The person's trips and open tasks as iCalendar", { query: z.object({ token: z.string() }), access: 'calendar', produces: 'text/calendar' }),
  op('post', '/users', 'users', 'Create a member of staff (directors)', { body: CreateUserInput, status: 201, forbidden: 'directors', refuses: 'conflict: the e-mail belongs to another user' }),
  op('get', '/users', 'users', 'Staff (directors)', { forbidden: 'directors', list: true }),
  op('get', '/users/:id', 'users', 'One member of staff (directors)', { forbidden: 'directors' }),
  op('patch', '/users/:id', 'users', 'Change a member of staff (directors)', { body: UpdateUserInput, forbidden: 'directors', refuses: 'conflict: the e-mail belongs to another user, or the change would leave no active director' }),
  op('post', '/departures', 'departures', 'Create a departure (it gets the plan of every trip)', { body: CreateDepartureInput, status: 201, forbidden: 'directors, for costs' }),
  op('get', '/departures', 'departures', 'Departures', { query: ListDeparturesQuery, list: true }),
  op('get', '/departures/:id', 'departures', 'One departure with its stops and seats'),
  op('patch', '/departures/:id', 'departures', 'Change a departure (time, stops, seats, prices, people)', { body: UpdateDepartureInput, forbidden: 'directors, for costs', refuses: 'conflict: seats below those booked, a stop or bus that bookings use removed, cancelled while it has bookings' }),
  op('post', '/departures/:id/copy', 'departures', 'The same trip on another date', { body: CopyDepartureInput, status: 201 }),
  op('get', '/departures/:id/feedback', 'after the trip', "What the travellers said and the trip's rating"),
  op('get', '/departures/:id/boarding', 'bus', 'The boarding list by stop (one bus with vehicleId, else every bus)', { query: BusQuery.extend({ q: z.string().optional() }) }),
  op('get', '/departures/:id/seating', 'bus', "One bus's seat plan (the first unless vehicleId says)", { query: SeatingQuery }),
  op('post', '/departures/:id/seating/auto', 'bus', 'Seat everyone without a seat (every bus, or vehicleId)', { query: SeatingQuery }),
  op('get', '/departures/:id/waitlist', 'waiting list', "The departure's waiting list"),
  op('post', '/departures/:id/waitlist', 'waiting list', 'Join the waiting list', { body: JoinWaitlistInput, status: 201, refuses: 'conflict: the departure is cancelled or has left, seats are free (book instead), or the client already waits' }),
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
  op('post', '/contacts', 'contacts', 'Create a client', { body: CreateContactInput, status: 201, refuses: 'conflict: the phone or e-mail is on file (`details.existingId`)' }),
  op('get', '/contacts', 'contacts', 'Find clients (by name, phone, e-mail; by stage)', { query: ListContactsQuery, list: true }),
  op('get', '/contacts/:id', 'contacts', 'The client card'),
  op('patch', '/contacts/:id', 'contacts', 'Change the client', { body: UpdateContactInput, forbidden: 'directors, to black-list or mark do not contact', refuses: 'conflict: the phone or e-mail is on file (`details.existingId`)' }),
  op('post', '/contacts/:id/communications', 'contacts', 'Record a conversation', { body: RecordCommunicationInput, status: 201 }),
  op('post', '/contacts/:id/transfer', 'contacts', 'Give the client to another manager', { body: TransferContactInput }),
  op('post', '/deals', 'deals', 'Book', { body: CreateDealInput, status: 201, refuses: 'sold_out: fewer seats left than asked; conflict: the departure is cancelled or has left' }),
  op('get', '/deals', 'deals', 'Bookings', { query: ListDealsQuery, list: true }),
  op('get', '/deals/:id', 'deals', 'One booking with its history'),
  op('patch', '/deals/:id', 'deals', 'Change a booking (travellers, seats, stop, due dates)', { body: UpdateDealInput, refuses: 'sold_out: more seats than are left; conflict or invalid_transition: the booking cannot change so' }),
  op('post', '/deals/:id/documents', 'deals', 'Documents sent or received', { body: DocumentsInput, refuses: 'invalid_transition: the booking is cancelled' }),
  op('post', '/deals/:id/payments', 'deals', 'Record a payment or refund (Idempotency-Key)', { body: RecordPaymentInput, status: 201, idempotent: true, refuses: 'conflict: more than the balance, a refund beyond what is held, or the Idempotency-Key used with another body; invalid_transition: the booking is cancelled (refunds only)' }),
  op('post', '/deals/:id/payments/:paymentId/reverse', 'deals', 'Reverse a payment (directors)', { body: ReversePaymentInput, status: 201, forbidden: 'directors', refuses: 'conflict: the row is already reversed, or is itself a reversal' }),
  op('post', '/deals/:id/cancel', 'deals', 'Cancel a booking', { body: CancelDealInput, forbidden: 'directors, to give feeMinor', refuses: 'invalid_transition: the booking is already cancelled' }),
  op('post', '/deals/:id/boarding', 'bus', 'Mark travellers boarded or no-show (Idempotency-Key)', { body: BoardingInput, idempotent: true, refuses: 'conflict: `ifState` no longer holds (boarding_changed), or the Idempotency-Key was used with another body' }),
  op('post', '/deals/:id/seats', 'bus', 'Move travellers to seats', { body: SeatMovesInput, refuses: 'conflict: a seat is taken or beyond the bus' }),
  op('post', '/deals/:id/vehicle', 'bus', 'Move the booking, its travellers together, to another bus (409 when it does not fit)', { body: MoveVehicleInput, refuses: 'conflict: the booking does not fit in that bus' }),
  op('get', '/deals/:id/voucher.pdf', 'documents', 'The voucher as PDF', { produces: 'application/pdf' }),
  op('post', '/deals/:id/voucher/send', 'mail', 'Send the voucher', { refuses: 'conflict: not paid in full; invalid_transition: the booking is cancelled' }),
  op('post', '/deals/:id/confirmation', 'mail', "Send the client the booking confirmation with their booking page link", { status: 202 }),
  op('post', '/deals/:id/manage-link', 'deals', "A new link to the client's booking page; the old one then finds nothing", { status: 201 }),
  op('post', '/deals/:id/told-by-phone', 'mail', 'The travellers were told by phone', { refuses: 'invalid_transition: the booking is cancelled; conflict: the departure has left' }),
  op('get', '/waitlist/:id', 'waiting list', 'One waiting-list entry'),
  op('post', '/waitlist/:id/book', 'waiting list', 'Book the held seats', { body: BookWaitlistInput, status: 201, refuses: 'conflict: the entry is not offered, or its hold has run out' }),
  op('post', '/waitlist/:id/withdraw', 'waiting list', 'Take the entry off the list', { refuses: 'conflict: the entry is booked or closed' }),
  op('get', '/worklists/:name', 'worklists', 'A worklist, or my-day', { query: WorklistQuery, list: true, forbidden: "directors and managers, for another person's my-day" }),
  op('post', '/inquiries', 'inquiries', 'Take an inquiry (merged into an open one of the same person)', { body: CreateInquiryInput, status: 201, alsoAnswers: { status: 200, description: 'Merged into an open inquiry of the same person (`merged: true`)' } }),
  op('get', '/inquiries', 'inquiries', 'Inquiries', { query: ListInquiriesQuery, list: true }),
  op('get', '/inquiries/:id', 'inquiries', 'One inquiry with its history'),
  op('patch', '/inquiries/:id', 'inquiries', "The client's wishes", { body: UpdateInquiryInput }),
  op('post', '/inquiries/:id/status', 'inquiries', 'Move an inquiry', { body: MoveInquiryInput, forbidden: 'directors, for some moves', refuses: 'invalid_transition: the move is not allowed from its status' }),
  op('post', '/inquiries/:id/book', 'inquiries', 'Book from the inquiry', { body: BookInquiryInput, status: 201, refuses: 'sold_out: fewer seats left than asked; invalid_transition: the inquiry is closed' }),
  op('post', '/public/inquiries', 'public', "The agency's site form (JSON or a form post)", { body: CreateInquiryInput, access: 'public', status: 202, rateLimited: true }),
  op('get', '/public/departures', 'public', 'The trips sold online that have not left: stops, prices, seats left', { access: 'public', list: true }),
  op('get', '/public/departures/:id', 'public', 'One trip sold online', { access: 'public' }),
  op('post', '/public/bookings', 'public', 'Book online (JSON or a form post; Idempotency-Key books once): the booking page link and when the deposit is due', { body: OnlineBookingInput, access: 'public', status: 201, idempotent: true, rateLimited: true, alsoAnswers: { status: 200, description: 'The same Idempotency-Key again: the first booking, nothing booked twice' }, refuses: 'sold_out: fewer seats left than asked; conflict: the Idempotency-Key was used with another body' }),
  op('post', '/public/waitlist', 'public', 'Sold out: wait for seats', { body: OnlineWaitlistInput, access: 'public', status: 202, rateLimited: true }),
  op('get', '/public/bookings/:token', 'public', "The client's own booking: trip, stop, travellers, money, what is due", { access: 'public' }),
  op('patch', '/public/bookings/:token', 'public', "The client corrects their travellers' details (until TRAVELLER_EDIT_DAYS before departure)", { body: ClientTravellersInput, access: 'public', refuses: 'conflict: too close to the departure to change' }),
  op('post', '/public/bookings/:token/checkout', 'public', "Pay by card: the provider's checkout page for the deposit or the whole balance", { body: CheckoutInput, access: 'public', status: 201, refuses: 'conflict: card payments are off, nothing is left to pay, or the deposit is paid; invalid_transition: the booking is cancelled', providerCalled: true }),
  op('post', '/public/payments/webhook', 'public', "The provider's signed events (Stripe-Signature); a completed checkout is recorded once", { access: 'public', providerEvent: true }),
  op('get', '/public/feedback/:token', 'public', 'What a feedback link is about', { access: 'public' }),
  op('post', '/public/feedback/:token', 'public', 'Answer how the trip was, once', { body: FeedbackInput, access: 'public', status: 201, refuses: 'conflict: already answered' }),
  op('post', '/public/unsubscribe/:token', 'public', 'One-click unsubscribe (RFC 8058)', { access: 'public' }),
  op('get', '/reports/departures', 'reports', 'Departures of a period (directors)', { query: ReportQuery, list: true, forbidden: 'directors' }),
  op('get', '/reports/departures/:id', 'reports', 'One departure with its bookings (directors)', { query: ReportQuery, forbidden: 'directors' }),
  op('get', '/reports/funnel', 'reports', 'The inquiries funnel (directors)', { query: ReportQuery, forbidden: 'directors' }),
  op('get', '/reports/cashbook', 'reports', "The cash book: per day (the agency's zone) and method, received, paid out and net (directors); format=csv|xlsx", { query: ReportQuery, forbidden: 'directors' }),
  op('get', '/payments', 'money', "The money ledger: every payment, refund and reversal by the day received, with the filter's totals (directors; managers their own bookings'); format=csv|xlsx for the whole period", { query: LedgerQuery, list: true, forbidden: 'directors and managers' }),
  op('get', '/payments/:id/receipt.pdf', 'documents', "A money row's numbered receipt in the client's language", { produces: 'application/pdf' }),
  op('post', '/imports/bank-statement', 'money', 'Import a bank statement (camt.053 XML or 1CClientBankExchange); credits naming a booking reference become its payments; dryRun=true only says what would happen (directors)', { query: BankImportQuery, upload: true, forbidden: 'directors' }),
  op('get', '/imports/bank-statement', 'money', 'The bank statements imported, newest first (directors)', { list: true, forbidden: 'directors' }),
  op('get', '/imports/bank-statement/entries', 'money', 'Bank credits waiting for a person: no booking named, or refused (directors)', { list: true, forbidden: 'directors' }),
  op('post', '/imports/bank-statement/entries/:id/assign', 'money', "Record a waiting bank credit as a booking's payment (directors)", { body: AssignBankEntryInput, forbidden: 'directors', refuses: 'conflict: the entry is already recorded, or is in another currency than the booking' }),
  op('get', '/notifications', 'mail', 'Every mail the system sent or will send', { query: ListNotificationsQuery, list: true }),
  op('post', '/tasks', 'tasks', 'Give a task', { body: CreateTaskInput, status: 201, forbidden: 'managers and directors, to give another person a task' }),
  op('get', '/tasks', 'tasks', 'Tasks', { query: ListTasksQuery, list: true }),
  op('get', '/tasks/:id', 'tasks', 'One task'),
  op('patch', '/tasks/:id', 'tasks', 'Move or reassign a task', { body: UpdateTaskInput, forbidden: 'managers and directors, for a task of another person', refuses: 'invalid_transition: the task is done' }),
  op('post', '/tasks/:id/done', 'tasks', 'Close a task with its report', { body: CompleteTaskInput, forbidden: 'managers and directors, for a task of another person', refuses: 'invalid_transition: the task is done' }),
  op('get', '/task-templates', 'tasks', 'The plan of every trip (directors)', { forbidden: 'directors' }),
  op('put', '/task-templates', 'tasks', 'Replace the plan of every trip (directors)', { body: PlanInput, forbidden: 'directors' }),
  op('post', '/campaigns', 'campaigns', 'A campaign draft with its recipients', { body: CreateCampaignInput, status: 201 }),
  op('get', '/campaigns', 'campaigns', 'Campaigns', { query: ListCampaignsQuery, list: true }),
  op('post', '/campaigns/preview', 'campaigns', 'Whom a segment reaches', { body: SegmentInput }),
  op('get', '/campaigns/birthday-greetings', 'campaigns', 'Whether birthday greetings are on'),
  op('put', '/campaigns/birthday-greetings', 'campaigns', 'Birthday greetings on or off (directors)', { body: GreetingsInput, forbidden: 'directors' }),
  op('get', '/campaigns/:id', 'campaigns', 'One campaign with its counts'),
  op('patch', '/campaigns/:id', 'campaigns', 'Change a draft', { body: UpdateCampaignInput, refuses: 'invalid_transition: the campaign is no longer a draft' }),
  op('post', '/campaigns/:id/send', 'campaigns', 'Send the campaign, once (managers and directors)', { forbidden: 'managers and directors', refuses: 'invalid_transition: the campaign was sent' }),
  op('post', '/campaigns/:id/test', 'campaigns', "One copy to an address, as its first recipient will get it, subject marked [Test] (managers and directors): never counted, the campaign unchanged", { body: CampaignTestInput, forbidden: 'managers and directors' }),
  op('post', '/webhooks', 'webhooks', 'Subscribe a URL to events (directors); the secret is shown once', { body: CreateWebhookInput, status: 201, forbidden: 'directors' }),
  op('get', '/webhooks', 'webhooks', 'The subscriptions (directors)', { list: true, forbidden: 'directors' }),
  op('get', '/webhooks/:id', 'webhooks', 'One subscription with its delivery log (directors)', { forbidden: 'directors' }),
  op('delete', '/webhooks/:id', 'webhooks', 'Unsubscribe (directors)', { status: 204, forbidden: 'directors' }),
  op('post', '/webhooks/:id/test', 'webhooks', 'Post a signed webhook.test to the subscription now and say what the receiver did (directors)', { forbidden: 'directors' }),
  op('post', '/imports/contacts', 'contacts', 'Import clients from CSV or XLSX (managers and directors); dryRun=true only says what would happen', { query: ImportQuery, upload: true, forbidden: 'managers and directors', refuses: 'conflict: this file is already imported' }),
  op('get', '/openapi.json', 'session', 'This document', { access: 'public' }),
];


/** What each tag is about, in the order a reader meets them. */
const TAGS: Record<string, string> = {
  session: 'Signing in and out, the private calendar feed, this document',
  users: 'Staff accounts (directors)',
  departures: 'Trips on a date: buses, stops, prices, extras, seats',
  'after the trip': "The travellers' feedback",
  bus: 'Seats and boarding at the bus door',
  'waiting list': 'Clients waiting for seats of a sold-out departure',
  documents: 'Vouchers, manifests, boarding and rooming lists, receipts as PDF and spreadsheets',
  mail: 'Vouchers, confirmations and notices sent to clients',
  rooms: "The hotel's rooming list",
  contacts: 'The client card, conversations, client import',
  deals: 'Bookings and their money',
  worklists: 'What to do next: the lists and my day',
  inquiries: 'Leads, from the first message to a booking',
  public: "No sign-in: the agency's site, online booking, the client's own booking page, feedback",
  reports: "Directors' figures; format=csv|xlsx gives a spreadsheet",
  money: 'The money ledger and bank statements',
  tasks: 'Tasks and the plan of every trip',
  campaigns: 'Mailings to a segment of clients, birthday greetings',
  webhooks: 'Subscriptions to events, posted signed to a URL',
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const COMPONENTS = '#/components/schemas/';
type JsonSchema = Record<string, unknown>;

/** JSON Schema of what a request may send (the input side of transforms), for OpenAPI 3.1. */
const schemaOf = (schema: z.ZodType) => {
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

export const operationKey = (o: Pick<Operation, 'method' | 'path'>): OperationKey => `${o.method} ${o.path}` as OperationKey;
const operationId = (o: Operation) => `${o.method}${o.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`;
const pascal = (text: string) => text.replace(/(^|[^a-zA-Z0-9]+)(\w)/g, (_, _sep: string, c: string) => c.toUpperCase());

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          description: 'validation_failed, unauthenticated, forbidden, not_found, sold_out, invalid_transition, conflict, payload_too_large, rate_limited, provider_unavailable, busy, internal; more may come',
        },
        message: { type: 'string', description: 'For a person, in English' },
        details: { description: 'validation_failed: each field (a dotted path) and what is wrong with it; other codes: facts such as existingId or reason' },
      },
    },
  },
  description: 'Every error: a rejected request changes nothing',
};

const ERROR_CONTENT = { 'application/json': { schema: { $ref: `${COMPONENTS}Error` } } };

/** An answer not described yet: an object of any fields (a generated client reads them as unknown). */
const ANY_OBJECT = { type: 'object', additionalProperties: true };
/** A list not described yet: at least its envelope. */
const LIST_ENVELOPE = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: ANY_OBJECT },
    nextCursor: { type: ['string', 'null'] },
  },
};
const LIST_WORDS = 'A page of the list: `items`, and `nextCursor` to send as `cursor` for the next page (null on the last)';

const UPLOAD = {
  required: true,
  content: {
    'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } },
    'text/csv': { schema: { type: 'string' } },
    [XLSX]: { schema: { type: 'string', format: 'binary' } },
  },
};

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Any string of yours (at most 200 characters): the same key again answers what the first request did and does nothing twice; the same key with another body is 409 conflict',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
const REPLAYED_HEADER = { 'Idempotent-Replayed': { description: '`true` when this answers an earlier request with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } } };

const PROVIDER_SIGNATURE = { name: 'Stripe-Signature', in: 'header', required: true, description: "The provider's signature of the raw body", schema: { type: 'string' } };
const PROVIDER_EVENT = { required: true, content: { 'application/json': { schema: { type: 'object', description: "The provider's event (Stripe's Event object), read as sent: `checkout.session.completed` records the payment" } } } };

/** The webhook headers of Standard Webhooks. */
const WEBHOOK_HEADERS = [
  { name: 'webhook-id', in: 'header', required: true, description: 'The message id: the same on every retry of one event', schema: { type: 'string' } },
  { name: 'webhook-timestamp', in: 'header', required: true, description: 'When it was sent, in Unix seconds', schema: { type: 'string', pattern: '^[0-9]+$' } },
  { name: 'webhook-signature', in: 'header', required: true, description: 'v1,<base64 HMAC-SHA256 of "id.timestamp.body" with the subscription secret>; several separated by spaces', schema: { type: 'string' } },
];

/** Walks a JSON value, rewriting every `$ref` and collecting the component names it points to. */
function visitRefs(node: unknown, visit: (ref: string) => string): void {
  if (Array.isArray(node)) return node.forEach((child) => visitRefs(child, visit));
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string') record.$ref = visit(record.$ref);
  for (const child of Object.values(record)) visitRefs(child, visit);
}

interface Described {
  components: Record<string, JsonSchema>;
  answerOf: Map<Operation, string>;
  events: { type: string; summary: string; component: string }[];
}

/**
 * Every answer schema and webhook payload as components, converted together so an object
 * named with `.meta({id})` (`Deal`, `Departure`, ...) is one component that the others
 * reference. An answer without a name gets one from its operation (`GetDeparturesAnswer`).
 */
function describeAnswers(): Described {
  // `.meta({id})` files a schema in zod's global registry by that id; zod lists them only
  // through `_idmap` (no public accessor). Names nothing refers to are dropped at the end.
  const named = new Map((z.globalRegistry as unknown as { _idmap: Map<string, z.ZodType> })._idmap);
  const registry = z.registry<{ id: string }>();
  const idOf = new Map<z.ZodType, string>();
  const add = (schema: z.ZodType, id: string) => {
    const known = idOf.get(schema);
    if (known) return known;
    let unique = id;
    for (let n = 2; registry._idmap.has(unique); n++) unique = `${id}${n}`;
    registry.add(schema, { id: unique });
    idOf.set(schema, unique);
    return unique;
  };
  for (const [id, schema] of named) add(schema, id);
  const answerOf = new Map<Operation, string>();
  for (const o of OPERATIONS) {
    const schema = ANSWERS[operationKey(o)];
    if (schema) answerOf.set(o, add(schema, `${pascal(operationId(o))}Answer`));
  }
  const objects = new Map<string, z.ZodType>();
  for (const [id, schema] of named) objects.set(id, schema);
  const events = webhookEventSchemas((id) => objects.get(id)).map((event) => ({ type: event.type, summary: event.summary, component: add(event.payload, `${pascal(event.type)}Event`) }));

  const { schemas } = z.toJSONSchema(registry, { io: 'output', unrepresentable: 'any', uri: (id) => `${COMPONENTS}${id}` }) as { schemas: Record<string, JsonSchema> };
  const components: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _draft, $id: _id, $defs: defs, ...rest } = schema;
    // Schemas seen in a cycle are shared as `__shared#/$defs/name`: each becomes a component of its own.
    if (id === '__shared') Object.assign(components, defs as Record<string, JsonSchema>);
    else components[id] = rest;
  }
  visitRefs(components, (ref) => ref.replace(/^#\/components\/schemas\/__shared#\/\$defs\//, COMPONENTS));
  lighten(components);
  return { components, answerOf, events };
}

/**
 * Drops what zod writes for its own checks and a reader gains nothing from: the bounds of a
 * safe integer, and the long pattern behind `format: date-time` / `date`.
 */
function lighten(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(lighten);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.minimum === Number.MIN_SAFE_INTEGER) delete schema.minimum;
  if (schema.maximum === Number.MAX_SAFE_INTEGER) delete schema.maximum;
  if ((schema.format === 'date-time' || schema.format === 'date') && typeof schema.pattern === 'string') delete schema.pattern;
  for (const child of Object.values(schema)) lighten(child);
}

function errorResponses(o: Operation) {
  const responses: Record<string, unknown> = {};
  const error = (description: string) => ({ description, content: ERROR_CONTENT });
  const hasPathParameter = /:\w+/.test(o.path);
  if (o.body || o.query || o.upload || o.providerEvent || hasPathParameter) {
    responses['400'] = error('validation_failed: `error.details` names each field that is wrong (body, query or path) and what is wrong with it');
  }
  if (o.access === undefined) responses['401'] = error('unauthenticated: no valid bearer token (sign in with POST /session)');
  if (o.path === '/session' && o.method === 'post') responses['401'] = error('unauthenticated: wrong e-mail or password');
  if (o.forbidden) responses['403'] = error(`forbidden: only ${o.forbidden}`);
  if (hasPathParameter || o.access === 'calendar') responses['404'] = error(`not_found: ${o.access === 'calendar' ? 'the token is not a current calendar link' : 'nothing has that id (or link)'}`);
  if (o.providerEvent) {
    responses['400'] = error('validation_failed: the event is not signed by the payment provider (`details["Stripe-Signature"]`)');
    responses['404'] = error('not_found: this agency takes no card payments');
  }
  if (o.refuses) responses['409'] = error(o.refuses);
  if (o.body || o.upload || o.providerEvent) responses['413'] = error('payload_too_large: the body is over the limit (1 MB; imports 20 MB)');
  if (o.rateLimited) {
    responses['429'] = { ...error('rate_limited: too many from this address; try again after Retry-After seconds'), headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } };
  }
  if (o.providerCalled) responses['502'] = error('provider_unavailable: the card provider did not answer; nothing was charged');
  return responses;
}

function successResponse(o: Operation, answer: string | undefined, components: Record<string, JsonSchema>) {
  if (o.status === 204) return { description: 'Done' };
  if (o.produces) {
    const binary = o.produces !== 'text/csv' && o.produces !== 'text/calendar';
    return { description: 'The document', content: { [o.produces]: { schema: binary ? { type: 'string', format: 'binary' } : { type: 'string' } } } };
  }
  const schema = answer ? { $ref: `${COMPONENTS}${answer}` } : o.list ? LIST_ENVELOPE : ANY_OBJECT;
  const properties = (answer ? components[answer]?.properties : undefined) as Record<string, unknown> | undefined;
  const list = o.list || (properties !== undefined && 'items' in properties && 'nextCursor' in properties);
  const content: Record<string, unknown> = { 'application/json': { schema } };
  // format=csv|xlsx: the same figures as a spreadsheet in the reader's language.
  const formats = (o.query ? (schemaOf(o.query).properties as Record<string, { enum?: string[] }> | undefined)?.format?.enum : undefined) ?? [];
  if (formats.includes('csv')) content['text/csv'] = { schema: { type: 'string' } };
  if (formats.includes('xlsx')) content[XLSX] = { schema: { type: 'string', format: 'binary' } };
  return {
    description: list ? LIST_WORDS : 'Done',
    ...(o.idempotent ? { headers: REPLAYED_HEADER } : {}),
    content,
  };
}

function operationObject(o: Operation, described: Described) {
  const pathParameters = [...o.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1]!, in: 'path', required: true, schema: { type: 'string' } }));
  const query = o.query ? (schemaOf(o.query) as { properties?: Record<string, unknown>; required?: string[] }) : null;
  const queryParameters = Object.entries(query?.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema }));
  const success = String(o.status ?? 200);
  return {
    tags: [o.tag],
    summary: o.summary,
    operationId: operationId(o),
    ...(o.access === 'public' || o.access === 'calendar' ? { security: [] } : {}),
    parameters: [...pathParameters, ...queryParameters, ...(o.idempotent ? [IDEMPOTENCY_KEY] : [])],
    ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(o.body) } } } } : {}),
    ...(o.upload ? { requestBody: UPLOAD } : {}),
    ...(o.providerEvent ? { parameters: [...pathParameters, PROVIDER_SIGNATURE], requestBody: PROVIDER_EVENT } : {}),
    responses: {
      [success]: successResponse(o, described.answerOf.get(o), described.components),
      ...(o.alsoAnswers ? { [String(o.alsoAnswers.status)]: { ...successResponse(o, described.answerOf.get(o), described.components), description: o.alsoAnswers.description } } : {}),
      ...errorResponses(o),
      default: { description: 'Something went wrong on our side (500 internal) or the database is busy (503 busy, with Retry-After): nothing was changed', content: ERROR_CONTENT },
    },
  };
}

/** The webhook events (OpenAPI 3.1 `webhooks`): what the agency's server posts to a subscribed URL. */
function webhookObjects(described: Described) {
  return Object.fromEntries(
    described.events.map((event) => [
      event.type,
      {
        post: {
          tags: ['webhooks'],
          summary: event.summary,
          operationId: `webhook${pascal(event.type)}`,
          parameters: WEBHOOK_HEADERS,
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: `${COMPONENTS}${event.component}` } } } },
          responses: {
            '200': { description: 'Any 2xx: delivered' },
            '4XX': { description: 'Not delivered: retried later with backoff, then given up' },
            default: { description: 'Not delivered: retried later with backoff, then given up' },
          },
        },
      },
    ]),
  );
}

/** Only the components something refers to (a schema of another area, not answered by any route, stays out). */
function usedComponents(document: unknown, components: Record<string, JsonSchema>) {
  const used = new Set<string>();
  const pending: unknown[] = [document];
  while (pending.length) {
    visitRefs(pending.pop(), (ref) => {
      const name = ref.startsWith(COMPONENTS) ? ref.slice(COMPONENTS.length) : null;
      if (name && !used.has(name) && components[name]) {
        used.add(name);
        pending.push(components[name]);
      }
      return ref;
    });
  }
  return Object.fromEntries(Object.entries(components).filter(([name]) => used.has(name)));
}

let built: { paths: Record<string, Record<string, unknown>>; webhooks: Record<string, unknown>; schemas: Record<string, unknown> } | null = null;

/** Paths, webhooks and schemas do not change while the process runs: built once. */
function build() {
  if (built) return built;
  const described = describeAnswers();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const o of OPERATIONS) {
    const path = o.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[o.method] = operationObject(o, described);
  }
  const webhooks = webhookObjects(described);
  built = { paths, webhooks, schemas: { Error: ERROR, ...usedComponents({ paths, webhooks }, described.components) } };
  return built;
}

/** The document, with `serverUrl` as the one server (the agency's PUBLIC_URL). */
export function openApiDocument(serverUrl: string) {
  const { paths, webhooks, schemas } = build();
  return {
    openapi: '3.1.0',
    info: {
      title: 'tourdesk API',
      version: '1',
      description:
        'Departures, bookings, money, the bus, inquiries, tasks, campaigns. JSON in camelCase; money in minor units; instants in ISO 8601 (answers in UTC). Lists answer `{items, nextCursor}`: send `cursor` for the next page. Sign in with POST /session and send Authorization: Bearer TOKEN.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: `${serverUrl}/api/v1`, description: "The agency's desk" }],
    security: [{ bearer: [] }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    webhooks,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token of POST /session' } },
      schemas,
    },
  };
}
