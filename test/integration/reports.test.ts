import { answerFeedback, feedbackToken } from '../../src/domain/aftercare/index.js';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContact } from '../../src/domain/contacts/index.js';
import type { ActingCtx } from '../../src/domain/context.js';
import { cancelDeal, createDeal } from '../../src/domain/deals/index.js';
import { recordPayment, reversePayment } from '../../src/domain/deals/payments.js';
import { createDeparture } from '../../src/domain/departures/departures.js';
import { departureReport, departuresReport } from '../../src/domain/reports/departures-report.js';
import { makeTestApp, type TestApp } from '../helpers/test-app.js';

const DAY = 86_400_000;

/** A generated agency: two currencies, costs, cancellations with and without fees, refunds, reversals, named and unnamed travellers. */
async function generateAgency(t: TestApp, seed: number) {
  const director = { id: 1, email: 'director@agency.test', name: 'Director', role: 'director' as const, locale: null };
  const ctx: ActingCtx = { ...t.ctx(), actor: director };
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  for (let d = 0; d < 8; d++) {
    const departure = await createDeparture(ctx, {
      title: `Trip ${d}`,
      departsAt: new Date(t.now + (d + 1) * 5 * DAY).toISOString(),
      meetingPoint: 'NDK',
      seats: 40,
      priceMinor: 10_000 + d * 1_337,
      depositMinor: 3_000,
      currency: d % 3 === 0 ? 'BGN' : 'EUR',
      // Every trip is within 60 days: half keep a fee on cancellation.
      cancellationFees: d % 2 ? [{ daysBefore: 60, percent: int(0, 100) }] : [],
      costs: d % 3 === 1 ? [] : Array.from({ length: int(1, 3) }, (_, k) => ({ label: `Cost ${k}`, amountMinor: int(0, 200_000) })),
      // Most trips sell a child's seat, some a senior's too (any price, even 0).
      prices: d % 4 === 3 ? [] : [{ category: 'child', priceMinor: int(0, 10_000), depositMinor: 0 }, ...(d % 2 ? [{ category: 'senior', priceMinor: int(0, 9_000), depositMinor: 0 }] : [])],
    });
    const sold = d % 4 === 3 ? ['adult'] : d % 2 ? ['adult', 'child', 'senior'] : ['adult', 'child'];
    for (let i = 0; i < int(0, 9); i++) {
      const contact = await createContact(ctx, { name: `Client ${d}-${i}`, email: `c${seed}-${d}-${i}@example.com` });
      const seats = int(1, 3);
      const dealId = await createDeal(ctx, {
        departureId: departure.id,
        contactId: contact.id,
        seats,
        travellers: Array.from({ length: int(0, seats) }, (_, k) => ({ name: `Traveller ${k}`, category: sold[int(0, sold.length - 1)]! })),
        ...(next() < 0.2 ? { priceMinor: int(0, 50_000) } : {}),
      });
      const heldFor = async () => (await ctx.sqlite.prepare('SELECT coalesce(sum(delta_minor), 0) AS n FROM payments WHERE deal_id = ?').get(dealId) as { n: number }).n;
      const priceOf = (await ctx.sqlite.prepare('SELECT price_minor AS p FROM deals WHERE id = ?').get(dealId) as { p: number }).p;
      const payments: number[] = [];
      for (let p = 0; p < int(0, 3); p++) {
        const balance = priceOf - await heldFor();
        if (balance <= 0) break;
        const { result } = await recordPayment(ctx, dealId, { amountMinor: int(1, Math.min(9_000, balance)), kind: 'payment', method: ['cash', 'card', 'bank_transfer'][int(0, 2)]! });
        payments.push(result.id);
      }
      if (payments.length && next() < 0.25) await reversePayment(ctx, dealId, payments[0]!, { reason: 'typed twice' });
      // Half the travellers said how it was, with any number of stars.
      if (next() < 0.5) await answerFeedback(ctx, await feedbackToken(ctx, dealId), { rating: int(1, 5), comment: null });
      if (next() < 0.25) {
        await cancelDeal(ctx, dealId, { reason: 'changed plans' });
        const held = await heldFor();
        if (held > 1 && next() < 0.6) await recordPayment(ctx, dealId, { amountMinor: int(1, held), kind: 'refund', method: 'cash' });
      }
    }
  }
}

/** The average of the stars to one decimal, and how many answered. */
const ratingOf = (stars: number[]) =>
  stars.length ? { average: Math.round((stars.reduce((s, n) => s + n, 0) / stars.length) * 10) / 10, count: stars.length } : { average: null, count: 0 };

