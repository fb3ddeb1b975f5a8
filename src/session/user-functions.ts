/**
 * `engine.registerFunction(name, definition)`: user-defined scalar functions written in TypeScript. The declared
 * types are SQL types; the function sees argument values as the embedded API hands them out (BIGINT as bigint,
 * DECIMAL and TIMESTAMP as strings, …, NULL as null) and may return what the in-process tables accept for its result
 * type. A function that throws fails the job with an error naming it; a result of the wrong type too.
 */
import { ExecutionError, PlanError } from '../common/errors.js';
import type { DataType } from '../common/types.js';
import type { Value } from '../common/values.js';
import { userFunctionId } from '../dataflow/expr.js';
import { ConversionProblem, convertValue, fieldProblemMessage } from '../connectors/formats/convert.js';
import { parseType } from '../parser/index.js';
import { resolveType } from '../planner/binder/types.js';
import { BUILTIN_FUNCTIONS } from '../planner/binder/functions.js';
import { withUserFunctions, type UserFunctionSignature } from '../planner/binder/user-functions.js';
import { registerUserFunction, unregisterUserFunction } from '../runtime/expr/user-functions.js';
import type { ResultValue, ScalarFunctionDefinition } from './api-types.js';
import { toResultValue } from './result-values.js';

const RESERVED = new Set([...BUILTIN_FUNCTIONS, 'COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'COALESCE', 'NULLIF', 'IF', 'PROCTIME', 'CAST']);
let engines = 0;

export class UserFunctions {
  private readonly signatures = new Map<string, UserFunctionSignature>();
  /** Unique to this engine; savepoints identify the function by name, not by this id (see operator-identity.ts). */
  private readonly prefix = `${++engines}`;

  register(name: string, definition: ScalarFunctionDefinition): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new PlanError(`Function name '${name}' is not an identifier`);
    const key = name.toUpperCase();
    if (RESERVED.has(key)) throw new PlanError(`'${name}' is a built-in function; choose another name`);
    const typeOf = (text: string, what: string): DataType => {
      try {
        return resolveType(parseType(text));
      } catch (error) {
        throw new PlanError(`Function '${name}': ${what} '${text}' is not a type: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const parameters = definition.parameters.map((text, i) => typeOf(text, `parameter ${i + 1}`));
    const returns = typeOf(definition.returns, 'the result type');
    const id = userFunctionId(this.prefix, key);
    this.signatures.set(key, { id, name, parameters, returns });
    const policy = { epochMillisNumbers: true } as const;
    registerUserFunction(id, {
      name,
      call: (args: readonly Value[]): Value => {
        const inputs: ResultValue[] = args.map((value, i) => toResultValue(value, parameters[i]!));
        let result: unknown;
        try {
          result = definition.eval(...inputs);
        } catch (error) {
          throw new ExecutionError(`Function '${name}' failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        const converted = convertValue(result, returns, policy);
        if (converted instanceof ConversionProblem) {
          throw new ExecutionError(fieldProblemMessage(name, returns, converted, `the result of function '${name}'`));
        }
        return converted;
      },
    });
  }

  /** Runs a (synchronous) planning step with these functions visible to the binder. */
  planning<T>(plan: () => T): T {
    return withUserFunctions(this.signatures, plan);
  }

  has(name: string): boolean {
    return this.signatures.has(name.toUpperCase());
  }

  /** Forgets the function (DROP FUNCTION); queries planned before keep calling it. False when there is none. */
  unregister(name: string): boolean {
    const key = name.toUpperCase();
    if (!this.signatures.has(key)) return false;
    // The runtime entry stays until close(): a running job may still call it.
    this.signatures.delete(key);
    return true;
  }

  /** The registered names, as written (SHOW FUNCTIONS). */
  names(): string[] {
    return [...this.signatures.values()].map((signature) => signature.name);
  }

  close(): void {
    for (const { id } of this.signatures.values()) unregisterUserFunction(id);
    this.signatures.clear();
  }
}
