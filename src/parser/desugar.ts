/**
 * Rewrites of predicates into the operators every planner knows (used by the binder): BETWEEN into comparisons,
 * IN (list) into equalities joined by OR, IS [NOT] DISTINCT FROM into a null-aware CASE. The new nodes take the
 * position of the node they replace, so errors point at the written predicate. Three-valued logic is kept:
 * `a IN (1, NULL)` is `a = 1 OR a = NULL`, exactly as SQL defines it.
 */
import type { BetweenExpr, BinaryOp, Expression, InListExpr, IsDistinctFromExpr } from './ast.js';

function binary(op: BinaryOp, left: Expression, right: Expression, at: Expression): Expression {
  return { kind: 'binary', op, left, right, position: at.position };
}

function not(operand: Expression, at: Expression): Expression {
  return { kind: 'unary', op: 'NOT', operand, position: at.position };
}

/** `a BETWEEN x AND y` → `a >= x AND a <= y`; SYMMETRIC also accepts `a >= y AND a <= x`; NOT negates. */
export function betweenAsComparisons(node: BetweenExpr): Expression {
  const within = (low: Expression, high: Expression): Expression =>
    binary('AND', binary('>=', node.operand, low, node), binary('<=', node.operand, high, node), node);
  const range = node.symmetric ? binary('OR', within(node.low, node.high), within(node.high, node.low), node) : within(node.low, node.high);
  return node.negated ? not(range, node) : range;
}

/** `a IN (x, y)` → `a = x OR a = y`; `a NOT IN (x, y)` → `NOT (a = x OR a = y)`. */
export function inListAsComparisons(node: InListExpr): Expression {
  const [first, ...rest] = node.list.map((item) => binary('=', node.operand, item, node));
  if (first === undefined) return { kind: 'literal', type: 'boolean', text: node.negated ? 'TRUE' : 'FALSE', position: node.position };
  const any = rest.reduce((left, right) => binary('OR', left, right, node), first);
  return node.negated ? not(any, node) : any;
}

/**
 * `a IS DISTINCT FROM b` → `CASE WHEN a IS NULL AND b IS NULL THEN FALSE WHEN a IS NULL OR b IS NULL THEN TRUE
 * ELSE a <> b END`; IS NOT DISTINCT FROM swaps TRUE and FALSE and compares with `=`.
 */
export function distinctFromAsCase(node: IsDistinctFromExpr): Expression {
  const isNull = (operand: Expression): Expression => ({ kind: 'is-null', operand, negated: false, position: node.position });
  const bool = (value: boolean): Expression => ({ kind: 'literal', type: 'boolean', text: value ? 'TRUE' : 'FALSE', position: node.position });
  const distinct = !node.negated;
  return {
    kind: 'case',
    operand: null,
    whens: [
      { when: binary('AND', isNull(node.left), isNull(node.right), node), then: bool(!distinct) },
      { when: binary('OR', isNull(node.left), isNull(node.right), node), then: bool(distinct) },
    ],
    else: binary(distinct ? '<>' : '=', node.left, node.right, node),
    position: node.position,
  };
}

/** How messages name an expression construct that is parsed but not bound yet (`… is not supported yet`). */
export function constructName(node: Expression): string {
  switch (node.kind) {
    case 'in-subquery':
      return 'IN (subquery)';
    case 'exists':
      return 'EXISTS (subquery)';
    case 'scalar-subquery':
      return 'A scalar subquery';
    case 'like':
      return node.operator;
    case 'try-cast':
      return 'TRY_CAST';
    case 'element-access':
      return 'Element access […]';
    case 'field-access':
      return 'Field access on a ROW value';
    case 'constructor':
      return `The ${node.type} constructor`;
    case 'symbol':
      return `The keyword argument ${node.name}`;
    case 'binary-literal':
      return "A binary literal (x'…')";
    case 'year-month-interval':
      return 'A year-month interval (YEAR, MONTH)';
    case 'over':
      return 'An OVER window';
    default:
      return node.kind;
  }
}
