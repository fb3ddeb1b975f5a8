import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeKey, encodeKey, encodeValue } from '../../src/runtime/keys.js';
import { InternalError } from '../../src/common/errors.js';
import type { Value } from '../../src/common/values.js';

const value: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('null', 'true', '1', 'd1;', 's1:a', ';', ':', ''),
);
const tuple = fc.array(value, { maxLength: 6 });

/** SQL equality of key tuples: like Object.is, except that -0 equals 0. */
const normalise = (values: readonly Value[]): Value[] => values.map((v) => (Object.is(v, -0) ? 0 : v));

describe('encodeKey', () => {
  it('keeps apart tuples that naive joining would confuse', () => {
    const tuples: Value[][] = [
      [], [null], ['null'], [''], ['', ''], ['a,b'], ['a', 'b'], ['ab'], [1], [1n], ['1'], [true], ['true'], [false],
      [1, 2], [12], ['1', '2'], ['12'], [1.5], ['s1:a'], ['s1:', 'a'], ['d1;'], [null, null], [-1], [-1n], [NaN], [Infinity],
    ];
    const keys = tuples.map(encodeKey);
    assert.equal(new Set(keys).size, tuples.length);
  });

  it('encodes -0 as 0 (SQL equality)', () => {
    assert.equal(encodeKey([-0]), encodeKey([0]));
  });

  it('encodes one value as encodeValue does', () => {
    assert.equal(encodeKey(['x']), encodeValue('x'));
    assert.equal(encodeKey([2n ** 64n]), encodeValue(2n ** 64n));
  });

  it('round-trips through decodeKey (property)', () => {
    fc.assert(
      fc.property(tuple, (values) => {
        assert.deepEqual(decodeKey(encodeKey(values)), normalise(values));
      }),
      { numRuns: 2000 },
    );
  });

  it('never maps distinct tuples to one key (property)', () => {
    fc.assert(
      fc.property(tuple, tuple, (a, b) => {
        const same = encodeKey(a) === encodeKey(b);
        let equal = a.length === b.length;
        const na = normalise(a), nb = normalise(b);
        for (let i = 0; equal && i < na.length; i++) equal = Object.is(na[i], nb[i]);
        assert.equal(same, equal);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips nested values (BYTES, ARRAY/ROW, MAP) and keeps distinct ones apart (property)', () => {
    const { nested } = fc.letrec<{ nested: Value }>((tie) => ({
      nested: fc.oneof(
        { depthSize: 'small' },
        value,
        fc.uint8Array({ maxLength: 6 }),
        fc.array(tie('nested'), { maxLength: 4 }),
        fc.uniqueArray(fc.tuple(fc.oneof(fc.string(), fc.integer()), tie('nested')), { maxLength: 3, selector: ([k]) => k })
          .map((entries) => new Map<Value, Value>(entries)),
      ),
    }));
    const deepNormalise = (v: Value): Value => {
      if (Object.is(v, -0)) return 0;
      if (Array.isArray(v)) return v.map(deepNormalise);
      if (v instanceof Map) return new Map([...v].map(([k, x]) => [deepNormalise(k), deepNormalise(x)]));
      return v;
    };
    fc.assert(
      fc.property(fc.array(nested, { maxLength: 3 }), fc.array(nested, { maxLength: 3 }), (a, b) => {
        assert.deepEqual(decodeKey(encodeKey(a)), a.map(deepNormalise));
        const sameKey = encodeKey(a) === encodeKey(b);
        let sameValue = true;
        try { assert.deepStrictEqual(a.map(deepNormalise), b.map(deepNormalise)); } catch { sameValue = false; }
        assert.equal(sameKey, sameValue);
      }),
      { numRuns: 1000 },
    );
    assert.notEqual(encodeKey([[1, 2]]), encodeKey([1, 2]));
    assert.notEqual(encodeKey([new Uint8Array([1])]), encodeKey(['\u0001']));
  });

  it('rejects text it cannot have produced', () => {
    for (const bad of ['x', 'd1', 's5:ab', 'b12', 'sz:a']) assert.throws(() => decodeKey(bad), InternalError, bad);
  });

  it('is fast enough for the hot path', () => {
    const started = performance.now();
    let length = 0;
    for (let i = 0; i < 200_000; i++) length += encodeKey([`user-${i % 1000}`, i, 1586938200000n]).length;
    assert.ok(length > 0);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 2000, `took ${elapsed.toFixed(0)} ms`);
  });
});
