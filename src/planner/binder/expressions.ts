/**
 * Binds AST expressions to typed dataflow expressions: resolves columns against a scope, types literals, inserts
 * the implicit conversions operators need and rejects what does not type-check, pointing at the SQL text.
 */
import { UNSUPPORTED_FLINK_FUNCTIONS } from './unsupported-functions.js';
import { NotImplementedError, PlanError, type SourcePosition } from '../../common/errors.js';
import {
  BOOLEAN, BYTES, INTERVAL, NULL_TYPE, PROCTIME_TYPE, STRING, formatType, isInterval, isNested, isNumeric, isRowtime, sameType, timestampLtz, withoutRowtime, type DataType,
} from '../../common/types.js';
import { parseTimestamp } from '../../common/time.js';
import { isPreciseTimestamp } from '../../common/precise-timestamp.js';
import { columnExpr, literalExpr, type Expr, type ScalarOp } from '../../dataflow/expr.js';
import type {
  BinaryExpr, CaseExpr as AstCaseExpr, CastExpr as AstCastExpr, Expression, FunctionCall, IsTruthExpr, LikeExpr, TryCastExpr, UnaryExpr,
} from '../../parser/ast.js';
import { betweenAsComparisons, constructName, distinctFromAsCase, inListAsComparisons } from '../../parser/desugar.js';
import {
  asDecimalType, canCast, coerce, commonType, leastRestrictiveType, decimalResultType, widenTo, widerNumericKind, type ArithmeticOp,
} from './coercion.js';
import { BUILTIN_FUNCTIONS, bindBuiltinFunction } from './functions.js';
import { bindCurrentWatermark } from './time-functions.js';
import { bindIsJson } from './json-functions.js';
import { bindUserFunction, lookupUserFunction, userFunctionNames } from './user-functions.js';
import { lookupUserAggregate, userAggregateNames } from './user-aggregates.js';
import { lookupUserTableFunction } from './user-table-functions.js';
import { bindLiteral, bindNumberLiteral } from './literals.js';
import { bindIntervalLiteral, bindYearMonthIntervalLiteral } from './interval-literals.js';
import { bindIntervalArithmetic } from './interval-arithmetic.js';
import { type Scope } from './scope.js';
import { bindColumnPath, bindConstructor, elementAccess, fieldAccess } from './collections.js';
import { suggestName } from './suggest.js';
import { resolveType } from './types.js';
import { AGGREGATE_FUNCTION_NAMES } from '../../runtime/aggregates/names.js';

export type { Scope, ScopeColumn } from './scope.js';
export { commonType, coerce } from './coercion.js';
export { parseIntervalLiteral, parseYearMonthIntervalLiteral } from './interval-literals.js';
export { resolveType } from './types.js';
export { suggestName } from './suggest.js';

export interface BindOptions {
  /** Called for every AST expression node before it is bound; return an Expr to use it as the node's binding (the planner uses this to replace aggregate calls and GROUP BY expressions by columns of the aggregate's output). */
  readonly substitute?: (node: Expression) => Expr | undefined;
  /** Where the expression appears, for error messages (e.g. 'WHERE'). */
  readonly clause?: string;
}

const ARITHMETIC: Readonly<Partial<Record<BinaryExpr['op'], ArithmeticOp>>> = {
  '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '%': 'modulo',
};
const COMPARISON: Readonly<Partial<Record<BinaryExpr['op'], ScalarOp>>> = {
  '=': 'equal', '<>': 'not-equal', '<': 'less', '<=': 'less-equal', '>': 'greater', '>=': 'greater-equal',
};
const AGGREGATES: ReadonlySet<string> = new Set(AGGREGATE_FUNCTION_NAMES);
const WINDOW_FUNCTIONS = new Set([
  'TUMBLE', 'HOP', 'CUMULATE', 'SESSION', 'TUMBLE_START', 'TUMBLE_END', 'TUMBLE_ROWTIME', 'HOP_START', 'HOP_END',
  'HOP_ROWTIME', 'SESSION_START', 'SESSION_END', 'SESSION_ROWTIME',
]);
const SCALAR_FUNCTIONS = ['COALESCE', 'IFNULL', 'NULLIF', 'IF', 'PROCTIME', 'CURRENT_WATERMARK'];
// String and math functions: see functions.ts.

/** The type as shown in error messages (without the rowtime mark). */
function shown(type: DataType): string {
  return formatType(withoutRowtime(type));
}

