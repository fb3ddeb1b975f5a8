/**
 * `CREATE [TEMPORARY] [SYSTEM] FUNCTION name AS 'path/to/module.mjs' LANGUAGE JAVASCRIPT`: the module's default export
 * is a scalar function definition, the object `engine.registerFunction(name, definition)` takes. A relative path
 * resolves against the function directory (the SQL script's directory for `sluice run file.sql`, else the working
 * directory). Flink's JVM and Python functions (LANGUAGE JAVA, SCALA, PYTHON, or no LANGUAGE: a Java class name)
 * are refused at their position.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NotImplementedError, PlanError } from '../common/errors.js';
import type { CreateFunction } from '../parser/ast.js';
import type { ScalarFunctionDefinition } from './api-types.js';

/** The definition the module at `statement`'s path exports by default. */
export async function loadFunctionModule(statement: CreateFunction, functionDirectory: string): Promise<ScalarFunctionDefinition> {
  const name = statement.name.name;
  if (statement.language !== 'JAVASCRIPT') {
    const what = statement.language === null ? `a ${quoted(statement.className)} class (Flink's default LANGUAGE JAVA)` : `LANGUAGE ${statement.language}`;
    throw new NotImplementedError(`CREATE FUNCTION with ${what} is not supported yet: Sluice runs JavaScript functions; write '${name}' as a module whose default export is a function definition and add LANGUAGE JAVASCRIPT`, {
      position: statement.languagePosition ?? statement.classNamePosition,
    });
  }
  const path = isAbsolute(statement.className) ? statement.className : resolve(functionDirectory, statement.className);
  const at = { position: statement.classNamePosition };
  let module: { readonly default?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as { readonly default?: unknown };
  } catch (error) {
    throw new PlanError(`Function '${name}': cannot load the module ${quoted(path)}: ${error instanceof Error ? error.message : String(error)}`, at);
  }
  const definition = module.default;
  if (!isScalarDefinition(definition)) {
    throw new PlanError(`Function '${name}': the module ${quoted(path)} must export by default { parameters: [SQL types], returns: 'SQL type', eval(...args) }`, at);
  }
  return definition;
}

function isScalarDefinition(value: unknown): value is ScalarFunctionDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return Array.isArray(candidate['parameters']) && candidate['parameters'].every((p) => typeof p === 'string')
    && typeof candidate['returns'] === 'string' && typeof candidate['eval'] === 'function';
}

function quoted(text: string): string {
  return `'${text}'`;
}
