import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DataType } from '../../src/common/types.js';
import { decimalResultType } from '../../src/planner/binder/coercion.js';
import { T, binary } from './expr-builders.js';

type Decimal = Extract<DataType, { kind: 'DECIMAL' }>;

const TEN = 10n;
const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** A DECIMAL(p, s) type with p ≤ 18 and a value of it. */
const decimalArb = fc.integer({ min: 1, max: 18 }).chain((precision) =>
  fc.record({
    type: fc.integer({ min: 0, max: precision }).map((scale) => T.dec(precision, scale) as Decimal),
    value: fc.bigInt({ min: -(TEN ** BigInt(precision)) + 1n, max: TEN ** BigInt(precision) - 1n }),
  }));

/**
 * Checks that `result / 10^scale` is `numerator / denominator` rounded HALF_UP: the error is at most half a unit,
 * and exactly half only when rounding went away from zero.
 */
function assertRoundedHalfUp(result: bigint, scale: number, numerator: bigint, denominator: bigint): void {
  // result / 10^scale ≈ N / D  ⇔  result × D ≈ N × 10^scale
  const scaledNumerator = numerator * TEN ** BigInt(scale);
  const error2 = abs(result * denominator - scaledNumerator) * 2n;
  assert.ok(error2 <= abs(denominator), `off by more than half a unit: ${result}e-${scale} vs ${numerator}/${denominator}`);
  if (error2 === abs(denominator)) assert.ok(abs(result * denominator) > abs(scaledNumerator), 'ties round away from zero');
}

test('DECIMAL addition equals the exact rational sum', () => {
  fc.assert(fc.property(decimalArb, decimalArb, (a, b) => {
    const type = decimalResultType('add', a.type, b.type);
    const [sum] = binary('add', a.type, b.type, type, [a.value], [b.value]);
    assert.equal(typeof sum, 'bigint');
    // sum / 10^s == a / 10^s1 + b / 10^s2, cross-multiplied
    const lhs = (sum as bigint) * TEN ** BigInt(a.type.scale + b.type.scale);
    const rhs = (a.value * TEN ** BigInt(b.type.scale) + b.value * TEN ** BigInt(a.type.scale)) * TEN ** BigInt(type.scale);
    assert.equal(lhs, rhs);
  }), { numRuns: 300 });
});

test('DECIMAL multiplication equals the exact product, and rounds HALF_UP at a smaller scale', () => {
  fc.assert(fc.property(decimalArb, decimalArb, fc.integer({ min: 0, max: 6 }), (a, b, dropped) => {
    const type = decimalResultType('multiply', a.type, b.type);
    const [product] = binary('multiply', a.type, b.type, type, [a.value], [b.value]);
    assert.equal(product, a.value * b.value);
    const scale = Math.max(type.scale - dropped, 0);
    const [rounded] = binary('multiply', a.type, b.type, T.dec(38, scale), [a.value], [b.value]);
    assertRoundedHalfUp(rounded as bigint, scale, a.value * b.value, TEN ** BigInt(a.type.scale + b.type.scale));
  }), { numRuns: 300 });
});

test('DECIMAL division rounds the exact quotient HALF_UP to the result scale', () => {
  fc.assert(fc.property(decimalArb, decimalArb.filter((d) => d.value !== 0n), (a, b) => {
    const type = decimalResultType('divide', a.type, b.type);
    const [quotient] = binary('divide', a.type, b.type, type, [a.value], [b.value]);
    if (quotient === null) return; // beyond the result precision
    // a / 10^s1 ÷ b / 10^s2 = (a × 10^s2) / (b × 10^s1)
    assertRoundedHalfUp(quotient as bigint, type.scale, a.value * TEN ** BigInt(b.type.scale), b.value * TEN ** BigInt(a.type.scale));
  }), { numRuns: 300 });
});

test('DECIMAL comparison agrees with comparing the exact rationals', () => {
  fc.assert(fc.property(decimalArb, decimalArb, (a, b) => {
    const x = a.value * TEN ** BigInt(b.type.scale);
    const y = b.value * TEN ** BigInt(a.type.scale);
    const [less] = binary('less', a.type, b.type, T.BOOLEAN, [a.value], [b.value]);
    const [equal] = binary('equal', a.type, b.type, T.BOOLEAN, [a.value], [b.value]);
    assert.equal(less, x < y);
    assert.equal(equal, x === y);
  }), { numRuns: 300 });
});
