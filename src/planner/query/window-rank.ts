/**
 * Window Top-N and window deduplication (Flink's window-topn and window-deduplication pages):
 *
 *   SELECT … FROM (
 *     SELECT …, ROW_NUMBER() OVER (PARTITION BY window_start, window_end [, keys] ORDER BY col [ASC|DESC], …) AS rownum
 *     FROM <window TVF, or a window aggregation> [WHERE …]
 *   ) WHERE rownum <= N [AND …]
 *
 * (also `< N`, `= N`, `BETWEEN a AND b`, RANK() and DENSE_RANK()). The FROM subquery and the outer WHERE become
 * Project ← Filter? ← Project(inner select list) ← WindowRank ← Project? ← <inner FROM and WHERE>; the enclosing
 * SELECT then goes on over that relation. ROW_NUMBER ordered by the time attribute alone with `rownum = 1` / `<= 1`
 * is a deduplication: ASC keeps the first row of each window and key, DESC the last.
 *
 * Without window_start and window_end in PARTITION BY, the same query shape is a regular (non-window) Top-N or
 * deduplication over an unbounded input (regular-rank.ts): Project ← Filter? ← Rank | Deduplicate ← <FROM and WHERE>.
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { BIGINT, BOOLEAN, formatType, isRowtime } from '../../common/types.js';
import { columnExpr, literalExpr, type Expr } from '../../dataflow/expr.js';
import type { RankFunction, SortKey } from '../../dataflow/graph.js';
import type { Field } from '../../dataflow/schema.js';
import type { Expression, OverExpr, Query, SelectItem, WindowSpec } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import { resolveColumn, type Scope } from '../binder/scope.js';
import { isUpdating, type LogicalPlan, type ProjectNode, type WindowRankNode } from '../logical/plan.js';
import { columnNameOf } from './ast-utils.js';
import { scopeForPlan, uniqueNames, type PlannedRelation, type PlanningContext } from './context.js';
import { AppendedColumns } from './appended-columns.js';
import { planFrom, type QueryPlanner } from './from.js';
import { rankBounds } from './rank-bounds.js';
import { regularRankNode } from './regular-rank.js';
import { rewriteColumns } from '../rules/expr-utils.js';
import { windowColumnOf } from './window-columns.js';
import { originTable } from './window-tvf.js';
import { sortKey } from './order-by.js';

const RANK_FUNCTIONS: readonly RankFunction[] = ['ROW_NUMBER', 'RANK', 'DENSE_RANK'];

/**
 * If `query` reads FROM a subquery that ranks its rows with ROW_NUMBER() / RANK() / DENSE_RANK() OVER (…), plans
 * that subquery and the outer WHERE as a (window) Top-N or deduplication and returns the relation the outer SELECT
 * list reads (the outer WHERE already applied); otherwise undefined.
 */