function call(op: ScalarOp, args: readonly Expr[], type: DataType): Expr {
  return { kind: 'call', op, args, type };
}

function typeError(op: string, args: readonly Expr[], position: SourcePosition): PlanError {
  const types = args.map((a) => shown(a.type));
  const detail = types.length === 1
    ? `Cannot apply '${op}' to an argument of type ${types[0]}`
    : `Cannot apply '${op}' to arguments of type ${types.join(' and ')}`;
  return new PlanError(detail, { position });
}

/** Binds `node` against `scope`; throws PlanError / NotImplementedError with the position of the offending node. */
export function bindExpression(node: Expression, scope: Scope, options: BindOptions = {}): Expr {
  return new ExpressionBinder(scope, options).bind(node);
}

class ExpressionBinder {
  constructor(private readonly scope: Scope, private readonly options: BindOptions) {}

  bind(node: Expression): Expr {
    const substituted = this.options.substitute?.(node);
    if (substituted !== undefined) return substituted;
    switch (node.kind) {
      case 'column': return bindColumnPath(node, this.scope);
      case 'literal': return bindLiteral(node);
      case 'interval': return bindIntervalLiteral(node);
      case 'year-month-interval': return bindYearMonthIntervalLiteral(node);
      case 'unary': return this.bindUnary(node);
      case 'binary': return this.bindBinary(node);
      case 'is-null':
        return call(node.negated ? 'is-not-null' : 'is-null', [this.bind(node.operand)], BOOLEAN);
      case 'case': return this.bindCase(node);
      case 'cast': return this.bindCast(node);
      case 'call': return this.bindCall(node);
      case 'star':
        throw new PlanError(`'*' is not allowed here${this.where()}`, { position: node.position });
      case 'between': return this.bind(betweenAsComparisons(node));
      case 'in-list': return this.bind(inListAsComparisons(node));
      case 'is-distinct-from': return this.bind(distinctFromAsCase(node));
      case 'is-truth': return this.bindTruth(node);
      case 'like': return this.bindLike(node);
      case 'try-cast': return this.bindTryCast(node);
      case 'element-access':
        return elementAccess(this.bind(node.operand), this.bind(node.index), node.position, node.index.position);
      case 'field-access': return fieldAccess(this.bind(node.operand), node.field);
      case 'constructor': return bindConstructor(node, (arg) => this.bind(arg));
      case 'binary-literal': return literalExpr(new Uint8Array(Buffer.from(node.hex, 'hex')), BYTES);
      case 'symbol': case 'over':
        throw new NotImplementedError(`${constructName(node)} is not supported yet`, { position: node.position });
      case 'scalar-subquery':
        // Scalar subqueries of WHERE, SELECT and HAVING become joins before binding (query/scalar-subquery.ts).
        throw new NotImplementedError(`A scalar subquery is not supported yet${this.where()}, only in WHERE, HAVING and the SELECT list`, { position: node.position });
      case 'exists':
        // WHERE's AND-ed EXISTS become semi/anti joins, others in WHERE, HAVING and SELECT joined markers (query/exists-value.ts).
        throw new NotImplementedError(`EXISTS (SELECT …) is not supported yet${this.where()}, only in WHERE, HAVING and the SELECT list`, { position: node.position });
      case 'in-subquery':
        // WHERE's AND-ed subquery conditions become semi/anti joins before binding (query/subquery-join.ts).
        throw new NotImplementedError(`${node.negated ? 'NOT IN' : 'IN'} (SELECT …) is not supported yet${this.where()}, only as an AND-ed condition of WHERE`, { position: node.position });
    }
  }

  /** `x IS [NOT] TRUE | FALSE` never yields NULL: CASE WHEN x (or NOT x) THEN … ELSE … END; UNKNOWN is IS NULL. */
  private bindTruth(node: IsTruthExpr): Expr {
    const operand = this.bind(node.operand);
    if (operand.type.kind !== 'BOOLEAN' && operand.type.kind !== 'NULL') {
      throw typeError(`IS ${node.negated ? 'NOT ' : ''}${node.value}`, [operand], node.position);
    }
    const value = coerce(operand, BOOLEAN);
    if (node.value === 'UNKNOWN') return call(node.negated ? 'is-not-null' : 'is-null', [value], BOOLEAN);
    const when = node.value === 'TRUE' ? value : call('not', [value], BOOLEAN);
    const otherwise = literalExpr(node.negated, BOOLEAN);
    return { kind: 'case', whens: [{ when, then: literalExpr(!node.negated, BOOLEAN) }], otherwise, type: BOOLEAN };
  }

