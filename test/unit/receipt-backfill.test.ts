import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';

/** The migration's own statement that numbers the money recorded before receipts were. */
const backfill = readFileSync('drizzle/0024_receipts_and_bank_statements.sql', 'utf8')
  .split('--> statement-breakpoint')
  .map((part) => part.trim())
  .find((part) => part.includes('UPDATE `payments`'))!;

describe('numbering the money recorded before receipts', () => {
  it('numbers each year from 1 in the order the rows were recorded, and leaves no row without a number', () => {
    const database = openDb(':memory:');
    migrate(database.sqlite);
    const sqlite = database.sqlite;
    // Only the money rows matter here: their booking is left out.
    sqlite.pragma('foreign_keys = OFF');
    const at = (iso: string) => Date.parse(iso);
    // Recorded out of order across a new year: the numbering follows the order of recording within each year.
    for (const iso of ['2025-12-31T21:00:00Z', '2026-01-02T08:00:00Z', '2025-06-01T08:00:00Z', '2026-03-01T08:00:00Z', '2026-02-01T08:00:00Z']) {
      sqlite.prepare(`INSERT INTO payments (deal_id, kind, amount_minor, delta_minor, method, received_at, created_at) VALUES (1, 'payment', 1, 1, 'cash', ?, ?)`).run(at(iso), at(iso));
    }
    sqlite.exec(backfill);
    const numbers = sqlite.prepare('SELECT receipt_number AS n FROM payments ORDER BY id').all() as { n: string }[];
    expect(numbers.map((r) => r.n)).toEqual(['2025-000001', '2026-000001', '2025-000002', '2026-000002', '2026-000003']);
  });
});
