import { parseArgs } from 'node:util';
import { describeReport, runNotifierPass } from '../notifier/pass.js';
import { createMailer } from '../mail/mailer.js';
import { openRuntime } from '../runtime.js';
import { openChannels } from '../channels.js';
import { DomainError } from '../domain/errors.js';
import { instantInput, parseInstant } from '../domain/time.js';

const USAGE = 'usage: npm run notify -- [--now ISO] [--dry-run]   (--now: evaluate "24 hours before departure" at that instant)';

/**
 * The clock of this run: the real one, or one that starts at --now and runs at real speed,
 * so leases and retry delays behave as they would have at that instant.
 */
function clockFrom(now: string, zone: string): () => number {
  const start = parseInstant(now, zone);
  const startedAt = Date.now();
  return () => start + (Date.now() - startedAt);
}

async function main() {
  let values: { now?: string | undefined; 'dry-run'?: boolean | undefined };
  try {
    ({ values } = parseArgs({ options: { now: { type: 'string' }, 'dry-run': { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.now !== undefined && !instantInput.safeParse(values.now).success) {
    console.error(`--now: ${values.now} is not an ISO 8601 date and time, e.g. 2027-06-01T09:00:00+03:00\n${USAGE}`);
    process.exit(2);
  }
  let clock = () => Date.now();
  const { config, database, agency, systemCtx } = await openRuntime({ clock: () => clock() });
  // Without an offset, --now is wall-clock time in the agency's zone, like every other input.
  if (values.now !== undefined) {
    try {
      clock = clockFrom(values.now, agency.timeZone);
    } catch (error) {
      console.error(`--now: ${values.now} ${error instanceof DomainError ? Object.values((error.details ?? {}) as Record<string, string>).join('; ') : String(error)}\n${USAGE}`);
      await database.close();
      process.exit(2);
    }
  }
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, outboxDir: config.OUTBOX_DIR });
  // SMS and Telegram go out as well; delivery receipts that come after this process ends
  // reach the server's session (an SMS centre keeps them for the next bound session).
  const channels = openChannels(config, systemCtx, (line) => console.error(line));
  try {
    const report = await runNotifierPass(systemCtx, mailer, { dryRun: values['dry-run'] ?? false, channels });
    console.log(`notify at ${new Date(clock()).toISOString()}: ${describeReport(report)}`);
    if (!report.dryRun && report.sent > 0 && !config.SMTP_URL) console.log(`Without SMTP_URL, mails are written as .eml files to ${config.OUTBOX_DIR}`);
  } catch (error) {
    console.error(`Notifier pass failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await channels.close();
    mailer.close();
    await database.close();
  }
}

void main();
