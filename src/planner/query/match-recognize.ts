/**
 * `FROM t MATCH_RECOGNIZE (…)`: row pattern recognition, planned as Flink plans it (StreamExecMatch). The input must
 * be append-only and so is the output (ONE ROW PER MATCH: the partition columns, then the measures). ORDER BY starts
 * with a time attribute, ascending: on event time rows are matched in time order once the watermark passes them
 * (late rows are dropped, counted and kept); on processing time as they arrive. The rows of a partition are matched
 * on their own (PARTITION BY columns; none: one partition, on one instance).
 *
 * Pattern rules, as Flink: variables appear once; quantifiers apply to single variables; the last variable cannot
 * be greedy unless its count is fixed (`A B*` → `A B*? C` or `A B* C`); a pattern must not match zero rows.
 */
import { NotImplementedError, PlanError } from '../../common/errors.js';
import type { Expr } from '../../dataflow/expr.js';
import { formatType, isProctime, isRowtime, withoutRowtime } from '../../common/types.js';
import type { Field } from '../../dataflow/schema.js';
import type { AfterMatchStrategy, PatternElement } from '../../dataflow/match-spec.js';
import type { SortKey } from '../../dataflow/graph.js';
import type { Expression, MatchRecognize } from '../../parser/ast.js';
import { bindExpression } from '../binder/expressions.js';
import { resolveColumn } from '../binder/scope.js';
import { isUpdating, updatingOperator, type MatchRecognizeNode } from '../logical/plan.js';
import { scopeForPlan, type PlannedRelation, type PlanningContext } from './context.js';
import { PatternRefBinder } from './pattern-refs.js';
import { originTable } from './window-tvf.js';

export function planMatchRecognize(clause: MatchRecognize, input: PlannedRelation, _context: PlanningContext): PlannedRelation {
  if (isUpdating(input.plan)) {
    throw new PlanError(`MATCH_RECOGNIZE reads an append-only input, but ${updatingOperator(input.plan)} makes this one updating`, { position: clause.position });
  }
  const columns = scopeForPlan(input.plan, null);
  const fields = input.plan.schema.fields;
  const partitionKeys = clause.partitionBy.map((key) => columnIndex(key, input, 'PARTITION BY'));
  const { timeIndex, timeMode, orderBy } = ordering(clause, input);
  const variables = patternVariables(clause);
  const refs = new PatternRefBinder({ plan: input.plan, scope: columns }, variables, timeIndex);
  const conditions = new Map<string, Expr>();
  for (const definition of clause.define) {
    const variable = variables.find((v) => v.toLowerCase() === definition.variable.name.toLowerCase());
    if (variable === undefined) {
      throw new PlanError(`DEFINE ${definition.variable.name}: the pattern has no variable of that name (it has ${variables.join(', ')})`, { position: definition.variable.position });
    }
    if (conditions.has(variable)) throw new PlanError(`Pattern variable ${variable} is defined twice`, { position: definition.variable.position });
    const expr = refs.bind(definition.condition, 'DEFINE');
    if (expr.type.kind !== 'BOOLEAN' && expr.type.kind !== 'NULL') {
      throw new PlanError(`The condition of ${variable} must be BOOLEAN, not ${formatType(withoutRowtime(expr.type))}`, { position: definition.condition.position });
    }
    conditions.set(variable, expr);
  }
  // patternVariables keeps each term's own spelling, in pattern order.
  const pattern: PatternElement[] = clause.pattern.map((term, i) => ({
    variable: variables[i]!,
    min: term.min,
    max: term.max,
    greedy: !term.reluctant,
    condition: conditions.get(variables[i]!) ?? null,
  }));
  checkPattern(clause, pattern);
  const measures = clause.measures.map((measure) => refs.bind(measure.expr, 'MEASURES'));
  const names = [...partitionKeys.map((k) => fields[k]!.name), ...clause.measures.map((m) => m.alias.name)];
  const outputFields: Field[] = [
    ...partitionKeys.map((k, i) => ({ name: names[i]!, type: withoutRowtime(fields[k]!.type), nullable: fields[k]!.nullable })),
    ...measures.map((expr, i) => ({ name: names[partitionKeys.length + i]!, type: expr.type, nullable: true })),
  ];
  checkDistinctNames(clause, outputFields);
  const node: MatchRecognizeNode = {
    kind: 'match-recognize',
    input: input.plan,
    partitionKeys,
    timeIndex,
    ...(timeMode === 'processing' ? { timeMode } : {}),
    orderBy,
    pattern,
    afterMatch: afterMatch(clause, variables),
    within: withinMillis(clause.within),
    refs: refs.refs,
    measures,
    lateTable: originTable(input.plan),
    schema: { fields: outputFields },
  };
  return { plan: node, scope: scopeForPlan(node, clause.alias?.name ?? null) };
}