export function planWindowRank(query: Query, context: PlanningContext, planQuery: QueryPlanner): PlannedRelation | undefined {
  if (query.from?.kind !== 'subquery') return undefined;
  const inner = query.from.query;
  const rankItems = inner.items.filter((item) => isRankCall(item.expr));
  if (rankItems.length === 0) return undefined;
  if (rankItems.length > 1) throw new NotImplementedError('Only one ranking function per query is supported', { position: rankItems[1]!.position });
  const rankItem = rankItems[0]!;
  const over = rankItem.expr as OverExpr;
  checkInnerQuery(inner, over);
  const rankFunction = over.call.name.name.toUpperCase() as RankFunction;
  const spec = windowSpecOf(over, inner);

  // The rows being ranked: the inner FROM and WHERE.
  const from = planFrom(inner.from!, context, planQuery);
  let rows: LogicalPlan = from.plan;
  if (inner.where) rows = { kind: 'filter', input: rows, predicate: condition(inner.where, from.scope, 'WHERE'), schema: rows.schema };

  // PARTITION BY and ORDER BY, bound over those rows; expressions other than columns are computed by a Project.
  const keys = new AppendedColumns(rows, '$rank_key');
  const columnOf = (node: Expression, clause: string): number => keys.indexOf(bindExpression(node, from.scope, { clause }));
  const partition = spec.partitionBy.map((node) => ({ node, index: columnOf(node, 'PARTITION BY') }));
  const orderBy: SortKey[] = spec.orderBy.map((item) => sortKey(columnOf(item.expr, 'ORDER BY'), item));
  const windowKey = (role: 'window_start' | 'window_end') => partition.find((p) => p.index < rows.schema.fields.length && windowColumnOf(rows, p.index)?.role === role);
  const start = windowKey('window_start');
  const end = windowKey('window_end');
  // Without window_start and window_end in PARTITION BY, a regular (non-window) Top-N or deduplication.
  const windowed = start !== undefined && end !== undefined;
  if (windowed && isUpdating(rows)) throw new NotImplementedError(`${rankFunction}() over an updating input (a GROUP BY without a window) is not supported yet`, { position: over.position });
  if (windowed && windowColumnOf(rows, start.index)?.sessionTvf) {
    throw new NotImplementedError('Window Top-N and deduplication directly on a SESSION window TVF are not supported (nor are they in Flink); aggregate the session windows first', { position: over.position });
  }
  const input = keys.plan();

  // The inner select list, with the rank as a BIGINT column; then the outer WHERE's bounds on it.
  const rankWidth = input.schema.fields.length;
  const rankExpr = columnExpr(rankWidth, BIGINT);
  const innerItems = selectItems(inner, rankItem, from.scope, rankExpr);
  const rankColumn = innerItems.exprs.indexOf(rankExpr);
  const rankName = innerItems.schema.fields[rankColumn]!.name;
  const innerProject: ProjectNode = { kind: 'project', input, exprs: innerItems.exprs, schema: innerItems.schema };
  const alias = query.from.alias?.name ?? null;
  const outerScope = scopeForPlan(innerProject, alias);
  const isRank = (node: Expression): boolean => node.kind === 'column' && safeIndex(node, outerScope) === rankColumn;
  const bounds = rankBounds(query.where, isRank);
  if (bounds.upper === undefined) {
    throw new PlanError(
      `${rankFunction}() needs an upper bound on its result in the enclosing query's WHERE, e.g. WHERE ${rankName} <= 3`,
      { position: query.where?.position ?? over.position, hint: 'only Top-N and deduplication queries are supported' },
    );
  }
  const rankField: Field = { name: rankName, type: BIGINT, nullable: false };
  if (!windowed) {
    const outputRank = referencesColumn(query, rankName, bounds.others);
    const node = regularRankNode({
      input, partitionKeys: partition.map((p) => p.index), orderBy, rankFunction, lower: Math.max(bounds.lower, 1), upper: bounds.upper, outputRank, rankField,
    });
    // The select list reads the ranked rows, whose time attributes are materialised.
    const typed = (e: Expr): Expr => rewriteColumns(e, (i) => columnExpr(i, node.schema.fields[i]?.type ?? rankExpr.type));
    const exprs = innerItems.exprs.map((e, i) => (i === rankColumn && !outputRank ? literalExpr(null, BIGINT) : typed(e)));
    const fields = innerItems.schema.fields.map((f, i) => ({ ...f, type: exprs[i]!.type }));
    let plan: LogicalPlan = { kind: 'project', input: node, exprs, schema: { fields } };
    if (bounds.others.length > 0) {
      const predicate = bounds.others.map((n) => condition(n, scopeForPlan(plan, alias), 'WHERE')).reduce((a, b) => ({ kind: 'call', op: 'and', args: [a, b], type: BOOLEAN }));
      plan = { kind: 'filter', input: plan, predicate, schema: plan.schema };
    }
    return { plan, scope: scopeForPlan(plan, alias) };
  }
  const outputRank = bounds.lower > 1 || referencesColumn(query, rankName, bounds.others);
  const dedupOrder = spec.orderBy.length === 1 && orderBy[0]!.index < rows.schema.fields.length ? orderBy[0]! : undefined;
  const isTime = dedupOrder !== undefined && (windowColumnOf(rows, dedupOrder.index)?.role === 'window_time' || windowColumnOf(rows, dedupOrder.index)?.role === 'time' || isRowtime(rows.schema.fields[dedupOrder.index]!.type));
  const deduplicate = rankFunction === 'ROW_NUMBER' && bounds.upper === 1 && bounds.lower <= 1 && isTime ? (dedupOrder!.descending ? 'last-row' : 'first-row') : null;

  const rank: WindowRankNode = {
    kind: 'window-rank',
    input,
    windowStartIndex: start.index,
    windowEndIndex: end.index,
    partitionKeys: partition.filter((p) => p !== start && p !== end).map((p) => p.index),
    orderBy,
    rankFunction,
    limit: Math.max(bounds.upper, 0),
    outputRank,
    deduplicate,
    lateTable: originTable(rows),
    ...(windowColumnOf(rows, end.index)?.ltz ? { ltz: true } : {}),
    schema: { fields: [...input.schema.fields, ...(outputRank ? [rankField] : [])] },
  };
  const exprs = outputRank ? innerItems.exprs : innerItems.exprs.map((e, i) => (i === rankColumn ? literalExpr(null, BIGINT) : e));
  let plan: LogicalPlan = { ...innerProject, input: rank, exprs };
  const predicates = bounds.others.map((node) => condition(node, outerScope, 'WHERE'));
  if (bounds.lower > 1) predicates.unshift({ kind: 'call', op: 'greater-equal', args: [columnExpr(rankColumn, BIGINT), literalExpr(BigInt(bounds.lower), BIGINT)], type: BOOLEAN });
  if (predicates.length > 0) {
    const predicate = predicates.reduce((a, b) => ({ kind: 'call', op: 'and', args: [a, b], type: BOOLEAN }));
    plan = { kind: 'filter', input: plan, predicate, schema: plan.schema };
  }
  return { plan, scope: scopeForPlan(plan, alias) };
}

function isRankCall(node: Expression): node is OverExpr {
  return node.kind === 'over' && (RANK_FUNCTIONS as readonly string[]).includes(node.call.name.name.toUpperCase());
}

