/**
 * User-defined aggregate functions at plan time: the signatures the session registered, visible to the planner while
 * the session plans a statement (as user-defined scalar functions are, in user-functions.ts). A call of one is an
 * aggregate call wherever a built-in aggregate's would be (query/user-aggregate-call.ts plans it).
 */
import type { DataType } from '../../common/types.js';

export interface UserAggregateSignature {
  /** Unique per engine: where the runtime finds the implementation. */
  readonly id: string;
  readonly name: string;
  readonly parameters: readonly DataType[];
  readonly returns: DataType;
  readonly retracts: boolean;
  readonly merges: boolean;
}

let current: ReadonlyMap<string, UserAggregateSignature> | undefined;

/** Runs `plan` with `functions` (keyed by upper-case name) visible to the planner. */
export function withUserAggregates<T>(functions: ReadonlyMap<string, UserAggregateSignature>, plan: () => T): T {
  const previous = current;
  current = functions;
  try {
    return plan();
  } finally {
    current = previous;
  }
}

export function lookupUserAggregate(name: string): UserAggregateSignature | undefined {
  return current?.get(name.toUpperCase());
}

export function userAggregateNames(): string[] {
  return current ? [...current.values()].map((f) => f.name) : [];
}
