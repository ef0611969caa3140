import type { Context } from 'hono';
import { z } from 'zod';
import { boardingList, BOARDING_STATES, markBoarding } from '../../domain/boarding/index.js';
import type { ActingCtx } from '../../domain/context.js';
import { recordPayment } from '../../domain/deals/payments.js';
import { getDealRow } from '../../domain/deals/index.js';
import { DomainError } from '../../domain/errors.js';
import { DAY_MS } from '../../domain/time.js';
import { atomically } from '../../db/transaction.js';
import { refusalText } from '../../i18n/errors.js';
import { getDeparture, MAX_SEATS } from '../../domain/departures/departures.js';
import { vehiclesOf } from '../../domain/departures/vehicles.js';
import { actingCtxOf, type AppDeps, type AppEnv } from '../context.js';
import { frameOf } from './frame.js';
import { idParam } from '../validate.js';
import { csrfTokenFor } from './web-session.js';
import { positiveId } from './forms.js';

/**
 * What a phone at the bus door kept while it had no signal, sent in one request when the
 * signal returns. Each change carries the id the phone gave it, kept as its idempotency key
 * in the change's own transaction: a request repeated after a lost answer does nothing twice.
 */
const opId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be the id the phone gave the change');
const dealId = z.number().int().positive();
const tapTime = z.string().max(40);
const MarkOp = z.object({
  id: opId,
  kind: z.literal('mark'),
  dealId,
  travellerIds: z.array(z.number().int().positive()).min(1).max(MAX_SEATS),
  state: z.enum(BOARDING_STATES),
  ifState: z.enum(BOARDING_STATES),
  at: tapTime,
});
const CashOp = z.object({
  id: opId,
  kind: z.literal('cash'),
  dealId,
  amountMinor: z.number().int().positive(),
  at: tapTime,
});
const Op = z.discriminatedUnion('kind', [MarkOp, CashOp]);
type Op = z.infer<typeof Op>;

/** A phone sends what it kept; more than this in one request is split by the phone (it sends in turns). */
export const MAX_OPS = 200;
const SyncBody = z.object({ ops: z.array(z.unknown()).max(MAX_OPS) });

export type OpResult =
  | { id: string; status: 'done' | 'replayed' }
  | { id: string; status: 'conflict'; reason: string; message: string; travellers?: unknown }
  | { id: string; status: 'refused'; message: string };

/**
 * When the cash was taken: the tap's time on the phone, unless that clock is plainly wrong
 * (a week or more off the server's): then the time it arrived. A repeated request must ask
 * the same as the first to be known as the same, so a clock a little ahead is kept as it is.
 */
function takenAt(ctx: ActingCtx, at: string): string {
  const ms = Date.parse(at);
  return new Date(Number.isFinite(ms) && Math.abs(ms - ctx.now) < 7 * DAY_MS ? ms : ctx.now).toISOString();
}

async function apply(ctx: ActingCtx, op: Op, departureId: number): Promise<OpResult> {
  // A change is for this bus only: a phone cannot reach another departure's bookings through it.
  if ((await getDealRow(ctx, op.dealId)).departureId !== departureId) throw new DomainError('not_found', 'No such booking on this departure', { resource: 'deal', id: op.dealId });
  const key = `door:${ctx.actor.id}:${op.id}`;
  if (op.kind === 'mark') {
    const { replayed } = await atomically(ctx, async (ctx) => await markBoarding(ctx, op.dealId, { travellerIds: op.travellerIds, state: op.state, ifState: op.ifState }, key));
    return { id: op.id, status: replayed ? 'replayed' : 'done' };
  }
  const { replayed } = await atomically(ctx, async (ctx) => await recordPayment(ctx, op.dealId, { amountMinor: op.amountMinor, kind: 'payment', method: 'cash', receivedAt: takenAt(ctx, op.at) }, key));
  return { id: op.id, status: replayed ? 'replayed' : 'done' };
}

/**
 * `POST /departures/:id/boarding/sync` `{ops}` → `{results, list}`: each change applied in
 * turn, in its own transaction, so one refused change does not hold back the others; then
 * the bus as it stands now, which the phone shows (two phones agree once both have synced).
 * The page's CSRF token comes in a header: the body is JSON, which no other site can post.
 * `?vehicleId=` is the bus the phone shows: the answer lists that bus (or the first, when the
 * departure no longer has it: what the phone kept is sent all the same); none, every bus.
 */
export function doorSync(deps: AppDeps) {
  return async (c: Context<AppEnv>) => {
    const ctx = actingCtxOf(c, deps);
    const token = c.get('token');
    if (!token || c.req.header('X-CSRF-Token') !== csrfTokenFor(token)) throw new DomainError('forbidden', 'csrf');
    const departureId = idParam(c, 'id', 'departure');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new DomainError('validation_failed', 'The body must be JSON', { body: 'must be JSON: {"ops": [...]}' });
    }
    const parsed = SyncBody.safeParse(body);
    if (!parsed.success) throw new DomainError('validation_failed', 'The body must be {"ops": [...]}', { ops: `must be a list of at most ${MAX_OPS} changes` });
    const locale = frameOf(c, deps).tr.locale;
    const results: OpResult[] = [];
    for (const raw of parsed.data.ops) {
      const op = Op.safeParse(raw);
      const id = typeof (raw as { id?: unknown })?.id === 'string' ? String((raw as { id: string }).id).slice(0, 64) : '';
      if (!op.success) {
        results.push({ id, status: 'refused', message: op.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        continue;
      }
      try {
        results.push(await apply(ctx, op.data, departureId));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const message = refusalText(locale, error);
        const details = (error.details ?? {}) as { reason?: string; travellers?: unknown };
        results.push(
          error.code === 'conflict'
            ? { id, status: 'conflict', reason: details.reason ?? 'conflict', message, ...(details.travellers ? { travellers: details.travellers } : {}) }
            : { id, status: 'refused', message },
        );
      }
    }
    const asked = positiveId(c.req.query('vehicleId'));
    const vehicles = asked === undefined ? [] : await vehiclesOf(ctx, await getDeparture(ctx, departureId));
    const bus = asked === undefined ? undefined : (vehicles.find((v) => v.id === asked) ?? vehicles[0])?.id;
    return c.json({ results, list: await boardingList(ctx, departureId, undefined, bus) });
  };
}
