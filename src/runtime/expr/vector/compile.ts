/**
 * Vectorised kernels: numeric and boolean expressions evaluated over whole columns as Float64Arrays, read straight
 * from the batch's Arrow buffers (no JavaScript value, no BigInt per row).
 *
 * They cover the common core (columns and ROW fields of columns, literals, integer, DOUBLE and exact DECIMAL arithmetic (+, −, ×),
 * comparisons, AND / OR / NOT, IS [NOT] NULL, searched CASE, widening casts, TIMESTAMP ± INTERVAL) and give exactly the row kernels' answers (./evaluate.ts):
 * `compileVectorExpr` returns null for an expression outside that core, and a kernel returns undefined for a
 * batch it cannot do exactly — a 64-bit value or result beyond ±2^53, an integer division by zero (which the row
 * kernels report, or skip under AND / OR / CASE) — and the caller evaluates that batch with the row kernels.
 * Errors are never raised here, so evaluating a side that the row kernels would short-circuit is harmless.
 */
import type * as arrow from 'apache-arrow';
import type { DataType } from '../../../common/types.js';
import type { CallExpr, Expr } from '../../../dataflow/expr.js';
import { isNumberVectorType, nullsOf, readNumberVector, unionNulls, type NumberVector } from './number-vector.js';
import { fieldData, fieldPathOf, type FieldPath } from './field-data.js';
import { caseKernel, type VectorCaseBranch } from './case-kernel.js';

/** A batch's columns as number vectors, each read once per batch (undefined: not readable exactly). */
export class VectorColumns {
  private readonly cache = new Map<number, NumberVector | undefined>();

  constructor(readonly batch: arrow.RecordBatch, private readonly types: readonly DataType[]) {}

  get length(): number {
    return this.batch.numRows;
  }

  data(index: number): arrow.Data | undefined {
    const data = this.batch.getChildAt(index)?.data;
    return data !== undefined && data.length === 1 ? data[0] : undefined;
  }

  column(index: number): NumberVector | undefined {
    if (this.cache.has(index)) return this.cache.get(index);
    const data = this.data(index);
    const type = this.types[index];
    const vector = data === undefined || type === undefined ? undefined : readNumberVector(data, type);
    this.cache.set(index, vector);
    return vector;
  }

  /** A ROW field's Arrow data (`bid.price`), NULL where an enclosing row is NULL. */
  fieldData(field: FieldPath): arrow.Data | undefined {
    const key = `${field.column}.${field.path.join('.')}`;
    if (this.fields.has(key)) return this.fields.get(key);
    const struct = this.data(field.column);
    const data = struct === undefined ? undefined : fieldData(struct, field.path);
    this.fields.set(key, data);
    return data;
  }

  fieldVector(field: FieldPath, type: DataType): NumberVector | undefined {
    const data = this.fieldData(field);
    return data === undefined ? undefined : readNumberVector(data, type);
  }

  private readonly fields = new Map<string, arrow.Data | undefined>();
}

export type VectorKernel = (columns: VectorColumns) => NumberVector | undefined;

/** A vectorised kernel for `expr`, or null when some part of it has none. */
export function compileVectorExpr(expr: Expr): VectorKernel | null {
  if (!isNumberVectorType(expr.type)) return null;
  const field = fieldPathOf(expr);
  if (field !== undefined) {
    const type = expr.type;
    return (columns) => columns.fieldVector(field, type);
  }
  switch (expr.kind) {
    case 'column': {
      const index = expr.index;
      return (columns) => columns.column(index);
    }
    case 'literal': return literalKernel(expr.value, expr.type);
    case 'call': return callKernel(expr);
    case 'cast': return expr.orNull ? null : castKernel(expr.arg, expr.type);
    case 'case': {
      // Every result must have the CASE's number form (DECIMAL: the same scale) to be copied as it is.
      const sameForm = (e: Expr): boolean => e.type.kind === expr.type.kind
        && (e.type.kind !== 'DECIMAL' || expr.type.kind !== 'DECIMAL' || e.type.scale === expr.type.scale);
      if (!expr.whens.every((b) => sameForm(b.then)) || (expr.otherwise !== null && !sameForm(expr.otherwise))) return null;
      const branches: VectorCaseBranch[] = [];
      for (const { when, then } of expr.whens) {
        const condition = compileVectorExpr(when);
        const result = compileVectorExpr(then);
        if (condition === null || result === null) return null;
        branches.push({ when: condition, then: result });
      }
      const otherwise = expr.otherwise === null ? null : compileVectorExpr(expr.otherwise);
      if (expr.otherwise !== null && otherwise === null) return null;
      return caseKernel(branches, otherwise);
    }
  }
}

