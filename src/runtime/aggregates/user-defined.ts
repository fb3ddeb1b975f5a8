/**
 * User-defined aggregate functions at run time. The session registers each one under a unique id (the plan refers
 * to it by that id, as plain data) with methods that convert values to and from what the user's code sees; this
 * module adapts it to the `AggregateFunction` contract of the operators:
 * - the argument is the ROW of the call's SQL arguments (spread into separate arguments), or NULL where
 *   FILTER (WHERE …) leaves the row out, which then does not reach the function at all;
 * - the user's accumulator is an object updated in place. It lives in keyed state, so it must be structured-cloneable
 *   plain data: the first accumulator of each operator is checked (all through) once created and once first updated,
 *   and every accumulator is marked for the state backends (state/storable.ts), so that one that becomes unstorable
 *   later fails the job with the same error when state is written;
 * - anything the user's code throws fails the job with an ExecutionError naming the function and the SQL position.
 */
import { serialize } from 'node:v8';
import { ExecutionError, InternalError, SluiceError, type SourcePosition } from '../../common/errors.js';
import type { ArrayValue, Value } from '../../common/values.js';
import type { AggregateCall, UserAggregateRef } from '../../dataflow/graph.js';
import { markUserObject } from '../state/storable.js';
import type { AggregateFunction } from './aggregate-function.js';

/** The session's side of a user-defined aggregate: the user's methods behind value conversions. */
export interface UserAggregateImpl {
  createAccumulator(): unknown;
  /** Called with the call's argument values (NULLs included), in the runtime representation. */
  accumulate(acc: unknown, args: readonly Value[]): void;
  retract?(acc: unknown, args: readonly Value[]): void;
  merge?(acc: unknown, other: unknown): void;
  /** The result in the runtime representation of the declared result type (an error if it is not of that type). */
  getValue(acc: unknown): Value;
}

const registered = new Map<string, UserAggregateImpl>();

export function registerUserAggregate(id: string, impl: UserAggregateImpl): void {
  registered.set(id, impl);
}

export function unregisterUserAggregate(id: string): void {
  registered.delete(id);
}

/** The AggregateFunction for a USER_DEFINED call. */
export function userDefinedAggregate(call: AggregateCall): AggregateFunction<unknown> {
  const ref = call.userFunction;
  if (!ref) throw new InternalError(`Aggregate call ${call.display} has no user-defined function`);
  const impl = registered.get(ref.id);
  if (!impl) throw new InternalError(`User-defined aggregate function ${ref.id} is not registered (was its engine closed?)`);
  const guard = guarded(ref);
  const argsOf = (value: Value): readonly Value[] => (ref.parameterCount === 0 ? [] : (value as ArrayValue));
  let checkCreated = true;
  let checkUpdated = true;
  // What a state backend says when it cannot write an accumulator that changed since (see state/storable.ts).
  const explainLater = (acc: object, serializeProblem: string): SluiceError =>
    unstorable(ref, `cannot be stored: ${nestedProblem(acc, 'acc', new Set()) ?? serializeProblem}`, 'a later update, when written to state');
  const mark = (acc: unknown): void => {
    if (acc !== null && typeof acc === 'object') markUserObject(acc, explainLater);
  };
  return {
    createAccumulator() {
      const acc = guard('createAccumulator', () => impl.createAccumulator());
      if (checkCreated) {
        checkCreated = false;
        requireStorable(ref, acc, 'createAccumulator');
      }
      mark(acc);
      return acc;
    },
    accumulate(acc, value) {
      if (value === null) return acc; // left out by FILTER (WHERE …)
      guard('accumulate', () => impl.accumulate(acc, argsOf(value)));
      if (checkUpdated) {
        checkUpdated = false;
        requireStorable(ref, acc, 'accumulate');
      }
      mark(acc); // also an accumulator the SQLite backend read back (a new object)
      return acc;
    },
    retract(acc, value) {
      if (value === null) return acc;
      const retract = impl.retract;
      if (!retract) throw new InternalError(`Function '${ref.name}' cannot retract, yet a retraction reached it`);
      guard('retract', () => retract.call(impl, acc, argsOf(value)));
      mark(acc);
      return acc;
    },
    merge(acc, other) {
      const merge = impl.merge;
      if (!merge) throw new InternalError(`Function '${ref.name}' cannot merge, yet accumulators were merged`);
      guard('merge', () => merge.call(impl, acc, other));
      mark(acc);
      return acc;
    },
    getValue: (acc) => guard('getValue', () => impl.getValue(acc)),
  };
}

