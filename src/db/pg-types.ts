import pg from 'pg';

/**
 * How PostgreSQL values are read, so that the app sees what SQLite gives it.
 *
 * node-postgres returns int8 (bigint) and numeric as strings, because they can exceed a JS
 * number. This app keeps instants (epoch ms) and money in bigint columns and reads counts and
 * sums (count(*) is int8, sum(int8) is numeric) in raw SQL, and SQLite gives all of them as
 * numbers: so they are parsed as numbers, failing loudly rather than rounding past 2^53.
 * SQLite has no boolean: its raw SQL reads a flag as 1 or 0, and so does this.
 *
 * A types object passed to each query (not pg's global registry), so nothing else in the
 * process that uses pg is changed.
 */
export const PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary') {
      if (oid === pg.types.builtins.INT8) return parseInt8;
      if (oid === pg.types.builtins.NUMERIC) return parseNumeric;
      if (oid === pg.types.builtins.BOOL) return parseBool;
    }
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

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

const parseBool = (text: string) => (text === 't' ? 1 : 0);
