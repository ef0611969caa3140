import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moneyOf } from '../../src/domain/deals/index.js';
import { formatMinor, MAX_MINOR, minorAmount, perSeatTotal, sumMinor } from '../../src/domain/money.js';

describe('money', () => {
  it('multiplies per-seat amounts exactly', () => {
    expect(perSeatTotal(49, 15000)).toBe(735000);
    expect(perSeatTotal(3, 3333)).toBe(9999);
    expect(() => perSeatTotal(1000, Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
  });

  it('sums integers exactly and refuses fractions', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -MAX_MINOR, max: MAX_MINOR }), { maxLength: 200 }), (amounts) => {
        expect(sumMinor(amounts)).toBe(amounts.reduce((a, b) => a + b, 0));
      }),
    );
    expect(() => sumMinor([1, 0.1])).toThrow(RangeError);
  });

  it('accepts only non-negative integer minor units', () => {
    expect(minorAmount.safeParse(15000).success).toBe(true);
    expect(minorAmount.safeParse(150.5).success).toBe(false);
    expect(minorAmount.safeParse(-1).success).toBe(false);
    expect(minorAmount.safeParse('15000').success).toBe(false);
    expect(minorAmount.safeParse(MAX_MINOR + 1).success).toBe(false);
  });

  it('derives balance and refund due: active deals owe, cancelled deals are owed', () => {
    expect(moneyOf({ priceMinor: 30000, cancelledAt: null, feeMinor: 0 }, 10000)).toEqual({
      paidMinor: 10000,
      balanceMinor: 20000,
      feeMinor: 0,
      refundDueMinor: 0,
    });
    expect(moneyOf({ priceMinor: 30000, cancelledAt: 1, feeMinor: 0 }, 10000)).toEqual({
      paidMinor: 10000,
      balanceMinor: 0,
      feeMinor: 0,
      refundDueMinor: 10000,
    });
    // a fee kept on cancellation: only the rest is owed back
    expect(moneyOf({ priceMinor: 30000, cancelledAt: 1, feeMinor: 3000 }, 10000).refundDueMinor).toBe(7000);
    // price lowered below what was paid: the difference is owed back
    expect(moneyOf({ priceMinor: 8000, cancelledAt: null, feeMinor: 0 }, 10000).refundDueMinor).toBe(2000);
  });

  it('formats at the edge only', () => {
    expect(formatMinor(15000, 'EUR')).toBe('€150.00');
    expect(formatMinor(15000, 'BGN', 'bg')).toMatch(/150,00/);
  });
});
