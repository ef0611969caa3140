import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  /** A stable name for the message; its Message-ID is made from it, so a resend is recognisably the same mail. */
  key?: string;
  subject: string;
  /** The language the mail is written in, sent as Content-Language. */
  language?: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  /** More header lines (a campaign's List-Unsubscribe). */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the mail server accepted the message (or the file is written). */
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
  describe: string;
}

/** Pool settings of the SMTP transport (the benchmark's bare sender uses the same). */
export const MAIL_POOL = { pool: true, maxConnections: 3 } as const;

/**
 * One transport per process: pooled SMTP when SMTP_URL is set; otherwise every mail is an
 * .eml file in the outbox folder, so a fresh install never sends anything by accident.
 */
export function createMailer(options: { smtpUrl?: string | undefined; from: string; outboxDir: string; pool?: boolean }): Mailer {
  const domain = /@([^>\s]+)/.exec(options.from)?.[1] ?? 'localhost';
  const withId = ({ key, language, headers, ...message }: MailMessage) => ({
    ...message,
    ...(key ? { messageId: `<${key}@${domain}>` } : {}),
    headers: { ...(language ? { 'Content-Language': language } : {}), ...(headers ?? {}) },
  });
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport({ ...MAIL_POOL, url: options.smtpUrl, pool: options.pool ?? true } as never, {
      from: options.from,
    });
    return {
      describe: `SMTP ${new URL(options.smtpUrl).host}${options.pool === false ? '' : ' (pooled)'}`,
      send: async (message) => ({ messageId: (await transport.sendMail(withId(message))).messageId as string }),
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }, { from: options.from });
  mkdirSync(options.outboxDir, { recursive: true });
  return {
    describe: `files in ${options.outboxDir}`,
    send: async (message) => {
      const info = await transport.sendMail(withId(message));
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      writeFileSync(join(options.outboxDir, `${stamp}-${randomUUID().slice(0, 8)}.eml`), info.message as Buffer);
      return { messageId: info.messageId as string };
    },
    close: () => transport.close(),
  };
}
