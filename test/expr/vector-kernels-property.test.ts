/**
 * Differential property test: the vector kernels (runtime/expr/vector) give exactly the row kernels' answers, on
 * random expressions (CASE included) over random batches with NULLs, integer extremes, BIGINTs beyond 2^53, NaN, ±0 and ±Infinity
 * — or decline the batch (undefined), never a different answer. Also checks the Arrow data built from a vector
 * and the gathering of selected rows against decoding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DataType } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import type { Expr, ScalarOp } from '../../src/dataflow/expr.js';
import { buildVector, decodeVector, makeBatch } from '../../src/runtime/batch.js';
import { compileExpr } from '../../src/runtime/expr/evaluate.js';
import { compileVectorExpr, VectorColumns } from '../../src/runtime/expr/vector/compile.js';
import { numberVectorData, type NumberVector } from '../../src/runtime/expr/vector/number-vector.js';
import { takeData } from '../../src/runtime/expr/vector/take.js';
import { fieldData } from '../../src/runtime/expr/vector/field-data.js';
import * as arrow from 'apache-arrow';
import { decimalResultType } from '../../src/planner/binder/coercion.js';
import { T, call, castTo, column, lit } from './expr-builders.js';

type Decimal = Extract<DataType, { kind: 'DECIMAL' }>;

const DEC_A = T.dec(10, 2);
const DEC_B = T.dec(18, 3);
const COLUMN_TYPES: readonly DataType[] = [T.INT, T.BIGINT, T.DOUBLE, T.TS3, T.BOOLEAN, T.INTERVAL, T.STRING, T.INT, T.BIGINT, DEC_A, DEC_B];
const ROWS = 40;

const intArb = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(2147483647, -2147483648, 0), fc.integer());
const bigintArb = fc.oneof(
  fc.bigInt({ min: -7n, max: 7n }),
  fc.constantFrom(9007199254740991n, -9007199254740991n, 9007199254740992n, 9223372036854775807n, -9223372036854775808n),
  fc.bigInt({ min: -(2n ** 52n), max: 2n ** 52n }),
);
const doubleArb = fc.oneof(fc.double(), fc.constantFrom(0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY));
const timestampArb = fc.integer({ min: 0, max: 4_000_000_000_000 });

function valueArb(type: DataType): fc.Arbitrary<Value> {
  const base: fc.Arbitrary<Value> = type.kind === 'INT' ? intArb
    : type.kind === 'BIGINT' ? bigintArb
    : type.kind === 'DOUBLE' ? doubleArb
    : type.kind === 'TIMESTAMP' || type.kind === 'INTERVAL' ? timestampArb
    : type.kind === 'BOOLEAN' ? fc.boolean()
    : type.kind === 'DECIMAL' ? fc.oneof(
      fc.bigInt({ min: -999n, max: 999n }),
      fc.bigInt({ min: -(10n ** BigInt(type.precision)) + 1n, max: 10n ** BigInt(type.precision) - 1n }))
    : fc.string({ maxLength: 4 });
  return fc.option(base, { freq: 5, nil: null });
}

/** Random batches: each column a mix of values and NULLs. */
const columnsArb = fc.tuple(...COLUMN_TYPES.map((type) => fc.array(valueArb(type), { minLength: ROWS, maxLength: ROWS })));

