/**
 * Walking the AST: the children of every expression kind (exhaustive, so a new kind is a compile error here),
 * the expressions a query writes directly, and every query nested in a statement (CTEs, set operation sides,
 * FROM subqueries, IN / EXISTS subqueries).
 */
import type { Expression, FromItem, Query, Statement, WindowSpec } from './ast.js';

/** The direct sub-expressions of `node`, in written order (subqueries are not expressions: see `queriesIn`). */
export function expressionChildren(node: Expression): Expression[] {
  switch (node.kind) {
    case 'column':
    case 'literal':
    case 'interval':
    case 'star':
    case 'symbol':
    case 'binary-literal':
    case 'year-month-interval':
    case 'exists':
    case 'scalar-subquery':
      return [];
    case 'unary':
    case 'is-null':
    case 'is-truth':
    case 'cast':
    case 'try-cast':
    case 'in-subquery':
      return [node.operand];
    case 'binary':
    case 'is-distinct-from':
      return [node.left, node.right];
    case 'case': {
      const children: Expression[] = node.operand ? [node.operand] : [];
      for (const w of node.whens) children.push(w.when, w.then);
      if (node.else) children.push(node.else);
      return children;
    }
    case 'call': {
      const defaults = [node.json?.onEmpty?.value, node.json?.onError?.value].filter((value): value is Expression => value != null);
      return [...node.args, ...(node.filter === undefined ? [] : [node.filter]), ...defaults];
    }
    case 'between':
      return [node.operand, node.low, node.high];
    case 'in-list':
      return [node.operand, ...node.list];
    case 'like':
      return node.escape === null ? [node.operand, node.pattern] : [node.operand, node.pattern, node.escape];
    case 'element-access':
      return [node.operand, node.index];
    case 'field-access':
      return [node.operand];
    case 'constructor':
      return [...node.args];
    case 'over':
      return [node.call, ...windowSpecExpressions(node.window)];
  }
}

/** Subqueries written inside an expression (IN (SELECT …), EXISTS (SELECT …)), at any depth. */
function expressionQueries(node: Expression, into: Query[]): void {
  if (node.kind === 'in-subquery' || node.kind === 'exists' || node.kind === 'scalar-subquery') into.push(node.query);
  for (const child of expressionChildren(node)) expressionQueries(child, into);
}

function windowSpecExpressions(spec: WindowSpec): Expression[] {
  const exprs = [...spec.partitionBy, ...spec.orderBy.map((item) => item.expr)];
  for (const bound of spec.frame === null ? [] : [spec.frame.start, spec.frame.end]) {
    if (bound.offset !== null) exprs.push(bound.offset);
  }
  return exprs;
}

/** The expressions a query writes itself (not those of its nested queries), in clause order. */
export function queryExpressions(query: Query): Expression[] {
  const exprs: Expression[] = [];
  if (query.setOperation === undefined) {
    exprs.push(...query.items.map((item) => item.expr));
    if (query.from !== null) exprs.push(...fromExpressions(query.from));
    if (query.where !== null) exprs.push(query.where);
    exprs.push(...query.groupBy, ...(query.groupingSets ?? []).flat());
    if (query.having !== null) exprs.push(query.having);
    for (const window of query.windows ?? []) exprs.push(...windowSpecExpressions(window.spec));
  }
  exprs.push(...query.orderBy.map((item) => item.expr));
  return exprs;
}

function fromExpressions(item: FromItem): Expression[] {
  switch (item.kind) {
    case 'table-ref':
    case 'subquery':
      return [];
    case 'window-tvf':
      return [...item.partitionBy, item.descriptor, ...item.args.map((arg) => arg.value)];
    case 'join':
      return [...fromExpressions(item.left), ...fromExpressions(item.right), ...(item.condition === null ? [] : [item.condition])];
    case 'temporal-table':
      return [item.asOf];
    case 'lateral-table':
      return [item.call];
    case 'values':
      return item.rows.flat();
    case 'unnest':
      return [item.argument];
    case 'match-recognize':
      return [
        ...fromExpressions(item.input), ...item.partitionBy, ...item.orderBy.map((order) => order.expr), ...item.measures.map((measure) => measure.expr),
        ...(item.within === null ? [] : [item.within]), ...item.define.map((definition) => definition.condition),
      ];
  }
}

function fromQueries(item: FromItem): Query[] {
  switch (item.kind) {
    case 'subquery':
      return [item.query];
    case 'window-tvf':
      return item.input.kind === 'subquery' ? [item.input.query] : [];
    case 'join':
      return [...fromQueries(item.left), ...fromQueries(item.right)];
    case 'match-recognize':
      return fromQueries(item.input);
    default:
      return [];
  }
}

/** The queries directly inside `query`: CTE bodies, set operation sides, FROM subqueries, expression subqueries. */
function nestedQueries(query: Query): Query[] {
  const nested: Query[] = (query.with ?? []).map((cte) => cte.query);
  if (query.setOperation !== undefined) nested.push(query.setOperation.left, query.setOperation.right);
  else if (query.from !== null) nested.push(...fromQueries(query.from));
  for (const expr of queryExpressions(query)) expressionQueries(expr, nested);
  return nested;
}

/** The top-level queries of a statement (none for statements without one). */
function statementQueries(statement: Statement): Query[] {
  switch (statement.kind) {
    case 'query':
    case 'insert':
    case 'create-view':
      return [statement.query];
    case 'explain':
      return [statement.statement.query];
    case 'create-table':
      return statement.asQuery ? [statement.asQuery] : [];
    case 'statement-set':
      return statement.inserts.map((insert) => insert.query);
    case 'explain-statement-set':
      return statement.statementSet.inserts.map((insert) => insert.query);
    default:
      return [];
  }
}

/** Every query in `root`, outermost first: the statement's queries and everything nested in them. */
export function queriesIn(root: Statement | Query): Query[] {
  const pending = root.kind === 'select' ? [root] : statementQueries(root);
  const all: Query[] = [];
  for (let query = pending.shift(); query !== undefined; query = pending.shift()) {
    all.push(query);
    pending.push(...nestedQueries(query));
  }
  return all;
}

/** Every expression in `root`'s queries, at any depth (sub-expressions included). */
export function expressionsIn(root: Statement | Query): Expression[] {
  const all: Expression[] = [];
  const visit = (node: Expression): void => {
    all.push(node);
    for (const child of expressionChildren(node)) visit(child);
  };
  for (const query of queriesIn(root)) for (const expr of queryExpressions(query)) visit(expr);
  return all;
}
