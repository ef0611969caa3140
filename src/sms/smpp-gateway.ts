/**
 * The SMS centre, reached over SMPP 3.4 as mail servers are over SMTP: one bound
 * transceiver session per process, opened on the first message and kept; lost, it is
 * opened again on the next message after a backoff (1 s, 2 s … 60 s), and messages in
 * between fail at once, so the outbox falls back or retries as it does for mail. Cyrillic
 * goes as UCS-2, a text longer than one SMS as parts with a concatenation header, each
 * asking for a delivery receipt; receipts (`deliver_sm`) are handed to `onReceipt`.
 */
import { randomInt } from 'node:crypto';
import smpp, { type PDU, type Session } from 'smpp';
import type { TextSender } from '../notifier/dispatch.js';
import { encodingOf, splitSegments } from './segments.js';

export interface Receipt {
  messageId: string;
  delivered: boolean;
  /** The receipt's `stat` as the centre wrote it (DELIVRD, UNDELIV, EXPIRED ...). */
  state: string;
}

export interface SmppOptions {
  /** smpp://system_id:password@host:port */
  url: string;
  /** Alphanumeric up to 11 characters, or a number. */
  sender: string;
  onReceipt: (receipt: Receipt) => void;
  log?: (message: string) => void;
  /** How long an unanswered submit waits before it counts as failed. */
  responseTimeoutMs?: number;
}

const MAX_BACKOFF_MS = 60_000;
/** States a receipt ends with; ENROUTE, ACCEPTD and the like are on the way. */
const FINAL_FAILURES = new Set(['UNDELIV', 'REJECTD', 'EXPIRED', 'DELETED', 'UNKNOWN']);

/** Reads a delivery receipt's text ("id:… stat:DELIVRD err:000 …") and its TLVs. */
export function receiptOf(pdu: PDU): Receipt | null {
  if (!(Number(pdu.esm_class ?? 0) & 0x04)) return null;
  const message = pdu.short_message;
  const text = typeof message === 'string' ? message : String(message?.message ?? '');
  const id = (pdu.receipted_message_id as string | undefined) ?? /id:(\S+)/i.exec(text)?.[1];
  const state = /stat:(\w+)/i.exec(text)?.[1]?.toUpperCase() ?? '';
  if (!id || !state) return null;
  if (state === 'DELIVRD') return { messageId: id, delivered: true, state };
  return FINAL_FAILURES.has(state) ? { messageId: id, delivered: false, state } : null;
}

export class SmppGateway implements TextSender {
  private session: Promise<Session> | null = null;
  private failures = 0;
  private retryAt = 0;
  private closed = false;
  private readonly target: { host: string; port: number; systemId: string; password: string };

  /** The sender the SMS carry. */
  get sender(): string {
    return this.options.sender;
  }

  constructor(private readonly options: SmppOptions) {
    const url = new URL(options.url);
    this.target = {
      host: url.hostname,
      port: Number(url.port || 2775),
      systemId: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
  }

  /** The bound session, opened when there is none; refused at once while backing off. */
  private ready(): Promise<Session> {
    if (this.closed) return Promise.reject(new Error('the SMS gateway is closed'));
    if (this.session) return this.session;
    const wait = this.retryAt - Date.now();
    if (wait > 0) return Promise.reject(new Error(`the SMS centre is unreachable; trying again in ${Math.ceil(wait / 1000)} s`));
    const opening = new Promise<Session>((resolve, reject) => {
      const session = smpp.connect({ host: this.target.host, port: this.target.port, auto_enquire_link_period: 30_000 }, () => {
        session.bind_transceiver({ system_id: this.target.systemId, password: this.target.password }, (pdu) => {
          if (pdu.command_status === 0) {
            this.failures = 0;
            resolve(session);
          } else {
            lost(new Error(`the SMS centre refused the login (status ${pdu.command_status})`));
            session.destroy();
          }
        });
      });
      let ended = false;
      const lost = (error?: Error) => {
        if (ended) return;
        ended = true;
        if (this.session === opening) this.session = null;
        this.failures += 1;
        this.retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
        reject(error ?? new Error('the SMS centre closed the connection'));
      };
      session.on('error', (error: Error) => {
        this.options.log?.(`SMS centre: ${error.message}`);
        lost(error);
      });
      session.on('close', () => lost());
      session.on('deliver_sm', (pdu: PDU) => {
        session.send(pdu.response());
        const receipt = receiptOf(pdu);
        if (receipt) this.options.onReceipt(receipt);
      });
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: PDU) => {
        session.send(pdu.response());
        session.close();
      });
    });
    this.session = opening;
    return opening;
  }

  /** Sends one text (one or two parts); answers the centre's id of its last part, which its receipt names. */
  async send(to: string, text: string): Promise<{ messageId: string }> {
    const session = await this.ready();
    const parts = splitSegments(text);
    const ucs2 = encodingOf(text) === 'ucs2';
    const reference = randomInt(0, 256);
    const alphanumeric = /[^\d+]/.test(this.options.sender);
    let messageId = '';
    for (const [i, part] of parts.entries()) {
      const pdu = await this.submit(session, {
        source_addr: this.options.sender,
        source_addr_ton: alphanumeric ? 5 : 1,
        source_addr_npi: alphanumeric ? 0 : 1,
        destination_addr: to.replace(/^\+/, ''),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        registered_delivery: 1,
        ...(ucs2 ? { data_coding: 8 } : {}),
        // Parts of one text: the concatenation header (reference, how many, which).
        short_message: parts.length > 1 ? { udh: Buffer.from([0x05, 0x00, 0x03, reference, parts.length, i + 1]), message: part } : part,
      });
      messageId = String(pdu.message_id ?? '');
    }
    return { messageId };
  }

  private submit(session: Session, fields: Record<string, unknown>): Promise<PDU> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the SMS centre did not answer in time')), this.options.responseTimeoutMs ?? 10_000);
      const written = session.submit_sm(fields, (pdu) => {
        clearTimeout(timer);
        if (pdu.command_status === 0) resolve(pdu);
        else reject(new Error(`the SMS centre refused the message (status 0x${pdu.command_status.toString(16).padStart(8, '0')})`));
      });
      if (!written) {
        clearTimeout(timer);
        reject(new Error('the connection to the SMS centre is closed'));
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = await this.session?.catch(() => null);
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => (session.destroy(), resolve()), 2000);
      session.unbind({}, () => {
        clearTimeout(timer);
        session.close();
        resolve();
      });
    });
  }
}
