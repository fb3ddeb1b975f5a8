/**
 * Binds the expressions of DEFINE and MEASURES. Inside MATCH_RECOGNIZE a column is read from the rows of a match:
 * `A.price` is the last row mapped to A, `price` the last row of the match, `FIRST(A.price, 1)` the second row of A,
 * `LAST(price, 2)` the third row from the end, `AVG(A.price)` the average over A's rows. Each such read becomes a
 * *pattern reference* (PatternRef, deduplicated) and the expression reads it as column i of a virtual row; the
 * runtime fills that row from the match being tried.
 *
 * As in Flink: FIRST/LAST and aggregates read one variable (or none: all rows); DISTINCT aggregates, PREV/NEXT,
 * CLASSIFIER and MATCH_NUMBER are refused; MATCH_ROWTIME() and MATCH_PROCTIME() are for MEASURES.
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import { PROCTIME_TYPE, isRowtime, withoutRowtime, type DataType } from '../../common/types.js';
import { columnExpr, type Expr } from '../../dataflow/expr.js';
import type { PatternRef } from '../../dataflow/match-spec.js';
import type { ColumnRef, Expression, FunctionCall, Identifier } from '../../parser/ast.js';
import { expressionChildren } from '../../parser/ast-walk.js';
import { bindExpression, type Scope } from '../binder/expressions.js';
import { resolveColumn } from '../binder/scope.js';
import { planAggregateCall } from './aggregate-call.js';
import { isAggregateCall, mapExpression } from './ast-utils.js';
import { scopeForPlan, type PlannedRelation } from './context.js';

const REFUSED = new Map<string, string>([
  ['PREV', 'PREV (a physical offset) is not supported in MATCH_RECOGNIZE (as in Flink): use LAST(v.col, n)'],
  ['NEXT', 'NEXT (a physical offset) is not supported in MATCH_RECOGNIZE (as in Flink)'],
  ['CLASSIFIER', 'CLASSIFIER() is not supported (as in Flink)'],
  ['MATCH_NUMBER', 'MATCH_NUMBER() is not supported (as in Flink)'],
  ['RUNNING', 'RUNNING is not supported (as in Flink): MEASURES are FINAL'],
  ['FINAL', 'FINAL is not supported (as in Flink): MEASURES are always final'],
]);

export type PatternClause = 'DEFINE' | 'MEASURES';

/** The references of one MATCH_RECOGNIZE, shared by its DEFINE and MEASURES expressions. */
export class PatternRefBinder {
  readonly refs: PatternRef[] = [];
  private readonly keys = new Map<string, number>();
  private readonly columns: Scope;

  constructor(private readonly input: PlannedRelation, private readonly variables: readonly string[], private readonly timeIndex: number) {
    // Pattern references name input columns without a table qualifier.
    this.columns = scopeForPlan(input.plan, null);
  }

  bind(node: Expression, clause: PatternClause): Expr {
    return bindExpression(node, { columns: [] }, { clause, substitute: (child) => this.substitute(child, clause) });
  }

  private substitute(node: Expression, clause: PatternClause): Expr | undefined {
    if (node.kind === 'column') {
      const { variable, column } = this.splitColumn(node);
      return this.navigate(variable, 'last', 0, column);
    }
    if (node.kind !== 'call') return undefined;
    const name = node.name.name.toUpperCase();
    const refused = REFUSED.get(name);
    if (refused !== undefined) throw new NotImplementedError(refused, { position: node.position });
    if ((name === 'FIRST' || name === 'LAST') && !node.star) return this.bindOffset(node, name === 'FIRST' ? 'first' : 'last', clause);
    if (name === 'MATCH_ROWTIME' || name === 'MATCH_PROCTIME') return this.bindMatchTime(node, name, clause);
    if (isAggregateCall(node)) return this.bindAggregate(node);
    return undefined;
  }

  /** `A.price` → (A, price); `price` → (null, price). */
  private splitColumn(node: ColumnRef): { variable: string | null; column: number } {
    if (node.path.length === 1) return { variable: null, column: resolveColumn(node, this.columns).index };
    const variable = this.variableNamed(node.path[0]!);
    if (node.path.length > 2) {
      throw new NotImplementedError('Nested field access on a pattern variable is not supported yet: read the field in a subquery first', { position: node.position });
    }
    const column = resolveColumn({ ...node, path: node.path.slice(1) }, this.columns).index;
    return { variable, column };
  }

  private variableNamed(id: Identifier): string {
    const exact = this.variables.find((v) => v === id.name) ?? this.variables.find((v) => v.toLowerCase() === id.name.toLowerCase());
    if (exact === undefined) {
      throw new PlanError(`'${id.name}' is not a pattern variable; the pattern has ${this.variables.join(', ')}`, { position: id.position });
    }
    return exact;
  }

  private navigate(variable: string | null, from: 'first' | 'last', offset: number, column: number): Expr {
    const type = withoutRowtime(this.columns.columns[column]!.type);
    return this.reference({ kind: 'navigate', variable, from, offset, column, type });
  }

