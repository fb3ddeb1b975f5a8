/**
 * Binding JSON_VALUE, JSON_QUERY, JSON_EXISTS (with their clauses) and `IS [NOT] JSON [kind]`, as Flink 1.20 plans
 * them:
 *
 * - JSON_VALUE(json, path [RETURNING STRING | INT | DOUBLE | BOOLEAN] [NULL | ERROR | DEFAULT c ON EMPTY]
 *   [NULL | ERROR | DEFAULT c ON ERROR]); a DEFAULT is a constant of the RETURNING type (for STRING any constant,
 *   written as its text); Flink 1.20 has no other RETURNING types (BIGINT, DECIMAL, … fail to plan there too);
 * - JSON_QUERY(json, path [RETURNING STRING | ARRAY<STRING>] [WITHOUT | WITH [CONDITIONAL | UNCONDITIONAL] [ARRAY]
 *   WRAPPER] [NULL | ERROR | EMPTY ARRAY | EMPTY OBJECT ON EMPTY] [… ON ERROR]); EMPTY OBJECT only for STRING;
 * - JSON_EXISTS(json, path [TRUE | FALSE | UNKNOWN | ERROR ON ERROR]).
 *
 * The runtime (runtime/expr/json-query-functions.ts) gets the clauses and the call's position as a JsonCallSpec
 * literal. Defaults: NULL ON EMPTY, NULL ON ERROR, WITHOUT WRAPPER, FALSE ON ERROR; paths without a mode are strict.
 */
import { NotImplementedError, PlanError, type SourcePosition } from '../../common/errors.js';
import { BOOLEAN, STRING, arrayType, formatType, withoutRowtime, type DataType } from '../../common/types.js';
import type { Expression, FunctionCall, JsonBehavior, JsonCallClauses } from '../../parser/ast.js';
import { isNonDeterministicOp, type Expr } from '../../dataflow/expr.js';
import { jsonPathProblem } from '../../runtime/expr/json-path.js';
import type { JsonCallSpec, JsonQueryBehavior } from '../../runtime/expr/json-query-functions.js';
import { coerce } from './coercion.js';
import { resolveType } from './types.js';

type BindExpression = (node: Expression) => Expr;

const NO_CLAUSES: JsonCallClauses = { returning: null, wrapper: null, onEmpty: null, onError: null };

export function bindJsonQueryFunction(name: 'JSON_VALUE' | 'JSON_QUERY' | 'JSON_EXISTS', node: FunctionCall, bind: BindExpression): Expr {
  const at = node.position;
  if (node.args.length !== 2) throw new PlanError(`Function '${name}' needs 2 arguments (a JSON string and a path), got ${node.args.length}`, { position: at });
  const json = stringArgument(name, node.args[0]!, bind, at, 1);
  const path = stringArgument(name, node.args[1]!, bind, at, 2);
  const problem = path.kind === 'literal' && typeof path.value === 'string' ? jsonPathProblem(path.value) : null;
  if (problem !== null) {
    const where = { position: node.args[1]!.position ?? at };
    if (problem.problem === 'unsupported') {
      throw new NotImplementedError(`Function '${name}': JSON path '${String((path as { value: unknown }).value)}': ${problem.reason}`, where);
    }
    throw new PlanError(`Function '${name}': invalid JSON path '${String((path as { value: unknown }).value)}': ${problem.reason} (expected '[lax | strict] $', '$.key', '$.a[0]', '$[*]', …)`, where);
  }
  const clauses = node.json ?? NO_CLAUSES;
  const spec = (value: JsonCallSpec): Expr => ({ kind: 'literal', value: JSON.stringify(value), type: STRING });
  if (name === 'JSON_EXISTS') {
    refuse(name, clauses.returning !== null ? clauses.returning.position : clauses.wrapper?.position ?? clauses.onEmpty?.position, 'takes only [TRUE | FALSE | UNKNOWN | ERROR] ON ERROR after the path');
    const onError = behavior(name, clauses.onError, ['TRUE', 'FALSE', 'UNKNOWN', 'ERROR'], 'FALSE');
    return { kind: 'call', op: 'json-exists', args: [json, path, spec({ fn: name, onError, at: place(at) })], type: BOOLEAN };
  }
  if (name === 'JSON_VALUE') {
    refuse(name, clauses.wrapper?.position, 'takes no WRAPPER clause (that is JSON_QUERY)');
    const type = clauses.returning === null ? STRING : withoutRowtime(resolveType(clauses.returning));
    const returning = type.kind === 'STRING' || type.kind === 'INT' || type.kind === 'DOUBLE' || type.kind === 'BOOLEAN' ? type.kind : undefined;
    // CHAR(n) is a STRING to Sluice, but not a VARCHAR to Flink's code generator, which refuses it.
    if (returning === undefined || clauses.returning?.name.toUpperCase() === 'CHAR') {
      const shown = returning === undefined ? formatType(type) : clauses.returning!.name.toUpperCase();
      throw new PlanError(`Function 'JSON_VALUE' cannot return ${shown}: Flink 1.20 takes RETURNING STRING, INT, DOUBLE or BOOLEAN`, { position: clauses.returning!.position });
    }
    const onEmpty = behavior(name, clauses.onEmpty, ['NULL', 'ERROR', 'DEFAULT'], 'NULL');
    const onError = behavior(name, clauses.onError, ['NULL', 'ERROR', 'DEFAULT'], 'NULL');
    const defaults = [clauses.onEmpty, clauses.onError].map((clause) => defaultValue(clause, type, bind));
    return { kind: 'call', op: 'json-value', args: [json, path, spec({ fn: name, returning, onEmpty, onError, at: place(at) }), ...defaults], type };
  }
  const type = clauses.returning === null ? STRING : withoutRowtime(resolveType(clauses.returning));
  const isArray = type.kind === 'ARRAY' && type.element.kind === 'STRING';
  if (type.kind !== 'STRING' && !isArray) {
    throw new PlanError(`Function 'JSON_QUERY' cannot return ${formatType(type)}: it takes RETURNING STRING or ARRAY<STRING>`, { position: clauses.returning!.position });
  }
  const allowed: readonly JsonQueryBehavior[] = isArray ? ['NULL', 'ERROR', 'EMPTY ARRAY'] : ['NULL', 'ERROR', 'EMPTY ARRAY', 'EMPTY OBJECT'];
  const onEmpty = behavior(name, clauses.onEmpty, allowed, 'NULL');
  const onError = behavior(name, clauses.onError, allowed, 'NULL');
  const wrapper = clauses.wrapper?.mode ?? 'WITHOUT';
  const result: DataType = isArray ? arrayType(STRING) : STRING;
  return { kind: 'call', op: 'json-query', args: [json, path, spec({ fn: name, returning: isArray ? 'ARRAY' : 'STRING', wrapper, onEmpty, onError, at: place(at) })], type: result };
}

