import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  messageId: string | null;
  raw: Buffer;
}

const servers: SMTPServer[] = [];

/** For afterEach: closes every server opened by smtpServer(). */
export async function closeSmtpServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((done) => server.close(() => done()))));
}

/**
 * A real SMTP server on loopback that keeps what it accepts. `refuse` answers 450 to every
 * mail; `acceptDelayMs` holds each answer a while, as a busy server would; `keepRaw: false`
 * keeps only envelope and Message-ID (for many thousands of mails).
 */
export async function smtpServer(options: { refuse?: boolean; acceptDelayMs?: () => number; keepRaw?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.refuse) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 450 }));
        const accept = () => {
          const raw = Buffer.concat(chunks);
          const head = raw.subarray(0, Math.min(raw.length, 4096)).toString('latin1');
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? null,
            raw: options.keepRaw === false ? Buffer.alloc(0) : raw,
          });
          callback();
        };
        const delay = options.acceptDelayMs?.() ?? 0;
        if (delay > 0) setTimeout(accept, delay);
        else accept();
      });
    },
  });
  // A client killed mid-conversation resets its connection: that is the test, not a failure.
  server.on('error', () => {});
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, received, server };
}
