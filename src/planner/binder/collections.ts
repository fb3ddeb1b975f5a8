/**
 * Binding ROW, ARRAY and MAP expressions: `person.id` (a ROW column's field, also `t.person.id` and `(r).f`),
 * `arr[1]` (1-based; NULL past the end, as Flink), `m['k']` (NULL for a missing key), the constructors
 * `ROW(a, b)` / `(a, b)`, `ARRAY[…]`, `MAP[k, v, …]`, and CARDINALITY.
 */
import { PlanError, type SourcePosition } from '../../common/errors.js';
import { BOOLEAN, INT, arrayType, formatType, mapType, rowType, withoutRowtime, type DataType, type RowField } from '../../common/types.js';
import { literalExpr, type Expr } from '../../dataflow/expr.js';
import type { ColumnRef, ConstructorExpr, Expression, Identifier } from '../../parser/ast.js';
import { coerce, commonType } from './coercion.js';
import { resolveColumn, type Scope } from './scope.js';
import { suggestName } from './suggest.js';

export const COLLECTION_FUNCTIONS: readonly string[] = ['CARDINALITY', 'ARRAY_CONTAINS', 'ARRAY_REVERSE', 'MAP_KEYS', 'MAP_VALUES'];

type Bind = (node: Expression) => Expr;

/**
 * A column reference, where `a.b.c` may be column `b` of table `a` then field `c`, or column `a` then fields `b`, `c`.
 * A table qualifier wins over a ROW column of the same name, as in Flink.
 */
export function bindColumnPath(ref: ColumnRef, scope: Scope): Expr {
  const path = ref.path;
  if (path.length === 1) return columnOf(ref, scope);
  const head = path[0]!.name.toLowerCase();
  const qualified = scope.columns.some((c) => c.qualifier?.toLowerCase() === head);
  if (!qualified && !scope.columns.some((c) => c.name.toLowerCase() === head)) {
    return columnOf({ ...ref, path: path.slice(0, 2) }, scope); // throws: names the unknown table or alias
  }
  const columnLength = qualified ? 2 : 1;
  let expr = columnOf({ ...ref, path: path.slice(0, columnLength) }, scope);
  for (const field of path.slice(columnLength)) expr = fieldAccess(expr, field);
  return expr;
}

function columnOf(ref: ColumnRef, scope: Scope): Expr {
  const column = resolveColumn(ref, scope);
  return { kind: 'column', index: column.index, type: column.type };
}

/** `expr.field` on a ROW value. */
export function fieldAccess(expr: Expr, field: Identifier): Expr {
  const type = expr.type;
  if (type.kind !== 'ROW') {
    throw new PlanError(`Cannot access field '${field.name}' of a value of type ${formatType(withoutRowtime(type))}: only ROW values have fields`, {
      position: field.position,
    });
  }
  const index = findField(type.fields, field);
  return { kind: 'call', op: 'row-field', args: [expr, literalExpr(index, INT)], type: withoutRowtime(type.fields[index]!.type) };
}

function findField(fields: readonly RowField[], field: Identifier): number {
  const exact = fields.findIndex((f) => f.name === field.name);
  if (exact >= 0) return exact;
  const lower = field.name.toLowerCase();
  const matches = fields.flatMap((f, i) => (f.name.toLowerCase() === lower ? [i] : []));
  if (matches.length === 1) return matches[0]!;
  const suggestion = suggestName(field.name, fields.map((f) => f.name));
  throw new PlanError(`Unknown field '${field.name}' in ${formatType(rowType(fields))}`, {
    position: field.position,
    hint: suggestion === undefined ? undefined : `did you mean '${suggestion}'?`,
  });
}

/** `arr[i]` (INT index from 1) or `m[key]`. */
export function elementAccess(operand: Expr, index: Expr, position: SourcePosition, indexPosition: SourcePosition): Expr {
  const type = operand.type;
  if (type.kind === 'ARRAY') {
    if (index.type.kind !== 'INT' && index.type.kind !== 'BIGINT' && index.type.kind !== 'NULL') {
      throw new PlanError(`An array index must be an integer, not ${formatType(index.type)}`, { position: indexPosition });
    }
    return { kind: 'call', op: 'array-element', args: [operand, coerce(index, INT)], type: type.element };
  }
  if (type.kind === 'MAP') {
    const key = commonType(type.key, index.type);
    if (key === undefined) {
      throw new PlanError(`A key of ${formatType(type)} must be of type ${formatType(type.key)}, not ${formatType(index.type)}`, { position: indexPosition });
    }
    return { kind: 'call', op: 'map-value', args: [coerce(operand, mapType(key, type.value)), coerce(index, key)], type: type.value };
  }
  throw new PlanError(`Cannot index a value of type ${formatType(withoutRowtime(type))}: only ARRAY and MAP values have elements`, { position });
}

