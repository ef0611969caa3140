import pg from 'pg';

/**
 * node-postgres returns int8 (bigint) and numeric as strings, because they can exceed a JS
 * number. This app keeps instants (epoch ms) and money in bigint columns and reads counts and
 * sums (count(*) is int8, sum(int8) is numeric) in raw SQL, and SQLite gives all of them as
 * numbers: so parse them as numbers, and fail loudly rather than round past 2^53.
 *
 * Why a function that installs globally, not a Pool option: drizzle's node-postgres session
 * passes its own per-query `types`, which falls back to pg's global registry, so only the
 * global registry reaches drizzle's queries. Call this once at startup, before querying;
 * nothing installs it on import.
 */
export function installPgTypeParsers(): void {
  pg.types.setTypeParser(pg.types.builtins.INT8, parseInt8);
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, parseNumeric);
}

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 ${text} is past Number.MAX_SAFE_INTEGER and cannot be read as a number`);
  return value;
}

/** numeric may have a fraction (avg); only its magnitude is checked. 'NaN' stays NaN. */
export function parseNumeric(text: string): number {
  const value = Number(text);
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) throw new RangeError(`numeric ${text} is past Number.MAX_SAFE_INTEGER and cannot be read as a number`);
  return value;
}
