/**
 * `engine.registerTableFunction(name, definition)`: user-defined table functions written in TypeScript, used as
 * `LATERAL TABLE(name(…))`. As for scalar functions (user-functions.ts), the declared types are SQL types, the
 * function sees arguments as the embedded API hands out values, and each produced value is converted to its
 * column's type — a value that does not fit fails the job with an error naming the function and the column.
 */
import { ExecutionError, PlanError } from '../common/errors.js';
import type { DataType } from '../common/types.js';
import type { Value } from '../common/values.js';
import { userFunctionId } from '../dataflow/expr.js';
import { ConversionProblem, convertValue, describeInput, fieldProblemMessage } from '../connectors/formats/convert.js';
import { parseType } from '../parser/index.js';
import { BUILTIN_FUNCTIONS } from '../planner/binder/functions.js';
import { resolveType } from '../planner/binder/types.js';
import { withUserTableFunctions, type TableFunctionField, type UserTableFunctionSignature } from '../planner/binder/user-table-functions.js';
import { registerUserTableFunction, unregisterUserTableFunction } from '../runtime/expr/user-table-functions.js';
import type { ResultValue } from './api-types.js';
import { toResultValue } from './result-values.js';
import type { TableFunctionDefinition } from './table-function-types.js';

const RESERVED = new Set([...BUILTIN_FUNCTIONS, 'UNNEST']);
const POLICY = { epochMillisNumbers: true } as const;
let engines = 0;

export class UserTableFunctions {
  private readonly signatures = new Map<string, UserTableFunctionSignature>();
  /** Unique to this engine; savepoints identify the function by name, not by this id (see operator-identity.ts). */
  private readonly prefix = `${++engines}:table`;

  register(name: string, definition: TableFunctionDefinition): void {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new PlanError(`Table function name '${name}' is not an identifier`);
    const key = name.toUpperCase();
    if (RESERVED.has(key)) throw new PlanError(`'${name}' is a built-in function; choose another name`);
    const typeOf = (text: string, what: string): DataType => {
      try {
        return resolveType(parseType(text));
      } catch (error) {
        throw new PlanError(`Table function '${name}': ${what} '${text}' is not a type: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const parameters = definition.parameters.map((text, i) => typeOf(text, `parameter ${i + 1}`));
    const fields: TableFunctionField[] = Object.entries(definition.returns).map(([field, text]) => ({ name: field, type: typeOf(text, `column '${field}'`) }));
    if (fields.length === 0) throw new PlanError(`Table function '${name}' must return at least one column`);
    const id = userFunctionId(this.prefix, key);
    this.signatures.set(key, { id, name, parameters, fields });
    registerUserTableFunction(id, {
      name,
      call: (args: readonly Value[]): Iterable<readonly Value[]> => {
        const inputs: ResultValue[] = args.map((value, i) => toResultValue(value, parameters[i]!));
        return convertedRows(name, fields, definition.eval(...inputs));
      },
    });
  }

  /** Runs a (synchronous) planning step with these functions visible to the planner. */
  planning<T>(plan: () => T): T {
    return withUserTableFunctions(this.signatures, plan);
  }

  /** The registered names, as written (SHOW FUNCTIONS). */
  names(): string[] {
    return [...this.signatures.values()].map((signature) => signature.name);
  }

  close(): void {
    for (const { id } of this.signatures.values()) unregisterUserTableFunction(id);
    this.signatures.clear();
  }
}

/** The produced rows as runtime values in column order, checked against the declared types as they come. */
function* convertedRows(name: string, fields: readonly TableFunctionField[], produced: unknown): Generator<readonly Value[]> {
  if (produced === null || typeof produced !== 'object' || !(Symbol.iterator in produced)) {
    throw new ExecutionError(`Table function '${name}' must return an iterable of rows (write eval as a generator, *eval(…) { yield { … } }), not ${describeInput(produced)}`);
  }
  for (const row of produced as Iterable<unknown>) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new ExecutionError(`Table function '${name}' produced ${describeInput(row)}, not a row object with the columns ${fields.map((f) => f.name).join(', ')}`);
    }
    const object = row as Record<string, unknown>;
    yield fields.map((field) => {
      const converted = convertValue(object[field.name], field.type, POLICY);
      if (converted instanceof ConversionProblem) {
        throw new ExecutionError(fieldProblemMessage(field.name, field.type, converted, `column '${field.name}' of table function '${name}'`));
      }
      return converted;
    });
  }
}