function checkInnerQuery(inner: Query, over: OverExpr): void {
  const unsupported = (what: string) => new NotImplementedError(`${over.call.name.name.toUpperCase()}() OVER (…) in a query with ${what} is not supported yet`, { position: inner.position });
  if (inner.setOperation) throw unsupported('UNION, INTERSECT or EXCEPT');
  if (inner.groupBy.length > 0 || inner.groupingSets || inner.having) throw unsupported('GROUP BY; rank the result of a window aggregation from a subquery instead');
  if (inner.distinct) throw unsupported('SELECT DISTINCT');
  if (inner.orderBy.length > 0 || inner.limit !== null) throw unsupported('ORDER BY or LIMIT');
  if (!inner.from) throw unsupported('no FROM');
  if (over.call.args.length > 0 || over.call.star || over.call.distinct) {
    throw new PlanError(`${over.call.name.name.toUpperCase()}() takes no arguments`, { position: over.call.position });
  }
}

/** The window specification of the OVER clause, resolving `OVER w` through the query's WINDOW clause. */
function windowSpecOf(over: OverExpr, inner: Query): WindowSpec {
  let spec = over.window;
  if (spec.name) {
    const name = spec.name;
    const named = inner.windows?.find((w) => w.name.name.toLowerCase() === name.name.toLowerCase());
    if (!named) throw new PlanError(`Unknown window '${name.name}'`, { position: name.position });
    spec = named.spec;
  }
  if (spec.frame) throw new PlanError(`${over.call.name.name.toUpperCase()}() does not take a window frame (ROWS/RANGE)`, { position: spec.frame.position });
  if (spec.orderBy.length === 0) {
    throw new PlanError(`${over.call.name.name.toUpperCase()}() needs ORDER BY in its OVER clause`, { position: spec.position });
  }
  return spec;
}

function condition(node: Expression, scope: Scope, clause: string): Expr {
  const bound = bindExpression(node, scope, { clause });
  if (bound.kind === 'literal' && bound.type.kind === 'NULL') return bound;
  if (bound.type.kind !== 'BOOLEAN') throw new PlanError(`${clause} must be a condition (BOOLEAN), but is ${formatType(bound.type)}`, { position: node.position });
  return bound;
}

/** The input's columns followed by computed sort or partition keys. */
/** Columns a star item expands to. */
function starColumns(item: SelectItem, scope: Scope): Scope['columns'] {
  if (item.expr.kind !== 'star') return [];
  const qualifier = item.expr.qualifier;
  if (!qualifier) return scope.columns.filter((c) => !c.qualifiedOnly);
  const columns = scope.columns.filter((c) => c.qualifier?.toLowerCase() === qualifier.name.toLowerCase());
  if (columns.length === 0) throw new PlanError(`Unknown table or alias '${qualifier.name}'`, { position: qualifier.position });
  return columns;
}

/** The inner select list over the ranked rows (whose first columns are the FROM's), with the rank item as `rank`. */
function selectItems(inner: Query, rankItem: SelectItem, scope: Scope, rank: Expr): { exprs: Expr[]; schema: { fields: Field[] } } {
  const exprs: Expr[] = [];
  const names: string[] = [];
  inner.items.forEach((item, position) => {
    if (item.expr.kind === 'star') {
      for (const column of starColumns(item, scope)) {
        exprs.push(columnExpr(column.index, column.type));
        names.push(column.name);
      }
      return;
    }
    const bound = item === rankItem ? rank : bindExpression(item.expr, scope, { clause: 'SELECT' });
    exprs.push(bound);
    names.push(item.alias?.name ?? columnNameOf(item.expr) ?? `EXPR$${position}`);
  });
  const unique = uniqueNames(names);
  return { exprs, schema: { fields: exprs.map((e, i) => ({ name: unique[i]!, type: e.type, nullable: i !== exprs.indexOf(rank) })) } };
}

function safeIndex(node: Expression & { kind: 'column' }, scope: Scope): number | undefined {
  try {
    return resolveColumn(node, scope).index;
  } catch {
    return undefined;
  }
}

/**
 * Whether the enclosing query reads the rank column anywhere but in its bounds (Flink's "no ranking output"
 * optimisation leaves the rank out when it does not): a `*`, or a column of that name in the select list,
 * GROUP BY, HAVING, ORDER BY or the remaining WHERE conjuncts.
 */
function referencesColumn(query: Query, name: string, otherConjuncts: readonly Expression[]): boolean {
  if (query.items.some((item) => item.expr.kind === 'star')) return true;
  const lower = name.toLowerCase();
  const roots: unknown[] = [query.items, query.groupBy, query.groupingSets, query.having, query.orderBy, otherConjuncts];
  const visit = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(visit);
    if (!value || typeof value !== 'object') return false;
    const node = value as { kind?: unknown; path?: readonly { name: string }[] };
    if (node.kind === 'column' && node.path) return node.path[node.path.length - 1]!.name.toLowerCase() === lower;
    return Object.entries(value).some(([key, child]) => key !== 'position' && visit(child));
  };
  return roots.some(visit);
}