function literalKernel(value: unknown, type: DataType): VectorKernel | null {
  if (type.kind === 'TIMESTAMP' && type.proctime === true) return null; // the wall clock, read per batch by the row kernel
  let number: number;
  if (value === null) number = Number.NaN;
  else if (typeof value === 'number') number = value;
  else if (typeof value === 'boolean') number = value ? 1 : 0;
  else if (typeof value === 'bigint' && value > -SAFE && value < SAFE) number = Number(value);
  else return null;
  return (columns) => {
    const length = columns.length;
    const values = new Float64Array(length).fill(number);
    return { values, nulls: value === null ? new Uint8Array(length).fill(1) : null };
  };
}

const SAFE = 2 ** 53;

type Binary = (a: number, b: number) => number;

/**
 * 64-bit integer arithmetic on doubles: a result leaving ±2^53 sends the batch back to the row kernels; −0 (as
 * from 0 × −1) is the integer 0.
 */
function checked(f: Binary): Binary {
  return (a, b) => {
    const r = f(a, b);
    return r > -SAFE && r < SAFE ? r + 0 : Number.NaN;
  };
}

/** Per result type, the arithmetic of the row kernels (arithmetic.ts); NaN from an integer op means "cannot". */
const ARITHMETIC: Partial<Record<DataType['kind'], Partial<Record<string, Binary>>>> = {
  INT: {
    add: (a, b) => (a + b) | 0,
    subtract: (a, b) => (a - b) | 0,
    multiply: (a, b) => Math.imul(a, b),
    divide: (a, b) => (b === 0 ? Number.NaN : Math.trunc(a / b) | 0),
    modulo: (a, b) => (b === 0 ? Number.NaN : (a % b) | 0),
  },
  BIGINT: {
    add: checked((a, b) => a + b),
    subtract: checked((a, b) => a - b),
    multiply: checked((a, b) => a * b),
    modulo: (a, b) => (b === 0 ? Number.NaN : (a % b) + 0),
  },
  DOUBLE: {
    add: (a, b) => a + b,
    subtract: (a, b) => a - b,
    multiply: (a, b) => a * b,
    divide: (a, b) => a / b,
    modulo: (a, b) => a % b,
  },
  // INTERVAL ± INTERVAL (milliseconds, stored as 64-bit integers)
  INTERVAL: {
    add: checked((a, b) => a + b),
    subtract: checked((a, b) => a - b),
  },
};

const COMPARISONS: Readonly<Record<string, Binary>> = {
  'equal': (a, b) => (a === b ? 1 : 0),
  'not-equal': (a, b) => (a !== b ? 1 : 0),
  'less': (a, b) => (a < b ? 1 : 0),
  'less-equal': (a, b) => (a <= b ? 1 : 0),
  'greater': (a, b) => (a > b ? 1 : 0),
  'greater-equal': (a, b) => (a >= b ? 1 : 0),
};

const COMPARABLE = new Set<DataType['kind']>(['INT', 'BIGINT', 'DOUBLE', 'TIMESTAMP', 'INTERVAL', 'DATE', 'TIME']);