/** A random well-typed expression of `type` over the columns, `depth` levels deep at most. */
function exprArb(type: DataType, depth: number): fc.Arbitrary<Expr> {
  const columns = COLUMN_TYPES.flatMap((t, i) => (t.kind === type.kind ? [column(i, t)] : []));
  const leaves: fc.Arbitrary<Expr>[] = columns.map((c) => fc.constant(c));
  if (type.kind !== 'TIMESTAMP' && type.kind !== 'STRING') leaves.push(valueArb(type).map((v) => lit(v, type)));
  if (depth === 0 || type.kind === 'STRING') return fc.oneof(...leaves);
  const sub = (t: DataType) => exprArb(t, depth - 1);
  const options: fc.Arbitrary<Expr>[] = [...leaves];
  const numeric = ['INT', 'BIGINT', 'DOUBLE'].includes(type.kind);
  if (numeric || type.kind === 'INTERVAL') {
    const ops: ScalarOp[] = type.kind === 'INTERVAL' ? ['add', 'subtract'] : ['add', 'subtract', 'multiply', 'divide', 'modulo'];
    options.push(fc.tuple(fc.constantFrom(...ops), sub(type), sub(type)).map(([op, a, b]) => call(op, [a, b], type)));
    options.push(sub(type).map((a) => call('negate', [a], type)));
  }
  if (type.kind === 'BIGINT') options.push(sub(T.INT).map((a) => castTo(a, T.BIGINT)));
  // BIGINT narrowed to INT (Java's (int)): how the binder types BIGINT % INT (test/binder/modulo-type.test.ts)
  if (type.kind === 'INT') options.push(sub(T.BIGINT).map((a) => castTo(a, T.INT)));
  if (type.kind === 'DECIMAL') {
    // DECIMAL(10, 2) and DECIMAL(18, 3) from arithmetic of the two, with the binder's result types, then cast back
    options.push(fc.tuple(fc.constantFrom<'add' | 'subtract' | 'multiply'>('add', 'subtract', 'multiply'), fc.constantFrom(DEC_A, DEC_B), fc.constantFrom(DEC_A, DEC_B))
      .chain(([op, a, b]) => fc.tuple(sub(a), sub(b)).map(([x, y]) => castTo(call(op, [x, y], decimalResultType(op, a as Decimal, b as Decimal)), type))));
    options.push(fc.oneof(sub(T.INT), sub(T.BIGINT), sub(DEC_A)).map((a) => castTo(a, type)));
    options.push(sub(type).map((a) => call('negate', [a], type)));
  }
  if (type.kind === 'DOUBLE') options.push(fc.oneof(sub(T.INT), sub(T.BIGINT)).map((a) => castTo(a, T.DOUBLE)));
  if (type.kind === 'TIMESTAMP') {
    options.push(fc.tuple(fc.constantFrom<ScalarOp>('timestamp-add-interval', 'timestamp-subtract-interval'), sub(T.TS3), sub(T.INTERVAL))
      .map(([op, t, i]) => call(op, [t, i], T.TS3)));
  }
  if (type.kind === 'BOOLEAN') {
    const comparable = fc.constantFrom<[DataType, DataType]>([T.INT, T.INT], [T.BIGINT, T.BIGINT], [T.DOUBLE, T.DOUBLE], [T.TS3, T.TS3], [DEC_A, DEC_B], [DEC_B, DEC_B]);
    options.push(fc.tuple(fc.constantFrom<ScalarOp>('equal', 'not-equal', 'less', 'less-equal', 'greater', 'greater-equal'), comparable)
      .chain(([op, [t, u]]) => fc.tuple(sub(t), sub(u)).map(([a, b]) => call(op, [a, b], T.BOOLEAN))));
    options.push(fc.tuple(fc.constantFrom<ScalarOp>('and', 'or'), sub(T.BOOLEAN), sub(T.BOOLEAN)).map(([op, a, b]) => call(op, [a, b], T.BOOLEAN)));
    options.push(sub(T.BOOLEAN).map((a) => call('not', [a], T.BOOLEAN)));
    options.push(fc.tuple(fc.constantFrom<ScalarOp>('is-null', 'is-not-null'), fc.constantFrom(...COLUMN_TYPES))
      .chain(([op, t]) => sub(t).map((a) => call(op, [a], T.BOOLEAN))));
  }
  // searched CASE with one or two branches, with or without ELSE (STRING returned above)
  options.push(fc.tuple(fc.array(fc.tuple(sub(T.BOOLEAN), sub(type)), { minLength: 1, maxLength: 2 }), fc.option(sub(type), { nil: null }))
    .map(([branches, otherwise]): Expr => ({ kind: 'case', whens: branches.map(([when, then]) => ({ when, then })), otherwise, type })));
  return fc.oneof(...options);
}

function batchOf(columns: readonly (readonly Value[])[]): arrow.RecordBatch {
  const schema = { fields: COLUMN_TYPES.map((type, i) => ({ name: `c${i}`, type, nullable: true })) };
  return makeBatch(schema as never, columns);
}

/** The row kernel's answer, or the error it raises. */
function rowAnswer(expr: Expr, columns: readonly (readonly Value[])[]): Value[] | Error {
  try {
    return compileExpr(expr)((i) => columns[i]!, ROWS);
  } catch (error) {
    return error as Error;
  }
}

function vectorValues(vector: NumberVector, type: DataType): Value[] {
  return decodeVector(arrow.makeVector(numberVectorData(vector, type, ROWS)), type);
}

const resultType = fc.constantFrom<DataType>(T.BOOLEAN, T.INT, T.BIGINT, T.DOUBLE, T.TS3, T.INTERVAL, DEC_A, DEC_B);

test('vector kernels agree with the row kernels or decline the batch', () => {
  let vectorised = 0;
  fc.assert(fc.property(resultType.chain((t) => exprArb(t, 3)), columnsArb, (expr, columns) => {
    const kernel = compileVectorExpr(expr);
    if (kernel === null) return;
    const vector = kernel(new VectorColumns(batchOf(columns), COLUMN_TYPES));
    if (vector === undefined) return;
    vectorised++;
    const expected = rowAnswer(expr, columns);
    assert.ok(!(expected instanceof Error), `the vector kernel answered where the row kernel fails: ${String(expected)}`);
    assert.deepEqual(vectorValues(vector, expr.type), decodeVector(buildVector(expr.type, expected), expr.type));
  }), { numRuns: 3000 });
  assert.ok(vectorised > 1000, `only ${vectorised} expressions were vectorised`);
});

