/** Builders for bound expressions and a tiny column source, for evaluator tests. */
import type { DataType } from '../../src/common/types.js';
import type { Value } from '../../src/common/values.js';
import type { Expr, ScalarOp } from '../../src/dataflow/expr.js';
import { evaluate } from '../../src/runtime/expr/evaluate.js';

export const T = {
  BOOLEAN: { kind: 'BOOLEAN' },
  INT: { kind: 'INT' },
  BIGINT: { kind: 'BIGINT' },
  DOUBLE: { kind: 'DOUBLE' },
  STRING: { kind: 'STRING' },
  INTERVAL: { kind: 'INTERVAL' },
  TS3: { kind: 'TIMESTAMP', precision: 3 },
  dec: (precision: number, scale: number): DataType => ({ kind: 'DECIMAL', precision, scale }),
} as const satisfies Record<string, DataType | ((p: number, s: number) => DataType)>;

export function column(index: number, type: DataType): Expr {
  return { kind: 'column', index, type };
}

export function lit(value: Value, type: DataType): Expr {
  return { kind: 'literal', value, type };
}

export function call(op: ScalarOp, args: readonly Expr[], type: DataType): Expr {
  return { kind: 'call', op, args, type };
}

export function castTo(arg: Expr, type: DataType): Expr {
  return { kind: 'cast', arg, type };
}

/** Evaluates `expr` over the given input columns (all of the same length). */
export function run(expr: Expr, ...columns: readonly (readonly Value[])[]): Value[] {
  const rowCount = columns[0]?.length ?? 1;
  return evaluate(expr, (i) => {
    const values = columns[i];
    if (values === undefined) throw new RangeError(`no input column ${i}`);
    return values;
  }, rowCount);
}

/** Evaluates a binary operation row by row over two value lists. */
export function binary(op: ScalarOp, left: DataType, right: DataType, result: DataType, a: readonly Value[], b: readonly Value[]): Value[] {
  return run(call(op, [column(0, left), column(1, right)], result), a, b);
}