  private where(): string {
    return this.options.clause === undefined ? '' : ` in ${this.options.clause}`;
  }

  private bindUnary(node: UnaryExpr): Expr {
    const operandNode = node.operand;
    if (node.op === '-' && operandNode.kind === 'literal' && operandNode.type === 'number'
      && this.options.substitute?.(operandNode) === undefined) {
      return bindNumberLiteral(operandNode, true);
    }
    const operand = this.bind(operandNode);
    const type = operand.type;
    if (node.op === 'NOT') {
      if (type.kind !== 'BOOLEAN' && type.kind !== 'NULL') throw typeError('NOT', [operand], node.position);
      return call('not', [coerce(operand, BOOLEAN)], BOOLEAN);
    }
    if (!isNumeric(type) && !isInterval(type)) throw typeError(node.op, [operand], node.position);
    return node.op === '+' ? operand : call('negate', [operand], withoutRowtime(type));
  }

  private bindBinary(node: BinaryExpr): Expr {
    const left = this.bind(node.left);
    const right = this.bind(node.right);
    const arithmetic = ARITHMETIC[node.op];
    if (arithmetic !== undefined) return bindArithmetic(node, arithmetic, left, right);
    const comparison = COMPARISON[node.op];
    if (comparison !== undefined) return bindComparison(node, comparison, left, right);
    if (node.op === 'AND' || node.op === 'OR') {
      for (const arg of [left, right]) {
        if (arg.type.kind !== 'BOOLEAN' && arg.type.kind !== 'NULL') throw typeError(node.op, [left, right], node.position);
      }
      return call(node.op === 'AND' ? 'and' : 'or', [coerce(left, BOOLEAN), coerce(right, BOOLEAN)], BOOLEAN);
    }
    // '||'
    for (const arg of [left, right]) {
      if (arg.type.kind !== 'STRING' && arg.type.kind !== 'NULL') throw typeError('||', [left, right], node.position);
    }
    return call('concat', [coerce(left, STRING), coerce(right, STRING)], STRING);
  }

  private bindCase(node: AstCaseExpr): Expr {
    const operandNode = node.operand;
    const operand = operandNode === null ? null : this.bind(operandNode);
    const whens: { when: Expr; then: Expr }[] = [];
    const branches: { expr: Expr; position: SourcePosition }[] = [];
    for (const { when: whenNode, then: thenNode } of node.whens) {
      const condition = this.bind(whenNode);
      let when: Expr;
      if (operand !== null && operandNode !== null) {
        // CASE x WHEN v THEN … is CASE WHEN x = v THEN …
        when = bindComparison({ position: whenNode.position, left: operandNode, right: whenNode }, 'equal', operand, condition);
      } else if (condition.type.kind === 'BOOLEAN' || condition.type.kind === 'NULL') {
        when = coerce(condition, BOOLEAN);
      } else {
        throw new PlanError(`CASE WHEN needs a BOOLEAN condition, not ${shown(condition.type)}`, { position: whenNode.position });
      }
      const then = this.bind(thenNode);
      whens.push({ when, then });
      branches.push({ expr: then, position: thenNode.position });
    }
    const otherwise = node.else === null ? null : this.bind(node.else);
    if (otherwise !== null && node.else !== null) branches.push({ expr: otherwise, position: node.else.position });
    const type = unifyBranches(branches, 'CASE');
    return {
      kind: 'case',
      whens: whens.map(({ when, then }) => ({ when, then: coerce(then, type) })),
      otherwise: otherwise === null ? null : coerce(otherwise, type),
      type,
    };
  }

  private bindCast(node: AstCastExpr): Expr {
    const operand = this.bind(node.operand);
    const to = resolveType(node.type);
    if (!canCast(operand.type, to)) {
      throw new PlanError(`Cannot cast ${shown(operand.type)} to ${formatType(to)}`, { position: node.position });
    }
    if (operand.kind === 'literal' && typeof operand.value === 'string' && to.kind === 'TIMESTAMP') {
      return timestampLiteral(operand.value, to, node.operand.position);
    }
    // To VARCHAR(n) / CHAR(n): truncated (and padded) at run time, even where the types are otherwise the same.
    if (to.kind === 'STRING' && to.length !== undefined) return { kind: 'cast', arg: operand, type: to };
    if (sameType(operand.type, to) && !isRowtime(operand.type)) return operand;
    const converted = coerce(operand, to);
    return converted.kind === 'literal' ? converted : { kind: 'cast', arg: operand, type: to };
  }

