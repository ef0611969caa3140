import { mapInOrder } from './in-order.js';
import { z } from 'zod';
import { DomainError } from './errors.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export const pagingQuery = {
  limit: z.coerce
    .number({ error: `must be a whole number from 1 to ${MAX_LIMIT}` })
    .int(`must be a whole number from 1 to ${MAX_LIMIT}`)
    .min(1, `must be a whole number from 1 to ${MAX_LIMIT}`)
    .max(MAX_LIMIT, `must be a whole number from 1 to ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT),
  cursor: z.string().max(500).optional(),
};

/** Keyset cursors: the sort key of the last item, opaque to clients. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends readonly (string | number)[]>(
  cursor: string | undefined,
  shape: { [K in keyof T]: 'string' | 'number' },
): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.length === shape.length &&
      key.every((value, i) => typeof value === shape[i] && (typeof value !== 'number' || Number.isFinite(value)))
    ) {
      return key as unknown as T;
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError('validation_failed', 'Invalid cursor: cursor is not one this server gave', {
    cursor: 'is not a cursor this server gave out',
  });
}

/** Takes one row more than asked to learn whether another page exists. */
export function page<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => readonly (string | number)[],
  serialize: (row: Row) => Item,
) {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return {
    items: shown.map(serialize),
    nextCursor: more ? encodeCursor(keyOf(shown[shown.length - 1]!)) : null,
  };
}

/** The same, for items made by reading more (one after another, in order). */
export async function pageInOrder<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => readonly (string | number)[],
  serialize: (row: Row) => Promise<Item>,
) {
  const { items, nextCursor } = page(rows, limit, keyOf, (row) => row);
  return { items: await mapInOrder(items, serialize), nextCursor };
}