  private reference(ref: PatternRef): Expr {
    const key = JSON.stringify(ref, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    let index = this.keys.get(key);
    if (index === undefined) {
      index = this.refs.length;
      this.refs.push(ref);
      this.keys.set(key, index);
    }
    return columnExpr(index, ref.type);
  }

  /** `FIRST(A.price [, n])`, `LAST(A.price * A.tax [, n])`: every column of the argument read from the same row. */
  private bindOffset(node: FunctionCall, from: 'first' | 'last', clause: PatternClause): Expr {
    if (node.args.length < 1 || node.args.length > 2) throw new PlanError(`${from.toUpperCase()} takes a value and an optional offset`, { position: node.position });
    const offset = node.args.length === 2 ? this.offsetOf(node.args[1]!) : 0;
    const argument = node.args[0]!;
    const variable = this.singleVariable(argument, node);
    return bindExpression(argument, { columns: [] }, {
      clause,
      substitute: (child) => {
        if (child.kind === 'column') return this.navigate(variable, from, offset, this.splitColumn(child).column);
        if (child.kind === 'call') {
          const inner = child.name.name.toUpperCase();
          if (inner === 'FIRST' || inner === 'LAST' || isAggregateCall(child)) {
            throw new PlanError(`${from.toUpperCase()}(…) reads one row: it cannot contain ${inner}(…)`, { position: child.position });
          }
        }
        return undefined;
      },
    });
  }

  private offsetOf(node: Expression): number {
    const value = bindExpression(node, { columns: [] }, { clause: 'an offset' });
    const offset = value.kind === 'literal' ? Number(value.value) : NaN;
    if (!Number.isSafeInteger(offset) || offset < 0 || (value.type.kind !== 'INT' && value.type.kind !== 'BIGINT')) {
      throw new PlanError('The offset of FIRST/LAST must be a non-negative integer literal', { position: node.position });
    }
    return offset;
  }

  /** The one pattern variable the columns of `node` name (null: none, so all rows); PlanError for two. */
  private singleVariable(node: Expression, call: FunctionCall): string | null {
    const found = new Set<string>();
    let unqualified = false;
    const visit = (child: Expression): void => {
      if (child.kind === 'column') {
        if (child.path.length === 1) unqualified = true;
        else found.add(this.variableNamed(child.path[0]!));
      }
      for (const grandchild of expressionChildren(child)) visit(grandchild);
    };
    visit(node);
    if (found.size > 1 || (found.size === 1 && unqualified)) {
      throw new PlanError(`${call.name.name.toUpperCase()}(…) must read a single pattern variable, not ${[...found, ...(unqualified ? ['*'] : [])].join(' and ')}`, { position: call.position });
    }
    return found.size === 1 ? [...found][0]! : null;
  }

  /** `SUM(A.price)`, `AVG(price)`, `COUNT(*)`, `COUNT(B.id)` over the rows of one variable (or all). */
  private bindAggregate(node: FunctionCall): Expr {
    if (node.distinct) throw new NotImplementedError('DISTINCT aggregates are not supported in MATCH_RECOGNIZE (as in Flink)', { position: node.position });
    const variable = node.args.length === 0 ? null : this.singleVariable(node, node);
    const unqualified = mapExpression(node, (child) => (child.kind === 'column' && child.path.length === 2 ? { ...child, path: child.path.slice(1) } : undefined));
    const planned = planAggregateCall(unqualified as FunctionCall, { plan: this.input.plan, scope: this.columns });
    const call = { ...planned.call, argIndex: planned.argument === undefined ? null : 0 };
    return this.reference({ kind: 'aggregate', variable, call, argument: planned.argument ?? null, type: call.type });
  }

  private bindMatchTime(node: FunctionCall, name: string, clause: PatternClause): Expr {
    if (clause !== 'MEASURES') throw new PlanError(`${name}() can be used in MEASURES only`, { position: node.position });
    if (name === 'MATCH_PROCTIME') {
      if (node.args.length > 0) throw new PlanError('MATCH_PROCTIME() takes no arguments', { position: node.position });
      return this.reference({ kind: 'proctime', type: PROCTIME_TYPE });
    }
    let column = this.timeIndex;
    if (node.args.length > 1) throw new PlanError('MATCH_ROWTIME takes at most one argument, a rowtime column', { position: node.position });
    if (node.args.length === 1) {
      const arg = node.args[0]!;
      if (arg.kind !== 'column' || arg.path.length !== 1) throw new PlanError('The argument of MATCH_ROWTIME must be a rowtime column', { position: arg.position });
      column = resolveColumn(arg, this.columns).index;
    }
    const type: DataType = this.columns.columns[column]!.type;
    if (!isRowtime(type)) throw new PlanError('MATCH_ROWTIME() needs the MATCH_RECOGNIZE to be ordered by a rowtime attribute', { position: node.position });
    return this.reference({ kind: 'navigate', variable: null, from: 'last', offset: 0, column, type });
  }
}
