import { serve } from '@hono/node-server';
import type { CountryCode } from 'libphonenumber-js';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDb } from './db/client.js';
import { migrate } from './db/migrate.js';
import { ensureFirstDirector } from './domain/users/bootstrap.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  const database = openDb(config.DATABASE_PATH);
  const applied = migrate(database.sqlite);
  if (applied > 0) console.log(`Database ${config.DATABASE_PATH}: applied ${applied} migration(s)`);

  const agency = {
    timeZone: config.AGENCY_TIMEZONE,
    country: config.AGENCY_COUNTRY as CountryCode,
    currency: config.AGENCY_CURRENCY,
  };
  const clock = () => Date.now();
  const director = await ensureFirstDirector(
    { db: database.db, sqlite: database.sqlite, now: clock(), actor: null, agency },
    { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
  );

  const app = createApp({ database, agency, clock });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const url = `http://${config.HOST}:${info.port}`;
    console.log(`tourdesk listening on ${url}`);
    if (director?.generatedPassword) {
      console.log(`First director created: ${director.email} / ${director.generatedPassword}  (shown only this once)`);
    } else if (director) {
      console.log(`First director created: ${director.email} (password from ADMIN_PASSWORD)`);
    }
    console.log(
      `Sign in: curl -s -X POST ${url}/api/v1/session -H 'Content-Type: application/json' -d '{"email":"…","password":"…"}'`,
    );
  });

  const stop = () => {
    server.close();
    database.sqlite.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
