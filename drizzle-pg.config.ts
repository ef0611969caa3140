import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL engine's migrations; drizzle.config.ts keeps SQLite's. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema-pg/index.ts',
  out: './drizzle-pg',
});