function columnIndex(node: Expression, input: PlannedRelation, clause: string): number {
  if (node.kind !== 'column' || node.path.length > 2) {
    throw new NotImplementedError(`${clause} in MATCH_RECOGNIZE takes columns; compute an expression in a subquery first`, { position: node.position });
  }
  return resolveColumn(node.path.length === 2 ? { ...node, path: node.path.slice(1) } : node, scopeForPlan(input.plan, null)).index;
}

function ordering(clause: MatchRecognize, input: PlannedRelation): { timeIndex: number; timeMode: 'event' | 'processing'; orderBy: SortKey[] } {
  const [first, ...rest] = clause.orderBy;
  if (first === undefined) {
    throw new PlanError('MATCH_RECOGNIZE needs ORDER BY a time attribute (its rows are matched in time order)', { position: clause.position });
  }
  const timeIndex = columnIndex(first.expr, input, 'ORDER BY');
  const type = input.plan.schema.fields[timeIndex]!.type;
  if (!isRowtime(type) && !isProctime(type)) {
    throw new PlanError(`MATCH_RECOGNIZE must be ordered by a time attribute first, ascending; ${fieldName(input, timeIndex)} is ${formatType(type)}`, {
      position: first.position,
      hint: 'order by a column with a WATERMARK, or a PROCTIME() column',
    });
  }
  if (first.descending) throw new PlanError('MATCH_RECOGNIZE must be ordered by its time attribute ascending', { position: first.position });
  const orderBy = rest.map((item): SortKey => ({
    index: columnIndex(item.expr, input, 'ORDER BY'),
    descending: item.descending,
    nullsFirst: item.nullsFirst ?? !item.descending,
  }));
  return { timeIndex, timeMode: isProctime(type) ? 'processing' : 'event', orderBy };
}

function fieldName(input: PlannedRelation, index: number): string {
  return input.plan.schema.fields[index]!.name;
}

function patternVariables(clause: MatchRecognize): string[] {
  const variables: string[] = [];
  for (const term of clause.pattern) {
    if (variables.some((v) => v.toLowerCase() === term.variable.name.toLowerCase())) {
      throw new NotImplementedError(`Pattern variable ${term.variable.name} appears twice; each variable can appear once (as in Flink)`, { position: term.position });
    }
    variables.push(term.variable.name);
  }
  return variables;
}

function checkPattern(clause: MatchRecognize, pattern: readonly PatternElement[]): void {
  const last = pattern[pattern.length - 1]!;
  const lastTerm = clause.pattern[clause.pattern.length - 1]!;
  if (last.greedy && last.max !== last.min) {
    throw new NotImplementedError(
      `A greedy quantifier cannot end a pattern (as in Flink): ${last.variable} would have to wait for a row that does not fit it`,
      { position: lastTerm.position, hint: `make it reluctant (${last.variable}*?, ${last.variable}+?) or end with a variable of its own, e.g. ${last.variable}* C with C AS NOT (…)` },
    );
  }
  if (pattern.every((element) => element.min === 0)) {
    throw new PlanError('The pattern can match zero rows; at least one variable must have to match a row (as in Flink)', { position: clause.pattern[0]!.position });
  }
}

function afterMatch(clause: MatchRecognize, variables: readonly string[]): AfterMatchStrategy {
  const skip = clause.afterMatch;
  // Not written: SKIP TO NEXT ROW, Flink's default (its documentation does not say; its planner does).
  if (skip === null) return { kind: 'to-next-row' };
  if (skip.kind === 'past-last-row') return skip;
  if (skip.kind === 'to-next-row') return skip;
  const variable = variables.find((v) => v.toLowerCase() === skip.variable.name.toLowerCase());
  if (variable === undefined) {
    throw new PlanError(`AFTER MATCH SKIP TO ${skip.kind === 'to-first' ? 'FIRST' : 'LAST'} ${skip.variable.name}: the pattern has no variable of that name`, { position: skip.variable.position });
  }
  return { kind: skip.kind, variable };
}

function withinMillis(node: Expression | null): number | null {
  if (node === null) return null;
  const value = bindExpression(node, { columns: [] }, { clause: 'WITHIN' });
  if (value.kind !== 'literal' || value.type.kind !== 'INTERVAL' || typeof value.value !== 'number' || value.value <= 0) {
    throw new PlanError("WITHIN takes a positive day-time interval literal, e.g. WITHIN INTERVAL '1' HOUR", { position: node.position });
  }
  return value.value;
}

function checkDistinctNames(clause: MatchRecognize, fields: readonly Field[]): void {
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (seen.has(field.name.toLowerCase())) {
      const measure = clause.measures[i - clause.partitionBy.length];
      throw new PlanError(`Column '${field.name}' appears twice in the output of MATCH_RECOGNIZE`, { position: measure?.alias.position ?? clause.position });
    }
    seen.add(field.name.toLowerCase());
  });
}
