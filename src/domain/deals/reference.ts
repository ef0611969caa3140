/** The voucher's reference: names one booking, and cannot be made up or altered to name another. */
import { createHmac } from 'node:crypto';
import type { Ctx } from '../context.js';
import { installationSecret } from '../installation.js';

const PATTERN = /^TD-(\d{6,12})-([0-9A-F]{6})$/;

const checkOf = async (ctx: Ctx, dealId: number) =>
  createHmac('sha256', await installationSecret(ctx.sqlite, 'reference_key')).update(`voucher:${dealId}`).digest('hex').slice(0, 6).toUpperCase();

/** "TD-000042-3F9A1C": the booking's number and a check keyed with this installation's secret. */
export async function dealReference(ctx: Ctx, dealId: number): Promise<string> {
  return `TD-${String(dealId).padStart(6, '0')}-${await checkOf(ctx, dealId)}`;
}

/** The booking a reference names, or null when it is malformed, forged or altered. */
export async function dealIdOfReference(ctx: Ctx, reference: string): Promise<number | null> {
  const match = PATTERN.exec(reference.trim().toUpperCase());
  if (!match) return null;
  const dealId = Number(match[1]);
  if (!Number.isSafeInteger(dealId) || dealId < 1) return null;
  return await checkOf(ctx, dealId) === match[2] ? dealId : null;
}