test('BIGINT beyond 2^53 and integer division by zero are declined, not answered', () => {
  const big = [9007199254740993n, 1n];
  const ints = [1, 2];
  const batch = makeBatch({ fields: [{ name: 'b', type: T.BIGINT, nullable: true }, { name: 'i', type: T.INT, nullable: true }] } as never, [big, ints]);
  const columns = new VectorColumns(batch, [T.BIGINT, T.INT]);
  assert.equal(compileVectorExpr(call('add', [column(0, T.BIGINT), lit(1n, T.BIGINT)], T.BIGINT))!(columns), undefined);
  assert.equal(compileVectorExpr(call('divide', [column(1, T.INT), lit(0, T.INT)], T.INT))!(columns), undefined);
  // a NULL divisor is not a division by zero
  const ok = compileVectorExpr(call('divide', [column(1, T.INT), lit(null, T.INT)], T.INT))!(columns);
  assert.deepEqual(ok && Array.from(ok.nulls ?? []), [1, 1]);
  // 2^53 − 1 + 1 leaves the exact range: declined
  const edge = makeBatch({ fields: [{ name: 'b', type: T.BIGINT, nullable: true }] } as never, [[9007199254740991n]]);
  assert.equal(compileVectorExpr(call('add', [column(0, T.BIGINT), lit(1n, T.BIGINT)], T.BIGINT))!(new VectorColumns(edge, [T.BIGINT])), undefined);
});

test('gathering selected rows from Arrow data equals decoding and picking them', () => {
  const types: DataType[] = [T.INT, T.BIGINT, T.DOUBLE, T.TS3, T.STRING, T.dec(20, 2), T.INTERVAL];
  fc.assert(fc.property(
    fc.tuple(...types.map((t) => fc.array(t.kind === 'DECIMAL' ? fc.option(fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }), { nil: null }) : valueArb(t), { minLength: 30, maxLength: 30 }))),
    fc.array(fc.oneof(fc.boolean(), fc.constant(true)), { minLength: 30, maxLength: 30 }), // mostly kept: runs of rows
    fc.integer({ min: 0, max: 10 }),
    (columns, keep, sliceFrom) => {
      const schema = { fields: types.map((type, i) => ({ name: `c${i}`, type, nullable: true })) };
      const batch = makeBatch(schema as never, columns).slice(sliceFrom, 30);
      const rows = Int32Array.from(keep.slice(sliceFrom).flatMap((k, i) => (k ? [i] : [])));
      types.forEach((type, i) => {
        const data = batch.getChildAt(i)!.data[0]!;
        const taken = takeData(data, type, rows);
        assert.ok(taken !== undefined);
        const expected = Array.from(rows, (r) => columns[i]![sliceFrom + r]!);
        assert.deepEqual(decodeVector(arrow.makeVector(taken), type), expected.map((v) => (v === undefined ? null : v)));
      });
    },
  ), { numRuns: 300 });
});

test('a ROW field read as Arrow data is NULL where its row is, whatever the child holds there', () => {
  const entryArb = fc.tuple(fc.boolean(), valueArb(T.BIGINT), valueArb(T.STRING));
  fc.assert(fc.property(
    fc.array(entryArb, { minLength: 1, maxLength: 70 }),
    fc.nat(),
    (entries, cut) => {
      const sliceFrom = cut % (entries.length + 1);
      const flat = makeBatch({ fields: [{ name: 'x', type: T.BIGINT, nullable: true }, { name: 's', type: T.STRING, nullable: true }] } as never,
        [entries.map((e) => e[1]), entries.map((e) => e[2])]);
      const validity = new Uint8Array((entries.length + 7) >> 3);
      entries.forEach(([valid], i) => { if (valid) validity[i >> 3]! |= 1 << (i & 7); });
      const children = [flat.getChildAt(0)!.data[0]!, flat.getChildAt(1)!.data[0]!];
      const type = new arrow.Struct(children.map((c, i) => new arrow.Field(`f${i}`, c.type, true)));
      const nullCount = entries.filter(([valid]) => !valid).length;
      const struct = arrow.makeData({ type, length: entries.length, nullCount, nullBitmap: validity, children }).slice(sliceFrom, entries.length - sliceFrom);
      for (const [index, fieldType] of [[0, T.BIGINT], [1, T.STRING]] as const) {
        const data = fieldData(struct, [index]);
        assert.ok(data !== undefined);
        const expected = entries.slice(sliceFrom).map((e) => (e[0] ? e[index + 1]! : null));
        assert.deepEqual(decodeVector(arrow.makeVector(data), fieldType), expected);
      }
    },
  ), { numRuns: 300 });
});
