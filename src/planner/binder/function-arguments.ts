/**
 * The bound arguments of one built-in function call, with typed accessors that coerce an argument or explain, naming
 * the function and the argument's position, what is wrong with it.
 */
import { PlanError, type SourcePosition } from '../../common/errors.js';
import { DOUBLE, INT, STRING, formatType, withoutRowtime, type DataType } from '../../common/types.js';
import type { Expr, FunctionOp } from '../../dataflow/expr.js';
import { compilePattern } from '../../runtime/expr/text-functions.js';
import { coerce } from './coercion.js';

export interface BoundArgument {
  readonly expr: Expr;
  readonly position: SourcePosition;
}

export function expectCount(name: string, actual: number, counts: readonly number[], position: SourcePosition): void {
  if (counts.includes(actual)) return;
  const expected = counts.length === 1 ? `${counts[0]}` : `${counts.slice(0, -1).join(', ')} or ${counts[counts.length - 1]}`;
  throw new PlanError(`Function '${name}' needs ${expected} argument${counts[counts.length - 1] === 1 ? '' : 's'}, got ${actual}`, { position });
}

/** The bound arguments of one call, with typed accessors that coerce or explain what is wrong. */
export class FunctionArguments {
  constructor(
    private readonly name: string,
    private readonly args: readonly BoundArgument[],
    private readonly position: SourcePosition,
  ) {}

  count(counts: readonly number[]): void {
    expectCount(this.name, this.args.length, counts, this.position);
  }

  call(op: FunctionOp, args: readonly Expr[], type: DataType, counts?: readonly number[]): Expr {
    if (counts) this.count(counts);
    return { kind: 'call', op, args, type };
  }

  get length(): number {
    return this.args.length;
  }

  arg(index: number): BoundArgument {
    const arg = this.args[index];
    if (!arg) throw new PlanError(`Function '${this.name}' needs an argument ${index + 1}`, { position: this.position });
    return arg;
  }

  wrong(index: number, wanted: string): PlanError {
    const arg = this.arg(index);
    return new PlanError(`Function '${this.name}' takes ${wanted} as argument ${index + 1}, not ${formatType(withoutRowtime(arg.expr.type))}`, { position: arg.position });
  }

  string(index: number): Expr {
    const { expr } = this.arg(index);
    if (expr.type.kind === 'STRING') return expr;
    if (expr.type.kind === 'NULL') return coerce(expr, STRING);
    throw this.wrong(index, 'a STRING');
  }

  integer(index: number): Expr {
    const { expr } = this.arg(index);
    if (expr.type.kind === 'INT' || expr.type.kind === 'BIGINT') return expr;
    if (expr.type.kind === 'NULL') return coerce(expr, INT);
    throw this.wrong(index, 'an INT');
  }

  /** A regular expression: STRING; a literal one must compile (a dynamic one that does not gives NULL, as Flink). */
  pattern(index: number): Expr {
    const expr = this.string(index);
    if (expr.kind === 'literal' && typeof expr.value === 'string' && compilePattern(expr.value) === null) {
      throw new PlanError(`Function '${this.name}': invalid regular expression '${expr.value}'`, { position: this.arg(index).position });
    }
    return expr;
  }

  /** RAND's seed: an integer literal, so that each call site has one reproducible sequence. */
  seed(index: number): Expr {
    this.integerLiteral(index);
    return this.integer(index);
  }

  /** An integer literal (ROUND's digits decide its result type). */
  integerLiteral(index: number): number {
    const { expr } = this.arg(index);
    if (expr.kind === 'literal' && (typeof expr.value === 'number' || typeof expr.value === 'bigint')) return Number(expr.value);
    throw this.wrong(index, 'an integer literal');
  }

  numericType(index: number): DataType {
    const type = withoutRowtime(this.arg(index).expr.type);
    if (type.kind === 'NULL') return INT;
    if (type.kind === 'INT' || type.kind === 'BIGINT' || type.kind === 'FLOAT' || type.kind === 'DOUBLE' || type.kind === 'DECIMAL') return type;
    throw this.wrong(index, 'a number');
  }

  numeric(index: number): Expr {
    const type = this.numericType(index);
    return coerce(this.arg(index).expr, type);
  }

  double(index: number): Expr {
    this.numericType(index);
    return coerce(this.arg(index).expr, DOUBLE);
  }
}