function callKernel(expr: CallExpr): VectorKernel | null {
  const { op, args } = expr;
  if (op === 'is-null' || op === 'is-not-null') return nullTestKernel(args[0]!, op === 'is-null');
  const kernels = args.map(compileVectorExpr);
  if (kernels.some((k) => k === null)) return null;
  const [left, right] = kernels as VectorKernel[];
  const kinds = args.map((a) => a.type.kind);
  if (kinds.includes('DECIMAL') || expr.type.kind === 'DECIMAL') return decimalCallKernel(expr, left!, right);
  switch (op) {
    case 'add': case 'subtract': case 'multiply': case 'divide': case 'modulo': {
      const f = ARITHMETIC[expr.type.kind]?.[op];
      if (f === undefined || kinds[0] !== expr.type.kind || kinds[1] !== expr.type.kind) return null;
      // DOUBLE arithmetic may give NaN legitimately; the integer kernels use NaN for "cannot".
      return binaryKernel(left!, right!, f, expr.type.kind !== 'DOUBLE');
    }
    case 'negate': {
      const kind = expr.type.kind;
      if (kinds[0] !== kind) return null;
      if (kind === 'INT') return unaryKernel(left!, (a) => -a | 0);
      if (kind === 'DOUBLE') return unaryKernel(left!, (a) => -a);
      if (kind === 'BIGINT' || kind === 'INTERVAL') return unaryKernel(left!, (a) => 0 - a);
      return null;
    }
    case 'timestamp-add-interval': return binaryKernel(left!, right!, checked((t, i) => t + i), true);
    case 'timestamp-subtract-interval': return binaryKernel(left!, right!, checked((t, i) => t - i), true);
    case 'equal': case 'not-equal': case 'less': case 'less-equal': case 'greater': case 'greater-equal':
      if (kinds[0] !== kinds[1] || !COMPARABLE.has(kinds[0]!)) return null;
      return binaryKernel(left!, right!, COMPARISONS[op]!, false);
    case 'not': return unaryKernel(left!, (a) => 1 - a);
    case 'and': return logicKernel(left!, right!, 0);
    case 'or': return logicKernel(left!, right!, 1);
    default: return null;
  }
}

function unaryKernel(arg: VectorKernel, f: (a: number) => number): VectorKernel {
  const loop = specializedLoop<UnaryLoop>(f, UNARY_LOOP);
  return (columns) => {
    const a = arg(columns);
    if (a === undefined) return undefined;
    const length = columns.length;
    const values = new Float64Array(length);
    loop(a.values, values, length);
    return { values, nulls: a.nulls };
  };
}

/** `f` on each row where both sides are non-NULL; with `nanMeansCannot`, a NaN result gives up the batch. */
function binaryKernel(left: VectorKernel, right: VectorKernel, f: Binary, nanMeansCannot: boolean): VectorKernel {
  const loop = specializedLoop<BinaryLoop>(f, BINARY_LOOP);
  return (columns) => {
    const a = left(columns);
    if (a === undefined) return undefined;
    const b = right(columns);
    if (b === undefined) return undefined;
    const length = columns.length;
    const nulls = unionNulls(a.nulls, b.nulls, length);
    const values = new Float64Array(length);
    return loop(a.values, b.values, nulls, values, length, nanMeansCannot) ? { values, nulls } : undefined;
  };
}

type UnaryLoop = (x: Float64Array, values: Float64Array, length: number) => void;
type BinaryLoop = (x: Float64Array, y: Float64Array, nulls: Uint8Array | null, values: Float64Array, length: number, nanMeansCannot: boolean) => boolean;

/** A loop's parameters and body; `f` is the operation it calls. */
interface LoopSource {
  readonly params: string;
  readonly body: string;
}

const UNARY_LOOP: LoopSource = { params: 'x, values, length', body: 'for (let i = 0; i < length; i++) values[i] = f(x[i]);' };
const BINARY_LOOP: LoopSource = {
  params: 'x, y, nulls, values, length, nanMeansCannot',
  body: `for (let i = 0; i < length; i++) {
  if (nulls !== null && nulls[i] === 1) continue;
  const r = f(x[i], y[i]);
  if (nanMeansCannot && r !== r) return false;
  values[i] = r;
}
return true;`,
};

