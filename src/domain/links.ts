/**
 * Links a client opens without signing in (the feedback page, unsubscribing): the id they
 * act on and a signature made with this installation's secret, so a link cannot be guessed
 * or altered to reach someone else's.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SqlHandle } from '../db/handle.js';
import { installationSecret } from './installation.js';

export type LinkPurpose = 'feedback' | 'unsubscribe' | 'calendar' | 'telegram' | 'manage';

const signatureOf = async (sqlite: SqlHandle, purpose: LinkPurpose, payload: string) =>
  createHmac('sha256', await installationSecret(sqlite, 'link_key')).update(`${purpose}:${payload}`).digest('base64url').slice(0, 27);

/** `12.34.<signature>`: the ids, then their signature. */
export async function signLink(sqlite: SqlHandle, purpose: LinkPurpose, ids: number[]): Promise<string> {
  const payload = ids.join('.');
  return `${payload}.${await signatureOf(sqlite, purpose, payload)}`;
}

/** The ids a link carries, or null when it is not one this installation signed for that purpose. */
export async function readLink(sqlite: SqlHandle, purpose: LinkPurpose, token: string, count: number): Promise<number[] | null> {
  const parts = token.split('.');
  if (parts.length !== count + 1) return null;
  const ids = parts.slice(0, count).map(Number);
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) return null;
  const expected = Buffer.from(await signatureOf(sqlite, purpose, parts.slice(0, count).join('.')));
  const given = Buffer.from(parts[count]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? ids : null;
}
