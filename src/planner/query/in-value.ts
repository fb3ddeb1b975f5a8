/**
 * `x [NOT] IN (SELECT y …)` as a value (in the SELECT list, HAVING, or WHERE under OR / NOT, where it cannot be a
 * semi or anti join), with SQL's three-valued logic, as Calcite rewrites it: over the subquery `s` (read as a whole,
 * its one column named `$v`),
 *
 *   CASE WHEN (SELECT COUNT(*) FROM s) is 0 or NULL (no row yet)   THEN FALSE
 *        WHEN (SELECT MIN(TRUE) FROM s WHERE $v = x) IS NOT NULL   THEN TRUE   -- a match (a LEFT join on x = $v)
 *        WHEN x IS NULL                                            THEN NULL
 *        WHEN (SELECT COUNT($v) FROM s) < (SELECT COUNT(*) FROM s) THEN NULL   -- s has a NULL
 *        ELSE FALSE END
 *
 * whose scalar subqueries are then planned as joins (scalar-subquery.ts; the match one is correlated on `x`). The
 * rewrite happens on the AST, before binding, so `x` is bound where it stands. `x` must be a column (the match
 * join's key); the subquery must not reference the outer query (it is read as a derived table): both are refused.
 */
import { NotImplementedError, type SourcePosition } from '../../common/errors.js';
import type { ColumnRef, Expression, FromItem, Identifier, InSubqueryExpr, Query, ScalarSubqueryExpr, SelectItem } from '../../parser/ast.js';
import { expressionChildren } from '../../parser/ast-walk.js';
import { mapExpression } from './ast-utils.js';

/**
 * The query with the IN (SELECT …) of its SELECT list and HAVING rewritten as values, and `where` (WHERE without its
 * AND-ed subquery conditions, which are semi / anti joins) likewise.
 */
export function withInValues(query: Query, where: Expression | null, correlated: (sub: Query) => boolean): { query: Query; where: Expression | null } {
  if (![...query.items.map((item) => item.expr), ...(query.having ? [query.having] : []), ...(where ? [where] : [])].some(hasInSubquery)) {
    return { query, where };
  }
  const rewrite = (node: Expression): Expression => inSubqueriesAsValues(node, correlated);
  const items = query.items.map((item) => (hasInSubquery(item.expr) ? { ...item, expr: rewrite(item.expr) } : item));
  const having = query.having && rewrite(query.having);
  return { query: { ...query, items, having }, where: where && rewrite(where) };
}

function hasInSubquery(node: Expression): boolean {
  return node.kind === 'in-subquery' || expressionChildren(node).some(hasInSubquery);
}

/** `node` with each IN (SELECT …) outside nested queries rewritten as above. */
function inSubqueriesAsValues(node: Expression, correlated: (sub: Query) => boolean): Expression {
  return mapExpression(node, (child) => {
    if (child.kind === 'in-subquery') {
      if (correlated(child.query)) {
        throw new NotImplementedError('A correlated IN (SELECT …) is not supported yet outside an AND-ed condition of WHERE', { position: child.position });
      }
      return inAsValue(child);
    }
    // Nested queries keep their own IN conditions (an AND-ed one there is a semi join).
    if (child.kind === 'exists' || child.kind === 'scalar-subquery') return child;
    return undefined;
  });
}

function inAsValue(node: InSubqueryExpr): Expression {
  const position = node.position;
  const operand = node.operand;
  if (operand.kind !== 'column') {
    throw new NotImplementedError('IN (SELECT …) with an expression on its left is not supported yet outside an AND-ed condition of WHERE; compute it in a subquery in FROM', { position });
  }
  const id = (name: string): Identifier => ({ kind: 'identifier', name, quoted: true, position });
  const value: ColumnRef = { kind: 'column', path: [id('$in'), id('$v')], position };
  const from: FromItem = { kind: 'subquery', query: node.query, alias: id('$in'), columnAliases: [id('$v')], position };
  const count = scalar(call('COUNT', [], position, true), from, null, position);
  const countValues = scalar(call('COUNT', [value], position), from, null, position);
  const match = scalar(call('MIN', [literal('boolean', 'TRUE', position)], position), from, { kind: 'binary', op: '=', left: value, right: operand, position }, position);
  const isNull = (operand: Expression, negated = false): Expression => ({ kind: 'is-null', operand, negated, position });
  const noRows: Expression = { kind: 'binary', op: 'OR', left: isNull(count), right: { kind: 'binary', op: '=', left: count, right: literal('number', '0', position), position }, position };
  const result: Expression = {
    kind: 'case',
    operand: null,
    whens: [
      { when: noRows, then: literal('boolean', 'FALSE', position) },
      { when: isNull(match, true), then: literal('boolean', 'TRUE', position) },
      { when: isNull(operand), then: literal('null', 'NULL', position) },
      { when: { kind: 'binary', op: '<', left: countValues, right: count, position }, then: literal('null', 'NULL', position) },
    ],
    else: literal('boolean', 'FALSE', position),
    position,
  };
  return node.negated ? { kind: 'unary', op: 'NOT', operand: result, position } : result;
}

function scalar(item: Expression, from: FromItem, where: Expression | null, position: SourcePosition): ScalarSubqueryExpr {
  const items: SelectItem[] = [{ kind: 'select-item', expr: item, alias: null, position }];
  const query: Query = { kind: 'select', distinct: false, items, from, where, groupBy: [], having: null, orderBy: [], limit: null, position };
  return { kind: 'scalar-subquery', query, position };
}

function call(name: string, args: Expression[], position: SourcePosition, star = false): Expression {
  return { kind: 'call', name: { kind: 'identifier', name, quoted: false, position }, args, distinct: false, star, position };
}

function literal(type: 'boolean' | 'number' | 'null', text: string, position: SourcePosition): Expression {
  return { kind: 'literal', type, text, position };
}
