/**
 * User-defined scalar functions at plan time: the signatures the session registered, visible to the binder while
 * the session plans a statement (planning is synchronous, so the session sets them around each planning call).
 * A call binds to a `udf` call whose first argument is the function's id (see runtime/expr/user-functions.ts).
 */
import { PlanError, type SourcePosition } from '../../common/errors.js';
import { formatType, sameType, withoutRowtime, type DataType } from '../../common/types.js';
import type { Expr } from '../../dataflow/expr.js';
import { coerce, commonType } from './coercion.js';

export interface UserFunctionSignature {
  readonly id: string;
  readonly name: string;
  readonly parameters: readonly DataType[];
  readonly returns: DataType;
}

let current: ReadonlyMap<string, UserFunctionSignature> | undefined;

/** Runs `plan` with `functions` (keyed by upper-case name) visible to the binder. */
export function withUserFunctions<T>(functions: ReadonlyMap<string, UserFunctionSignature>, plan: () => T): T {
  const previous = current;
  current = functions;
  try {
    return plan();
  } finally {
    current = previous;
  }
}

export function lookupUserFunction(name: string): UserFunctionSignature | undefined {
  return current?.get(name.toUpperCase());
}

export function userFunctionNames(): string[] {
  return current ? [...current.values()].map((f) => f.name) : [];
}

/** `f(a, b)`: arguments widened to the declared parameter types. */
export function bindUserFunction(fn: UserFunctionSignature, args: readonly { expr: Expr; position: SourcePosition }[], position: SourcePosition): Expr {
  if (args.length !== fn.parameters.length) {
    throw new PlanError(`Function '${fn.name}' takes ${fn.parameters.length} argument${fn.parameters.length === 1 ? '' : 's'}, got ${args.length}`, { position });
  }
  const converted = args.map(({ expr, position: at }, i) => {
    const wanted = fn.parameters[i]!;
    // Implicit widening only (INT → BIGINT, DECIMAL scales, NULL), as Flink's type inference for function calls.
    const common = commonType(expr.type, wanted);
    if (common === undefined || !sameType(common, wanted)) {
      throw new PlanError(`Function '${fn.name}' takes ${formatType(wanted)} as argument ${i + 1}, not ${formatType(withoutRowtime(expr.type))}`, { position: at });
    }
    return coerce(expr, wanted);
  });
  return { kind: 'call', op: 'udf', args: [{ kind: 'literal', value: fn.id, type: { kind: 'STRING' } }, ...converted], type: fn.returns };
}
