/**
 * A local stand-in for the card payment provider: an HTTP server speaking the part of Stripe's
 * API that tourdesk uses (Checkout Sessions, payment mode), with a hosted checkout page where
 * the test card pays and a signed `checkout.session.completed` webhook, so the whole payment
 * flow runs offline, in tests and on a laptop. State is in memory only.
 *
 *   STANDIN_PORT=4242 STANDIN_WEBHOOK_URL=http://127.0.0.1:3000/api/v1/public/payments/webhook \
 *     npm run checkout:standin                                  # prints `port 4242`
 *   PAYMENT_PROVIDER_URL=http://127.0.0.1:4242 PAYMENT_PROVIDER_KEY=sk_test_standin \
 *     PAYMENT_WEBHOOK_SECRET=whsec_standin npm start
 *
 * Environment: STANDIN_PORT (0 = any free port), STANDIN_API_KEY (sk_test_standin),
 * STANDIN_WEBHOOK_URL (unset = events recorded, not sent), STANDIN_WEBHOOK_SECRET
 * (whsec_standin), STANDIN_PUBLIC_URL (base of the hosted page links; default this server).
 * Routes: POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST
 * /v1/checkout/sessions/:id/expire; GET and POST /pay/:id (the buyer); and, for tests, GET
 * /_standin/events, POST /_standin/events/:id/resend, POST /_standin/forge, GET /_standin/sessions.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const apiKey = process.env.STANDIN_API_KEY || 'sk_test_standin';
const webhookUrl = process.env.STANDIN_WEBHOOK_URL || '';
const webhookSecret = process.env.STANDIN_WEBHOOK_SECRET || 'whsec_standin';
const EVENT_API_VERSION = '2025-01-27.acacia';
const RETRY_DELAYS_MS = [500, 1000]; // three attempts in all, close enough together for a test to wait
const TEST_CARD = '4242 4242 4242 4242'; // the card number that always succeeds

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface LineItem { price_data: { currency: string; unit_amount: number; product_data: { name: string } }; quantity: number }
interface Session {
  id: string; object: 'checkout.session'; amount_total: number; amount_subtotal: number; currency: string;
  status: 'open' | 'complete' | 'expired'; payment_status: 'unpaid' | 'paid'; payment_intent: string | null; url: string | null;
  client_reference_id: string | null; metadata: Record<string, string>; success_url: string; cancel_url: string | null;
  customer_email: string | null; locale: string | null; mode: 'payment'; created: number; expires_at: number; livemode: false;
}
interface Attempt { status: number | null; error?: string }
interface SentEvent { id: string; type: string; sessionId: string; forged: boolean; attempts: Attempt[]; body: string }

const sessions = new Map<string, Session>();
const lineItems = new Map<string, LineItem[]>(); // kept apart: the API does not return them on the session either
const events: SentEvent[] = [];
const idempotent = new Map<string, { request: string; body: unknown }>(); // the first answer, replayed as it was
let publicUrl = '';

class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly extra: Record<string, string> = {}, readonly type = 'invalid_request_error') { super(message); }
}

const randomId = (prefix: string, length = 24) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return prefix + Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
};
const now = () => Math.floor(Date.now() / 1000);

/** Bracket notation as stripe-node encodes it (`a[0][b][c]=x`) into nested objects and arrays. */
function parseForm(body: string): Record<string, Json> {
  const root: Record<string, Json> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) continue;
    const path = [match[1]!, ...Array.from(match[2]!.matchAll(/\[([^[\]]*)\]/g), (m) => m[1]!)];
    if (path.some((part) => ['__proto__', 'constructor', 'prototype'].includes(part) || Number(part) > 999)) continue;
    let node: Record<string, Json> = root; // an array is indexed the same way, by '0', '1', …
    path.forEach((part, i) => {
      const slot = part === '' && Array.isArray(node) ? String(node.length) : part;
      if (i === path.length - 1) return void (node[slot] = value);
      if (typeof node[slot] !== 'object' || node[slot] === null) node[slot] = /^\d*$/.test(path[i + 1]!) ? [] : {};
      node = node[slot] as Record<string, Json>;
    });
  }
  return root;
}

const text = (value: Json | undefined) => (typeof value === 'string' && value !== '' ? value : null);
const integer = (value: Json | undefined) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : null);
const missing = (param: string) => new ApiError(400, `Missing required param: ${param}.`, { param });
const invalid = (param: string, message: string) => new ApiError(400, message, { param });

