/**
 * A real SMTP server in its own process, for tests that kill senders: the server's event
 * loop is not the test's, and what it accepted survives anything the test does. Each
 * accepted mail's Message-ID is appended to the file named by SMTP_LOG; `port N` is printed
 * once listening. SMTP_DELAY_MS=min-max holds each answer a random while.
 */
import { appendFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

const log = process.env.SMTP_LOG!;
const [min, max] = (process.env.SMTP_DELAY_MS ?? '0-0').split('-').map(Number) as [number, number];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 4096) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      const accept = () => {
        appendFileSync(log, `${/^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '-'}\n`);
        callback();
      };
      setTimeout(accept, min + Math.random() * (max - min));
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => console.log(`port ${(server.server.address() as { port: number }).port}`));