/** `s IS JSON [VALUE | SCALAR | ARRAY | OBJECT]`, from the parser as "IS JSON"(s, kind). */
export function bindIsJson(node: FunctionCall, bind: BindExpression): Expr {
  const [operand, kind] = node.args;
  if (operand === undefined || kind?.kind !== 'symbol') throw new PlanError('IS JSON needs an operand', { position: node.position });
  const text = stringArgument('IS JSON', operand, bind, node.position, 1);
  return { kind: 'call', op: 'is-json', args: [text, { kind: 'literal', value: kind.name, type: STRING }], type: BOOLEAN };
}

function place(position: SourcePosition): SourcePosition {
  return { line: position.line, column: position.column };
}

function stringArgument(name: string, node: Expression, bind: BindExpression, at: SourcePosition, index: number): Expr {
  const expr = bind(node);
  if (expr.type.kind === 'STRING') return expr;
  if (expr.type.kind === 'NULL') return coerce(expr, STRING);
  throw new PlanError(`Function '${name}' takes a STRING as argument ${index}, not ${formatType(withoutRowtime(expr.type))}`, { position: node.position ?? at });
}

function refuse(name: string, position: SourcePosition | undefined, what: string): void {
  if (position !== undefined) throw new PlanError(`Function '${name}' ${what}`, { position });
}

function behavior<B extends string>(name: string, clause: JsonBehavior | null, allowed: readonly B[], fallback: B): B {
  if (clause === null) return fallback;
  if (!(allowed as readonly string[]).includes(clause.behavior)) {
    throw new PlanError(`Function '${name}' does not take ${clause.behavior} here (it takes ${allowed.join(', ')})`, { position: clause.position });
  }
  return clause.behavior as B;
}

/**
 * A DEFAULT's value, of the RETURNING type. Flink 1.20 needs a constant (a column fails its code generator) and
 * refuses NULL; it casts the default's Java object to the RETURNING type when the default is used, so a default
 * of another type fails the job there (a STRING result takes the default's text). Sluice refuses such a default
 * when planning.
 */
function defaultValue(clause: JsonBehavior | null, type: DataType, bind: BindExpression): Expr {
  const none: Expr = { kind: 'literal', value: null, type };
  if (clause === null || clause.behavior !== 'DEFAULT' || clause.value === null) return none;
  const expr = bind(clause.value);
  const where = { position: clause.value.position ?? clause.position };
  if (expr.type.kind === 'NULL') throw new PlanError("Function 'JSON_VALUE': DEFAULT NULL is not allowed (write NULL ON EMPTY / NULL ON ERROR)", where);
  if (!isConstant(expr)) throw new PlanError("Function 'JSON_VALUE': DEFAULT takes a constant (Flink 1.20 cannot plan a DEFAULT that reads a column)", where);
  if (type.kind === 'STRING') return expr.type.kind === 'STRING' ? expr : { kind: 'cast', arg: expr, type: STRING };
  if (withoutRowtime(expr.type).kind !== type.kind) {
    throw new PlanError(`Function 'JSON_VALUE': DEFAULT of type ${formatType(withoutRowtime(expr.type))} for RETURNING ${formatType(type)} (Flink 1.20 fails the job when it uses such a default; write a ${formatType(type)}, e.g. CAST(… AS ${formatType(type)}))`, where);
  }
  return expr;
}

function isConstant(expr: Expr): boolean {
  switch (expr.kind) {
    case 'literal': return true;
    case 'column': return false;
    case 'cast': return isConstant(expr.arg);
    case 'call': return !isNonDeterministicOp(expr.op) && expr.args.every(isConstant);
    case 'case': return expr.whens.every((w) => isConstant(w.when) && isConstant(w.then)) && (expr.otherwise === null || isConstant(expr.otherwise));
  }
}
