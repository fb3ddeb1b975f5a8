/** Structural helpers over AST expressions: canonical text (to match GROUP BY expressions) and walking. */
import type { Expression, FunctionCall } from '../../parser/ast.js';
import { expressionChildren } from '../../parser/ast-walk.js';
import { isAggregateFunctionName } from '../../runtime/aggregates/names.js';
import { lookupUserAggregate } from '../binder/user-aggregates.js';

export function isAggregateCall(node: Expression): node is FunctionCall {
  return node.kind === 'call' && (isAggregateFunctionName(node.name.name) || lookupUserAggregate(node.name.name) !== undefined);
}

/** A position-free, case-normalised text of an expression; equal texts mean the same expression. */
export function canonicalText(node: Expression): string {
  return JSON.stringify(node, (key, value: unknown) => {
    if (key === 'position' || key === 'fnPosition') return undefined;
    if (key === 'name' && typeof value === 'string') return value.toLowerCase();
    if (key === 'name' && value && typeof value === 'object' && 'name' in value) {
      const id = value as { name: string; quoted: boolean };
      return id.quoted ? id.name : id.name.toLowerCase();
    }
    return value;
  });
}

/**
 * Aggregate calls in an expression (not looking inside them, nor inside OVER windows and subqueries), in order of
 * appearance: anywhere else, e.g. `ARRAY[MIN(v), MAX(v)]` or `MAX(v) BETWEEN 1 AND 5`.
 */
export function collectAggregateCalls(node: Expression, into: FunctionCall[] = []): FunctionCall[] {
  if (isAggregateCall(node)) into.push(node);
  else if (node.kind !== 'over') for (const child of expressionChildren(node)) collectAggregateCalls(child, into);
  return into;
}

/** A readable name for an expression used as an output column: the column name for plain references. */
export function columnNameOf(node: Expression): string | undefined {
  if (node.kind === 'column') return node.path[node.path.length - 1]!.name;
  return undefined;
}

/**
 * Rewrites an expression top-down: `replace` sees every node first; where it returns a node, that node is used
 * as is; elsewhere the node is rebuilt with its children rewritten. Structural, so new node kinds need no case.
 */
export function mapExpression(node: Expression, replace: (node: Expression) => Expression | undefined): Expression {
  const replaced = replace(node);
  if (replaced) return replaced;
  const rebuild = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rebuild);
    if (value && typeof value === 'object') {
      if ('kind' in value && 'position' in value && (value as { kind: string }).kind !== 'identifier') {
        return mapExpression(value as Expression, replace);
      }
      if (!('line' in value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebuild(v)]));
    }
    return value;
  };
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'position' ? v : rebuild(v)])) as unknown as Expression;
}