/** Runs one method of the user's function; its errors fail the job naming the function and the call's position. */
function guarded(ref: UserAggregateRef): <T>(method: string, run: () => T) => T {
  const at = ref.position === undefined ? {} : { position: ref.position };
  return (method, run) => {
    try {
      return run();
    } catch (error) {
      throw failure(ref, method, error, at);
    }
  };
}

function failure(ref: UserAggregateRef, method: string, error: unknown, at: { position?: SourcePosition }): SluiceError {
  if (error instanceof SluiceError) {
    return error.position !== undefined ? error : new ExecutionError(error.detail, { ...at, ...(error.hint ? { hint: error.hint } : {}), cause: error.cause ?? error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExecutionError(`Function '${ref.name}' failed in ${method}: ${message}`, { ...at, cause: error });
}

const STORABLE = 'accumulators live in keyed state and must be structured-cloneable plain data: numbers, bigints, strings, booleans, null, arrays, plain objects, Maps, Sets';

function unstorable(ref: UserAggregateRef, problem: string, after: string): ExecutionError {
  const at = ref.position === undefined ? {} : { position: ref.position };
  return new ExecutionError(`The accumulator of function '${ref.name}' ${problem} (after ${after})`, { ...at, hint: STORABLE });
}

/** Refuses an accumulator the state backends could not store, or would give back without its class. */
function requireStorable(ref: UserAggregateRef, acc: unknown, after: string): void {
  const refuse = (problem: string): never => {
    throw unstorable(ref, problem, after);
  };
  if (acc === null || typeof acc !== 'object') return refuse(`is ${acc === null ? 'null' : `a ${typeof acc}`}, not an object updated in place`);
  const prototype: unknown = Object.getPrototypeOf(acc);
  if (!isPlainContainer(acc)) refuse(`is an instance of class ${className(prototype)}, which state would give back as a plain object`);
  const nested = nestedProblem(acc, 'acc', new Set());
  if (nested !== undefined) refuse(`cannot be stored: ${nested}`);
  try {
    serialize(acc);
  } catch (error) {
    refuse(`cannot be stored: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * What in `value` (written as `path`) state could not store, or would give back changed: a function, a symbol, an
 * instance of a class (given back as a plain object), or anything else `v8.serialize` refuses; undefined for none.
 */
function nestedProblem(value: unknown, path: string, seen: Set<object>): string | undefined {
  if (typeof value === 'function') return `${path} is a function`;
  if (typeof value === 'symbol') return `${path} is a symbol`;
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  if (value instanceof Map) {
    for (const [key, item] of value) {
      const problem = nestedProblem(key, `a key of ${path}`, seen) ?? nestedProblem(item, `${path}.get(${describeKey(key)})`, seen);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (value instanceof Set) {
    for (const item of value) {
      const problem = nestedProblem(item, `a member of ${path}`, seen);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = nestedProblem(value[i], `${path}[${i}]`, seen);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (isPlainContainer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = nestedProblem(item, /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`, seen);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (value instanceof Date || value instanceof RegExp || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return undefined;
  try {
    serialize(value);
  } catch (error) {
    return `${path} cannot be stored (${error instanceof Error ? error.message : String(error)})`;
  }
  return `${path} is an instance of class ${className(Object.getPrototypeOf(value))}, which state would give back as a plain object`;
}

function isPlainContainer(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null || Array.isArray(value) || value instanceof Map || value instanceof Set;
}

function className(prototype: unknown): string {
  return (prototype as { constructor?: { name?: string } } | null | undefined)?.constructor?.name ?? 'unknown';
}

function describeKey(key: unknown): string {
  return typeof key === 'string' ? JSON.stringify(key) : typeof key === 'bigint' ? `${key}n` : String(key);
}
