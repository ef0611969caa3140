import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ensureFirstDirector } from './domain/users/bootstrap.js';
import { ensureDefaultPlan } from './domain/tasks/index.js';
import { whereDataLives } from './db/open.js';
import { openRuntime } from './runtime.js';
import { createMailer } from './mail/mailer.js';
import { startNotifier } from './notifier/pass.js';
import { openChannels, startTelegram } from './channels.js';
import { openPaymentProvider } from './payments/provider.js';

async function main() {
  const { config, database, agency, clock, applied, systemCtx } = await openRuntime();
  if (applied > 0) console.log(`Database ${whereDataLives(config)}: applied ${applied} migration(s)`);
  const director = await ensureFirstDirector(systemCtx(), { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD, name: config.ADMIN_NAME });
  // A new installation starts with the agencies' seven stages of a trip, in its language.
  await ensureDefaultPlan(systemCtx(), agency.locale);

  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, outboxDir: config.OUTBOX_DIR });
  const log = (line: string) => console.log(line);
  const channels = openChannels(config, systemCtx, log);
  await startTelegram(channels, agency, log);
  const origins = config.PUBLIC_INTAKE_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  const payments = config.PAYMENT_PROVIDER_URL
    ? openPaymentProvider({ url: config.PAYMENT_PROVIDER_URL, key: config.PAYMENT_PROVIDER_KEY!, webhookSecret: config.PAYMENT_WEBHOOK_SECRET! })
    : null;
  const app = createApp({ database, agency, clock, mailer, payments, intake: { limit: config.PUBLIC_INTAKE_LIMIT, origins } });
  // Departure notices are planned and the outbox swept on a timer (retries, rows left by a
  // crash), and once at start, so notices owed while the server was down go out late, not never.
  const notifier = config.NOTIFIER_INTERVAL_S > 0 ? startNotifier(systemCtx, mailer, config.NOTIFIER_INTERVAL_S, log, channels) : null;
  if (notifier) setTimeout(() => void notifier.tick(), 1000).unref();
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const url = `http://${config.HOST}:${info.port}`;
    console.log(`tourdesk listening on ${url}`);
    console.log(`Mail goes to ${mailer.describe}`);
    if (payments) console.log(`Card payments through ${new URL(config.PAYMENT_PROVIDER_URL!).host}; its events to ${agency.publicUrl}/api/v1/public/payments/webhook`);
    if (channels.sms) console.log(`SMS go to the SMS centre at ${new URL(config.SMS_URL!).host} (sender ${JSON.stringify(channels.sms.sender)})`);
    if (director?.generatedPassword) {
      console.log(`First director created: ${director.email} / ${director.generatedPassword}  (shown only this once)`);
    } else if (director) {
      console.log(`First director created: ${director.email} (password from ADMIN_PASSWORD)`);
    }
    console.log(
      `Sign in: curl -s -X POST ${url}/api/v1/session -H 'Content-Type: application/json' -d '{"email":"admin@localhost","password":"…"}'`,
    );
  });

  const stop = async () => {
    notifier?.stop();
    await channels.close();
    mailer.close();
    server.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