let loopsMade = 0;
const loops = new WeakMap<(...args: number[]) => number, Map<LoopSource, unknown>>();

/**
 * A loop calling `f`, compiled for `f` alone. One shared loop calling every kernel's operation sees many functions
 * at its call site and calls them without inlining (measured: ~2x slower per element); a loop of its own (a new
 * function, its source made unique so V8 caches no shared copy) sees only `f`, which V8 then inlines. Cached per
 * operation, so each costs one compilation.
 */
function specializedLoop<L>(f: (...args: number[]) => number, source: LoopSource): L {
  let forF = loops.get(f);
  if (forF === undefined) loops.set(f, (forF = new Map()));
  let loop = forF.get(source);
  if (loop === undefined) {
    loop = new Function('f', `// loop ${loopsMade++}\nreturn function loop(${source.params}) {\n${source.body}\n};`)(f);
    forF.set(source, loop);
  }
  return loop as L;
}

/** AND (decisive value 0) / OR (decisive value 1) in three-valued logic. */
function logicKernel(left: VectorKernel, right: VectorKernel, decisive: 0 | 1): VectorKernel {
  return (columns) => {
    const a = left(columns);
    if (a === undefined) return undefined;
    const b = right(columns);
    if (b === undefined) return undefined;
    const length = columns.length;
    const values = new Float64Array(length);
    let nulls: Uint8Array | null = null;
    for (let i = 0; i < length; i++) {
      const aNull = a.nulls !== null && a.nulls[i] === 1;
      const bNull = b.nulls !== null && b.nulls[i] === 1;
      const x = a.values[i]!;
      const y = b.values[i]!;
      if ((!aNull && x === decisive) || (!bNull && y === decisive)) values[i] = decisive;
      else if (aNull || bNull) (nulls ??= new Uint8Array(length))[i] = 1;
      else values[i] = 1 - decisive;
    }
    return { values, nulls };
  };
}

/** IS [NOT] NULL: of a bare column of any type, straight from its validity bitmap. */
function nullTestKernel(arg: Expr, isNull: boolean): VectorKernel | null {
  let nullsOfArg: (columns: VectorColumns) => Uint8Array | null | undefined;
  if (arg.kind === 'column') {
    const index = arg.index;
    nullsOfArg = (columns) => {
      const data = columns.data(index);
      return data === undefined ? undefined : nullsOf(data);
    };
  } else {
    const kernel = compileVectorExpr(arg);
    if (kernel === null) return null;
    nullsOfArg = (columns) => kernel(columns)?.nulls;
  }
  return (columns) => {
    const nulls = nullsOfArg(columns);
    if (nulls === undefined) return undefined;
    const values = new Float64Array(columns.length);
    if (nulls === null) values.fill(isNull ? 0 : 1);
    else for (let i = 0; i < values.length; i++) values[i] = isNull ? nulls[i]! : 1 - nulls[i]!;
    return { values, nulls: null };
  };
}

/**
 * The exact casts: INT → BIGINT / DOUBLE, BIGINT → DOUBLE (within ±2^53), casts to the same type, and INT, BIGINT
 * or DECIMAL to a DECIMAL of no smaller scale (a value that does not fit the precision is NULL in the row kernels:
 * the batch goes back to them).
 */