/** `ROW(a, b)`, `ARRAY[a, b]`, `MAP[k1, v1, k2, v2]`. Fields of a constructed ROW are named EXPR$0, EXPR$1, … as in Flink. */
export function bindConstructor(node: ConstructorExpr, bind: Bind): Expr {
  const args = node.args.map(bind);
  if (node.type === 'ROW') {
    const type = rowType(args.map((a, i) => ({ name: `EXPR$${i}`, type: withoutRowtime(a.type) })));
    return { kind: 'call', op: 'row-constructor', args, type };
  }
  if (args.length === 0) throw new PlanError(`${node.type}[] needs at least one element`, { position: node.position });
  if (node.type === 'ARRAY') {
    const element = unify(args, node.args, 'ARRAY element');
    return { kind: 'call', op: 'array-constructor', args: args.map((a) => coerce(a, element)), type: arrayType(element) };
  }
  const keys = args.filter((_, i) => i % 2 === 0);
  const values = args.filter((_, i) => i % 2 === 1);
  const key = unify(keys, node.args.filter((_, i) => i % 2 === 0), 'MAP key');
  const value = unify(values, node.args.filter((_, i) => i % 2 === 1), 'MAP value');
  const coerced = args.map((a, i) => coerce(a, i % 2 === 0 ? key : value));
  return { kind: 'call', op: 'map-constructor', args: coerced, type: mapType(key, value) };
}

function unify(args: readonly Expr[], nodes: readonly Expression[], what: string): DataType {
  let type = args[0]!.type;
  for (let i = 1; i < args.length; i++) {
    const next = commonType(type, args[i]!.type);
    if (next === undefined) {
      throw new PlanError(`${what} of type ${formatType(withoutRowtime(args[i]!.type))} does not match the earlier ${formatType(withoutRowtime(type))}`, {
        position: nodes[i]!.position,
      });
    }
    type = next;
  }
  return withoutRowtime(type.kind === 'NULL' ? INT : type);
}

/** CARDINALITY(array or map) → INT. */
export function bindCardinality(args: readonly Expr[], position: SourcePosition): Expr {
  if (args.length !== 1) throw new PlanError(`Function 'CARDINALITY' takes 1 argument, got ${args.length}`, { position });
  const arg = args[0]!;
  if (arg.type.kind !== 'ARRAY' && arg.type.kind !== 'MAP' && arg.type.kind !== 'NULL') {
    throw new PlanError(`Function 'CARDINALITY' takes an ARRAY or a MAP, not ${formatType(withoutRowtime(arg.type))}`, { position });
  }
  return { kind: 'call', op: 'cardinality', args: [arg], type: INT };
}

/** ARRAY_CONTAINS(array, needle) → BOOLEAN; ARRAY_REVERSE(array); MAP_KEYS(map) / MAP_VALUES(map) → ARRAY. */
export function bindCollectionFunction(name: string, args: readonly Expr[], position: SourcePosition): Expr {
  const expected = name === 'ARRAY_CONTAINS' ? 2 : 1;
  if (args.length !== expected) throw new PlanError(`Function '${name}' takes ${expected} argument${expected === 1 ? '' : 's'}, got ${args.length}`, { position });
  const arg = args[0]!;
  const wantsMap = name.startsWith('MAP_');
  const type = withoutRowtime(arg.type);
  if (wantsMap ? type.kind !== 'MAP' : type.kind !== 'ARRAY') {
    throw new PlanError(`Function '${name}' takes ${wantsMap ? 'a MAP' : 'an ARRAY'}, not ${formatType(type)}`, { position });
  }
  if (type.kind === 'MAP') {
    return { kind: 'call', op: name === 'MAP_KEYS' ? 'map-keys' : 'map-values', args: [arg], type: arrayType(name === 'MAP_KEYS' ? type.key : type.value) };
  }
  if (type.kind !== 'ARRAY') throw new PlanError(`Function '${name}' takes an ARRAY`, { position });
  if (name === 'ARRAY_REVERSE') return { kind: 'call', op: 'array-reverse', args: [arg], type };
  const needle = args[1]!;
  const common = commonType(type.element, needle.type);
  if (common === undefined) {
    throw new PlanError(`Function 'ARRAY_CONTAINS' looks for a ${formatType(type.element)} element, not ${formatType(withoutRowtime(needle.type))}`, { position });
  }
  return { kind: 'call', op: 'array-contains', args: [coerce(arg, arrayType(common)), coerce(needle, common)], type: BOOLEAN };
}