  /** TRY_CAST(x AS t): as CAST, but a value that cannot be converted gives NULL (never folded at plan time). */
  private bindTryCast(node: TryCastExpr): Expr {
    const operand = this.bind(node.operand);
    const to = resolveType(node.type);
    if (!canCast(operand.type, to)) {
      throw new PlanError(`Cannot cast ${shown(operand.type)} to ${formatType(to)}`, { position: node.position });
    }
    if (sameType(operand.type, to) && !isRowtime(operand.type) && !(to.kind === 'STRING' && to.length !== undefined)) return operand;
    return { kind: 'cast', arg: operand, type: withoutRowtime(to), orNull: true };
  }

  /** `s [NOT] LIKE | SIMILAR TO pattern [ESCAPE 'c']`: a call of 'like' or 'similar'. */
  private bindLike(node: LikeExpr): Expr {
    const args: Expression[] = [node.operand, node.pattern];
    if (node.escape) {
      const escape = this.bind(node.escape);
      if (escape.kind !== 'literal' || typeof escape.value !== 'string' || [...escape.value].length !== 1) {
        throw new PlanError('ESCAPE takes a string literal of one character', { position: node.escape.position ?? node.position });
      }
      args.push(node.escape);
    }
    const like = bindBuiltinFunction(node.operator, { kind: 'call', name: { kind: 'identifier', name: node.operator, quoted: false, position: node.position }, args, distinct: false, star: false, position: node.position }, (arg) => this.bind(arg));
    return node.negated ? call('not', [like], BOOLEAN) : like;
  }

  private bindCall(node: FunctionCall): Expr {
    const name = node.name.name.toUpperCase();
    const position = node.position;
    if (AGGREGATES.has(name) || lookupUserAggregate(name) !== undefined) {
      const where = this.options.clause === undefined ? 'here' : `in ${this.options.clause}`;
      throw new PlanError(`Aggregate function '${name}' is not allowed ${where}`, { position });
    }
    if (node.filter !== undefined) {
      throw new PlanError(`FILTER (WHERE …) is only allowed on aggregate functions, not on '${name}'`, { position: node.filter.position });
    }
    if (WINDOW_FUNCTIONS.has(name)) {
      throw new PlanError(`Window function '${name}' is not allowed${this.where() || ' here'}; use it in FROM as TABLE(${name}(…))`, { position });
    }
    if (name === 'IS JSON' && node.name.quoted) return bindIsJson(node, (arg) => this.bind(arg));
    if (name === 'DESCRIPTOR') {
      throw new PlanError('DESCRIPTOR(…) is only allowed as an argument of a window table function', { position });
    }
    const udf = lookupUserFunction(name);
    if (udf !== undefined) {
      if (node.distinct || node.star) throw new PlanError(`${node.star ? '*' : 'DISTINCT'} is not allowed in '${udf.name}'`, { position });
      return bindUserFunction(udf, node.args.map((arg) => ({ expr: this.bind(arg), position: arg.position ?? position })), position);
    }
    if (BUILTIN_FUNCTIONS.includes(name)) {
      if (node.distinct || node.star) {
        throw new PlanError(`${node.star ? '*' : 'DISTINCT'} is only allowed in aggregate functions, not in '${name}'`, { position });
      }
      return bindBuiltinFunction(name, node, (arg) => this.bind(arg));
    }
    if (!SCALAR_FUNCTIONS.includes(name)) {
      const tableFunction = lookupUserTableFunction(name);
      if (tableFunction !== undefined) {
        throw new PlanError(`'${tableFunction.name}' is a table function; call it in FROM as LATERAL TABLE(${tableFunction.name}(…))`, { position });
      }
      if (UNSUPPORTED_FLINK_FUNCTIONS.has(name)) throw new NotImplementedError(`Function '${name}' is not supported yet`, { position });
      const suggestion = suggestName(node.name.name, [...SCALAR_FUNCTIONS, ...BUILTIN_FUNCTIONS, ...AGGREGATES, ...userFunctionNames(), ...userAggregateNames()]);
      throw new PlanError(`No function named '${node.name.name}'`, {
        position, hint: suggestion === undefined ? undefined : `did you mean '${suggestion}'?`,
      });
    }
    if (node.distinct || node.star) {
      throw new PlanError(`${node.star ? '*' : 'DISTINCT'} is only allowed in aggregate functions, not in '${name}'`, { position });
    }
    const args = node.args.map((arg) => this.bind(arg));
    const branches = args.map((expr, i) => ({ expr, position: (node.args[i] as Expression).position }));
    switch (name) {
      case 'PROCTIME': // the wall clock when the row is evaluated: a marked literal the evaluator fills per batch
        expectArgCount(name, args, 0, position);
        return literalExpr(null, PROCTIME_TYPE);
      case 'CURRENT_WATERMARK': return bindCurrentWatermark(args, this.options.clause, position);
      case 'IFNULL': // Flink's IFNULL(a, b): COALESCE of exactly two arguments
      case 'COALESCE': {
        if (name === 'IFNULL') expectArgCount(name, args, 2, position);
        if (args.length === 0) throw new PlanError("Function 'COALESCE' needs at least 1 argument", { position });
        const type = unifyBranches(branches, 'COALESCE');
        const last = coerce(args[args.length - 1] as Expr, type);
        if (args.length === 1) return last;
        const whens = args.slice(0, -1).map((arg) => ({ when: call('is-not-null', [arg], BOOLEAN), then: coerce(arg, type) }));
        return { kind: 'case', whens, otherwise: last, type };
      }
      case 'NULLIF': {
        expectArgCount(name, args, 2, position);
        const [a, b] = args as [Expr, Expr];
        const equal = bindComparison({ position, left: node.args[0] as Expression, right: node.args[1] as Expression }, 'equal', a, b);
        const type = withoutRowtime(a.type);
        return { kind: 'case', whens: [{ when: equal, then: literalExpr(null, type) }], otherwise: coerce(a, type), type };
      }
      default: { // IF(condition, then, else)
        expectArgCount(name, args, 3, position);
        const [condition, then, otherwise] = args as [Expr, Expr, Expr];
        if (condition.type.kind !== 'BOOLEAN' && condition.type.kind !== 'NULL') {
          throw new PlanError(`IF needs a BOOLEAN condition, not ${shown(condition.type)}`, { position: (node.args[0] as Expression).position });
        }
        const type = unifyBranches(branches.slice(1), 'IF');
        return { kind: 'case', whens: [{ when: coerce(condition, BOOLEAN), then: coerce(then, type) }], otherwise: coerce(otherwise, type), type };
      }
    }
  }
}

