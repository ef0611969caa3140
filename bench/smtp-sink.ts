/**
 * A local SMTP server in its own process, so the sender being measured does not share its
 * event loop. Prints `port N` once listening; answers each line on stdin with `accepted N`.
 */
import { createInterface } from 'node:readline';
import { SMTPServer } from 'smtp-server';

let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      accepted++;
      callback();
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => console.log(`port ${(server.server.address() as { port: number }).port}`));
createInterface({ input: process.stdin }).on('line', () => console.log(`accepted ${accepted}`));
