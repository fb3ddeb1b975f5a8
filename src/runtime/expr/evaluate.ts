/**
 * Vectorised evaluation of bound expressions: each node evaluates its children to arrays of values, then loops
 * once over the rows. `compileExpr` picks every kernel from the types once; the result is called per batch.
 * NULL propagates through arithmetic, comparison, concatenation and CAST; AND/OR/NOT use three-valued logic.
 */
import { ExecutionError, InternalError } from '../../common/errors.js';
import { isProctime, type DataType } from '../../common/types.js';
import { isPreciseTimestamp } from '../../common/precise-timestamp.js';
import type { Value } from '../../common/values.js';
import type { CallExpr, CaseExpr, CastExpr, Expr, LiteralExpr } from '../../dataflow/expr.js';
import { userFunction } from './user-functions.js';
import {
  arithmeticFunction, negateFunction, timeIntervalFunction, timestampIntervalFunction, type BinaryFunction, type UnaryFunction,
} from './arithmetic.js';
import { castFunction } from './casts.js';
import { FUNCTION_OPS, rowFunction } from './functions.js';
import type { FunctionOp } from '../../dataflow/expr.js';
import { comparisonFunction } from './comparison.js';
import { allRows, restrict, scatter, type ColumnSource } from './selection.js';

export type { ColumnSource } from './selection.js';

/** A compiled expression: values for `rowCount` rows read from `columns`. */
type Kernel = (columns: ColumnSource, rowCount: number) => readonly Value[];

/** Evaluates `expr` over `rowCount` rows; `column(i)` returns the decoded values of input column i (callers cache decoding). */
export function evaluate(expr: Expr, column: (index: number) => readonly Value[], rowCount: number): Value[] {
  return compileExpr(expr)(column, rowCount);
}

/** Compiled form for hot paths: compile once per operator, call per batch. */
export function compileExpr(expr: Expr): (column: (index: number) => readonly Value[], rowCount: number) => Value[] {
  const kernel = compile(expr);
  return (column, rowCount) => {
    const values = kernel(column, rowCount);
    // Kernels may hand back an input column or a shared array; callers own what they get.
    return expr.kind === 'column' ? Array.from(values) : (values as Value[]);
  };
}

function compile(expr: Expr): Kernel {
  switch (expr.kind) {
    case 'column': {
      const index = expr.index;
      return (columns) => columns(index);
    }
    case 'literal': {
      // PROCTIME() binds to a proctime-typed literal: the wall clock at the moment the batch is evaluated.
      if (isProctime(expr.type)) return (_columns, rowCount) => new Array<Value>(rowCount).fill(Date.now());
      const value = expr.value;
      return (_columns, rowCount) => new Array<Value>(rowCount).fill(value);
    }
    case 'call': return compileCall(expr);
    case 'case': return compileCase(expr);
    case 'cast': return compileCast(expr);
  }
}

function mapUnary(arg: Kernel, f: UnaryFunction): Kernel {
  return (columns, rowCount) => {
    const a = arg(columns, rowCount);
    const out = new Array<Value>(rowCount);
    for (let i = 0; i < rowCount; i++) {
      const x = a[i] ?? null;
      out[i] = x === null ? null : f(x);
    }
    return out;
  };
}

function mapBinary(left: Kernel, right: Kernel, f: BinaryFunction): Kernel {
  return (columns, rowCount) => {
    const a = left(columns, rowCount);
    const b = right(columns, rowCount);
    const out = new Array<Value>(rowCount);
    for (let i = 0; i < rowCount; i++) {
      const x = a[i] ?? null;
      const y = b[i] ?? null;
      out[i] = x === null || y === null ? null : f(x, y);
    }
    return out;
  };
}