/** The contract's definitions, computed from raw rows in plain code: no SQL aggregate shared with the report. */
async function recompute(t: TestApp) {
  const sqlite = t.database.sqlite;
  const departures = await sqlite.prepare('SELECT * FROM departures').all() as { id: number; seats: number; currency: string; costs: string }[];
  const deals = await sqlite.prepare('SELECT * FROM deals').all() as { id: number; departure_id: number; status: string; seats: number; price_minor: number; fee_minor: number }[];
  const payments = await sqlite.prepare('SELECT deal_id, delta_minor FROM payments').all() as { deal_id: number; delta_minor: number }[];
  const travellers = await sqlite.prepare('SELECT deal_id FROM travellers').all() as { deal_id: number }[];
  const answers = await sqlite.prepare('SELECT d.departure_id, f.rating FROM feedback f JOIN deals d ON d.id = f.deal_id').all() as { departure_id: number; rating: number }[];
  const paid = new Map<number, number>();
  for (const p of payments) paid.set(p.deal_id, (paid.get(p.deal_id) ?? 0) + p.delta_minor);
  const named = new Map<number, number>();
  for (const tr of travellers) named.set(tr.deal_id, (named.get(tr.deal_id) ?? 0) + 1);
  const costsOf = (dep: { costs: string }) => (JSON.parse(dep.costs) as { amountMinor: number }[]).reduce((s, c) => s + c.amountMinor, 0);
  return departures.map((dep) => {
    const own = deals.filter((d) => d.departure_id === dep.id);
    const live = own.filter((d) => d.status !== 'cancelled');
    const cancelled = own.filter((d) => d.status === 'cancelled');
    const paidOf = (d: { id: number }) => paid.get(d.id) ?? 0;
    const byStatus: Record<string, number> = {};
    for (const d of own) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    return {
      departureId: dep.id,
      seats: dep.seats,
      seatsBooked: live.reduce((s, d) => s + d.seats, 0),
      travellers: live.reduce((s, d) => s + Math.min(named.get(d.id) ?? 0, d.seats), 0),
      dealsByStatus: byStatus,
      contractedMinor: live.reduce((s, d) => s + d.price_minor, 0) + cancelled.reduce((s, d) => s + d.fee_minor, 0),
      collectedMinor: own.reduce((s, d) => s + paidOf(d), 0),
      outstandingMinor: live.reduce((s, d) => s + Math.max(0, d.price_minor - paidOf(d)), 0),
      refundDueMinor: cancelled.reduce((s, d) => s + Math.max(0, paidOf(d) - d.fee_minor), 0),
      feesMinor: cancelled.reduce((s, d) => s + d.fee_minor, 0),
      costsMinor: costsOf(dep),
      marginMinor: live.reduce((s, d) => s + d.price_minor, 0) + cancelled.reduce((s, d) => s + d.fee_minor, 0) - costsOf(dep),
      rating: ratingOf(answers.filter((a) => a.departure_id === dep.id).map((a) => a.rating)),
      currency: dep.currency,
    };
  });
}

