import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEAL_STAGES, deriveDealStatus, reaches, type DealFacts } from '../../src/domain/deals/status.js';

const instant = fc.option(fc.integer({ min: 1, max: 2_000_000_000_000 }), { nil: null });
const facts: fc.Arbitrary<DealFacts> = fc
  .record({
    priceMinor: fc.integer({ min: 0, max: 1_000_000 }),
    depositShare: fc.integer({ min: 0, max: 100 }),
    paidMinor: fc.integer({ min: 0, max: 1_200_000 }),
    documentsSentAt: instant,
    documentsReceivedAt: instant,
    voucherSentAt: instant,
    notifiedAt: instant,
    cancelledAt: instant,
  })
  .map(({ depositShare, ...f }) => ({ ...f, depositDueMinor: Math.floor((f.priceMinor * depositShare) / 100) }));

const base: DealFacts = {
  priceMinor: 30000,
  depositDueMinor: 10000,
  paidMinor: 0,
  documentsSentAt: null,
  documentsReceivedAt: null,
  voucherSentAt: null,
  notifiedAt: null,
  cancelledAt: null,
};

describe('deriveDealStatus', () => {
  it('is the furthest stage the facts reach; only cancellation leaves the order', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const status = deriveDealStatus(f);
        if (f.cancelledAt !== null) {
          expect(status).toBe('cancelled');
          return;
        }
        expect(status).not.toBe('cancelled');
        const index = DEAL_STAGES.indexOf(status as (typeof DEAL_STAGES)[number]);
        expect(reaches(DEAL_STAGES[index]!, f)).toBe(true);
        for (const later of DEAL_STAGES.slice(index + 1)) expect(reaches(later, f)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('never depends on anything but the facts (same facts, same status)', () => {
    fc.assert(
      fc.property(facts, (f) => {
        expect(deriveDealStatus({ ...f })).toBe(deriveDealStatus(f));
      }),
    );
  });

  it('walks the stages in order as facts arrive', () => {
    const steps: [Partial<DealFacts>, string][] = [
      [{}, 'new'],
      [{ documentsSentAt: 1 }, 'documents_sent'],
      [{ documentsReceivedAt: 2 }, 'documents_received'],
      [{ paidMinor: 10000 }, 'deposit_paid'],
      [{ paidMinor: 30000 }, 'fully_paid'],
      [{ voucherSentAt: 3 }, 'voucher_sent'],
      [{ notifiedAt: 4 }, 'notified'],
      [{ cancelledAt: 5 }, 'cancelled'],
    ];
    let f = base;
    for (const [change, expected] of steps) {
      f = { ...f, ...change };
      expect(deriveDealStatus(f)).toBe(expected);
    }
  });

  it('moves to deposit_paid and fully_paid on money alone, without documents', () => {
    expect(deriveDealStatus({ ...base, paidMinor: 9999 })).toBe('new');
    expect(deriveDealStatus({ ...base, paidMinor: 10000 })).toBe('deposit_paid');
    expect(deriveDealStatus({ ...base, paidMinor: 30000 })).toBe('fully_paid');
  });

  it('does not count a voucher or a notice for a deal that is no longer paid in full', () => {
    expect(deriveDealStatus({ ...base, paidMinor: 20000, voucherSentAt: 1, notifiedAt: 2 })).toBe('deposit_paid');
  });

  it('treats a deposit of zero as paid only once money arrives, and a free seat as paid', () => {
    expect(deriveDealStatus({ ...base, depositDueMinor: 0 })).toBe('new');
    expect(deriveDealStatus({ ...base, depositDueMinor: 0, paidMinor: 1 })).toBe('deposit_paid');
    expect(deriveDealStatus({ ...base, priceMinor: 0, depositDueMinor: 0 })).toBe('fully_paid');
  });
});