/** A built-in function, row by row over its evaluated arguments. */
function compileFunction(expr: CallExpr): Kernel {
  const args = expr.args.map(compile);
  const f = rowFunction(expr.op as FunctionOp, expr.args.map((a) => a.type), expr.type);
  return (columns, rowCount) => {
    const inputs = args.map((arg) => arg(columns, rowCount));
    const out = new Array<Value>(rowCount);
    const row = new Array<Value>(inputs.length);
    for (let i = 0; i < rowCount; i++) {
      let hasNull = false;
      for (let a = 0; a < inputs.length; a++) {
        const value = inputs[a]![i] ?? null;
        row[a] = value;
        if (value === null) hasNull = true;
      }
      out[i] = hasNull && !f.nullSafe ? null : f.apply(row);
    }
    return out;
  };
}

/** A user-defined function, row by row; it gets NULL arguments too (as Flink's UDFs do). */
function compileUserFunction(expr: CallExpr): Kernel {
  const impl = userFunction((expr.args[0] as LiteralExpr).value as string);
  const args = expr.args.slice(1).map(compile);
  return (columns, rowCount) => {
    const inputs = args.map((arg) => arg(columns, rowCount));
    const out = new Array<Value>(rowCount);
    const row = new Array<Value>(inputs.length);
    for (let i = 0; i < rowCount; i++) {
      for (let a = 0; a < inputs.length; a++) row[a] = inputs[a]![i] ?? null;
      out[i] = impl.call(row);
    }
    return out;
  };
}

/**
 * The pseudo-column an operator that evaluates CURRENT_WATERMARK answers with each row's watermark (epoch
 * milliseconds, NULL before any watermark); see CalcOperator.
 */
export const WATERMARK_COLUMN = -1;

/** Whether an expression calls CURRENT_WATERMARK, so that its operator must supply WATERMARK_COLUMN. */
export function readsWatermark(expr: Expr): boolean {
  switch (expr.kind) {
    case 'call': return expr.op === 'current-watermark' || expr.args.some(readsWatermark);
    case 'case': return expr.whens.some((w) => readsWatermark(w.when) || readsWatermark(w.then)) || (expr.otherwise !== null && readsWatermark(expr.otherwise));
    case 'cast': return readsWatermark(expr.arg);
    default: return false;
  }
}

function compileCurrentWatermark(): Kernel {
  return (columns) => {
    let watermarks: readonly Value[] | undefined;
    try {
      watermarks = columns(WATERMARK_COLUMN);
    } catch {
      watermarks = undefined;
    }
    if (!Array.isArray(watermarks)) throw new ExecutionError('CURRENT_WATERMARK is only supported in a projection or filter (SELECT, WHERE) yet');
    return watermarks;
  };
}

function compileCall(expr: CallExpr): Kernel {
  if (expr.op === 'udf') return compileUserFunction(expr);
  if (expr.op === 'current-watermark') return compileCurrentWatermark();
  if (FUNCTION_OPS.has(expr.op)) return compileFunction(expr);
  const args = expr.args.map(compile);
  const [left, right] = args as [Kernel, Kernel];
  const [lt, rt] = expr.args.map((a) => a.type) as [DataType, DataType];
  const arity = (n: number): void => {
    if (args.length !== n) throw new InternalError(`'${expr.op}' takes ${n} arguments, got ${args.length}`);
  };
  switch (expr.op) {
    case 'add':
    case 'subtract':
    case 'multiply':
    case 'divide':
    case 'modulo':
      arity(2);
      return mapBinary(left, right, arithmeticFunction(expr.op, lt, rt, expr.type));
    case 'negate':
      arity(1);
      return mapUnary(left, negateFunction(expr.type));
    case 'timestamp-add-interval':
    case 'timestamp-subtract-interval':
      arity(2);
      return mapBinary(left, right, timestampIntervalFunction(expr.op === 'timestamp-subtract-interval', isPreciseTimestamp(lt)));
    case 'time-add-interval':
    case 'time-subtract-interval':
      arity(2);
      return mapBinary(left, right, timeIntervalFunction(expr.op === 'time-subtract-interval'));
    case 'equal':
    case 'not-equal':
    case 'less':
    case 'less-equal':
    case 'greater':
    case 'greater-equal':
      arity(2);
      return mapBinary(left, right, comparisonFunction(expr.op, lt, rt));
    case 'concat':
      arity(2);
      return mapBinary(left, right, (a, b) => (a as string) + (b as string));
    case 'not':
      arity(1);
      return mapUnary(left, (a) => !a);
    case 'is-null':
    case 'is-not-null': {
      arity(1);
      const wanted = expr.op === 'is-null';
      return (columns, rowCount) => {
        const a = left(columns, rowCount);
        const out = new Array<Value>(rowCount);
        for (let i = 0; i < rowCount; i++) out[i] = ((a[i] ?? null) === null) === wanted;
        return out;
      };
    }
    case 'and':
    case 'or':
      arity(2);
      return compileLogic(expr.op, left, right);
    default:
      throw new InternalError(`No kernel for '${expr.op}'`);
  }
}

