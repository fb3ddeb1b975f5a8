/**
 * User-defined table functions at plan time: the signatures the session registered, visible to the planner while
 * the session plans a statement (as the scalar functions in user-functions.ts). `LATERAL TABLE(f(x))` binds to a
 * correlate calling the function by its id (see runtime/expr/user-table-functions.ts).
 */
import { PlanError, type SourcePosition } from '../../common/errors.js';
import { formatType, sameType, withoutRowtime, type DataType } from '../../common/types.js';
import type { Expr } from '../../dataflow/expr.js';
import { coerce, commonType } from './coercion.js';

export interface TableFunctionField {
  readonly name: string;
  readonly type: DataType;
}

export interface UserTableFunctionSignature {
  readonly id: string;
  readonly name: string;
  readonly parameters: readonly DataType[];
  /** The columns of the rows it produces, in order. */
  readonly fields: readonly TableFunctionField[];
}

let current: ReadonlyMap<string, UserTableFunctionSignature> | undefined;

/** Runs `plan` with `functions` (keyed by upper-case name) visible to the planner. */
export function withUserTableFunctions<T>(functions: ReadonlyMap<string, UserTableFunctionSignature>, plan: () => T): T {
  const previous = current;
  current = functions;
  try {
    return plan();
  } finally {
    current = previous;
  }
}

export function lookupUserTableFunction(name: string): UserTableFunctionSignature | undefined {
  return current?.get(name.toUpperCase());
}

export function userTableFunctionNames(): string[] {
  return current ? [...current.values()].map((f) => f.name) : [];
}

/** The arguments of `f(a, b)`, widened to the declared parameter types (implicit widening only, as Flink's). */
export function bindTableFunctionArguments(
  fn: UserTableFunctionSignature,
  args: readonly { expr: Expr; position: SourcePosition }[],
  position: SourcePosition,
): Expr[] {
  if (args.length !== fn.parameters.length) {
    throw new PlanError(`Table function '${fn.name}' takes ${fn.parameters.length} argument${fn.parameters.length === 1 ? '' : 's'}, got ${args.length}`, { position });
  }
  return args.map(({ expr, position: at }, i) => {
    const wanted = fn.parameters[i]!;
    const common = commonType(expr.type, wanted);
    if (common === undefined || !sameType(common, wanted)) {
      throw new PlanError(`Table function '${fn.name}' takes ${formatType(wanted)} as argument ${i + 1}, not ${formatType(withoutRowtime(expr.type))}`, { position: at });
    }
    return coerce(expr, wanted);
  });
}