function expectArgCount(name: string, args: readonly Expr[], count: number, position: SourcePosition): void {
  if (args.length !== count) {
    throw new PlanError(`Function '${name}' needs ${count} arguments, got ${args.length}`, { position });
  }
}

/** The common type of CASE / COALESCE results; PlanError at the first branch that does not fit. */
function unifyBranches(branches: readonly { expr: Expr; position: SourcePosition }[], what: string): DataType {
  let type: DataType = NULL_TYPE;
  for (const branch of branches) {
    // CASE takes Calcite's least restrictive type (a FLOAT branch before a DOUBLE one gives FLOAT); COALESCE and IF
    // Flink's own common type (DOUBLE).
    const next = what === 'CASE' ? leastRestrictiveType(type, branch.expr.type) : commonType(type, branch.expr.type);
    if (next === undefined) {
      throw new PlanError(`${what} results have incompatible types ${shown(type)} and ${shown(branch.expr.type)}`, {
        position: branch.position,
      });
    }
    type = next;
  }
  return withoutRowtime(type);
}

function timestampLiteral(text: string, type: DataType, position: SourcePosition): Expr {
  const millis = parseTimestamp(text);
  if (millis === undefined) throw new PlanError(`Cannot cast '${text}' to ${formatType(type)}`, { position });
  return coerce(literalExpr(text, STRING), type);
}