describe('departure reports', () => {
  it('agree to the cent with an independent recomputation over generated agencies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), async (seed) => {
        const t = await makeTestApp();
        await generateAgency(t, seed);
        const report = await departuresReport(t.ctx(), {});
        const expected = await recompute(t);
        expect(report.items.map(({ title: _t, departsAt: _d, ...rest }) => rest)).toEqual(expected);
        for (const currency of new Set(expected.map((e) => e.currency))) {
          const mine = expected.filter((e) => e.currency === currency);
          const total = report.totals.find((x) => x.currency === currency)!;
          expect(total.collectedMinor).toBe(mine.reduce((s, e) => s + e.collectedMinor, 0));
          expect(total.outstandingMinor).toBe(mine.reduce((s, e) => s + e.outstandingMinor, 0));
          expect(total.departures).toBe(mine.length);
        }
        // Revenue by category: every seat of the bookings going counted once, their prices shared out to the cent.
        for (const e of expected) {
          const split = (await departureReport(t.ctx(), e.departureId)).revenueByCategory;
          expect(split.reduce((n, c) => n + c.seats, 0)).toBe(e.seatsBooked);
          expect(split.reduce((n, c) => n + c.revenueMinor, 0)).toBe(e.contractedMinor - e.feesMinor);
          for (const c of split) expect(Number.isInteger(c.revenueMinor) && c.revenueMinor >= 0).toBe(true);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('is for directors only, over the API, as JSON and as CSV with Cyrillic intact', async () => {
    const t = await makeTestApp();
    await generateAgency(t, 7);
    const director = await t.as('director');
    const manager = await t.as('manager');
    expect((await t.call('GET', '/api/v1/reports/departures', { token: manager.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/reports/funnel', { token: manager.token })).status).toBe(403);
    const json = await t.call('GET', '/api/v1/reports/departures?from=2026-11-01&to=2026-12-31', { token: director.token });
    expect(json.status).toBe(200);
    expect(json.body.items.length).toBeGreaterThan(0);
    expect(json.body.items[0].departsAt).toMatch(/Z$/);
    expect(json.body.totals.map((x: any) => x.currency)).toEqual(['BGN', 'EUR']);

    const id = json.body.items[0].departureId;
    const one = (await t.call('GET', `/api/v1/reports/departures/${id}`, { token: director.token })).body;
    expect(one.deals.reduce((s: number, d: any) => s + d.paidMinor, 0)).toBe(one.collectedMinor);
    expect(one.paymentsByMethod.reduce((s: number, m: any) => s + m.netMinor, 0)).toBe(one.collectedMinor);

    const csv = await t.app.request('/api/v1/reports/departures?format=csv', { headers: { Authorization: `Bearer ${director.token}`, 'Accept-Language': 'bg' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for Cyrillic
    // A Bulgarian Excel splits CSV on semicolons (its decimals are commas).
    const rows = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' }) as string[][];
    expect(rows[0]![0]).toBe('Екскурзия');
    expect(rows.at(-1)![0]).toMatch(/^Общо \(\d+ екскурзии\)$/);
    expect((await t.call('GET', '/api/v1/reports/departures?from=yesterday', { token: director.token })).status).toBe(400);
  });
});

describe('funnel', () => {
  it('counts statuses, reasons with shares, conversion and first-offer speed, with reactivations apart', async () => {
    const t = await makeTestApp();
    const director = await t.as('director');
    const token = director.token;
    const intake = async (phone: string) => (await t.call('POST', '/api/v1/inquiries', { token, body: { name: 'Lead', phone } })).body.inquiry.id as number;
    const move = (id: number, status: string, reason?: string) => t.call('POST', `/api/v1/inquiries/${id}/status`, { token, body: { status, ...(reason ? { reason } : {}) } });
    const a = await intake('+359888100001');
    const b = await intake('+359888100002');
    const c = await intake('+359888100003');
    const d = await intake('+359888100004');
    await intake('+359888100005'); // stays new
    t.advance(2 * 3_600_000);
    await move(a, 'selecting');
    await move(a, 'offer_made'); // 2 h: on time
    t.advance(8 * 3_600_000);
    await move(b, 'selecting');
    await move(b, 'offer_made'); // 10 h: late
    await move(c, 'refused', 'bought_elsewhere');
    await move(d, 'refused', 'price_shopping');
    const departure = (await t.call('POST', '/api/v1/departures', { token, body: { title: 'T', departsAt: '2027-01-10T08:00', meetingPoint: 'X', seats: 10, priceMinor: 100, depositMinor: 0 } })).body;
    await t.call('POST', `/api/v1/inquiries/${a}/book`, { token, body: { departureId: departure.id, seats: 1 } });
    const back = await intake('+359888100003'); // c returns: a reactivation
    const report = (await t.call('GET', '/api/v1/reports/funnel', { token })).body;
    expect(report).toMatchObject({
      inquiries: 5,
      offered: 2,
      booked: 1,
      offerRate: 0.4,
      offerToBookedRate: 0.5,
      conversionRate: 0.2,
      medianHoursToFirstOffer: 6,
      firstOfferOnTimeShare: 0.5,
    });
    expect(report.byStatus).toMatchObject({ new: 1, offer_made: 1, booked: 1, refused: 2 });
    expect(report.refusalReasons).toEqual([
      { reason: 'bought_elsewhere', count: 1, share: 0.5 },
      { reason: 'price_shopping', count: 1, share: 0.5 },
    ]);
    expect(report.reactivations).toMatchObject({ inquiries: 1, byStatus: { new: 1 } });
    expect(back).toBeGreaterThan(d);
    expect(report.byManager).toHaveLength(1);
    const csv = await t.call('GET', '/api/v1/reports/funnel?format=csv', { token, headers: { 'Accept-Language': 'ru' } });
    const rows = parse(String(csv.body), { relax_column_count: true, delimiter: ';' }) as string[][];
    const reason = rows.find((r) => r[0] === 'купил в другом месте')!;
    expect(reason.slice(0, 2)).toEqual(['купил в другом месте', '1']);
    expect(reason[2]).toMatch(/^50\s%$/u);
  });
});
