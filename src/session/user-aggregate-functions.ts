/**
 * `engine.registerAggregateFunction(name, definition)`: user-defined aggregate functions written in TypeScript.
 * The declared types are SQL types; the methods see argument values as the embedded API hands them out and
 * `getValue` returns what the in-process tables accept for the result type (as for scalar functions, see
 * user-functions.ts). The runtime side (runtime/aggregates/user-defined.ts) adds SQL positions to errors and checks
 * that accumulators can live in state.
 */
import { ExecutionError, PlanError } from '../common/errors.js';
import type { DataType } from '../common/types.js';
import type { Value } from '../common/values.js';
import { ConversionProblem, convertValue, fieldProblemMessage } from '../connectors/formats/convert.js';
import { parseType } from '../parser/index.js';
import { resolveType } from '../planner/binder/types.js';
import { BUILTIN_FUNCTIONS } from '../planner/binder/functions.js';
import { withUserAggregates, type UserAggregateSignature } from '../planner/binder/user-aggregates.js';
import { AGGREGATE_FUNCTION_NAMES, registerUserAggregate, unregisterUserAggregate } from '../runtime/aggregates/index.js';
import type { AggregateFunctionDefinition } from './aggregate-function-definition.js';
import type { ResultValue } from './api-types.js';
import { toResultValue } from './result-values.js';

const RESERVED = new Set<string>([
  ...BUILTIN_FUNCTIONS, ...AGGREGATE_FUNCTION_NAMES, 'COALESCE', 'NULLIF', 'IF', 'PROCTIME', 'CAST',
  // window functions, ranking functions and GROUPING: calls the planner reads before it looks for aggregates
  'TUMBLE', 'HOP', 'CUMULATE', 'SESSION', 'DESCRIPTOR', 'ROW_NUMBER', 'RANK', 'DENSE_RANK', 'GROUPING', 'GROUPING_ID',
]);
let engines = 0;

export class UserAggregateFunctions {
  private readonly signatures = new Map<string, UserAggregateSignature>();
  /** Stable within an engine; savepoints identify the function by name, not by this id (see operator-identity.ts). */
  private readonly prefix = `aggregate:${++engines}:`;

  has(name: string): boolean {
    return this.signatures.has(name.toUpperCase());
  }

  register<Acc extends object>(name: string, definition: AggregateFunctionDefinition<Acc>): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new PlanError(`Function name '${name}' is not an identifier`);
    const key = name.toUpperCase();
    if (RESERVED.has(key)) throw new PlanError(`'${name}' is a built-in function; choose another name`);
    for (const method of ['createAccumulator', 'accumulate', 'getValue', 'retract', 'merge'] as const) {
      const value: unknown = definition[method];
      const required = method !== 'retract' && method !== 'merge';
      if (typeof value !== 'function' && (required || value !== undefined)) {
        throw new PlanError(`Aggregate function '${name}': '${method}' must be a function${required ? '' : ' when given'}`);
      }
    }
    const typeOf = (text: string, what: string): DataType => {
      try {
        return resolveType(parseType(text));
      } catch (error) {
        throw new PlanError(`Function '${name}': ${what} '${text}' is not a type: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const parameters = definition.parameters.map((text, i) => typeOf(text, `parameter ${i + 1}`));
    const returns = typeOf(definition.returns, 'the result type');
    const id = `${this.prefix}${key}`;
    this.signatures.set(key, { id, name, parameters, returns, retracts: definition.retract !== undefined, merges: definition.merge !== undefined });

    const inputs = (args: readonly Value[]): ResultValue[] => args.map((value, i) => toResultValue(value, parameters[i]!));
    const policy = { epochMillisNumbers: true } as const;
    const { retract, merge } = definition;
    registerUserAggregate(id, {
      createAccumulator: () => definition.createAccumulator(),
      accumulate: (acc, args) => definition.accumulate(acc as Acc, ...inputs(args)),
      ...(retract ? { retract: (acc: unknown, args: readonly Value[]) => retract.call(definition, acc as Acc, ...inputs(args)) } : {}),
      ...(merge ? { merge: (acc: unknown, other: unknown) => merge.call(definition, acc as Acc, other as Acc) } : {}),
      getValue: (acc): Value => {
        const converted = convertValue(definition.getValue(acc as Acc), returns, policy);
        if (converted instanceof ConversionProblem) {
          throw new ExecutionError(fieldProblemMessage(name, returns, converted, `the result of function '${name}'`));
        }
        return converted;
      },
    });
  }

  /** Runs a (synchronous) planning step with these functions visible to the planner. */
  planning<T>(plan: () => T): T {
    return withUserAggregates(this.signatures, plan);
  }

  /** The registered names, as written (SHOW FUNCTIONS). */
  names(): string[] {
    return [...this.signatures.values()].map((signature) => signature.name);
  }

  close(): void {
    for (const { id } of this.signatures.values()) unregisterUserAggregate(id);
    this.signatures.clear();
  }
}