function createSession(params: Record<string, Json>): Session {
  if (params.mode === undefined) throw missing('mode');
  if (params.mode !== 'payment') throw invalid('mode', `Invalid mode: this stand-in supports only \`payment\`, not \`${String(params.mode)}\`.`);
  const rawItems = params.line_items;
  if (!Array.isArray(rawItems) || rawItems.length === 0) throw missing('line_items');
  const items = Array.from(rawItems, (raw, i): LineItem => {
    const at = (path: string) => `line_items[${i}]${path}`;
    const item = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, Json>;
    const priceData = item.price_data as Record<string, Json> | undefined;
    if (!priceData || typeof priceData !== 'object') throw missing(at('[price_data]'));
    const currency = text(priceData.currency)?.toLowerCase();
    if (!currency || !/^[a-z]{3}$/.test(currency)) throw (currency ? invalid(at('[price_data][currency]'), `Invalid currency: ${currency}.`) : missing(at('[price_data][currency]')));
    const unitAmount = integer(priceData.unit_amount);
    if (unitAmount === null || unitAmount <= 0) throw invalid(at('[price_data][unit_amount]'), 'Invalid integer: unit_amount must be a whole number of the smallest currency unit, greater than 0.');
    const name = text((priceData.product_data as Record<string, Json> | undefined)?.name);
    if (!name) throw missing(at('[price_data][product_data][name]'));
    const quantity = integer(item.quantity);
    if (quantity === null || quantity < 1) throw invalid(at('[quantity]'), 'Invalid integer: quantity must be at least 1.');
    return { price_data: { currency, unit_amount: unitAmount, product_data: { name } }, quantity };
  });
  const currency = items[0]!.price_data.currency;
  const other = items.findIndex((item) => item.price_data.currency !== currency);
  if (other >= 0) throw invalid(`line_items[${other}][price_data][currency]`, 'All line items must use the same currency.');
  const successUrl = text(params.success_url);
  if (!successUrl) throw missing('success_url');
  const created = now();
  const expiresAt = params.expires_at === undefined ? created + 24 * 3600 : integer(params.expires_at);
  // As the real API: between 30 minutes and 24 hours ahead (a minute's slack for clocks).
  if (expiresAt === null || expiresAt < created + 29 * 60 || expiresAt > created + 24 * 3600 + 60) throw invalid('expires_at', 'The `expires_at` timestamp must be between 30 minutes and 24 hours after the Checkout Session is created.');
  const metadata = Object.fromEntries(Object.entries(params.metadata && typeof params.metadata === 'object' ? params.metadata : {})
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const total = items.reduce((sum, item) => sum + item.price_data.unit_amount * item.quantity, 0);
  const id = randomId('cs_test_', 56);
  const session: Session = {
    id, object: 'checkout.session', amount_total: total, amount_subtotal: total, currency,
    status: 'open', payment_status: 'unpaid', payment_intent: null, url: `${publicUrl}/pay/${id}`,
    client_reference_id: text(params.client_reference_id), metadata, success_url: successUrl, cancel_url: text(params.cancel_url),
    customer_email: text(params.customer_email), locale: text(params.locale), mode: 'payment', created, expires_at: expiresAt, livemode: false,
  };
  sessions.set(id, session);
  lineItems.set(id, items);
  return session;
}

/** The session as it stands now: one left open past its expiry has expired. */
function current(id: string): Session | undefined {
  const session = sessions.get(id);
  if (session?.status === 'open' && now() >= session.expires_at) Object.assign(session, { status: 'expired', url: null });
  return session;
}
function sessionOr404(id: string): Session {
  const session = current(id);
  if (!session) throw new ApiError(404, `No such checkout.session: '${id}'`, { code: 'resource_missing', param: 'session' });
  return session;
}

const sign = (body: string, secret: string, t = now()) => `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

async function post(body: string, secret: string): Promise<Attempt> {
  if (!webhookUrl) return { status: null, error: 'STANDIN_WEBHOOK_URL is not set' };
  try {
    const response = await fetch(webhookUrl, {
      method: 'POST', body, signal: AbortSignal.timeout(10_000),
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': sign(body, secret), 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    return { status: null, error: String((error as { cause?: unknown }).cause ?? error) };
  }
}

function recordEvent(session: Session, forged: boolean): SentEvent {
  const event = {
    id: randomId('evt_'), object: 'event', api_version: EVENT_API_VERSION, created: now(), livemode: false,
    type: 'checkout.session.completed', data: { object: session }, pending_webhooks: 1, request: { id: null, idempotency_key: null },
  };
  // Pretty-printed like the real thing, so a receiver that re-serialises the JSON before checking fails here too.
  const sent: SentEvent = { id: event.id, type: event.type, sessionId: session.id, forged, attempts: [], body: JSON.stringify(event, null, 2) };
  events.push(sent);
  return sent;
}

/** One delivery, no retries: what the test controls use, so a test sees the receiver's verdict at once. */
const sendOnce = async (event: SentEvent, secret: string) => {
  const attempt = await post(event.body, secret);
  event.attempts.push(attempt);
  return attempt;
};

async function deliver(event: SentEvent) {
  for (let attempt = 0; ; attempt++) {
    const result = await post(event.body, webhookSecret);
    event.attempts.push(result);
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    if (ok || attempt >= RETRY_DELAYS_MS.length || !webhookUrl) return;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
  }
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const successUrlOf = (session: Session) => session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id);

function money(minor: number, currency: string, locale: string | null) {
  const format = (tag: string | undefined) => new Intl.NumberFormat(tag, { style: 'currency', currency: currency.toUpperCase() });
  let formatter: Intl.NumberFormat;
  try { formatter = format(locale && locale !== 'auto' ? locale : 'en'); } catch { formatter = format('en'); }
  return formatter.format(minor / 10 ** (formatter.resolvedOptions().maximumFractionDigits ?? 2));
}

const STYLE = 'body{font:16px/1.4 system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1a1f36}main{max-width:360px;margin:0 auto;padding:16px;box-sizing:border-box}' +
  '.badge{background:#ffde92;color:#8a4b00;font-size:12px;font-weight:600;padding:2px 6px;border-radius:4px}ul{list-style:none;padding:0}' +
  'li{display:flex;justify-content:space-between;gap:8px;padding:6px 0;border-bottom:1px solid #e3e8ee}li span+span{white-space:nowrap}.total{font-size:28px;font-weight:700}' +
  'label{display:block;font-size:14px;margin:16px 0 4px}input{width:100%;box-sizing:border-box;font-size:18px;padding:10px;border:1px solid #cfd7df;border-radius:6px}' +
  'button{width:100%;margin-top:16px;padding:12px;font-size:18px;font-weight:600;color:#fff;background:#635bff;border:0;border-radius:6px}' +
  'a{color:#635bff}.cancel{display:block;text-align:center;margin-top:16px}';

function page(session: Session | undefined): { status: number; html: string } {
  const shell = (body: string) =>
    `<!doctype html><html lang="${escape(session?.locale && session.locale !== 'auto' ? session.locale : 'en')}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>Test checkout</title><style>${STYLE}</style></head>` +
    `<body><main><span class="badge">Test mode</span>${body}</main></body></html>`;
  if (!session) return { status: 404, html: shell('<h1>Not found</h1><p>There is no such checkout session.</p>') };
  if (session.status === 'expired') return { status: 410, html: shell('<h1>Expired</h1><p>This checkout session has expired. Nothing was charged.</p>') };
  const total = money(session.amount_total, session.currency, session.locale);
  if (session.status === 'complete') {
    return { status: 200, html: shell(`<h1>Paid</h1><p>${escape(total)} has been paid.</p><p><a href="${escape(successUrlOf(session))}">Continue</a></p>`) };
  }
  const items = (lineItems.get(session.id) ?? []).map((item) =>
    `<li><span>${escape(item.price_data.product_data.name)}${item.quantity > 1 ? ` × ${item.quantity}` : ''}</span>` +
    `<span>${escape(money(item.price_data.unit_amount * item.quantity, session.currency, session.locale))}</span></li>`).join('');
  return {
    status: 200,
    html: shell(
      `<h1>Test checkout</h1><div class="total">${escape(total)}</div><ul>${items}</ul>` +
      `<form method="post" action="/pay/${escape(session.id)}">` +
      (session.customer_email ? `<label for="email">Email</label><input id="email" name="email" type="email" value="${escape(session.customer_email)}" readonly>` : '') +
      `<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="cc-number" value="${TEST_CARD}">` +
      `<button type="submit">Pay</button></form>` +
      (session.cancel_url ? `<a class="cancel" href="${escape(session.cancel_url)}">Cancel</a>` : ''),
    ),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if ((size += chunk.length) > 1_000_000) throw new ApiError(413, 'Request body too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body, null, 2));
};

function authorize(auth = '') {
  if (!auth) throw new ApiError(401, 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').');
  if (auth !== `Bearer ${apiKey}`) throw new ApiError(401, `Invalid API Key provided: ${auth.replace(/^Bearer\s+/i, '').replace(/^(.{8}).*(.{4})$/, '$1****$2')}`);
}

function api(req: IncomingMessage, path: string, body: string): unknown {
  const method = req.method ?? 'GET';
  let match: RegExpExecArray | null;
  if (method === 'POST' && path === '/v1/checkout/sessions') return createSession(parseForm(body));
  if (method === 'GET' && (match = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) return sessionOr404(match[1]!);
  if (method === 'POST' && (match = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path))) {
    const session = sessionOr404(match[1]!);
    if (session.status !== 'open') throw new ApiError(400, `Only Checkout Sessions with a status of \`open\` can be expired; this one is \`${session.status}\`.`);
    return Object.assign(session, { status: 'expired', url: null });
  }
  throw new ApiError(404, `Unrecognized request URL (${method}: ${path}).`);
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', 'http://standin').pathname;
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  let match: RegExpExecArray | null;

  if (path.startsWith('/v1/')) {
    const headers: Record<string, string> = { 'Request-Id': randomId('req_', 14), 'Stripe-Version': String(req.headers['stripe-version'] ?? EVENT_API_VERSION) };
    const key = method === 'POST' ? req.headers['idempotency-key'] : undefined;
    const request = `${req.headers.authorization} ${path} ${body}`;
    if (typeof key === 'string') headers['Idempotency-Key'] = key;
    try {
      authorize(req.headers.authorization);
      const earlier = typeof key === 'string' ? idempotent.get(key) : undefined;
      if (earlier && earlier.request !== request) {
        throw new ApiError(400, `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`, {}, 'idempotency_error');
      }
      if (earlier) return json(res, 200, earlier.body, { ...headers, 'Idempotent-Replayed': 'true' });
      const result = api(req, path, body);
      if (typeof key === 'string') idempotent.set(key, { request, body: structuredClone(result) });
      return json(res, 200, result, headers);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return json(res, error.status, { error: { type: error.type, message: error.message, ...error.extra } }, headers);
    }
  }

  if ((match = /^\/pay\/([^/]+)$/.exec(path))) {
    const session = current(match[1]!);
    if (method === 'POST' && session?.status === 'open') {
      Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: randomId('pi_'), url: null });
      await deliver(recordEvent(structuredClone(session), false));
    }
    if (method === 'POST' && session?.status === 'complete') return res.writeHead(303, { Location: successUrlOf(session) }).end();
    const { status, html } = page(session);
    return res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
  }

  if (method === 'GET' && path === '/_standin/events') return json(res, 200, events);
  if (method === 'GET' && path === '/_standin/sessions') return json(res, 200, [...sessions.keys()].map(current));
  if (method === 'POST' && (match = /^\/_standin\/events\/([^/]+)\/resend$/.exec(path))) {
    const event = events.find((e) => e.id === match![1]);
    if (!event) return json(res, 404, { error: { type: 'invalid_request_error', message: `No such event: '${match[1]}'` } });
    return json(res, 200, await sendOnce(event, webhookSecret));
  }
  if (method === 'POST' && path === '/_standin/forge') {
    const { sessionId, amountTotal, secret } = JSON.parse(body || '{}') as { sessionId?: string; amountTotal?: number; secret?: string };
    const session = sessionId ? current(sessionId) : undefined;
    if (!session) return json(res, 404, { error: { type: 'invalid_request_error', message: `No such checkout.session: '${sessionId}'` } });
    // What a completed payment would say, without anything being paid here.
    const claimed: Session = { ...structuredClone(session), status: 'complete', payment_status: 'paid', payment_intent: session.payment_intent ?? randomId('pi_'), url: null };
    if (typeof amountTotal === 'number') Object.assign(claimed, { amount_total: amountTotal, amount_subtotal: amountTotal });
    const event = recordEvent(claimed, true);
    return json(res, 200, { ...(await sendOnce(event, secret ?? webhookSecret)), eventId: event.id });
  }
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
}

const server = createServer((req, res) => {
  void handle(req, res).catch((error: unknown) => {
    const status = error instanceof ApiError ? error.status : error instanceof SyntaxError ? 400 : 500;
    const type = error instanceof ApiError ? error.type : status === 400 ? 'invalid_request_error' : 'api_error';
    if (!res.headersSent) json(res, status, { error: { type, message: error instanceof Error ? error.message : String(error) } });
    else res.destroy();
  });
});
server.listen(Number(process.env.STANDIN_PORT || 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  publicUrl = (process.env.STANDIN_PUBLIC_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, '');
  if (!webhookUrl) console.error('STANDIN_WEBHOOK_URL is not set: events are recorded (GET /_standin/events) but not sent.');
  console.log(`port ${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