/**
 * AND / OR in three-valued logic. The right side is evaluated only on rows the left side does not decide (as
 * Flink's generated code short-circuits), so `b <> 0 AND a / b > 1` is safe.
 */
function compileLogic(op: 'and' | 'or', left: Kernel, right: Kernel): Kernel {
  const decisive = op === 'or'; // TRUE decides OR, FALSE decides AND
  return (columns, rowCount) => {
    const a = left(columns, rowCount);
    const out = new Array<Value>(rowCount);
    const open: number[] = [];
    for (let i = 0; i < rowCount; i++) {
      const x = a[i] ?? null;
      if (x === decisive) out[i] = decisive;
      else open.push(i);
    }
    if (open.length === 0) return out;
    const b = open.length === rowCount ? right(columns, rowCount) : right(restrict(columns, open), open.length);
    for (let k = 0; k < open.length; k++) {
      const i = open[k] as number;
      const x = a[i] ?? null;
      const y = b[k] ?? null;
      // x is the non-decisive value or NULL here
      out[i] = y === decisive ? decisive : x === null || y === null ? null : !decisive;
    }
    return out;
  };
}

/** Searched CASE: each WHEN runs on the rows no earlier WHEN took, each THEN only on the rows it takes. */
function compileCase(expr: CaseExpr): Kernel {
  const whens = expr.whens.map(({ when, then }) => ({ when: compile(when), then: compile(then) }));
  const otherwise = expr.otherwise === null ? null : compile(expr.otherwise);
  return (columns, rowCount) => {
    const out = new Array<Value>(rowCount).fill(null);
    let remaining = allRows(rowCount);
    let source = columns;
    for (const branch of whens) {
      if (remaining.length === 0) return out;
      const condition = branch.when(source, remaining.length);
      const taken: number[] = [];
      const takenGlobal: number[] = [];
      const rest: number[] = [];
      const restGlobal: number[] = [];
      for (let k = 0; k < remaining.length; k++) {
        if (condition[k] === true) { taken.push(k); takenGlobal.push(remaining[k] as number); }
        else { rest.push(k); restGlobal.push(remaining[k] as number); }
      }
      if (taken.length > 0) {
        const takenSource = taken.length === remaining.length ? source : restrict(source, taken);
        scatter(out, takenGlobal, branch.then(takenSource, taken.length));
      }
      if (rest.length !== remaining.length) source = restrict(source, rest);
      remaining = restGlobal;
    }
    if (otherwise !== null && remaining.length > 0) scatter(out, remaining, otherwise(source, remaining.length));
    return out;
  };
}

function compileCast(expr: CastExpr): Kernel {
  const cast = castFunction(expr.arg.type, expr.type, expr.zone);
  if (!expr.orNull) return mapUnary(compile(expr.arg), cast);
  // TRY_CAST: a value that cannot be converted is NULL.
  return mapUnary(compile(expr.arg), (value) => {
    try {
      return cast(value);
    } catch (error) {
      if (error instanceof ExecutionError) return null;
      throw error;
    }
  });
}
