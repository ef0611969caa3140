import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One webhook event the stand-in sent (or tried to): `body` is the exact JSON that was signed. */
export interface StandinEvent {
  id: string;
  type: string;
  sessionId: string;
  /** Sent through `forge`, not by a payment. */
  forged: boolean;
  /** One per delivery: the receiver's HTTP status, or null with `error` when it could not be reached. */
  attempts: { status: number | null; error?: string }[];
  body: string;
}

/** A Checkout Session as the stand-in keeps it (the fields tourdesk reads). */
export interface StandinSession {
  id: string;
  object: 'checkout.session';
  amount_total: number;
  amount_subtotal: number;
  currency: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  payment_intent: string | null;
  url: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string | null;
  customer_email: string | null;
  locale: string | null;
  created: number;
  expires_at: number;
}

const SCRIPT = fileURLToPath(new URL('../../tools/checkout-standin.ts', import.meta.url));
const running: ChildProcess[] = [];

/**
 * The card payment provider's stand-in (tools/checkout-standin.ts) in its own process: a real
 * HTTP server that stripe-node talks to, and that sends signed webhooks to `webhookUrl`.
 */
export async function startCheckoutStandin(options: { webhookUrl?: string; secret?: string; apiKey?: string } = {}) {
  const apiKey = options.apiKey ?? 'sk_test_standin';
  const secret = options.secret ?? 'whsec_standin';
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, STANDIN_PORT: '0', STANDIN_API_KEY: apiKey, STANDIN_WEBHOOK_SECRET: secret, STANDIN_WEBHOOK_URL: options.webhookUrl ?? '', STANDIN_PUBLIC_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /^port (\d+)$/m.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`the checkout stand-in exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}`;

  const call = async <T>(path: string, init?: { method: 'POST'; json?: unknown }): Promise<T> => {
    const response = await fetch(url + path, {
      method: init?.method ?? 'GET',
      ...(init?.json !== undefined && { body: JSON.stringify(init.json), headers: { 'Content-Type': 'application/json' } }),
    });
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };

  return {
    url,
    port,
    apiKey,
    secret,
    /** Every event sent so far, oldest first. */
    events: () => call<StandinEvent[]>('/_standin/events'),
    /** Sends that event's exact body again, freshly signed (a replay); the receiver's answer. */
    resend: (eventId: string) => call<{ status: number | null; error?: string }>(`/_standin/events/${encodeURIComponent(eventId)}/resend`, { method: 'POST' }),
    /** A `checkout.session.completed` for the session with nothing paid: another amount, or signed with another secret. */
    forge: (forgery: { sessionId: string; amountTotal?: number; secret?: string }) =>
      call<{ status: number | null; error?: string; eventId: string }>('/_standin/forge', { method: 'POST', json: forgery }),
    sessions: () => call<StandinSession[]>('/_standin/sessions'),
    /** What the buyer's Pay button does; answers where the buyer is sent next (the Location). */
    pay: async (sessionId: string): Promise<string> => {
      const response = await fetch(`${url}/pay/${encodeURIComponent(sessionId)}`, {
        method: 'POST',
        body: new URLSearchParams({ card: '4242 4242 4242 4242' }),
        redirect: 'manual',
      });
      const location = response.headers.get('location');
      if (response.status !== 303 || !location) throw new Error(`paying ${sessionId}: ${response.status} ${await response.text()}`);
      return location;
    },
    stop: () => child.kill('SIGKILL'),
  };
}

export type CheckoutStandin = Awaited<ReturnType<typeof startCheckoutStandin>>;

export function stopCheckoutStandins() {
  for (const child of running.splice(0)) child.kill('SIGKILL');
}