function bindArithmetic(node: BinaryExpr, op: ArithmeticOp, left: Expr, right: Expr): Expr {
  const lt = left.type;
  const rt = right.type;
  // An untyped NULL takes the type the other side needs.
  if (lt.kind === 'NULL' && rt.kind !== 'NULL') return bindArithmetic(node, op, coerce(left, rt.kind === 'TIMESTAMP' || rt.kind === 'TIME' ? INTERVAL : rt), right);
  if (rt.kind === 'NULL' && lt.kind !== 'NULL') return bindArithmetic(node, op, left, coerce(right, lt.kind === 'TIMESTAMP' || lt.kind === 'TIME' ? INTERVAL : lt));
  const numeric = widerNumericKind(lt, rt);
  // Flink's % takes exact numerics only ('<EXACT_NUMERIC> % <EXACT_NUMERIC>').
  if (op === 'modulo' && (lt.kind === 'FLOAT' || rt.kind === 'FLOAT')) throw typeError(node.op, [left, right], node.position);
  if (numeric !== undefined) {
    const a = coerce(left, widenTo(numeric, lt));
    const b = coerce(right, widenTo(numeric, rt));
    const type = numeric === 'DECIMAL' ? decimalResultType(op, asDecimalType(a.type), asDecimalType(b.type)) : a.type;
    // As in Flink (Calcite's NULLABLE_MOD), an integer remainder has the divisor's type: BIGINT % INT is an INT.
    if (op === 'modulo' && lt.kind === 'BIGINT' && rt.kind === 'INT') return coerce(call(op, [a, b], type), rt);
    return call(op, [a, b], type);
  }
  const interval = bindIntervalArithmetic(op, left, right, node.position);
  if (interval !== undefined) return interval;
  throw typeError(node.op, [left, right], node.position);
}

type ComparisonSite = Pick<BinaryExpr, 'position' | 'left' | 'right'>;

function bindComparison(site: ComparisonSite, op: ScalarOp, left: Expr, right: Expr): Expr {
  const symbol = Object.entries(COMPARISON).find(([, v]) => v === op)?.[0] ?? op;
  const lt = left.type;
  const rt = right.type;
  if (lt.kind === 'NULL' || rt.kind === 'NULL') {
    return call(op, [coerce(left, rt.kind === 'NULL' ? lt : rt), coerce(right, lt.kind === 'NULL' ? rt : lt)], BOOLEAN);
  }
  const numeric = widerNumericKind(lt, rt);
  if (numeric !== undefined) {
    return call(op, [coerce(left, widenTo(numeric, lt)), coerce(right, widenTo(numeric, rt))], BOOLEAN);
  }
  if (lt.kind === 'TIMESTAMP' && right.kind === 'literal' && typeof right.value === 'string') {
    return call(op, [left, timestampLiteral(right.value, withoutRowtime(lt), site.right.position)], BOOLEAN);
  }
  if (rt.kind === 'TIMESTAMP' && left.kind === 'literal' && typeof left.value === 'string') {
    return call(op, [timestampLiteral(left.value, withoutRowtime(rt), site.left.position), right], BOOLEAN);
  }
  // TIMESTAMP_LTZ meets a TIMESTAMP (or a timestamp text) as the instant of that wall clock in the session zone.
  if (lt.kind === 'TIMESTAMP_LTZ' || rt.kind === 'TIMESTAMP_LTZ') {
    const other = lt.kind === 'TIMESTAMP_LTZ' ? right : left;
    const isLiteralText = other.kind === 'literal' && typeof other.value === 'string';
    if (other.type.kind === 'TIMESTAMP' || isLiteralText || other.type.kind === 'TIMESTAMP_LTZ') {
      // Both sides as TIMESTAMP_LTZ of the larger precision (a precise side keeps its digits).
      const precisionOf = (t: DataType): number => (t.kind === 'TIMESTAMP' || t.kind === 'TIMESTAMP_LTZ' ? t.precision : 3);
      const ltz = timestampLtz(Math.max(precisionOf(lt), precisionOf(rt)));
      // An LTZ side is cast only to change its representation (milliseconds or precise nanoseconds).
      const side = (e: Expr): Expr => (e.type.kind === 'TIMESTAMP_LTZ' && isPreciseTimestamp(e.type) === isPreciseTimestamp(ltz) ? e : coerce(e, ltz));
      return call(op, [side(left), side(right)], BOOLEAN);
    }
  }
  if ((lt.kind === 'DATE' && rt.kind === 'TIMESTAMP') || (lt.kind === 'TIMESTAMP' && rt.kind === 'DATE')) {
    const common = commonType(lt, rt)!;
    return call(op, [coerce(left, common), coerce(right, common)], BOOLEAN);
  }
  if (lt.kind !== rt.kind) throw typeError(symbol, [left, right], site.position);
  if (isNested(lt) || lt.kind === 'TIME' || isPreciseTimestamp(lt) !== isPreciseTimestamp(rt)) {
    const common = commonType(lt, rt);
    if (common === undefined || (lt.kind === 'MAP' && op !== 'equal' && op !== 'not-equal')) throw typeError(symbol, [left, right], site.position);
    return call(op, [coerce(left, common), coerce(right, common)], BOOLEAN);
  }
  return call(op, [left, right], BOOLEAN);
}