function castKernel(arg: Expr, to: DataType): VectorKernel | null {
  const from = arg.type;
  if (to.kind === 'DECIMAL') {
    const fromScale = from.kind === 'DECIMAL' ? from.scale : from.kind === 'INT' || from.kind === 'BIGINT' ? 0 : -1;
    const kernel = fromScale >= 0 && fromScale <= to.scale ? compileVectorExpr(arg) : null;
    return kernel && rescaleKernel(kernel, 10 ** (to.scale - fromScale), to.precision);
  }
  const exact = from.kind === to.kind && to.kind !== 'TIMESTAMP'
    || (from.kind === 'INT' && (to.kind === 'BIGINT' || to.kind === 'DOUBLE'))
    || (from.kind === 'BIGINT' && to.kind === 'DOUBLE');
  if (exact) return compileVectorExpr(arg);
  // BIGINT → INT keeps the low 32 bits, as Java's (int) does (and the binder's BIGINT % INT, an INT): ToInt32 of an
  // integral double within ±2^53 is exactly that.
  if (from.kind === 'BIGINT' && to.kind === 'INT') {
    const kernel = compileVectorExpr(arg);
    return kernel && unaryKernel(kernel, (a) => a | 0);
  }
  return null;
}

type Decimal = Extract<DataType, { kind: 'DECIMAL' }>;

/** Whether an unscaled double is exact (within ±2^53) and fits `precision` digits. */
function fitsDecimal(r: number, precision: number): boolean {
  const limit = precision >= 16 ? SAFE : Math.min(SAFE, 10 ** precision);
  return r > -limit && r < limit;
}

/** Unscaled values × `factor`, declining the batch when one leaves the exact range or the precision. */
function rescaleKernel(arg: VectorKernel, factor: number, precision: number): VectorKernel {
  // Number vectors hold values within ±2^53 only, which every precision of 16 digits or more holds.
  if (factor === 1 && precision >= 16) return arg;
  return (columns) => {
    const a = arg(columns);
    if (a === undefined) return undefined;
    const values = new Float64Array(columns.length);
    for (let i = 0; i < values.length; i++) {
      if (a.nulls !== null && a.nulls[i] === 1) continue;
      const r = a.values[i]! * factor + 0;
      if (!fitsDecimal(r, precision)) return undefined;
      values[i] = r;
    }
    return { values, nulls: a.nulls };
  };
}

/**
 * DECIMAL +, −, × (exact on unscaled values when the result keeps the full scale, as the row kernels' rescale is
 * then the identity), negation, and comparisons after aligning scales. Division and modulo round or can fail:
 * they stay with the row kernels.
 */
function decimalCallKernel(expr: CallExpr, left: VectorKernel, right: VectorKernel | undefined): VectorKernel | null {
  const types = expr.args.map((a) => a.type);
  if (!types.every((t) => t.kind === 'DECIMAL')) return null;
  const [l, r] = types as Decimal[];
  if (expr.op === 'negate') {
    const { precision } = expr.type as Decimal;
    return expr.type.kind === 'DECIMAL' && (expr.type as Decimal).scale === l!.scale ? rescaleKernel(left, -1, precision) : null;
  }
  if (right === undefined || r === undefined) return null;
  const common = Math.max(l!.scale, r.scale);
  const upLeft = 10 ** (common - l!.scale);
  const upRight = 10 ** (common - r.scale);
  switch (expr.op) {
    case 'add': case 'subtract': case 'multiply': {
      if (expr.type.kind !== 'DECIMAL') return null;
      const { precision, scale } = expr.type;
      if (scale !== (expr.op === 'multiply' ? l!.scale + r.scale : common)) return null;
      const f: Binary = expr.op === 'add' ? (a, b) => a * upLeft + b * upRight
        : expr.op === 'subtract' ? (a, b) => a * upLeft - b * upRight
        : (a, b) => a * b;
      return binaryKernel(left, right, (a, b) => {
        const v = f(a, b) + 0;
        return fitsDecimal(v, precision) ? v : Number.NaN;
      }, true);
    }
    case 'equal': case 'not-equal': case 'less': case 'less-equal': case 'greater': case 'greater-equal': {
      const compare = COMPARISONS[expr.op]!;
      return binaryKernel(left, right, (a, b) => {
        const x = a * upLeft;
        const y = b * upRight;
        return x > -SAFE && x < SAFE && y > -SAFE && y < SAFE ? compare(x, y) : Number.NaN;
      }, true);
    }
    default:
      return null;
  }
}
